import BatonModel

extension ProcessValidator {
    // MARK: - Which nodes may have incoming and outgoing flows

    mutating func checkFlowDirections(_ process: ProcessDefinition) {
        for node in process.flowNodes {
            let incoming = process.incoming(node.id)
            let outgoing = process.outgoing(node.id)
            switch node.kind {
            case .startEvent where !incoming.isEmpty:
                error(.invalidFlowDirection, "Expected start event '\(node.id)' to have no incoming sequence flow, but '\(incoming[0].id)' leads into it.", at: node)
            case .boundaryEvent where !incoming.isEmpty:
                error(.invalidFlowDirection, "Expected boundary event '\(node.id)' to have no incoming sequence flow, but '\(incoming[0].id)' leads into it.", at: node)
            case .endEvent where !outgoing.isEmpty:
                error(.invalidFlowDirection, "Expected end event '\(node.id)' to have no outgoing sequence flow, but '\(outgoing[0].id)' leaves it.", at: node)
            case .intermediateThrowEvent where node.linkName != nil && !outgoing.isEmpty:
                error(
                    .invalidFlowDirection,
                    "Expected link throw event '\(node.id)' to have no outgoing sequence flow (its token continues at the link catch event), but '\(outgoing[0].id)' leaves it.",
                    at: node)
            default:
                break
            }
            // A link throw continues at its catch event, not by a flow.
            guard outgoing.isEmpty, node.linkName == nil || !node.kind.isThrowing else { continue }
            switch node.kind {
            case .gateway(.parallel):
                // Camunda lets a parallel gateway end the tokens that reach it.
                warning(
                    .implicitEnd,
                    "Expected \(describe(node)) to lead somewhere, but it has no outgoing sequence flow; the tokens that pass it end there (an implicit end event).",
                    at: node)
            // A compensation boundary event leads to its handler by an association, not a flow;
            // a handler runs alone and ends.
            case .boundaryEvent where node.kind.eventDefinitions.first == .compensate:
                break
            case _ where node.details.isForCompensation:
                break
            case .startEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent, .gateway:
                error(
                    .noOutgoingFlow,
                    "Expected \(describe(node)) to have an outgoing sequence flow, but it has none, so its token could never move on.",
                    at: node)
            case .subProcess(let sub) where sub.triggeredByEvent:
                break
            case .endEvent:
                break
            default:
                warning(
                    .implicitEnd,
                    "Expected \(describe(node)) to lead somewhere, but it has no outgoing sequence flow; its token ends there (an implicit end event).",
                    at: node)
            }
        }
    }

    // MARK: - Gateways

    /// Camunda's rules for an exclusive gateway's flows: one flow alone carries no condition; a
    /// default flow carries none and then every other flow has one; without a default, at most
    /// one flow lacks a condition, and it is taken as the default (a warning).
    private mutating func checkExclusiveGateway(_ node: FlowNode, outgoing: [SequenceFlow]) {
        if outgoing.count == 1, let only = outgoing.first, only.condition != nil {
            error(
                .invalidExclusiveGateway,
                "Expected the only flow out of \(describe(node)), '\(only.id)', to have no condition, but it has '\(only.condition!.source)'; Camunda refuses a condition on a gateway's only way out.",
                at: node)
            return
        }
        guard outgoing.count > 1 else { return }
        let unconditioned = outgoing.filter { $0.condition == nil && $0.id != node.defaultFlow && !failures.conditions.contains($0.id) }
        if node.defaultFlow != nil || unconditioned.count > 1 {
            for flow in unconditioned {
                error(
                    .invalidExclusiveGateway,
                    "Expected flow '\(flow.id)' out of \(describe(node)) to have a condition, as it is not the default flow\(node.defaultFlow == nil ? " and another flow has none either" : ""); Camunda refuses it too.",
                    at: flow)
            }
        } else if let implicitDefault = unconditioned.first {
            warning(
                .flowWithoutCondition,
                "Expected \(describe(node)) to name its default flow, but '\(implicitDefault.id)' has no condition; it is taken when no other flow's condition holds, as Camunda takes it.",
                at: node)
        }
    }

