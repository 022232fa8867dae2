import BatonModel

/// The event-definition symbol drawn inside an event circle, after the BPMN 2.0 notation.
///
/// Designed around (0, 0) for a 36-unit event (bpmn-js' default) and scaled to the real size.
/// Catching events get an outlined symbol, throwing events (end, intermediate throw) a filled one.
enum EventIcons {
    static func draw(_ definitions: [EventDefinition], throwing: Bool, in bounds: Diagram.Bounds, into svg: inout SVGWriter) {
        guard let first = definitions.first else { return }
        var path = SVGPath(origin: bounds.center, scale: min(bounds.width, bounds.height) / 36)
        let style = throwing ? "bpmn-marker bpmn-marker-filled" : "bpmn-marker"
        // More than one definition: BPMN's "multiple" pentagon.
        if definitions.count > 1 {
            path.polygon(pentagon(radius: 9))
            svg.leaf("path", [("class", style), ("d", path.data)])
            return
        }
        switch first {
        case .message:
            path.polygon([(-10, -7), (10, -7), (10, 7), (-10, 7)])
            svg.leaf("path", [("class", style), ("d", path.data)])
            var flap = SVGPath(origin: path.origin, scale: path.scale)
            flap.polyline([(-10, -7), (0, 1), (10, -7)])
            svg.leaf("path", [("class", throwing ? "bpmn-marker bpmn-marker-inverse" : "bpmn-marker"), ("d", flap.data)])
        case .timer:
            path.circle(0, 0, radius: 11)
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-light"), ("d", path.data)])
            var hands = SVGPath(origin: path.origin, scale: path.scale)
            // Hour ticks at 12, 3, 6 and 9, then the two hands.
            hands.polyline([(0, -11), (0, -8)])
            hands.polyline([(11, 0), (8, 0)])
            hands.polyline([(0, 11), (0, 8)])
            hands.polyline([(-11, 0), (-8, 0)])
            hands.polyline([(0, -7), (0, 0), (5, 3)])
            svg.leaf("path", [("class", "bpmn-marker"), ("d", hands.data)])
        case .error:
            path.polygon([(-9, 9), (-4, -8), (1, 2), (9, -9), (4, 8), (-1, -2)])
            svg.leaf("path", [("class", style), ("d", path.data)])
        case .signal:
            path.polygon([(0, -10), (9, 6), (-9, 6)])
            svg.leaf("path", [("class", style), ("d", path.data)])
        case .escalation:
            path.polygon([(0, -10), (8, 9), (0, 2), (-8, 9)])
            svg.leaf("path", [("class", style), ("d", path.data)])
        case .conditional:
            path.polygon([(-7, -9), (7, -9), (7, 9), (-7, 9)])
            path.polyline([(-4, -5), (4, -5)])
            path.polyline([(-4, -1), (4, -1)])
            path.polyline([(-4, 3), (4, 3)])
            path.polyline([(-4, 6), (4, 6)])
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-light"), ("d", path.data)])
        case .compensate:
            path.polygon([(-10, 0), (-1, -7), (-1, 7)])
            path.polygon([(-1, 0), (8, -7), (8, 7)])
            svg.leaf("path", [("class", style), ("d", path.data)])
        case .link:
            path.polygon([(-9, -4), (2, -4), (2, -9), (10, 0), (2, 9), (2, 4), (-9, 4)])
            svg.leaf("path", [("class", style), ("d", path.data)])
        case .terminate:
            path.circle(0, 0, radius: 11)
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-filled"), ("d", path.data)])
        case .cancel:
            path.polygon([(-8, -11), (0, -3), (8, -11), (11, -8), (3, 0), (11, 8), (8, 11), (0, 3), (-8, 11), (-11, 8), (-3, 0), (-11, -8)])
            svg.leaf("path", [("class", style), ("d", path.data)])
        }
    }

    /// A regular pentagon pointing up, also used inside the event-based gateway.
    static func pentagon(radius: Double) -> [(Double, Double)] {
        // Precomputed sin/cos of 90° + k·72° keep the output free of platform trigonometry.
        let unit: [(Double, Double)] = [(0, -1), (0.9511, -0.309), (0.5878, 0.809), (-0.5878, 0.809), (-0.9511, -0.309)]
        return unit.map { ($0.0 * radius, $0.1 * radius) }
    }
}
