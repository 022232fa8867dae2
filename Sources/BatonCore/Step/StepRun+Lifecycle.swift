import BatonModel

/// The element lifecycle shared by every kind: activate → (behaviour) → complete → leave, or
/// terminate. Kind-specific work lives in the behaviour types; this is what they all go through.
extension StepRun {
    /// Activates `node` in `scope`: creates its element instance, applies input mappings, opens
    /// its boundary events, and runs its behaviour (or parks it as a job when `asyncBefore`).
    /// A multi-instance activity first activates its body, which activates the inner instances.
    mutating func activate(
        node: Int, scope: ElementKey?, loopCounter: Int?, triggered: Bool, locals: [String: VariableValue], compensating: ElementKey? = nil
    ) throws(Rejection) {
        let definition = process.nodes[node]
        if let loop = definition.details.multiInstance, loopCounter == nil {
            let body = nextKey
            emit(.elementActivated(ElementInstance(key: body, node: node, scope: scope, loopCounter: nil, isMultiInstanceBody: true, compensating: compensating)))
            try openBoundaryListeners(for: body, node: node)
            if loop.continuation.before {
                createJob(.activate, for: body, node: node)
            } else {
                try MultiInstanceBodyBehavior.start(&self, body: body, loop: loop)
            }
            return
        }
        let key = nextKey
        emit(.elementActivated(ElementInstance(
            key: key, node: node, scope: scope, loopCounter: loopCounter, isMultiInstanceBody: false, compensating: compensating)))
        for name in locals.keys.sorted() { emit(.variableSet(scope: key, name: name, value: locals[name]!)) }
        for parameter in definition.details.inputOutput.inputs where !context.skipIoMappings {
            let value = try evaluate(parameter.value, at: key, what: "input parameter '\(parameter.name)' of \(describe(node))")
            emit(.variableSet(scope: key, name: parameter.name, value: value))
        }
        if definition.details.multiInstance == nil { try openBoundaryListeners(for: key, node: node) }
        if definition.details.continuation.before && !triggered {
            createJob(.activate, for: key, node: node)
            return
        }
        try behave(key, triggered: triggered)
    }

    /// Runs the behaviour of the element instance `key` on activation.
    mutating func behave(_ key: ElementKey, triggered: Bool) throws(Rejection) {
        guard let element = state.element(key) else { return }
        if element.isMultiInstanceBody, let loop = process.nodes[element.node].details.multiInstance {
            try MultiInstanceBodyBehavior.start(&self, body: key, loop: loop)
            return
        }
        let definition = process.nodes[element.node]
        try notifyExecutionListeners("start", of: element.node, at: key)
        guard state.element(key) != nil else { return }  // a listener's change ended it (an event subprocess)
        switch definition.kind {
        case .startEvent: try StartEventBehavior.activate(&self, key, definition, triggered: triggered)
        case .endEvent: try EndEventBehavior.activate(&self, key, definition, triggered: triggered)
        case .intermediateCatchEvent: try IntermediateCatchEventBehavior.activate(&self, key, definition, triggered: triggered)
        case .intermediateThrowEvent: try IntermediateThrowEventBehavior.activate(&self, key, definition, triggered: triggered)
        case .boundaryEvent: try BoundaryEventBehavior.activate(&self, key, definition, triggered: triggered)
        case .task, .manualTask: try PassThroughTaskBehavior.activate(&self, key, definition, triggered: triggered)
        case .userTask: try UserTaskBehavior.activate(&self, key, definition, triggered: triggered)
        case .serviceTask, .sendTask, .businessRuleTask: try ServiceTaskBehavior.activate(&self, key, definition, triggered: triggered)
        case .scriptTask: try ScriptTaskBehavior.activate(&self, key, definition, triggered: triggered)
        case .receiveTask: try ReceiveTaskBehavior.activate(&self, key, definition, triggered: triggered)
        case .callActivity: try CallActivityBehavior.activate(&self, key, definition, triggered: triggered)
        case .subProcess: try SubProcessBehavior.activate(&self, key, definition, triggered: triggered)
        case .gateway(.exclusive): try ExclusiveGatewayBehavior.activate(&self, key, definition, triggered: triggered)
        case .gateway(.parallel): try ParallelGatewayBehavior.activate(&self, key, definition, triggered: triggered)
        case .gateway(.inclusive): try InclusiveGatewayBehavior.activate(&self, key, definition, triggered: triggered)
        case .gateway(.eventBased): try EventBasedGatewayBehavior.activate(&self, key, definition, triggered: triggered)
        case .gateway(.complex):
            throw Rejection(.executionFailed, "Expected an element Baton executes, but \(describe(element.node)) is a complex gateway.")
        }
    }

