import BatonModel

/// Message and signal subscriptions and timers: opening them for catch events, boundary events
/// and event subprocesses, and what happens when one of them triggers.
extension StepRun {
    /// Opens the subscription of the message or signal catch at `node` (a receive task waits for
    /// a message); a name with `${…}` is resolved from the variables of the element that waits.
    mutating func openSubscription(for key: ElementKey, node: Int, target: EventTarget) throws(Rejection) {
        let catcher = process.nodes[node]
        let kind: SubscriptionRecord.Kind = catcher.signalName != nil ? .signal : .message
        var name = catcher.signalName ?? catcher.messageName ?? catcher.id.rawValue
        if let expression = catcher.signalNameExpression ?? catcher.messageNameExpression {
            let scope = key == processScopeKey ? nil : key
            name = ExpressionEvaluator.text(try evaluate(expression, at: scope, what: "the \(kind.rawValue) name of \(describe(node))"))
        }
        emit(.subscriptionOpened(SubscriptionRecord(id: newID(), elementKey: key, node: node, eventName: name, target: target, kind: kind)))
    }

    /// Creates the timer job of `timer` for element `key`; its due time is computed from the
    /// injected clock (`timeDuration`, `timeCycle`) or given (`timeDate`); expressions are
    /// evaluated against the element's variables.
    mutating func createTimer(_ timer: TimerDefinition, for key: ElementKey, node: Int, target: EventTarget) throws(Rejection) {
        let schedule: TimerSchedule
        switch timer.value {
        case .fixed(let fixed):
            schedule = fixed
        case .expression(let template):
            let value = try evaluate(template, at: key == processScopeKey ? nil : key, what: "the \(timer.kind.rawValue) of \(describe(node))")
            if case .date(let date) = value, timer.kind == .date {
                schedule = .date(date)
            } else {
                switch TimerSchedule.parse(ExpressionEvaluator.text(value), kind: timer.kind) {
                case .success(let parsed): schedule = parsed
                case .failure(let error): throw Rejection(.executionFailed, "\(error.message) (from the expression of \(describe(node)))")
                }
            }
        }
        let due: Timestamp?
        var job = TimerJob(target: target, remaining: nil, interval: nil)
        switch schedule {
        case .date(let date): due = date
        case .duration(let duration): due = duration.added(to: context.now)
        case .cycle(let cycle):
            due = cycle.firstDue(after: context.now)
            job.remaining = cycle.repetitions.map { $0 - 1 }
            job.interval = cycle.interval
        case .cron(let cron):
            due = cron.next(after: context.now)
            job.cron = cron.source
        }
        guard let due else { return }  // a cycle with no repetitions left never fires
        emit(.jobCreated(JobRecord(
            id: newID(), elementKey: key, node: node, kind: .timer(job), dueAt: due, retries: context.limits.defaultJobRetries,
            synchronous: false, lastError: nil, createdAt: context.now)))
    }

    /// Opens the listeners of the boundary events attached to `node` for its instance `key`.
    mutating func openBoundaryListeners(for key: ElementKey, node: Int) throws(Rejection) {
        for boundary in process.nodes[node].boundaryEvents {
            switch process.nodes[boundary].kind.eventDefinitions.first {
            case .message?, .signal?: try openSubscription(for: key, node: boundary, target: .boundary(NodePosition(boundary)))
            case .timer(let timer)?: try createTimer(timer, for: key, node: boundary, target: .boundary(NodePosition(boundary)))
            case .conditional?: try checkConditionOnEntry(boundary: boundary, host: key)
            default: break  // error and escalation boundaries catch when one is thrown
            }
        }
    }

    /// Opens the message, signal and timer listeners of the event subprocesses directly inside scope
    /// `scope` (nil: the process).
    mutating func openEventSubProcessListeners(in scope: ElementKey?) throws(Rejection) {
        let layout = process.scope(of: scope.flatMap { state.element($0)?.node })
        let owner = scope ?? processScopeKey
        for eventSubProcess in layout.eventSubProcesses {
            guard let start = process.nodes[eventSubProcess].layout?.startEvents.first else { continue }
            switch process.nodes[start].kind.eventDefinitions.first {
            case .message?, .signal?: try openSubscription(for: owner, node: start, target: .eventSubProcess(NodePosition(eventSubProcess)))
            case .timer(let timer)?: try createTimer(timer, for: owner, node: start, target: .eventSubProcess(NodePosition(eventSubProcess)))
            case .conditional?: try checkConditionOnEntry(eventSubProcess: eventSubProcess, start: start, scope: scope)
            default: break
            }
        }
    }

