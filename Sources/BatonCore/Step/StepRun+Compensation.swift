import BatonModel

/// Compensation, as Camunda 7 runs it. An activity with a compensation boundary event leaves a
/// record when it completes normally (its handler may undo it later); a subprocess or
/// multi-instance body that completes with records inside leaves one record holding them and its
/// variables as they were. A compensation throw or end event undoes the records of its scope
/// (passing through event subprocesses to the scope that holds them), all of them or those of
/// its `activityRef`, most recent first, each once; it waits until every handler it started has
/// finished. A scope that is terminated takes its records with it: what did not complete is
/// not compensated.
extension StepRun {
    /// Records what `element`, about to complete normally, leaves to compensation. Called while
    /// its variables still exist.
    mutating func recordCompensation(for element: ElementInstance) {
        guard element.compensating == nil else { return }
        let node = process.nodes[element.node]
        // A subprocess with a compensation event subprocess is compensated by it, with or
        // without records inside.
        let hasRecords = state.compensations.contains { $0.scope == element.key }
        if (node.kind.isSubProcess || element.isMultiInstanceBody) && (hasRecords || compensationEventSubProcess(of: element) != nil) {
            emit(.compensationRecorded(CompensationRecord(
                id: nextKey, activity: element.node, scope: element.scope,
                undo: .scope(
                    completedScope: element.key, isMultiInstanceBody: element.isMultiInstanceBody,
                    variables: (state.variables[element.key] ?? [:]).sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) }))))
        }
        if let handler = node.compensationHandler, !element.isMultiInstanceBody {
            emit(.compensationRecorded(CompensationRecord(id: nextKey, activity: element.node, scope: element.scope, undo: .handler(NodePosition(handler)))))
        }
    }

    /// Forgets the records of scope `key`, which ended without completing, and those they hold.
    mutating func discardCompensations(inScope key: ElementKey) {
        for record in state.compensations where record.scope == key {
            emit(.compensationRemoved(id: record.id))
            if case .scope(let completed, _, _) = record.undo { discardCompensations(inScope: completed) }
        }
    }

    /// Throws compensation from `thrower` (a compensation throw, end or cancel end event):
    /// starts the handlers of its scope's records and returns whether any is still running, in
    /// which case the thrower waits (``compensationStepEnded(_:)`` ends the wait).
    mutating func throwCompensation(from thrower: ElementKey, activityRef: Int?) throws(Rejection) -> Bool {
        guard let element = state.element(thrower) else { return false }
        // The thrower's scope, and through event subprocesses the scopes that hold them.
        var scopes: [ElementKey?] = [element.scope]
        var current = element.scope
        while let key = current, let scope = state.element(key), case .subProcess(let sub) = process.nodes[scope.node].kind, sub.triggeredByEvent {
            scopes.append(scope.scope)
            current = scope.scope
        }
        var records = state.compensations.filter { record in scopes.contains(record.scope) && (activityRef.map { record.activity == $0 } ?? true) }
        // Named by activityRef, an activity with a handler is undone by that handler alone, not
        // also by undoing what it held (Camunda's rule for a subprocess with a handler).
        if activityRef != nil, records.contains(where: { if case .handler = $0.undo { true } else { false } }) {
            records.removeAll { if case .scope = $0.undo { true } else { false } }
        }
        guard !records.isEmpty else { return false }
        compensationsFiring.append(thrower)
        for record in records.sorted(by: { $0.id > $1.id }) where state.compensations.contains(where: { $0.id == record.id }) {
            try fire(record, thrower: thrower, in: record.scope)
        }
        compensationsFiring.removeAll { $0 == thrower }
        return state.elements.contains { $0.compensating == thrower }
    }

    /// Undoes one record: starts its handler in `scope`, or takes its completed scope up again
    /// (with the variables it ended with) and undoes the records it holds inside it.
    private mutating func fire(_ record: CompensationRecord, thrower: ElementKey, in scope: ElementKey?) throws(Rejection) {
        emit(.compensationRemoved(id: record.id))
        switch record.undo {
        case .handler(let handler):
            try activate(node: handler.wrappedValue, scope: scope, loopCounter: nil, triggered: false, locals: [:], compensating: thrower)
        case .scope(let completed, let isMultiInstanceBody, let variables):
            let key = nextKey
            emit(.elementActivated(ElementInstance(
                key: key, node: record.activity, scope: scope, loopCounter: nil, isMultiInstanceBody: isMultiInstanceBody, compensating: thrower)))
            for variable in variables { emit(.variableSet(scope: key, name: variable.name, value: variable.value)) }
            // Its records now belong to the scope taken up again, where throws inside it find them.
            for inner in state.compensations where inner.scope == completed {
                emit(.compensationRemoved(id: inner.id))
                emit(.compensationRecorded(CompensationRecord(id: inner.id, activity: inner.activity, scope: key, undo: inner.undo)))
            }
            // Its compensation event subprocess decides what is undone (and undoes nothing it
            // does not throw for); the scope completes when that has.
            if let retaken = state.element(key), let (eventSubProcess, start) = compensationEventSubProcess(of: retaken) {
                try eventSubProcessTriggered(scope: key, eventSubProcess: eventSubProcess, start: start, variables: [:])
                return
            }
            // Filled first, then it may complete: a handler that finishes at once does not end it early.
            compensationsFiring.append(key)
            for inner in state.compensations.filter({ $0.scope == key }).sorted(by: { $0.id > $1.id })
            where state.compensations.contains(where: { $0.id == inner.id }) {
                try fire(inner, thrower: thrower, in: key)
            }
            compensationsFiring.removeAll { $0 == key }
            if state.element(key) != nil, state.children(of: key).isEmpty { try leave(key, flows: []) }
        }
    }

    /// The compensation event subprocess of subprocess instance `element`, and its start event.
    func compensationEventSubProcess(of element: ElementInstance) -> (eventSubProcess: Int, start: Int)? {
        guard !element.isMultiInstanceBody, process.nodes[element.node].kind.isSubProcess else { return nil }
        for eventSubProcess in process.scope(of: element.node).eventSubProcesses {
            guard let start = process.nodes[eventSubProcess].layout?.startEvents.first,
                case .compensate? = process.nodes[start].kind.eventDefinitions.first
            else { continue }
            return (eventSubProcess, start)
        }
        return nil
    }

    /// Whether `element` is a completed scope taken up again for compensation (not a handler).
    func isRetakenScope(_ element: ElementInstance) -> Bool {
        element.compensating != nil && !process.nodes[element.node].details.isForCompensation
    }

    /// A handler or retaken scope of compensation has completed: its retaken scope completes
    /// when nothing else runs in it; the thrower goes on when nothing of its compensation runs.
    mutating func compensationStepEnded(_ element: ElementInstance) throws(Rejection) {
        if let parent = element.scope, let scope = state.element(parent), isRetakenScope(scope) {
            if !compensationsFiring.contains(parent), state.children(of: parent).isEmpty { try leave(parent, flows: []) }
            return
        }
        guard let thrower = element.compensating, !compensationsFiring.contains(thrower),
            !state.elements.contains(where: { $0.compensating == thrower }), let waiting = state.element(thrower)
        else { return }
        try compensationFinished(waiting)
    }

    /// The compensation `thrower` started is done: a throw or end event goes on; a cancel end
    /// event cancels its transaction through the transaction's cancel boundary event.
    mutating func compensationFinished(_ thrower: ElementInstance) throws(Rejection) {
        guard case .cancel? = process.nodes[thrower.node].kind.eventDefinitions.first else {
            try complete(thrower.key)
            return
        }
        try cancelTransaction(from: thrower)
    }

    /// A cancel end event's transaction is done compensating: its cancel boundary event
    /// interrupts it and continues.
    private mutating func cancelTransaction(from thrower: ElementInstance) throws(Rejection) {
        guard let transaction = thrower.scope, let host = state.element(transaction),
            let boundary = process.nodes[host.node].boundaryEvents.first(where: {
                if case .cancel? = process.nodes[$0].kind.eventDefinitions.first { true } else { false }
            })
        else {
            throw Rejection(.executionFailed, "Could not find cancel boundary event for cancel end event \(describe(thrower.node)).")
        }
        try boundaryTriggered(host: transaction, boundary: boundary, variables: [:])
    }

    /// A cancel end event: everything else in its transaction ends (uncompensated, as it did not
    /// complete), then the transaction's completed work is compensated, then it is cancelled.
    mutating func cancel(from key: ElementKey) throws(Rejection) {
        guard let element = state.element(key) else { return }
        for sibling in state.children(of: element.scope).reversed() where sibling.key != key { try terminate(sibling.key) }
        if try !throwCompensation(from: key, activityRef: nil) { try cancelTransaction(from: element) }
    }
}