    /// The element finished its work. With `asyncAfter` it waits as a job before leaving;
    /// otherwise it leaves now by its outgoing flows.
    mutating func complete(_ key: ElementKey, flows chosen: [Int]? = nil, afterJob: Bool = false) throws(Rejection) {
        guard let element = state.element(key) else { return }
        let definition = process.nodes[element.node]
        let after = element.isMultiInstanceBody ? definition.details.multiInstance?.continuation.after : definition.details.continuation.after
        if after == true && !afterJob && element.compensating == nil {
            createJob(.leave, for: key, node: element.node)
            return
        }
        try leave(key, flows: chosen)
    }

    /// Leaves element `key`: chooses outgoing flows (conditions are evaluated while its variables
    /// still exist), maps outputs to the enclosing scope, closes its listeners, completes it and
    /// takes the flows. With no flow to take, its token ends and the scope may complete, unless
    /// it continues at the node `continuingAt` of its scope (a link throw's catch event, whose
    /// event has then happened).
    mutating func leave(_ key: ElementKey, flows chosen: [Int]?, continuingAt target: Int? = nil) throws(Rejection) {
        guard let element = state.element(key) else { return }
        let definition = process.nodes[element.node]
        let isInner = element.loopCounter != nil
        let retaken = isRetakenScope(element)
        // Inner instances of a multi-instance activity do not leave by its flows; the body does.
        // Nor does anything compensation runs: its thrower goes on when it is done.
        let flows: [Int]
        if isInner || element.compensating != nil {
            flows = []
        } else if let chosen {
            flows = chosen
        } else {
            flows = try outgoingFlows(of: element.node, at: key)
        }
        if !element.isMultiInstanceBody, !retaken { try notifyExecutionListeners("end", of: element.node, at: key) }
        lastLeftNode = element.node
        // Output parameters belong to each execution of the activity, not to a multi-instance body.
        var outputs: [(String, VariableValue)] = []
        if !element.isMultiInstanceBody, !retaken, !context.skipIoMappings {
            for parameter in definition.details.inputOutput.outputs {
                let what = "output parameter '\(parameter.name)' of \(describe(element.node))"
                outputs.append((parameter.name, try evaluate(parameter.value, at: key, what: what)))
            }
        }
        for (name, value) in outputs {
            emit(.variableSet(scope: state.owningScope(of: name, from: element.scope), name: name, value: value))
        }
        closeListeners(of: key)
        recordCompensation(for: element)
        // A scope taken up again for compensation forgets what its compensation left undone.
        if retaken { discardCompensations(inScope: key) }
        emit(.elementCompleted(key: key))
        if element.compensating != nil {
            try compensationStepEnded(element)
            return
        }
        if isInner, let body = element.scope {
            try MultiInstanceBodyBehavior.innerCompleted(&self, body: body)
            return
        }
        for flow in flows { schedule(.takeFlow(flow: flow, scope: element.scope)) }
        if let target {
            schedule(.activate(node: target, scope: element.scope, loopCounter: nil, triggered: true))
        } else if flows.isEmpty {
            schedule(.scopeMayComplete(element.scope))
        }
    }

    /// Flows out of a non-gateway node: unconditioned ones always, conditioned ones when they hold,
    /// the default when nothing else is taken.
    func outgoingFlows(of node: Int, at key: ElementKey) throws(Rejection) -> [Int] {
        let definition = process.nodes[node]
        var taken: [Int] = []
        for flow in definition.outgoing where flow != definition.defaultFlow {
            if let expression = process.flows[flow].condition {
                if try condition(expression, at: key, flow: flow) { taken.append(flow) }
            } else {
                taken.append(flow)
            }
        }
        if taken.isEmpty, let defaultFlow = definition.defaultFlow { taken.append(defaultFlow) }
        if taken.isEmpty, !definition.outgoing.isEmpty {
            throw Rejection(
                .executionFailed,
                "Expected \(describe(node)) to leave by one of its conditional flows, but no condition holds and it has no default flow.")
        }
        return taken
    }

    /// Takes a flow: records it, then activates the target, or adds the token to a join.
    mutating func takeFlow(_ flow: Int, scope: ElementKey?) throws(Rejection) {
        try notifyTakeListeners(of: flow, in: scope)
        emit(.sequenceFlowTaken(flow: FlowPosition(flow), scope: scope))
        let target = process.flows[flow].target
        let definition = process.nodes[target]
        switch definition.kind {
        case .gateway(.parallel) where definition.incoming.count > 1:
            emit(.joinTokenArrived(gateway: NodePosition(target), scope: scope, flow: FlowPosition(flow)))
            guard let join = state.joins.first(where: { $0.gateway == target && $0.scope == scope }) else { return }
            // Fire when a token has come by every incoming flow; consume one per flow.
            var consumed: [Int] = []
            for incoming in definition.incoming {
                guard let position = join.arrivals.indices.first(where: { join.arrivals[$0] == incoming && !consumed.contains($0) }) else {
                    return
                }
                consumed.append(position)
            }
            emit(.joinFired(gateway: NodePosition(target), scope: scope, consumed: consumed))
            schedule(.activate(node: target, scope: scope, loopCounter: nil, triggered: false))
        case .gateway(.inclusive) where definition.incoming.count > 1:
            // Decided once every token is at rest (see ``fireReadyInclusiveJoins()``).
            emit(.joinTokenArrived(gateway: NodePosition(target), scope: scope, flow: FlowPosition(flow)))
        default:
            schedule(.activate(node: target, scope: scope, loopCounter: nil, triggered: false))
        }
    }

