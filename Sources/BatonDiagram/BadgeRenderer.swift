import BatonModel

/// Draws overlay badges: small rounded counters centred on a shape's corners (top right, then
/// bottom right, then bottom left, then leftwards along the top), or along an edge's middle.
enum BadgeRenderer {
    static let height = 16.0

    static func drawOnShape(_ badges: [DiagramBadge], bounds: Diagram.Bounds, into svg: inout SVGWriter, extent: inout DrawingExtent) {
        let corners = [
            Diagram.Point(x: bounds.maxX, y: bounds.y), Diagram.Point(x: bounds.maxX, y: bounds.maxY), Diagram.Point(x: bounds.x, y: bounds.maxY),
        ]
        for (i, badge) in badges.enumerated() {
            let anchor = i < corners.count ? corners[i] : Diagram.Point(x: bounds.maxX - Double(i - corners.count + 1) * 28, y: bounds.y)
            draw(badge, centeredAt: anchor, into: &svg, extent: &extent)
        }
    }

    static func drawOnEdge(_ badges: [DiagramBadge], waypoints: [Diagram.Point], into svg: inout SVGWriter, extent: inout DrawingExtent) {
        let mid = EdgeRenderer.midpoint(waypoints)
        for (i, badge) in badges.enumerated() {
            draw(badge, centeredAt: Diagram.Point(x: mid.x + Double(i) * 28, y: mid.y), into: &svg, extent: &extent)
        }
    }

    private static func draw(_ badge: DiagramBadge, centeredAt center: Diagram.Point, into svg: inout SVGWriter, extent: inout DrawingExtent) {
        let text = String(badge.count)
        let width = max(20, Double(text.count) * 7 + 10)
        let box = Diagram.Bounds(x: center.x - width / 2, y: center.y - height / 2, width: width, height: height)
        extent.include(box)
        svg.open("g", [("class", "badge badge-\(badge.kind.rawValue)")])
        svg.title(badge.title)
        svg.leaf("rect", box.rectAttributes + [("rx", svgNumber(height / 2)), ("ry", svgNumber(height / 2))])
        svg.text("text", [("x", svgNumber(center.x)), ("y", svgNumber(center.y + 3.5)), ("text-anchor", "middle")], text)
        svg.close("g")
    }
}