    /// Replaces each waiting subscription and timer of `nodes` by one opened as the current
    /// version defines it (a migration's `updateEventTrigger`); a task listener's timer stays.
    mutating func updateEventTriggers(of nodes: Set<Int>) throws(Rejection) {
        for subscription in state.subscriptions where nodes.contains(subscription.node) {
            emit(.subscriptionClosed(subscriptionID: subscription.id))
            try openSubscription(for: subscription.elementKey, node: subscription.node, target: subscription.target)
        }
        for job in state.jobs where nodes.contains(job.node) {
            guard case .timer(let timer) = job.kind, case .timer(let definition)? = process.nodes[job.node].kind.eventDefinitions.first else { continue }
            emit(.jobCanceled(jobID: job.id))
            try createTimer(definition, for: job.elementKey, node: job.node, target: timer.target)
        }
    }

    /// A message or signal reached its subscription.
    mutating func trigger(subscription: SubscriptionRecord, variables: [String: VariableValue]) throws(Rejection) {
        if subscription.target == .catchEvent { emit(.subscriptionClosed(subscriptionID: subscription.id)) }
        try deliver(to: subscription.target, owner: subscription.elementKey, node: subscription.node, variables: variables)
    }

    /// A timer job is due.
    mutating func fire(_ job: JobRecord, timer: TimerJob) throws(Rejection) {
        emit(.jobCompleted(jobID: job.id))
        let interrupting: Bool
        switch timer.target {
        case .catchEvent: interrupting = true
        case .boundary(let boundary): interrupting = isInterrupting(boundary.wrappedValue)
        case .eventSubProcess: interrupting = isInterrupting(job.node)
        case .taskListener: interrupting = false
        }
        // A repeating timer of a non-interrupting event re-arms itself before it fires.
        if !interrupting, timer.remaining.map({ $0 > 0 }) ?? true, let due = timer.nextDue(after: job.dueAt ?? context.now) {
            var next = job
            next.id = newID()
            next.dueAt = due
            var rearmed = timer
            rearmed.remaining = timer.remaining.map { $0 - 1 }
            next.kind = .timer(rearmed)
            emit(.jobCreated(next))
        }
        try deliver(to: timer.target, owner: job.elementKey, node: job.node, variables: [:])
    }

    /// An event (a message's variables, or a timer) reached `target` of element instance `owner`.
    private mutating func deliver(to target: EventTarget, owner: ElementKey, node: Int, variables: [String: VariableValue]) throws(Rejection) {
        switch target {
        case .catchEvent:
            guard let element = state.element(owner) else { return }
            if process.nodes[element.node].kind == .gateway(.eventBased) {
                try EventBasedGatewayBehavior.eventOccurred(&self, gateway: element.key, target: node, variables: variables)
                return
            }
            setVariables(variables, from: element.scope, local: false)
            try complete(element.key)
        case .boundary(let boundary):
            try boundaryTriggered(host: owner, boundary: boundary.wrappedValue, variables: variables)
        case .eventSubProcess(let eventSubProcess):
            try eventSubProcessTriggered(
                scope: owner == processScopeKey ? nil : owner, eventSubProcess: eventSubProcess.wrappedValue, start: node, variables: variables)
        case .taskListener(let index):
            guard var task = state.tasks.first(where: { $0.elementKey == owner }) else { return }
            try notifyTaskListener(at: index, task: &task)
        }
    }

    func isInterrupting(_ node: Int) -> Bool {
        switch process.nodes[node].kind {
        case .boundaryEvent(let boundary): boundary.cancelActivity
        case .startEvent(let start): start.isInterrupting
        default: true
        }
    }

    /// A boundary event's event happened on activity instance `host`.
    mutating func boundaryTriggered(host: ElementKey, boundary: Int, variables: [String: VariableValue]) throws(Rejection) {
        guard let activity = state.element(host) else { return }
        setVariables(variables, from: activity.scope, local: false)
        if isInterrupting(boundary) { try terminate(host) }
        schedule(.activate(node: boundary, scope: activity.scope, loopCounter: nil, triggered: true))
    }

    /// An event subprocess of `scope` was triggered: an interrupting one ends everything else in
    /// the scope first; a non-interrupting one runs beside it.
    mutating func eventSubProcessTriggered(
        scope: ElementKey?, eventSubProcess: Int, start: Int, variables: [String: VariableValue]
    ) throws(Rejection) {
        setVariables(variables, from: scope, local: false)
        if isInterrupting(start) {
            for child in state.children(of: scope).reversed() { try terminate(child.key) }
            closeListeners(of: scope ?? processScopeKey)
        }
        schedule(.activate(node: eventSubProcess, scope: scope, loopCounter: nil, triggered: true))
    }
}
