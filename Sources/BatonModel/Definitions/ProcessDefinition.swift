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
    /// `camunda:isStartableInTasklist` (true unless it says false).
    public let isStartableInTasklist: Bool
    public let flowNodes: [FlowNode]
    public let sequenceFlows: [SequenceFlow]
    public let lanes: [Lane]
    public let listeners: [Listener]
    public let properties: [Property]
    public let line: Int

    private let nodeIndex: [ElementID: Int]
    private let flowIndex: [ElementID: Int]
    /// Positions in `sequenceFlows` / `flowNodes`, in document order. Built once so the executor
    /// and validator look up neighbours in O(1) instead of scanning every flow.
    /// Keyed by node position; the scope index uses `flowNodes.count` for the process itself.
    private let outgoingIndex: PositionIndex
    private let incomingIndex: PositionIndex
    private let childrenIndex: PositionIndex
    private let boundaryIndex: PositionIndex

    public init(
        id: ElementID, name: String?, isExecutable: Bool, versionTag: String?, historyTimeToLive: String?,
        candidateStarterGroups: [String] = [], candidateStarterUsers: [String] = [], isStartableInTasklist: Bool = true,
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
        self.isStartableInTasklist = isStartableInTasklist
        self.flowNodes = flowNodes
        self.sequenceFlows = sequenceFlows
        self.lanes = lanes
        self.listeners = listeners
        self.properties = properties
        self.line = line
        // First occurrence wins; duplicates are reported by the reader, never silently merged.
        var nodes: [ElementID: Int] = [:]
        nodes.reserveCapacity(flowNodes.count)
        for (i, node) in flowNodes.enumerated() where nodes[node.id] == nil { nodes[node.id] = i }
        var flows: [ElementID: Int] = [:]
        flows.reserveCapacity(sequenceFlows.count)
        for (i, flow) in sequenceFlows.enumerated() where flows[flow.id] == nil { flows[flow.id] = i }
        nodeIndex = nodes
        flowIndex = flows
        // Flows and boundaries naming unknown nodes are left out; the reader reports them.
        outgoingIndex = PositionIndex(keyCount: flowNodes.count, keys: sequenceFlows.map { nodes[$0.source] })
        incomingIndex = PositionIndex(keyCount: flowNodes.count, keys: sequenceFlows.map { nodes[$0.target] })
        childrenIndex = PositionIndex(
            keyCount: flowNodes.count + 1, keys: flowNodes.map { node in node.parent.map { nodes[$0] } ?? flowNodes.count })
        boundaryIndex = PositionIndex(
            keyCount: flowNodes.count,
            keys: flowNodes.map {
                if case .boundaryEvent(let boundary) = $0.kind { return nodes[boundary.attachedTo] }
                return nil
            })
    }

    public func node(_ id: ElementID) -> FlowNode? { nodeIndex[id].map { flowNodes[$0] } }

    /// The enclosing scope of node `id` (`.some(nil)` at process level), or nil when there is no
    /// such node. Cheaper than ``node(_:)`` where only placement matters.
    public func scope(of id: ElementID) -> ElementID?? {
        guard let index = nodeIndex[id] else { return nil }
        return .some(flowNodes[index].parent)
    }
    public func sequenceFlow(_ id: ElementID) -> SequenceFlow? { flowIndex[id].map { sequenceFlows[$0] } }

    /// The flow nodes directly inside `scope` (nil: the process itself), in document order.
    public func children(of scope: ElementID?) -> Selection<FlowNode> {
        guard let scope else { return Selection(base: flowNodes, positions: childrenIndex[flowNodes.count]) }
        return Selection(base: flowNodes, positions: nodeIndex[scope].map { childrenIndex[$0] } ?? PositionIndex.empty)
    }

    /// The sequence flows leaving `node`, in document order.
    public func outgoing(_ node: ElementID) -> Selection<SequenceFlow> {
        Selection(base: sequenceFlows, positions: nodeIndex[node].map { outgoingIndex[$0] } ?? PositionIndex.empty)
    }

    /// The sequence flows arriving at `node`, in document order.
    public func incoming(_ node: ElementID) -> Selection<SequenceFlow> {
        Selection(base: sequenceFlows, positions: nodeIndex[node].map { incomingIndex[$0] } ?? PositionIndex.empty)
    }

    /// The link catch event a link throw continues at: the first catch of the same link name in
    /// the same scope (links never cross a subprocess boundary).
    public func linkCatch(of throwing: FlowNode) -> FlowNode? {
        guard let name = throwing.linkName else { return nil }
        return children(of: throwing.parent).first { node in
            if case .intermediateCatchEvent = node.kind { return node.linkName == name }
            return false
        }
    }

    /// Boundary events attached to `activity`, in document order.
    public func boundaryEvents(attachedTo activity: ElementID) -> Selection<FlowNode> {
        Selection(base: flowNodes, positions: nodeIndex[activity].map { boundaryIndex[$0] } ?? PositionIndex.empty)
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
    /// Its `take` execution listeners.
    public var listeners: [Listener] = []
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
