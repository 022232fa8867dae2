/// BPMN DI: where each element is drawn. Kept so diagram views can show live state on the model.
public struct Diagram: Hashable, Sendable {
    public struct Bounds: Hashable, Sendable {
        public var x: Double, y: Double, width: Double, height: Double
        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    public struct Point: Hashable, Sendable {
        public var x: Double, y: Double
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    public struct Shape: Hashable, Sendable {
        public var id: ElementID?
        public var element: ElementID
        public var bounds: Bounds?
        public var isExpanded: Bool?
        /// `BPMNLabel/Bounds`: where the modeler placed the element's external label (events,
        /// gateways), so a drawing puts the name where the author saw it.
        public var label: Bounds?
        public init(id: ElementID?, element: ElementID, bounds: Bounds?, isExpanded: Bool?, label: Bounds? = nil) {
            self.id = id
            self.element = element
            self.bounds = bounds
            self.isExpanded = isExpanded
            self.label = label
        }
    }

    public struct Edge: Hashable, Sendable {
        public var id: ElementID?
        public var element: ElementID
        public var waypoints: [Point]
        /// `BPMNLabel/Bounds`: where the modeler placed the flow's name.
        public var label: Bounds?
        public init(id: ElementID?, element: ElementID, waypoints: [Point], label: Bounds? = nil) {
            self.id = id
            self.element = element
            self.waypoints = waypoints
            self.label = label
        }
    }

    public var shapes: [Shape] = []
    public var edges: [Edge] = []

    public init() {}

    public func shape(for element: ElementID) -> Shape? { shapes.first { $0.element == element } }
    public func edge(for element: ElementID) -> Edge? { edges.first { $0.element == element } }
}
