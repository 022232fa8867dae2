import BatonModel

/// The checks that need a whole file: references between elements, sequence-flow structure,
/// reachability, gateway rules, and the subset of BPMN that Baton executes.
///
/// Structural faults are errors in every process; execution rules (start events, reachability,
/// unsupported elements) apply only to processes marked `isExecutable="true"`.
struct ProcessValidator {
    let definitions: Definitions
    var sink: DiagnosticSink
    let registry: [ElementID: ElementOrigin]
    let tree: XMLTree
    let failures: ReadFailures

    init(definitions: Definitions, sink: DiagnosticSink, registry: [ElementID: ElementOrigin], tree: XMLTree, failures: ReadFailures) {
        self.definitions = definitions
        self.sink = sink
        self.registry = registry
        self.tree = tree
        self.failures = failures
    }

    /// The tag an element was written with (`bpmn:userTask`), built only when a diagnostic needs it.
    func tag(_ id: ElementID) -> String? { registry[id].map { XMLElement(tree: tree, index: $0.element).qualifiedName } }

    mutating func validate() {
        for process in definitions.processes {
            checkSequenceFlows(process)
            checkReferences(process)
            guard process.isExecutable else { continue }
            checkScopes(process)
            checkFlowDirections(process)
            checkGateways(process)
            checkExecutableSubset(process)
            checkLinks(process)
            checkConditionalStarts(process)
            checkSignalScopes(process)
            checkCompensation(process)
            checkReachability(process)
        }
    }

    // MARK: - Reporting

    mutating func error(_ code: DiagnosticCode, _ message: String, at node: FlowNode, attribute: String? = nil, notes: [String] = []) {
        sink.report(.error, code, message, line: node.line, tag: tag(node.id), element: node.id, attribute: attribute, notes: notes)
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at node: FlowNode, attribute: String? = nil, notes: [String] = []) {
        sink.report(.warning, code, message, line: node.line, tag: tag(node.id), element: node.id, attribute: attribute, notes: notes)
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, at flow: SequenceFlow, attribute: String? = nil, notes: [String] = []) {
        sink.report(.error, code, message, line: flow.line, tag: tag(flow.id), element: flow.id, attribute: attribute, notes: notes)
    }

    mutating func warning(_ code: DiagnosticCode, _ message: String, at flow: SequenceFlow) {
        sink.report(.warning, code, message, line: flow.line, tag: tag(flow.id), element: flow.id)
    }

    func describe(_ node: FlowNode) -> String { "\(node.kind.elementName) '\(node.id)'" }

    func scopeName(_ scope: ElementID?) -> String { scope.map { "subprocess '\($0)'" } ?? "the process" }

    // MARK: - Sequence flows

    private mutating func checkSequenceFlows(_ process: ProcessDefinition) {
        for flow in process.sequenceFlows {
            checkEndpoint(flow, role: "source", attribute: "sourceRef", endpoint: flow.source, in: process)
            checkEndpoint(flow, role: "target", attribute: "targetRef", endpoint: flow.target, in: process)
        }
        for node in process.flowNodes {
            guard let defaultFlow = node.defaultFlow else { continue }
            guard let flow = process.sequenceFlow(defaultFlow), flow.source == node.id else {
                error(
                    .invalidDefaultFlow,
                    "Expected the default flow of \(describe(node)) to be one of its outgoing sequence flows, but '\(defaultFlow)' is not.",
                    at: node, attribute: "default",
                    notes: Suggestions.note(for: defaultFlow.rawValue, among: process.outgoing(node.id).map(\.id.rawValue)))
                continue
            }
            if flow.condition != nil, node.kind == .gateway(.exclusive) {
                error(
                    .invalidExclusiveGateway,
                    "Expected the default flow '\(flow.id)' of \(describe(node)) to have no condition, but it has one; Camunda refuses a default flow with a condition on an exclusive gateway.",
                    at: node, attribute: "default")
            } else if flow.condition != nil {
                warning(
                    .conditionOnDefaultFlow,
                    "Expected the default flow '\(flow.id)' of \(describe(node)) to have no condition, but it has one; a default flow's condition is never evaluated.",
                    at: node, attribute: "default")
            }
        }
    }

