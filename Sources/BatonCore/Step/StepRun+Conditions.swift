import BatonModel

/// A variable created, updated or deleted in a scope (nil: the process instance).
struct VariableChange {
    enum Kind: String { case create, update, delete }
    var scope: ElementKey?
    var name: String
    var kind: Kind
    /// The first element key not yet used when it happened: what starts later checks its
    /// condition on entry instead, so it is not offered this change too.
    var before: ElementKey
}

/// Conditional events, as Camunda 7 runs them: a conditional intermediate catch event checks its
/// condition when it is reached and then on every variable change of its scope or an enclosing
/// one; conditional boundary events and event-subprocess starts check theirs when their activity
/// or scope starts and then on every such change. `camunda:variableName` and
/// `camunda:variableEvents` limit which changes count; a condition that names a variable nobody
/// has set is false. A non-interrupting one fires on every change that finds it true.
///
/// Changes are offered when the tokens come to rest, in the order they happened; each walks its
/// scope top-down (a scope's event subprocesses, then each child: its boundary events, itself,
/// its own children), so an interrupting outer catch ends the inner ones before they are asked.
extension StepRun {
    mutating func noteVariableChange(_ event: InstanceEvent) {
        switch event {
        case .variableSet(let scope, let name, _):
            let exists = state.variables[scope]?[name] != nil
            pendingVariableChanges.append(VariableChange(scope: scope, name: name, kind: exists ? .update : .create, before: state.nextKey))
        case .variableRemoved(let scope, let name):
            pendingVariableChanges.append(VariableChange(scope: scope, name: name, kind: .delete, before: state.nextKey))
        default:
            break
        }
    }

    /// Offers the pending changes to the conditional events that wait; true when one fired.
    mutating func dispatchVariableChanges() throws(Rejection) -> Bool {
        guard !pendingVariableChanges.isEmpty else { return false }
        let changes = pendingVariableChanges
        pendingVariableChanges.removeAll()
        var fired = false
        for change in changes where state.status == .active {
            guard change.scope.map({ state.element($0) != nil }) ?? true else { continue }
            for target in conditionalTargets(in: change.scope) where target.owner.map({ $0 < change.before }) ?? true {
                if try offer(change, to: target) { fired = true }
            }
        }
        return fired
    }

    /// What waits for a condition in `scope` and below, top-down.
    private func conditionalTargets(in scope: ElementKey?) -> [ConditionalTarget] {
        var targets: [ConditionalTarget] = []
        func visit(_ key: ElementKey?) {
            let node = key.flatMap { state.element($0) }.map { process.nodes[$0.node] }
            if let key, let element = state.element(key), let node {
                if element.loopCounter == nil {
                    for boundary in node.boundaryEvents where isConditional(boundary) { targets.append(.boundary(host: key, boundary: boundary)) }
                }
                if case .intermediateCatchEvent = node.kind, isConditional(element.node) { targets.append(.catchEvent(key)) }
                if node.kind == .gateway(.eventBased) {
                    for target in EventBasedGatewayBehavior.conditionalTargets(of: node, in: process) { targets.append(.afterGateway(key, target)) }
                }
            }
            if key == nil || (node?.kind.isSubProcess == true && state.element(key!)?.isMultiInstanceBody == false) {
                for eventSubProcess in process.scope(of: key.flatMap { state.element($0)?.node }).eventSubProcesses {
                    guard let start = process.nodes[eventSubProcess].layout?.startEvents.first, isConditional(start) else { continue }
                    targets.append(.eventSubProcess(scope: key, eventSubProcess: eventSubProcess, start: start))
                }
            }
            for child in state.children(of: key) { visit(child.key) }
        }
        visit(scope)
        return targets
    }

    private enum ConditionalTarget {
        case catchEvent(ElementKey)
        case boundary(host: ElementKey, boundary: Int)
        case eventSubProcess(scope: ElementKey?, eventSubProcess: Int, start: Int)
        /// A conditional catch event an event-based gateway waits for.
        case afterGateway(ElementKey, Int)

        /// The element instance whose start opened it (nil: the process instance).
        var owner: ElementKey? {
            switch self {
            case .catchEvent(let key), .afterGateway(let key, _): key
            case .boundary(let host, _): host
            case .eventSubProcess(let scope, _, _): scope
            }
        }
    }

    private func isConditional(_ node: Int) -> Bool {
        if case .conditional? = process.nodes[node].kind.eventDefinitions.first { return true }
        return false
    }

    /// Fires `target` if it still waits, the change is one it listens to and its condition holds.
    private mutating func offer(_ change: VariableChange?, to target: ConditionalTarget) throws(Rejection) -> Bool {
        switch target {
        case .catchEvent(let key):
            guard let element = state.element(key), try holds(element.node, for: change, at: key) else { return false }
            try complete(key)
        case .boundary(let host, let boundary):
            guard state.element(host) != nil, try holds(boundary, for: change, at: host) else { return false }
            try boundaryTriggered(host: host, boundary: boundary, variables: [:])
        case .afterGateway(let gateway, let target):
            guard state.element(gateway) != nil, try holds(target, for: change, at: gateway) else { return false }
            try EventBasedGatewayBehavior.eventOccurred(&self, gateway: gateway, target: target, variables: [:])
        case .eventSubProcess(let scope, let eventSubProcess, let start):
            guard scope.map({ state.element($0) != nil }) ?? (state.status == .active), try holds(start, for: change, at: scope) else { return false }
            try eventSubProcessTriggered(scope: scope, eventSubProcess: eventSubProcess, start: start, variables: [:])
        }
        return true
    }

    /// Whether the conditional event `node` fires: the change passes its variable filters (a
    /// check on entry has no change and no filter) and its condition is true at `key`.
    private func holds(_ node: Int, for change: VariableChange?, at key: ElementKey?) throws(Rejection) -> Bool {
        let definition = process.nodes[node]
        if let change {
            if let name = definition.details.conditionVariableName, name != change.name { return false }
            let events = definition.details.conditionVariableEvents
            if !events.isEmpty, !events.contains(change.kind.rawValue) { return false }
        }
        guard case .conditional(let condition?)? = definition.kind.eventDefinitions.first else { return false }
        return try conditionHolds(condition, of: node, at: key)
    }

    /// Evaluates a conditional event's condition; a variable nobody has set makes it false, as
    /// in Camunda, and anything else that fails is the command's failure.
    func conditionHolds(_ condition: Condition, of node: Int, at key: ElementKey?) throws(Rejection) -> Bool {
        do {
            return try ExpressionEvaluator.evaluateEventCondition(condition.expression, in: expressionScope(at: key))
        } catch {
            throw Rejection(.executionFailed, "Expected the condition of \(describe(node)) to evaluate, but it failed: \(error.message).")
        }
    }

    /// A conditional boundary event or event-subprocess start checks its condition when its
    /// activity or scope starts; true, it fires at once.
    mutating func checkConditionOnEntry(boundary: Int, host: ElementKey) throws(Rejection) {
        _ = try offer(nil, to: .boundary(host: host, boundary: boundary))
    }

    mutating func checkConditionOnEntry(eventSubProcess: Int, start: Int, scope: ElementKey?) throws(Rejection) {
        _ = try offer(nil, to: .eventSubProcess(scope: scope, eventSubProcess: eventSubProcess, start: start))
    }
}