    mutating func checkGateways(_ process: ProcessDefinition) {
        for node in process.flowNodes {
            guard case .gateway(let kind) = node.kind else { continue }
            let outgoing = process.outgoing(node.id)
            switch kind {
            case .parallel:
                for flow in outgoing where flow.condition != nil {
                    warning(
                        .conditionIgnored,
                        "Expected the flows out of parallel gateway '\(node.id)' to have no condition, but '\(flow.id)' has '\(flow.condition!.source)'; a parallel gateway takes every outgoing flow and never evaluates it (as in Camunda). Use an inclusive gateway to choose branches.",
                        at: flow)
                }
            case .exclusive:
                checkExclusiveGateway(node, outgoing: Array(outgoing))
            case .inclusive:
                guard outgoing.count > 1 else { continue }
                // A flow whose condition could not be read was reported already; it is not "unconditioned".
                let unconditioned = outgoing.filter {
                    $0.condition == nil && $0.id != node.defaultFlow && !failures.conditions.contains($0.id)
                }
                // Camunda counts a flow without condition as one that holds: warn, as it is likely a slip.
                if node.defaultFlow == nil, unconditioned.count > 1 {
                    warning(
                        .flowWithoutCondition,
                        "Expected \(describe(node)) to have a condition on each outgoing flow or a default flow, but \(unconditioned.map { "'\($0.id)'" }.joined(separator: ", ")) have no condition; it takes them all (as Camunda does).",
                        at: node)
                } else if let defaultFlow = node.defaultFlow, let always = unconditioned.first {
                    warning(
                        .flowWithoutCondition,
                        "Expected every non-default flow out of \(describe(node)) to have a condition, but '\(always.id)' has none, so it always holds and the default flow '\(defaultFlow)' is never taken.",
                        at: node)
                }
            case .eventBased:
                for flow in outgoing {
                    guard let target = process.node(flow.target) else { continue }
                    let waits: Bool
                    switch target.kind {
                    case .receiveTask: waits = true
                    case .intermediateCatchEvent(let definitions):
                        waits = definitions.count == 1 && definitions.allSatisfy {
                            if case .message = $0 { return true }
                            if case .timer = $0 { return true }
                            if case .conditional = $0 { return true }
                            if case .signal = $0 { return true }
                            return false
                        }
                    default: waits = false
                    }
                    if !waits {
                        error(
                            .invalidEventGatewayTarget,
                            "Expected every flow out of event-based gateway '\(node.id)' to lead to a message, timer, signal or conditional catch event or a receive task, but '\(flow.id)' leads to \(describe(target)).",
                            at: node)
                    }
                    if flow.condition != nil {
                        error(
                            .conditionOnParallelFlow,
                            "Expected the flows out of event-based gateway '\(node.id)' to have no condition, but '\(flow.id)' has one; the first event to arrive decides.",
                            at: flow, attribute: "conditionExpression")
                    }
                }
            case .complex:
                break  // reported as unsupported
            }
        }
    }

    // MARK: - Reachability

    /// Every node must be reachable from a start event of its scope, following sequence flows; a
    /// boundary event is reachable when its activity is, an event subprocess always is.
    mutating func checkReachability(_ process: ProcessDefinition) {
        var reached: Set<ElementID> = []
        var queue: [ElementID] = []
        func visit(_ id: ElementID) {
            guard !reached.contains(id) else { return }
            reached.insert(id)
            queue.append(id)
        }
        for node in process.flowNodes {
            switch node.kind {
            case .startEvent: visit(node.id)
            // Camunda accepts a link catch that no throw names; what follows it is not unreachable on top.
            case .intermediateCatchEvent where node.linkName != nil: visit(node.id)
            case .subProcess(let sub) where sub.triggeredByEvent: visit(node.id)
            // Compensation handlers run when compensation is thrown, not by a flow.
            case _ where node.details.isForCompensation: visit(node.id)
            // Attached to nothing that exists: reported already; its branch is not unreachable on top.
            case .boundaryEvent(let boundary) where process.node(boundary.attachedTo) == nil: visit(node.id)
            default: break
            }
        }
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            process.outgoing(current).forEach { visit($0.target) }
            process.boundaryEvents(attachedTo: current).forEach { visit($0.id) }
            if let throwing = process.node(current), throwing.kind.isThrowing, let catching = process.linkCatch(of: throwing) { visit(catching.id) }
        }
        for node in process.flowNodes where !reached.contains(node.id) {
            // A subprocess's inner nodes are reported only if the subprocess itself is reachable.
            if let parent = node.parent, !reached.contains(parent) { continue }
            error(
                .unreachableNode,
                "Expected \(describe(node)) to be reachable from a start event of \(scopeName(node.parent)), but no sequence flow path leads to it.",
                at: node)
        }
    }
}
