import BatonModel

/// Start events: none, message, signal and timer; error, escalation, message, signal, timer and
/// conditional starts of event subprocesses.
///
/// - Activate: the instance or scope has already been started by the event (the message
///   variables are set), so the start event completes at once.
/// - Next step: its outgoing flows.
enum StartEventBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        try run.complete(key)
    }
}

/// End events: none, terminate, error, message, escalation, signal, compensation, cancel.
///
/// - Activate: none completes (its token ends, the scope may complete); terminate first
///   terminates everything else in its scope, then completes; error throws its error code to
///   the nearest catching boundary event or event subprocess (``StepRun/throwError(code:message:from:)``);
///   message does its implementation's work as a service task would, then completes (with none,
///   it is a none end event, as in Camunda); escalation throws its code (``StepRun/escalate(code:searchingFrom:)``)
///   and, unless an interrupting catch ended it, completes; signal throws its signal
///   (``StepRun/throwSignal(from:)``) and, unless a receiver in this instance ended it, completes;
///   compensation undoes its scope's completed work (``StepRun/throwCompensation(from:activityRef:)``)
///   and completes once every handler has; cancel ends the rest of its transaction, compensates
///   it and leaves by the transaction's cancel boundary event (``StepRun/cancel(from:)``).
/// - Next step: the enclosing scope completes when nothing else runs in it.
enum EndEventBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        if let implementation = node.details.messageImplementation {
            try ServiceTaskBehavior.perform(implementation, &run, key)
            return
        }
        switch node.kind.eventDefinitions.first {
        case .escalation?:
            try run.escalate(code: node.escalationCode ?? "", searchingFrom: run.state.element(key)?.scope)
            if run.state.element(key) != nil { try run.complete(key) }
        case .signal?:
            try run.throwSignal(from: key)
            if run.state.element(key) != nil { try run.complete(key) }
        case .compensate?:
            if try !run.throwCompensation(from: key, activityRef: node.compensateActivityRef) { try run.complete(key) }
        case .cancel?:
            try run.cancel(from: key)
        case .terminate?:
            let scope = run.state.element(key)?.scope
            for sibling in run.state.children(of: scope).reversed() where sibling.key != key { try run.terminate(sibling.key) }
            try run.complete(key)
        case .error?:
            let message = try node.errorMessage.map { template throws(Rejection) in
                ExpressionEvaluator.text(try run.evaluate(template, at: key, what: "the error message of \(run.describe(run.state.element(key)!.node))"))
            }
            try run.throwError(code: node.errorCode ?? "", message: message, from: key)
        default:
            try run.complete(key)
        }
    }
}

/// Intermediate catch events: message, signal, timer and conditional.
///
/// - Activate: opens a message or signal subscription (matched by name) or creates a timer job,
///   then waits; when chosen by an event-based gateway the event has already happened and it
///   completes at once.
/// - Complete: when the message is correlated (its variables set) or the timer fires.
/// - Terminate: closes the subscription or cancels the timer.
enum IntermediateCatchEventBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        if triggered {
            try run.complete(key)
            return
        }
        let position = run.state.element(key)!.node
        switch node.kind.eventDefinitions.first {
        case .message?, .signal?:
            try run.openSubscription(for: key, node: position, target: .catchEvent)
        case .timer(let timer)?:
            try run.createTimer(timer, for: key, node: position, target: .catchEvent)
        case .conditional(let condition?)?:
            // Checked on arrival; otherwise it waits for a variable change that makes it true.
            if try run.conditionHolds(condition, of: position, at: key) { try run.complete(key) }
        default:
            throw Rejection(.executionFailed, "Expected \(run.describe(position)) to wait for a message or timer, but it has no such event.")
        }
    }
}

/// Intermediate throw events: none, message, link, escalation, signal, compensation.
///
/// - Activate: none completes at once; message does its implementation's work as a service task
///   would (with none, it passes the token on, as in Camunda); link leaves without taking a flow
///   and activates the catch event of the same link name in its scope, which completes at once;
///   escalation throws its code and goes on unless an interrupting catch ended it; signal throws
///   its signal (receivers in this instance get it at once, others after the command commits)
///   and goes on unless a receiver ended it.
/// - Next step: its outgoing flows, or the link catch's.
enum IntermediateThrowEventBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        if let implementation = node.details.messageImplementation {
            try ServiceTaskBehavior.perform(implementation, &run, key)
            return
        }
        if case .escalation? = node.kind.eventDefinitions.first {
            try run.escalate(code: node.escalationCode ?? "", searchingFrom: run.state.element(key)?.scope)
            // An interrupting catch ended the thrower with its scope; otherwise it goes on.
            if run.state.element(key) != nil { try run.complete(key) }
            return
        }
        if case .compensate? = node.kind.eventDefinitions.first {
            // It waits for the handlers it started; ``StepRun/compensationStepEnded(_:)`` moves it on.
            if try !run.throwCompensation(from: key, activityRef: node.compensateActivityRef) { try run.complete(key) }
            return
        }
        if case .signal? = node.kind.eventDefinitions.first {
            try run.throwSignal(from: key)
            // A receiver in this instance may have interrupted the thrower's scope.
            if run.state.element(key) != nil { try run.complete(key) }
            return
        }
        guard case .link(let name)? = node.kind.eventDefinitions.first else {
            try run.complete(key)
            return
        }
        let element = run.state.element(key)!
        guard let name, let target = run.process.scope(of: node.parent).linkCatches[name] else {
            throw Rejection(.executionFailed, "Expected a link catch event named '\(name ?? "")' in the scope of \(run.describe(element.node)), but there is none.")
        }
        try run.leave(key, flows: [], continuingAt: target)
    }
}

/// Boundary events: error, message, signal, timer, escalation, conditional; interrupting or not.
///
/// A boundary event listens while its activity runs (the activity opens its subscriptions and
/// timers, see ``StepRun/openBoundaryListeners(for:node:)``). When its event happens, an
/// interrupting one terminates the activity first; either way an instance of the boundary event
/// is activated in the activity's scope.
/// - Activate: the event has happened; completes at once. Next step: its outgoing flows.
enum BoundaryEventBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        try run.complete(key)
    }
}
