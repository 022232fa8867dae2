import BatonModel

/// Decides what is drawn and in which order, before any markup is written.
///
/// Order is layered, and within a layer it is DI document order: pools, lanes, expanded
/// subprocesses (outer before inner), the other shapes, boundary events (on top of their host),
/// then every edge. Containers first, so their fill never hides what they contain; edges last, so
/// a flow is never hidden under a shape it passes. Only arrays are iterated, never a dictionary.
struct DiagramScene {
    struct PlacedShape {
        var shape: Diagram.Shape
        var bounds: Diagram.Bounds
        /// nil: the model does not know the element (annotation, data object, group…).
        var element: DiagramElement?
        /// For subprocesses: drawn with its children inside rather than with the [+] marker.
        var isExpanded: Bool
    }

    struct PlacedEdge {
        var edge: Diagram.Edge
        var element: DiagramElement?
    }

    private(set) var shapes: [PlacedShape] = []
    private(set) var edges: [PlacedEdge] = []

    init(_ definitions: Definitions, index: DiagramElementIndex) {
        let diagram = definitions.diagram
        // One drawing per element: a second DI shape for the same element would give the
        // console two groups with the same data-element-id.
        var seen: Set<ElementID> = []
        var candidates: [PlacedShape] = []
        var boundsByElement: [ElementID: Diagram.Bounds] = [:]
        for shape in diagram.shapes {
            guard let bounds = shape.bounds, !seen.contains(shape.element) else { continue }
            seen.insert(shape.element)
            boundsByElement[shape.element] = bounds
            candidates.append(PlacedShape(shape: shape, bounds: bounds, element: index[shape.element], isExpanded: false))
        }

        // A subprocess without isExpanded counts as expanded when a child is drawn inside it.
        var collapsed: Set<ElementID> = []
        for i in candidates.indices {
            guard case .flowNode(let node, let process)? = candidates[i].element, node.kind.isSubProcess else { continue }
            let bounds = candidates[i].bounds
            let expanded =
                candidates[i].shape.isExpanded
                ?? process.children(of: node.id).contains { child in boundsByElement[child.id].map(bounds.contains) ?? false }
            candidates[i].isExpanded = expanded
            if !expanded { collapsed.insert(node.id) }
        }

        // The contents of a collapsed subprocess live on their own DI plane with coordinates of
        // their own (bpmn-js); drawing them here would pile them onto the main diagram.
        func insideCollapsed(_ parent: ElementID?, _ process: ProcessDefinition) -> Bool {
            var scope = parent
            var steps = 0
            while let current = scope, steps < 1000 {
                if collapsed.contains(current) { return true }
                scope = process.node(current)?.parent
                steps += 1
            }
            return false
        }

        var pools: [PlacedShape] = [], lanes: [PlacedShape] = [], containers: [(depth: Int, shape: PlacedShape)] = []
        var others: [PlacedShape] = [], boundaries: [PlacedShape] = []
        for placed in candidates {
            switch placed.element {
            case .participant: pools.append(placed)
            case .lane: lanes.append(placed)
            case .flowNode(let node, let process):
                if insideCollapsed(node.parent, process) { continue }
                if case .boundaryEvent = node.kind {
                    boundaries.append(placed)
                } else if node.kind.isSubProcess, placed.isExpanded {
                    containers.append((Self.depth(of: node, in: process), placed))
                } else {
                    others.append(placed)
                }
            default: others.append(placed)
            }
        }
        // Stable: equal depths keep document order.
        let nested = containers.enumerated().sorted { ($0.element.depth, $0.offset) < ($1.element.depth, $1.offset) }.map(\.element.shape)
        shapes = pools + lanes + nested + others + boundaries

        var seenEdges: Set<ElementID> = []
        for edge in diagram.edges where edge.waypoints.count >= 2 && !seenEdges.contains(edge.element) {
            seenEdges.insert(edge.element)
            let element = index[edge.element]
            if case .sequenceFlow(let flow, let process)? = element, insideCollapsed(flow.parent, process) { continue }
            edges.append(PlacedEdge(edge: edge, element: element))
        }
    }

    private static func depth(of node: FlowNode, in process: ProcessDefinition) -> Int {
        var depth = 0
        var scope = node.parent
        while let current = scope, depth < 1000 {
            depth += 1
            scope = process.node(current)?.parent
        }
        return depth
    }
}