    /// Fires each inclusive join that no other token of its scope can still reach (BPMN 2.0,
    /// 13.4.3). Runs when the agenda is empty, so tokens in flight are never overlooked.
    mutating func fireReadyInclusiveJoins() throws(Rejection) -> Bool {
        var fired = false
        for join in state.joins where process.nodes[join.gateway].kind == .gateway(.inclusive) {
            let canStillArrive = state.children(of: join.scope).contains {
                process.nodes[$0.node].reachableInclusiveJoins.contains(join.gateway)
            } || state.joins.contains {
                $0.scope == join.scope && $0.gateway != join.gateway
                    && process.nodes[$0.gateway].reachableInclusiveJoins.contains(join.gateway)
            }
            guard !canStillArrive else { continue }
            emit(.joinFired(gateway: NodePosition(join.gateway), scope: join.scope, consumed: Array(join.arrivals.indices)))
            schedule(.activate(node: join.gateway, scope: join.scope, loopCounter: nil, triggered: false))
            fired = true
        }
        return fired
    }

    /// When nothing runs in `scope` any more, the scope completes: the process instance ends, or
    /// the subprocess leaves by its outgoing flows. A multi-instance body ends by its own rules.
    mutating func scopeMayComplete(_ scope: ElementKey?) throws(Rejection) {
        guard !state.elements.contains(where: { $0.scope == scope }), !state.joins.contains(where: { $0.scope == scope }) else { return }
        guard let scope else {
            guard state.status == .active else { return }
            closeListeners(of: processScopeKey)
            try notifyExecutionListeners("end", of: nil, at: nil, activity: lastLeftNode)
            emit(.instanceCompleted)
            return
        }
        guard let element = state.element(scope), !element.isMultiInstanceBody else { return }
        try complete(scope)
    }

    /// Terminates element `key` and everything inside it: children first, then its tasks (their
    /// `delete` listeners notified), jobs, subscriptions and incidents; its `end` listeners are
    /// notified last, as Camunda notifies a cancelled activity's.
    mutating func terminate(_ key: ElementKey) throws(Rejection) {
        for child in state.children(of: key).reversed() { try terminate(child.key) }
        for task in state.tasks where task.elementKey == key {
            var deleted = task
            try notifyTaskListeners("delete", task: &deleted)
            emit(.userTaskCanceled(taskID: task.id))
        }
        for incident in state.incidents where incident.elementKey == key { emit(.incidentDeleted(incidentID: incident.id)) }
        closeListeners(of: key)
        if let element = state.element(key), !element.isMultiInstanceBody {
            try notifyExecutionListeners("end", of: element.node, at: key)
            lastLeftNode = element.node
        }
        discardCompensations(inScope: key)
        emit(.elementTerminated(key: key))
    }

    /// Closes the subscriptions and cancels the jobs that belong to element `key` (its boundary
    /// events, event subprocess starts, timers and waits).
    mutating func closeListeners(of key: ElementKey) {
        for subscription in state.subscriptions where subscription.elementKey == key {
            emit(.subscriptionClosed(subscriptionID: subscription.id))
        }
        for job in state.jobs where job.elementKey == key { emit(.jobCanceled(jobID: job.id)) }
    }

    /// Evaluates a parameter value: text, a list, a map, or a JUEL script.
    func evaluate(_ value: ParameterValue, at key: ElementKey?, what: @autoclosure () -> String) throws(Rejection) -> VariableValue {
        switch value {
        case .null:
            return .null
        case .text(let template):
            return try evaluate(template, at: key, what: what())
        case .script(_, _, let expression?):
            return try evaluate(expression, at: key, what: what())
        case .script(let format, _, nil):
            throw Rejection(.executionFailed, "Expected \(what()) to be a JUEL script, but it is written in '\(format ?? "no language")'.")
        case .list(let items):
            var values: [JSONValue] = []
            for item in items { values.append(try evaluate(item, at: key, what: what()).jsonValue) }
            return .json(.array(values))
        case .map(let entries):
            // As Camunda builds it: entries taken in the order of their keys' text, a later one
            // overwriting an earlier that resolved to the same key, the map sorted by key.
            var values: [String: JSONValue] = [:]
            for entry in entries.sorted(by: { $0.key < $1.key }) {
                let name = try entry.keyExpression.map { template throws(Rejection) in
                    ExpressionEvaluator.text(try evaluate(template, at: key, what: "a map key of \(what())"))
                } ?? entry.key
                values[name] = try evaluate(entry.value, at: key, what: what()).jsonValue
            }
            return .json(.object(values.keys.sorted().map { .init($0, values[$0]!) }))
        }
    }
}
