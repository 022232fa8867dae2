import BatonModel

/// The symbol inside a gateway diamond, designed around (0, 0) for bpmn-js' 50-unit gateway.
///
/// The exclusive gateway's X is always drawn. The model does not keep DI's `isMarkerVisible`, and
/// Camunda Modeler writes `isMarkerVisible="true"` anyway, so an unmarked diamond would only ever
/// come from files that left the attribute out, where the X is still the correct reading.
enum GatewayMarkers {
    static func draw(_ kind: GatewayKind, in bounds: Diagram.Bounds, into svg: inout SVGWriter) {
        var path = SVGPath(origin: bounds.center, scale: min(bounds.width, bounds.height) / 50)
        switch kind {
        case .exclusive:
            path.polygon([(-9, -12), (0, -3), (9, -12), (12, -9), (3, 0), (12, 9), (9, 12), (0, 3), (-9, 12), (-12, 9), (-3, 0), (-12, -9)])
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-filled"), ("d", path.data)])
        case .parallel:
            path.polygon([(-2, -14), (2, -14), (2, -2), (14, -2), (14, 2), (2, 2), (2, 14), (-2, 14), (-2, 2), (-14, 2), (-14, -2), (-2, -2)])
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-filled"), ("d", path.data)])
        case .inclusive:
            path.circle(0, 0, radius: 11)
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-heavy"), ("d", path.data)])
        case .eventBased:
            path.circle(0, 0, radius: 14)
            path.circle(0, 0, radius: 11)
            path.polygon(EventIcons.pentagon(radius: 7))
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-light"), ("d", path.data)])
        case .complex:
            // An asterisk: the parallel cross plus its diagonals.
            path.polyline([(0, -13), (0, 13)])
            path.polyline([(-13, 0), (13, 0)])
            path.polyline([(-9, -9), (9, 9)])
            path.polyline([(-9, 9), (9, -9)])
            svg.leaf("path", [("class", "bpmn-marker bpmn-marker-heavy"), ("d", path.data)])
        }
    }

    /// The diamond's corners: top, right, bottom, left of `bounds`.
    static func diamond(_ bounds: Diagram.Bounds) -> String {
        let c = bounds.center
        return [(c.x, bounds.y), (bounds.maxX, c.y), (c.x, bounds.maxY), (bounds.x, c.y)]
            .map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ")
    }
}