    /// One end of a sequence flow must name a node, in the flow's own scope.
    private mutating func checkEndpoint(_ flow: SequenceFlow, role: String, attribute: String, endpoint: ElementID, in process: ProcessDefinition) {
        guard let scope = process.scope(of: endpoint) else {
            error(
                .unknownFlowEndpoint,
                "Expected the \(attribute) of sequence flow '\(flow.id)' to name a flow node of process '\(process.id)', but '\(endpoint)' does not exist.",
                at: flow, attribute: attribute, notes: Suggestions.note(for: endpoint.rawValue, among: process.flowNodes.map(\.id.rawValue)))
            return
        }
        guard scope != flow.parent, let node = process.node(endpoint) else { return }
        error(
            .flowCrossesScope,
            "Expected sequence flow '\(flow.id)' to stay within \(scopeName(flow.parent)), but its \(role) \(describe(node)) is in \(scopeName(scope)).",
            at: flow)
    }

    // MARK: - References to root elements and attachments

    private mutating func checkReferences(_ process: ProcessDefinition) {
        for node in process.flowNodes {
            if case .boundaryEvent(let boundary) = node.kind, !boundary.attachedTo.rawValue.isEmpty {
                if let host = process.node(boundary.attachedTo) {
                    if !host.kind.isActivity {
                        error(
                            .invalidBoundaryEvent,
                            "Expected boundary event '\(node.id)' to be attached to a task, subprocess or call activity, but \(describe(host)) is not one.",
                            at: node, attribute: "attachedToRef")
                    } else if host.parent != node.parent {
                        error(
                            .invalidBoundaryEvent,
                            "Expected boundary event '\(node.id)' to be declared in the same scope as the activity it is attached to, but '\(host.id)' is in \(scopeName(host.parent)).",
                            at: node, attribute: "attachedToRef")
                    }
                } else {
                    error(
                        .invalidBoundaryEvent,
                        "Expected the attachedToRef of boundary event '\(node.id)' to name an activity, but '\(boundary.attachedTo)' does not exist.",
                        at: node, attribute: "attachedToRef",
                        notes: Suggestions.note(for: boundary.attachedTo.rawValue, among: process.flowNodes.filter(\.kind.isActivity).map(\.id.rawValue)))
                }
            }
            var references: [(kind: String, id: ElementID, known: [ElementID])] = []
            for definition in node.kind.eventDefinitions {
                switch definition {
                case .message(let ref?): references.append(("message", ref, definitions.messages.map(\.id)))
                case .error(let ref?): references.append(("error", ref, definitions.errors.map(\.id)))
                case .signal(let ref?): references.append(("signal", ref, definitions.signals.map(\.id)))
                case .escalation(let ref?): references.append(("escalation", ref, definitions.escalations.map(\.id)))
                default: break
                }
            }
            if case .receiveTask(let ref?) = node.kind { references.append(("message", ref, definitions.messages.map(\.id))) }
            for reference in references where !reference.known.contains(reference.id) {
                if reference.kind == "error" {
                    // Camunda takes the reference itself as the error code.
                    warning(
                        .errorCodeFromReference,
                        "Expected \(describe(node)) to reference an error defined in this file, but there is no error with id '\(reference.id)'; '\(reference.id)' is taken as the error code (as Camunda does).",
                        at: node, attribute: "errorRef", notes: Suggestions.note(for: reference.id.rawValue, among: reference.known.map(\.rawValue)))
                    continue
                }
                error(
                    .unknownReference,
                    "Expected \(describe(node)) to reference \(reference.kind == "message" || reference.kind == "signal" ? "a" : "an") \(reference.kind) defined in this file, but there is no \(reference.kind) with id '\(reference.id)'.",
                    at: node, attribute: "\(reference.kind)Ref",
                    notes: Suggestions.note(for: reference.id.rawValue, among: reference.known.map(\.rawValue)))
            }
        }
    }

