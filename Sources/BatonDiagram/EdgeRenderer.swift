import BatonModel

/// Draws one DI edge: sequence flows with an arrowhead (plus the default-flow slash and the
/// conditional-flow diamond), message flows dashed from an open circle to an open arrowhead, and
/// anything else (associations) as a dotted line.
enum EdgeRenderer {
    /// The arrowhead markers, one per state colour: SVG markers do not inherit the stroke of the
    /// line they end, so a completed flow needs a completed-coloured arrowhead of its own.
    private static let arrowStates: [ElementState?] = [nil] + ElementState.allCases
    /// When a flow has several states, the arrowhead shows the most urgent.
    private static let arrowPriority: [ElementState] = [.incident, .active, .selected, .completed]

    private static func arrowID(_ state: ElementState?) -> String { state.map { "baton-arrow-\($0.rawValue)" } ?? "baton-arrow" }

    static func writeMarkerDefinitions(into svg: inout SVGWriter) {
        let common: SVGWriter.Attributes = [
            ("viewBox", "0 0 20 20"), ("markerWidth", "10"), ("markerHeight", "10"), ("markerUnits", "userSpaceOnUse"), ("orient", "auto"),
        ]
        for state in arrowStates {
            svg.open("marker", [("id", arrowID(state)), ("refX", "11"), ("refY", "10")] + common)
            let className = state.map { "bpmn-arrowhead bpmn-arrowhead-\($0.rawValue)" } ?? "bpmn-arrowhead"
            svg.leaf("path", [("class", className), ("d", "M 1 5 L 11 10 L 1 15 Z")])
            svg.close("marker")
        }
        svg.open("marker", [("id", "baton-message-start"), ("refX", "6"), ("refY", "10")] + common)
        svg.leaf("circle", [("class", "bpmn-arrowhead-open"), ("cx", "6"), ("cy", "10"), ("r", "4")])
        svg.close("marker")
        svg.open("marker", [("id", "baton-message-end"), ("refX", "12"), ("refY", "10")] + common)
        svg.leaf("path", [("class", "bpmn-arrowhead-open"), ("d", "M 1 5 L 12 10 L 1 15 Z")])
        svg.close("marker")
    }

    static func draw(_ placed: DiagramScene.PlacedEdge, states: Set<ElementState>, into svg: inout SVGWriter, extent: inout DrawingExtent) {
        let points = placed.edge.waypoints
        for point in points { extent.include(point) }
        let d = points.enumerated().map { "\($0.offset == 0 ? "M" : "L") \(svgNumber($0.element.x)) \(svgNumber($0.element.y))" }
            .joined(separator: " ")
        switch placed.element {
        case .sequenceFlow(let flow, let process):
            let arrow = arrowID(arrowPriority.first(where: states.contains))
            svg.leaf("path", [("class", "bpmn-connection"), ("d", d), ("stroke-width", "1.5"), ("marker-end", "url(#\(arrow))")])
            let source = process.node(flow.source)
            if source?.defaultFlow == flow.id {
                drawDefaultSlash(points, into: &svg)
            } else if flow.condition != nil, source?.kind.isActivity == true {
                // On a gateway's outgoing flow the condition is implied; BPMN marks it only after an activity.
                drawConditionDiamond(points, into: &svg)
            }
            drawLabel(flow.name, edge: placed.edge, into: &svg, extent: &extent)
        case .messageFlow(let flow):
            svg.leaf(
                "path",
                [
                    ("class", "bpmn-connection"), ("d", d), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4"),
                    ("marker-start", "url(#baton-message-start)"), ("marker-end", "url(#baton-message-end)"),
                ])
            drawLabel(flow.name, edge: placed.edge, into: &svg, extent: &extent)
        case .flowNode, .participant, .lane, nil:
            svg.leaf("path", [("class", "bpmn-connection bpmn-unknown-connection"), ("d", d), ("stroke-width", "1"), ("stroke-dasharray", "2 3")])
        }
    }

    /// The unit direction of the first segment that has a length, and the start point.
    private static func start(_ points: [Diagram.Point]) -> (origin: Diagram.Point, dx: Double, dy: Double)? {
        guard let origin = points.first else { return nil }
        for next in points.dropFirst() {
            let dx = next.x - origin.x, dy = next.y - origin.y
            let length = (dx * dx + dy * dy).squareRoot()
            if length > 0 { return (origin, dx / length, dy / length) }
        }
        return nil
    }

    /// A short slash across the flow near its source, at 45° to it.
    private static func drawDefaultSlash(_ points: [Diagram.Point], into svg: inout SVGWriter) {
        guard let (o, dx, dy) = start(points) else { return }
        let cx = o.x + dx * 10, cy = o.y + dy * 10
        // (dx, dy) turned by 45°, scaled to half the slash's length.
        let s = 0.7071067811865476 * 6
        let ux = (dx - dy) * s, uy = (dx + dy) * s
        svg.leaf(
            "line",
            [
                ("class", "bpmn-connection-marker"), ("x1", svgNumber(cx - ux)), ("y1", svgNumber(cy - uy)), ("x2", svgNumber(cx + ux)),
                ("y2", svgNumber(cy + uy)), ("stroke-width", "1.5"),
            ])
    }

    /// A small open diamond at the source end: the flow only runs when its condition holds.
    private static func drawConditionDiamond(_ points: [Diagram.Point], into svg: inout SVGWriter) {
        guard let (o, dx, dy) = start(points) else { return }
        let nx = -dy * 5, ny = dx * 5
        let corners = [
            (o.x, o.y), (o.x + dx * 8 + nx, o.y + dy * 8 + ny), (o.x + dx * 16, o.y + dy * 16), (o.x + dx * 8 - nx, o.y + dy * 8 - ny),
        ]
        let list = corners.map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ")
        svg.leaf("polygon", [("class", "bpmn-condition-marker"), ("points", list), ("stroke-width", "1.5")])
    }

    /// The flow's name at its DI label bounds, else just above the middle of its middle segment.
    private static func drawLabel(_ name: String?, edge: Diagram.Edge, into svg: inout SVGWriter, extent: inout DrawingExtent) {
        guard let name, !name.isEmpty else { return }
        let box: Diagram.Bounds
        let lines: [String]
        if let label = edge.label {
            (box, lines) = TextLayout.externalBox(for: name, label: label, below: label)
        } else {
            let mid = midpoint(edge.waypoints)
            lines = TextLayout.wrap(name, width: 90, fontSize: TextLayout.externalFontSize)
            let height = Double(lines.count) * TextLayout.lineHeight
            box = Diagram.Bounds(x: mid.x - 45, y: mid.y - 4 - height, width: 90, height: height)
        }
        extent.include(box)
        TextLayout.writeExternal(lines, in: box, into: &svg)
    }

    /// The middle of the polyline's middle segment (the point badges and fallback labels use).
    static func midpoint(_ points: [Diagram.Point]) -> Diagram.Point {
        guard points.count >= 2 else { return points.first ?? Diagram.Point(x: 0, y: 0) }
        let i = (points.count - 1) / 2
        return Diagram.Point(x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2)
    }
}
