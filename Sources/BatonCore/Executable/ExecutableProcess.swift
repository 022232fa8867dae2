import BatonModel

/// A process definition compiled for execution: every node and flow addressed by its position,
/// with neighbours, scopes, boundary events and message names resolved once at deploy time, so
/// the executor never hashes an id or searches a list while it runs.
///
/// Built from the reader's ``ProcessDefinition`` (which it keeps for names and ids), the way
/// Zeebe separates its executable model from the XML model.
public struct ExecutableProcess: Sendable {
    public let definition: ProcessDefinition
    /// The deployment-wide id of this definition version (e.g. `benefit-approval:3:…`).
    public let definitionID: String
    public let nodes: [ExecutableNode]
    public let flows: [ExecutableFlow]
    /// The process itself as a scope: its direct children's start events and event subprocesses.
    public let root: ScopeLayout
    /// Element ids by position: how states and events of this definition's instances are stored.
    public let elements: ElementTable
    /// Whether any node waits for a condition: only then do variable changes need watching.
    public let hasConditionalEvents: Bool
    private let nodeIndex: [ElementID: Int]

    public var processKey: String { definition.id.rawValue }

    public func node(_ id: ElementID) -> Int? { nodeIndex[id] }

    /// The layout of a scope (the process, or the subprocess at `node`).
    public func scope(of node: Int?) -> ScopeLayout {
        guard let node else { return root }
        return nodes[node].layout ?? ScopeLayout()
    }
}

/// A compiled flow node.
///
/// A final class with only constants rather than a struct: the executor reads nodes on every
/// step, and a node carries its full Camunda settings, so copying it per lookup (a struct) cost
/// more than the rest of the step. Immutable, so sharing it is as safe as copying it.
public final class ExecutableNode: Sendable {
    public let id: ElementID
    public let name: String?
    public let kind: FlowNodeKind
    public let details: FlowNode.Details
    /// The enclosing subprocess's position, or nil at process level.
    public let parent: Int?
    public let outgoing: [Int]
    public let incoming: [Int]
    public let defaultFlow: Int?
    /// Boundary events attached to this activity, in document order.
    public let boundaryEvents: [Int]
    /// For subprocesses: their start events and event subprocesses.
    public let layout: ScopeLayout?
    /// Message names of this node's message event definition or receive task, resolved from `messageRef`.
    public let messageName: String?
    /// The message name when it holds `${…}` (`invoice-${orderId}`): resolved when a
    /// subscription opens, from the variables of the element that waits.
    public let messageNameExpression: Template?
    /// The signal name of this node's signal event definition, resolved from `signalRef`; with
    /// `${…}` it is resolved like a message name, when the subscription opens or the signal is thrown.
    public let signalName: String?
    public let signalNameExpression: Template?
    /// The error code this node throws (error end event) or catches (nil: catch all).
    public let errorCode: String?
    /// The message an error end event throws with: its error's `camunda:errorMessage`.
    public let errorMessage: Template?
    /// The escalation code this node throws or catches (nil: catch all): its escalation's
    /// `escalationCode`.
    public let escalationCode: String?
    /// Inclusive gateways this node can reach by sequence flows within its scope.
    public let reachableInclusiveJoins: [Int]
    /// For an activity with a compensation boundary event: its handler's position.
    public let compensationHandler: Int?
    /// For a compensation throw or end event with an `activityRef`: that activity's position.
    public let compensateActivityRef: Int?

    init(
        id: ElementID, name: String?, kind: FlowNodeKind, details: FlowNode.Details, parent: Int?, outgoing: [Int], incoming: [Int],
        defaultFlow: Int?, boundaryEvents: [Int], layout: ScopeLayout?, messageName: String?, signalName: String?, errorCode: String?, errorMessage: Template?,
        escalationCode: String?, reachableInclusiveJoins: [Int], compensationHandler: Int?, compensateActivityRef: Int?
    ) {
        self.compensationHandler = compensationHandler
        self.compensateActivityRef = compensateActivityRef
        self.id = id
        self.name = name
        self.kind = kind
        self.details = details
        self.parent = parent
        self.outgoing = outgoing
        self.incoming = incoming
        self.defaultFlow = defaultFlow
        self.boundaryEvents = boundaryEvents
        self.layout = layout
        self.messageName = messageName
        messageNameExpression = Self.expression(in: messageName)
        self.signalName = signalName
        signalNameExpression = Self.expression(in: signalName)
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.escalationCode = escalationCode
        self.reachableInclusiveJoins = reachableInclusiveJoins
    }

