import BatonModel

/// Exclusive gateways: one way out.
///
/// - Activate: evaluates the conditions of its outgoing flows in document order and leaves by
///   the first that holds; else by the default flow, or by its one flow without a condition,
///   which Camunda takes as the default; with neither, execution fails (the command is
///   rejected, or the job fails and retries).
enum ExclusiveGatewayBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        var fallback = node.defaultFlow
        for flow in node.outgoing where flow != node.defaultFlow {
            guard let expression = run.process.flows[flow].condition else {
                fallback = fallback ?? flow
                continue
            }
            guard try run.condition(expression, at: key, flow: flow) else { continue }
            try run.complete(key, flows: [flow])
            return
        }
        guard let defaultFlow = fallback else {
            throw Rejection(
                .executionFailed,
                "Expected exclusive gateway '\(node.id)' to find an outgoing flow whose condition holds, but none does and it has no default flow.")
        }
        try run.complete(key, flows: [defaultFlow])
    }
}

/// Parallel gateways: fork and join.
///
/// - Join (before activation, in ``StepRun/takeFlow(_:scope:)``): tokens wait at the gateway until
///   one has arrived by every incoming flow; then one per flow is consumed and the gateway activates.
/// - Activate: leaves by every outgoing flow, in document order.
enum ParallelGatewayBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        try run.complete(key, flows: node.outgoing)
    }
}

/// Inclusive gateways: fork on every condition that holds, join what was forked.
///
/// - Join: arrived tokens wait while any other token in the scope can still reach the gateway
///   (BPMN 2.0 §13.4.3), decided when all tokens are at rest (``StepRun/fireReadyInclusiveJoins()``).
/// - Activate: leaves by every outgoing flow whose condition holds (flows without condition
///   always hold); by the default flow when none does; with neither, execution fails.
enum InclusiveGatewayBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        var taken: [Int] = []
        for flow in node.outgoing where flow != node.defaultFlow {
            if let expression = run.process.flows[flow].condition, try !run.condition(expression, at: key, flow: flow) { continue }
            taken.append(flow)
        }
        if taken.isEmpty, let defaultFlow = node.defaultFlow { taken = [defaultFlow] }
        guard !taken.isEmpty else {
            throw Rejection(
                .executionFailed,
                "Expected inclusive gateway '\(node.id)' to find an outgoing flow whose condition holds, but none does and it has no default flow.")
        }
        try run.complete(key, flows: taken)
    }
}

/// Event-based gateways: the first event wins.
///
/// - Activate: opens a subscription or timer for each event it leads to (message, signal and
///   timer catch events, receive tasks) and waits.
/// - Complete: when one of them happens: the others are cancelled with the gateway, and the
///   winning event is activated as already triggered.
enum EventBasedGatewayBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        for flow in node.outgoing {
            let target = run.process.flows[flow].target
            let targetNode = run.process.nodes[target]
            switch (targetNode.kind, targetNode.kind.eventDefinitions.first) {
            case (.receiveTask, _), (.intermediateCatchEvent, .message?), (.intermediateCatchEvent, .signal?):
                try run.openSubscription(for: key, node: target, target: .catchEvent)
            case (.intermediateCatchEvent, .timer(let timer)?):
                try run.createTimer(timer, for: key, node: target, target: .catchEvent)
            case (.intermediateCatchEvent, .conditional?):
                break  // checked below, once every other event listens; then on variable changes
            default:
                throw Rejection(.executionFailed, "Expected event-based gateway '\(node.id)' to lead to catch events, but '\(targetNode.id)' is not one.")
            }
        }
        // As in Camunda, the first conditional event whose condition already holds wins at once.
        for target in conditionalTargets(of: node, in: run.process) {
            guard case .conditional(let condition?)? = run.process.nodes[target].kind.eventDefinitions.first,
                try run.conditionHolds(condition, of: target, at: key)
            else { continue }
            try eventOccurred(&run, gateway: key, target: target, variables: [:])
            return
        }
    }

    /// The conditional catch events the gateway `node` leads to, in the order of its flows.
    static func conditionalTargets(of node: ExecutableNode, in process: ExecutableProcess) -> [Int] {
        node.outgoing.map { process.flows[$0].target }.filter { target in
            if case .conditional? = process.nodes[target].kind.eventDefinitions.first { return true }
            return false
        }
    }

    /// The event at `target` happened: complete the gateway and continue there.
    static func eventOccurred(_ run: inout StepRun, gateway key: ElementKey, target: Int, variables: [String: VariableValue]) throws(Rejection) {
        guard let gateway = run.state.element(key),
            let flow = run.process.nodes[gateway.node].outgoing.first(where: { run.process.flows[$0].target == target })
        else { return }
        run.setVariables(variables, from: gateway.scope, local: false)
        run.closeListeners(of: key)
        run.emit(.elementCompleted(key: key))
        run.emit(.sequenceFlowTaken(flow: FlowPosition(flow), scope: gateway.scope))
        run.schedule(.activate(node: target, scope: gateway.scope, loopCounter: nil, triggered: true))
    }
}
