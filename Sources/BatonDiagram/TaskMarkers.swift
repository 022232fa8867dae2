import BatonModel

/// The task-type icon at an activity's top left and the markers along its bottom edge
/// (multi-instance bars, ad-hoc tilde, collapsed [+]), after the BPMN 2.0 notation.
///
/// Icons are designed in a 16-unit box around (0, 0) and drawn at a fixed size: BPMN tasks come in
/// one size, and a marker that grew with the box would crowd the name.
enum TaskMarkers {
    enum BottomMarker: Equatable {
        case parallelMultiInstance, sequentialMultiInstance, adHoc, collapsed
    }

    /// The type icon for `kind`, or nothing for plain tasks, subprocesses and call activities.
    static func drawTypeIcon(_ kind: FlowNodeKind, in bounds: Diagram.Bounds, into svg: inout SVGWriter) {
        let origin = Diagram.Point(x: bounds.x + 15, y: bounds.y + 15)
        var path = SVGPath(origin: origin)
        var style = "bpmn-marker bpmn-marker-light"
        switch kind {
        case .userTask:
            path.circle(0, -3.5, radius: 3.5)
            path.polygon([(-7, 8), (-7, 4), (-4, 1), (4, 1), (7, 4), (7, 8)])
        case .serviceTask:
            path.polygon(gear())
            path.circle(0, 0, radius: 2.2)
        case .sendTask, .receiveTask:
            let sending: Bool = if case .sendTask = kind { true } else { false }
            path.polygon([(-8, -5.5), (8, -5.5), (8, 5.5), (-8, 5.5)])
            svg.leaf("path", [("class", sending ? "bpmn-marker bpmn-marker-filled" : style), ("d", path.data)])
            var flap = SVGPath(origin: origin)
            flap.polyline([(-8, -5.5), (0, 1), (8, -5.5)])
            svg.leaf("path", [("class", sending ? "bpmn-marker bpmn-marker-inverse" : style), ("d", flap.data)])
            return
        case .manualTask:
            // A hand seen from the side: back of the hand, thumb and four fingers.
            path.polyline([(3, 6), (-8, 6), (-8, -1), (-4, -5), (7, -5)])
            path.polyline([(-1, -2), (8, -2)])
            path.polyline([(-1, 1), (7, 1)])
            path.polyline([(-1, 4), (5, 4)])
        case .businessRuleTask:
            path.polygon([(-8, -6), (8, -6), (8, 6), (-8, 6)])
            path.polyline([(-8, 1), (8, 1)])
            path.polyline([(-3, -2), (-3, 6)])
            var header = SVGPath(origin: origin)
            header.polygon([(-8, -6), (8, -6), (8, -2), (-8, -2)])
            svg.leaf("path", [("class", style), ("d", path.data)])
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-filled"), ("d", header.data)])
            return
        case .scriptTask:
            // A scroll: wavy left and right edges with lines of text.
            path.polygon([(-4, -7), (8, -7), (6, -3.5), (8, 0), (6, 3.5), (8, 7), (-4, 7), (-6, 3.5), (-4, 0), (-6, -3.5)])
            path.polyline([(-2, -3.5), (4, -3.5)])
            path.polyline([(-1, 0), (5, 0)])
            path.polyline([(-2, 3.5), (4, 3.5)])
        default:
            return
        }
        if case .manualTask = kind { style += " bpmn-marker-open" }
        svg.leaf("path", [("class", style), ("d", path.data)])
    }

    /// The bottom-centre markers of an activity, in BPMN's order, side by side.
    static func bottomMarkers(for node: FlowNode, collapsed: Bool) -> [BottomMarker] {
        var markers: [BottomMarker] = []
        if let loop = node.multiInstance {
            markers.append(loop.isSequential ? .sequentialMultiInstance : .parallelMultiInstance)
        }
        if case .subProcess(let sub) = node.kind, sub.variant == .adHoc { markers.append(.adHoc) }
        if collapsed { markers.append(.collapsed) }
        return markers
    }

    static func drawBottomMarkers(_ markers: [BottomMarker], in bounds: Diagram.Bounds, into svg: inout SVGWriter) {
        let size = 14.0, gap = 4.0
        let total = Double(markers.count) * size + Double(max(0, markers.count - 1)) * gap
        var left = bounds.center.x - total / 2
        let centerY = bounds.maxY - 4 - size / 2
        for marker in markers {
            var path = SVGPath(origin: Diagram.Point(x: left + size / 2, y: centerY))
            var style = "bpmn-marker bpmn-marker-filled"
            switch marker {
            case .parallelMultiInstance:
                for x in [-5.0, -1, 3] { path.polygon([(x, -6), (x + 2, -6), (x + 2, 6), (x, 6)]) }
            case .sequentialMultiInstance:
                for y in [-5.0, -1, 3] { path.polygon([(-6, y), (6, y), (6, y + 2), (-6, y + 2)]) }
            case .adHoc:
                path.polyline([(-6, 1), (-4, -1.5), (-2, -1.5), (0, 0), (2, 1.5), (4, 1.5), (6, -1)])
                style = "bpmn-marker bpmn-marker-open"
            case .collapsed:
                path.polygon([(-7, -7), (7, -7), (7, 7), (-7, 7)])
                path.polyline([(-4, 0), (4, 0)])
                path.polyline([(0, -4), (0, 4)])
                style = "bpmn-marker bpmn-marker-light"
            }
            svg.leaf("path", [("class", style), ("d", path.data)])
            left += size + gap
        }
    }

    /// An eight-tooth gear: one tooth pointing up, rotated in steps of 45°.
    private static func gear() -> [(Double, Double)] {
        let tooth: [(Double, Double)] = [(-1.8, -5.8), (-1.3, -8.2), (1.3, -8.2), (1.8, -5.8)]
        let s = 0.7071067811865476
        var points: [(Double, Double)] = []
        for step in 0..<8 {
            for (x, y) in tooth {
                var (rx, ry) = (x, y)
                // Rotate by 90° exactly as often as possible, then by one 45° step when odd.
                for _ in 0..<(step / 2) { (rx, ry) = (-ry, rx) }
                if step % 2 == 1 { (rx, ry) = (rx * s - ry * s, rx * s + ry * s) }
                points.append((rx, ry))
            }
        }
        return points
    }
}
