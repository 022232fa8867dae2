import BatonModel

extension DefinitionsReader {
    /// Reads BPMN DI: each shape's bounds and each edge's waypoints, keyed by the element drawn,
    /// with the bounds of their external labels when the modeler wrote them.
    mutating func readDiagram(_ diagram: XMLElement, into result: inout Diagram) {
        _ = diagram.attribute("id").map { register(diagram, id: $0) }
        for plane in diagram.children where plane.isElement("BPMNPlane", in: Namespace.bpmnDI) {
            _ = plane.attribute("id").map { register(plane, id: $0) }
            for item in plane.children where item.inNamespace(Namespace.bpmnDI) {
                guard let element = reference(item, "bpmnElement") else { continue }
                let id = item.attribute("id").flatMap { register(item, id: $0) }
                switch item.localName {
                case "BPMNShape":
                    let expanded = item.attribute("isExpanded").map { $0 == "true" }
                    result.shapes.append(
                        Diagram.Shape(id: id, element: element, bounds: bounds(in: item), isExpanded: expanded, label: labelBounds(of: item)))
                case "BPMNEdge":
                    let points = item.children.filter { $0.isElement("waypoint", in: Namespace.di) }.compactMap { p -> Diagram.Point? in
                        guard let x = number(p, "x"), let y = number(p, "y") else { return nil }
                        return Diagram.Point(x: x, y: y)
                    }
                    result.edges.append(Diagram.Edge(id: id, element: element, waypoints: points, label: labelBounds(of: item)))
                default:
                    continue
                }
            }
        }
    }

    /// The first `dc:Bounds` child of `element`, when all four numbers are present.
    private func bounds(in element: XMLElement) -> Diagram.Bounds? {
        element.children.first { $0.isElement("Bounds", in: Namespace.dc) }.flatMap { b -> Diagram.Bounds? in
            guard let x = number(b, "x"), let y = number(b, "y"), let w = number(b, "width"), let h = number(b, "height") else {
                return nil
            }
            return Diagram.Bounds(x: x, y: y, width: w, height: h)
        }
    }

    /// `bpmndi:BPMNLabel/dc:Bounds` of a shape or edge.
    private func labelBounds(of element: XMLElement) -> Diagram.Bounds? {
        element.children.first { $0.isElement("BPMNLabel", in: Namespace.bpmnDI) }.flatMap { bounds(in: $0) }
    }

    private func number(_ element: XMLElement, _ name: String) -> Double? { element.number(name) }
}