    // MARK: - Scopes: start events, event subprocesses

    private mutating func checkScopes(_ process: ProcessDefinition) {
        let topLevel = process.children(of: nil)
        let starts = topLevel.filter { if case .startEvent = $0.kind { true } else { false } }
        if starts.isEmpty {
            sink.report(
                .error, .noStartEvent, "Expected executable process '\(process.id)' to have a start event, but it has none.",
                line: process.line, tag: tag(process.id), element: process.id)
        }
        let noneStarts = starts.filter { $0.kind.eventDefinitions.isEmpty }
        for extra in noneStarts.dropFirst() {
            error(
                .ambiguousStart,
                "Expected at most one none start event in process '\(process.id)', but '\(extra.id)' is another besides '\(noneStarts[0].id)'.",
                at: extra)
        }
        var messageStarts: [ElementID: ElementID] = [:]
        for start in starts {
            for case .message(let ref?) in start.kind.eventDefinitions {
                if let first = messageStarts[ref] {
                    error(
                        .duplicateMessageStart,
                        "Expected each message start event of process '\(process.id)' to wait for a different message, but '\(start.id)' and '\(first)' both wait for '\(ref)'.",
                        at: start)
                } else {
                    messageStarts[ref] = start.id
                }
            }
        }

        for scope in process.flowNodes {
            guard case .subProcess(let sub) = scope.kind else { continue }
            let scopeStarts = process.children(of: scope.id).filter { if case .startEvent = $0.kind { true } else { false } }
            if sub.triggeredByEvent {
                checkEventSubProcess(process, scope, starts: scopeStarts)
                continue
            }
            guard sub.variant == .embedded else { continue }
            if scopeStarts.isEmpty {
                error(.noStartEvent, "Expected subprocess '\(scope.id)' to have one none start event, but it has none.", at: scope)
            }
            for start in scopeStarts where !start.kind.eventDefinitions.isEmpty {
                error(
                    .ambiguousStart,
                    "Expected the start event '\(start.id)' of embedded subprocess '\(scope.id)' to be a none start event, but it has a \(start.kind.eventDefinitions[0].elementName); only event subprocesses start on triggers.",
                    at: start)
            }
            for extra in scopeStarts.dropFirst() {
                error(
                    .ambiguousStart,
                    "Expected subprocess '\(scope.id)' to have exactly one start event, but '\(extra.id)' is another besides '\(scopeStarts[0].id)'.",
                    at: extra)
            }
        }
    }

    private mutating func checkEventSubProcess(_ process: ProcessDefinition, _ scope: FlowNode, starts: [FlowNode]) {
        if !process.incoming(scope.id).isEmpty || !process.outgoing(scope.id).isEmpty {
            error(
                .invalidEventSubProcess,
                "Expected event subprocess '\(scope.id)' to have no sequence flows in or out, but it has \(process.incoming(scope.id).count) incoming and \(process.outgoing(scope.id).count) outgoing.",
                at: scope)
        }
        guard starts.count == 1, let start = starts.first else {
            error(
                .invalidEventSubProcess,
                "Expected event subprocess '\(scope.id)' to have exactly one start event, but it has \(starts.count).", at: scope)
            return
        }
        guard let trigger = start.kind.eventDefinitions.first else {
            error(
                .invalidEventSubProcess,
                "Expected the start event '\(start.id)' of event subprocess '\(scope.id)' to have an error, escalation, message, signal, timer, conditional or compensation trigger, but it is a none start event.",
                at: start)
            return
        }
        switch trigger {
        case .error, .escalation, .message, .signal, .timer, .conditional, .compensate: break
        default:
            error(
                .unsupportedElement,
                "Expected the start event '\(start.id)' of event subprocess '\(scope.id)' to be triggered by an error, escalation, message, signal, timer, condition or compensation, but it has a \(trigger.elementName), which Baton does not execute.",
                at: start)
        }
    }
}
