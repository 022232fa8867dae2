/// One `process` element: its flow nodes at every depth and its sequence flows, in document order,
/// indexed by id.
///
/// Immutable once read. Lookups by id are O(1); the arrays keep XML order, which is the order
/// parallel branches run in and the order diagnostics and inspection list elements.
public struct ProcessDefinition: Hashable, Sendable {
    public let id: ElementID
    public let name: String?
    public let isExecutable: Bool
    /// `camunda:versionTag`
    public let versionTag: String?
    /// `camunda:historyTimeToLive`: days, or an ISO 8601 duration in days (`P180D`).
    public let historyTimeToLive: String?
    /// `camunda:candidateStarterGroups` / `candidateStarterUsers`, comma-separated as written.
    public let candidateStarterGroups: [String]
    public let candidateStarterUsers: [String]
    public let flowNodes: [FlowNode]
    public let sequenceFlows: [SequenceFlow]
    public let lanes: [Lane]
    public let listeners: [Listener]
    public let properties: [Property]
    public let line: Int

    private let nodeIndex: [ElementID: Int]
    private let flowIndex: [ElementID: Int]

    public init(
        id: ElementID, name: String?, isExecutable: Bool, versionTag: String?, historyTimeToLive: String?,
        candidateStarterGroups: [String] = [], candidateStarterUsers: [String] = [],
        flowNodes: [FlowNode], sequenceFlows: [SequenceFlow], lanes: [Lane] = [], listeners: [Listener] = [],
        properties: [Property] = [], line: Int
    ) {
        self.id = id
        self.name = name
        self.isExecutable = isExecutable
        self.versionTag = versionTag
        self.historyTimeToLive = historyTimeToLive
        self.candidateStarterGroups = candidateStarterGroups
        self.candidateStarterUsers = candidateStarterUsers
        self.flowNodes = flowNodes
        self.sequenceFlows = sequenceFlows
        self.lanes = lanes
        self.listeners = listeners
        self.properties = properties
        self.line = line
        // First occurrence wins; duplicates are reported by the reader, never silently merged.
        var nodes: [ElementID: Int] = [:]
        for (i, node) in flowNodes.enumerated() where nodes[node.id] == nil { nodes[node.id] = i }
        var flows: [ElementID: Int] = [:]
        for (i, flow) in sequenceFlows.enumerated() where flows[flow.id] == nil { flows[flow.id] = i }
        nodeIndex = nodes
        flowIndex = flows
    }

    public func node(_ id: ElementID) -> FlowNode? { nodeIndex[id].map { flowNodes[$0] } }
    public func sequenceFlow(_ id: ElementID) -> SequenceFlow? { flowIndex[id].map { sequenceFlows[$0] } }

    /// The flow nodes directly inside `scope` (nil: the process itself), in document order.
    public func children(of scope: ElementID?) -> [FlowNode] { flowNodes.filter { $0.parent == scope } }

    /// The sequence flows leaving `node`, in document order.
    public func outgoing(_ node: ElementID) -> [SequenceFlow] { sequenceFlows.filter { $0.source == node } }

    /// The sequence flows arriving at `node`, in document order.
    public func incoming(_ node: ElementID) -> [SequenceFlow] { sequenceFlows.filter { $0.target == node } }

    /// Boundary events attached to `activity`, in document order.
    public func boundaryEvents(attachedTo activity: ElementID) -> [FlowNode] {
        flowNodes.filter {
            if case .boundaryEvent(let boundary) = $0.kind { return boundary.attachedTo == activity }
            return false
        }
    }
}

/// A `sequenceFlow`: a directed edge between two flow nodes of one scope, optionally conditional.
public struct SequenceFlow: Hashable, Sendable {
    public var id: ElementID
    public var name: String?
    public var source: ElementID
    public var target: ElementID
    /// The enclosing subprocess, or nil at process level.
    public var parent: ElementID?
    public var condition: Condition?
    public var line: Int

    public init(id: ElementID, name: String?, source: ElementID, target: ElementID, parent: ElementID?, condition: Condition?, line: Int) {
        self.id = id
        self.name = name
        self.source = source
        self.target = target
        self.parent = parent
        self.condition = condition
        self.line = line
    }
}

/// A `conditionExpression`: the JUEL expression guarding a sequence flow.
public struct Condition: Hashable, Sendable {
    public var expression: Expression
    public var source: String

    public init(expression: Expression, source: String) {
        self.expression = expression
        self.source = source
    }
}

/// A `lane` and the flow nodes it holds; nested lane sets are flattened with `parentLane`.
public struct Lane: Hashable, Sendable {
    public var id: ElementID
    public var name: String?
    public var flowNodeRefs: [ElementID]
    public var parentLane: ElementID?

    public init(id: ElementID, name: String?, flowNodeRefs: [ElementID], parentLane: ElementID?) {
        self.id = id
        self.name = name
        self.flowNodeRefs = flowNodeRefs
        self.parentLane = parentLane
    }
}