    /// A name that holds `${…}`, as a template to evaluate; nil for a plain name.
    private static func expression(in name: String?) -> Template? {
        name.flatMap { $0.contains("{") ? try? Template(parsing: $0) : nil }.flatMap { $0.isLiteral ? nil : $0 }
    }
}

/// A compiled sequence flow.
public struct ExecutableFlow: Sendable {
    public let id: ElementID
    public let source: Int
    public let target: Int
    public let condition: Expression?
    /// Its `take` listeners.
    public let listeners: [Listener]
}

/// What a scope holds that its start needs: where a plain start begins, and which event
/// subprocesses listen while the scope is active.
public struct ScopeLayout: Sendable {
    /// The none start event (the only start of an embedded subprocess).
    public var noneStart: Int?
    /// All start events directly in the scope, in document order (message and timer starts too).
    public var startEvents: [Int] = []
    public var eventSubProcesses: [Int] = []
    /// Link catch events by link name: where a link throw of this scope continues.
    public var linkCatches: [String: Int] = [:]
}

extension ExecutableProcess {
    /// Compiles `process` from `definitions` (which supply message names and error codes).
    /// The definitions must have been read without errors.
    public init(process: ProcessDefinition, in definitions: Definitions, definitionID: String) {
        self.definition = process
        self.definitionID = definitionID
        var index: [ElementID: Int] = [:]
        for (i, node) in process.flowNodes.enumerated() where index[node.id] == nil { index[node.id] = i }
        var flowIndex: [ElementID: Int] = [:]
        for (i, flow) in process.sequenceFlows.enumerated() where flowIndex[flow.id] == nil { flowIndex[flow.id] = i }
        nodeIndex = index
        elements = ElementTable(nodeIDs: process.flowNodes.map(\.id.rawValue), flowIDs: process.sequenceFlows.map(\.id.rawValue))

        let messageNames = Dictionary(definitions.messages.map { ($0.id, $0.name ?? $0.id.rawValue) }, uniquingKeysWith: { a, _ in a })
        let signalNames = Dictionary(definitions.signals.map { ($0.id, $0.name ?? $0.id.rawValue) }, uniquingKeysWith: { a, _ in a })
        let errorCodes = Dictionary(definitions.errors.map { ($0.id, $0.errorCode ?? $0.id.rawValue) }, uniquingKeysWith: { a, _ in a })
        let escalationCodes = Dictionary(definitions.escalations.compactMap { escalation in escalation.code.map { (escalation.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let errorMessages = Dictionary(
            definitions.errors.compactMap { error in error.errorMessage.map { (error.id, (try? Template(parsing: $0)) ?? Template(literal: $0)) } },
            uniquingKeysWith: { a, _ in a })

        flows = process.sequenceFlows.map { flow in
            ExecutableFlow(
                id: flow.id, source: index[flow.source] ?? -1, target: index[flow.target] ?? -1, condition: flow.condition?.expression,
                listeners: flow.listeners)
        }
        var outgoing = [[Int]](repeating: [], count: process.flowNodes.count)
        var incoming = [[Int]](repeating: [], count: process.flowNodes.count)
        for (i, flow) in flows.enumerated() where flow.source >= 0 && flow.target >= 0 {
            outgoing[flow.source].append(i)
            incoming[flow.target].append(i)
        }
        var boundaries = [[Int]](repeating: [], count: process.flowNodes.count)
        var compensationHandlers = [Int?](repeating: nil, count: process.flowNodes.count)
        var layouts = [ScopeLayout?](repeating: nil, count: process.flowNodes.count)
        var root = ScopeLayout()
        for (i, node) in process.flowNodes.enumerated() {
            if node.kind.isSubProcess { layouts[i] = layouts[i] ?? ScopeLayout() }
            if case .boundaryEvent(let boundary) = node.kind, let host = index[boundary.attachedTo] {
                boundaries[host].append(i)
                if case .compensate? = node.kind.eventDefinitions.first, let handler = node.details.compensationHandler {
                    compensationHandlers[host] = index[handler]
                }
            }
        }
        for (i, node) in process.flowNodes.enumerated() {
            let parent = node.parent.flatMap { index[$0] }
            func record(_ update: (inout ScopeLayout) -> Void) {
                guard let parent else { return update(&root) }
                var layout = layouts[parent] ?? ScopeLayout()
                update(&layout)
                layouts[parent] = layout
            }
            switch node.kind {
            case .startEvent(let start):
                record { $0.startEvents.append(i) }
                if start.eventDefinitions.isEmpty { record { if $0.noneStart == nil { $0.noneStart = i } } }
            case .subProcess(let sub) where sub.triggeredByEvent:
                record { $0.eventSubProcesses.append(i) }
            case .intermediateCatchEvent(let definitions):
                // The first catch of a name wins; the validator refuses a second one.
                for case .link(let name?) in definitions { record { if $0.linkCatches[name] == nil { $0.linkCatches[name] = i } } }
            default:
                break
            }
        }
        self.root = root
        hasConditionalEvents = process.flowNodes.contains { node in
            node.kind.eventDefinitions.contains { if case .conditional = $0 { true } else { false } }
        }

        func messageName(_ node: FlowNode) -> String? {
            if case .receiveTask(let ref?) = node.kind { return messageNames[ref] ?? ref.rawValue }
            for case .message(let ref?) in node.kind.eventDefinitions { return messageNames[ref] ?? ref.rawValue }
            return nil
        }
        func signalName(_ node: FlowNode) -> String? {
            for case .signal(let ref?) in node.kind.eventDefinitions { return signalNames[ref] ?? ref.rawValue }
            return nil
        }
        func errorCode(_ node: FlowNode) -> String? {
            for case .error(let ref?) in node.kind.eventDefinitions { return errorCodes[ref] ?? ref.rawValue }
            return nil
        }
        /// An escalation without a code, or a catch without an escalation, catches every escalation.
        func escalationCode(_ node: FlowNode) -> String? {
            for case .escalation(let ref?) in node.kind.eventDefinitions { return escalationCodes[ref] }
            return nil
        }
        func errorMessage(_ node: FlowNode) -> Template? {
            guard case .endEvent = node.kind else { return nil }
            for case .error(let ref?) in node.kind.eventDefinitions { return errorMessages[ref] }
            return nil
        }

        // Which inclusive gateways each node can reach within its scope: the inclusive join waits
        // while any token in its scope could still arrive.
        let inclusive = process.flowNodes.indices.filter { process.flowNodes[$0].kind == .gateway(.inclusive) }
        var reach = [[Int]](repeating: [], count: process.flowNodes.count)
        if !inclusive.isEmpty {
            for start in process.flowNodes.indices {
                var seen = Set<Int>([start])
                var queue = [start]
                var head = 0
                while head < queue.count {
                    let current = queue[head]
                    head += 1
                    for flow in outgoing[current] where seen.insert(flows[flow].target).inserted { queue.append(flows[flow].target) }
                    // A token inside an activity may leave through its boundary events.
                    for boundary in boundaries[current] where seen.insert(boundary).inserted { queue.append(boundary) }
                }
                reach[start] = inclusive.filter { $0 != start && seen.contains($0) }
            }
        }

        nodes = process.flowNodes.enumerated().map { i, node in
            ExecutableNode(
                id: node.id, name: node.name, kind: node.kind, details: node.details, parent: node.parent.flatMap { index[$0] },
                outgoing: outgoing[i], incoming: incoming[i], defaultFlow: node.defaultFlow.flatMap { flowIndex[$0] },
                boundaryEvents: boundaries[i], layout: layouts[i], messageName: messageName(node), signalName: signalName(node),
                errorCode: errorCode(node),
                errorMessage: errorMessage(node), escalationCode: escalationCode(node),
                reachableInclusiveJoins: reach[i], compensationHandler: compensationHandlers[i],
                compensateActivityRef: node.details.compensateActivityRef.flatMap { index[$0] })
        }
    }
}
