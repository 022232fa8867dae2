public import BatonModel

/// Renders a BPMN file's diagram interchange (DI) as one self-contained SVG element for the
/// server-rendered console, with live state laid over it.
///
/// The output is deterministic byte for byte, uses classes for every colour (the console's
/// Content-Security-Policy forbids inline styles; ``stylesheet`` is served as a file), and escapes
/// every name and id, because names come from uploaded BPMN files.
public enum DiagramRenderer {
    /// The SVG document for the file's diagram; nil when the file has no DI shapes (the console then lists the elements and says the diagram is missing).
    /// `standalone`: the stylesheet goes inside, for an image shown outside the console.
    public static func svg(_ definitions: Definitions, overlay: DiagramOverlay = DiagramOverlay(), title: String? = nil, standalone: Bool = false) -> String? {
        let index = DiagramElementIndex(definitions)
        let scene = DiagramScene(definitions, index: index)
        guard !scene.shapes.isEmpty else { return nil }

        var body = SVGWriter(depth: 1)
        var extent = DrawingExtent()
        body.open("g", [("class", "bpmn-shapes")])
        for placed in scene.shapes {
            let id = placed.shape.element
            openGroup(id: id, element: placed.element, overlay: overlay, into: &body)
            ShapeRenderer.draw(placed, into: &body, extent: &extent)
            BadgeRenderer.drawOnShape(overlay.badges[id] ?? [], bounds: placed.bounds, into: &body, extent: &extent)
            body.close("g")
        }
        body.close("g")
        body.open("g", [("class", "bpmn-edges")])
        for placed in scene.edges {
            let id = placed.edge.element
            openGroup(id: id, element: placed.element, overlay: overlay, into: &body)
            EdgeRenderer.draw(placed, states: overlay.states[id] ?? [], into: &body, extent: &extent)
            BadgeRenderer.drawOnEdge(overlay.badges[id] ?? [], waypoints: placed.edge.waypoints, into: &body, extent: &extent)
            body.close("g")
        }
        body.close("g")

        let label = title ?? definitions.processes.lazy.compactMap(\.name).first ?? definitions.id ?? "BPMN diagram"
        var svg = SVGWriter()
        svg.open(
            "svg",
            [
                ("xmlns", "http://www.w3.org/2000/svg"), ("class", overlay.heat.isEmpty ? "baton-diagram" : "baton-diagram has-heat"),
                ("viewBox", extent.viewBox(margin: 20)), ("preserveAspectRatio", "xMidYMin meet"), ("role", "img"), ("aria-label", label),
            ])
        svg.title(label)
        svg.open("defs")
        if standalone { svg.text("style", [], stylesheet) }
        EdgeRenderer.writeMarkerDefinitions(into: &svg)
        svg.close("defs")
        svg.append(body)
        svg.close("svg")
        return svg.output
    }

    /// The CSS the console serves (as a file) for the classes the SVG uses.
    public static let stylesheet: String = DiagramStylesheet.css

    /// `<g class="bpmn-element bpmn-<name> state-… heat-N" data-element-id="…">` and its `<title>`.
    private static func openGroup(id: ElementID, element: DiagramElement?, overlay: DiagramOverlay, into svg: inout SVGWriter) {
        var classes = ["bpmn-element", "bpmn-\(element?.elementName ?? "unknown")"]
        let states = overlay.states[id] ?? []
        // allCases, not the set: set order differs between runs.
        classes += ElementState.allCases.filter(states.contains).map { "state-\($0.rawValue)" }
        let heat = overlay.heat[id]
        if let heat { classes.append("heat-\(heat.bucket)") }
        svg.open("g", [("class", classes.joined(separator: " ")), ("data-element-id", id.rawValue)])
        var tooltip = id.rawValue
        if let name = element?.name?.split(whereSeparator: \.isWhitespace).joined(separator: " "), !name.isEmpty {
            tooltip = "\(name) (\(id.rawValue))"
        }
        if let heat, !heat.label.isEmpty { tooltip += " — \(heat.label)" }
        svg.title(tooltip)
    }
}
