import BatonModel

/// Plain tasks and manual tasks: nothing to do.
///
/// - Activate: completes at once. Next step: its outgoing flows.
enum PassThroughTaskBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        try run.complete(key)
    }
}

/// User tasks: work for a person.
///
/// - Activate: evaluates assignee, candidate users and groups (each may be an expression giving a
///   name, a comma-separated list or a JSON list), due and follow-up dates (a Date, an ISO 8601
///   date-time, or an ISO 8601 duration from now), priority (default 50), form key and description
///   (the task's documentation); notifies its `create` listeners, creates the task, notifies its
///   `assignment` listeners when it has an assignee, arms its `timeout` listeners' timers; waits.
/// - Complete: when the task is completed with its variables.
/// - Terminate: the task is cancelled.
enum UserTaskBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        guard case .userTask(let definition) = node.kind else { return }
        let position = run.state.element(key)!.node
        let element = run.describe(position)
        let assignee = try definition.assignee.map { template throws(Rejection) in
            try run.evaluate(template, at: key, what: "the assignee of \(element)")
        }
        var candidateUsers: [String] = [], candidateGroups: [String] = []
        for template in definition.candidateUsers {
            candidateUsers += names(try run.evaluate(template, at: key, what: "the candidate users of \(element)"))
        }
        for template in definition.candidateGroups {
            candidateGroups += names(try run.evaluate(template, at: key, what: "the candidate groups of \(element)"))
        }
        var task = UserTaskRecord(
            id: run.newID(), elementKey: key, node: position, name: node.name,
            assignee: assignee.flatMap { $0 == .null ? nil : ExpressionEvaluator.text($0) },
            candidateUsers: candidateUsers, candidateGroups: candidateGroups,
            dueDate: try definition.dueDate.flatMap { template throws(Rejection) in
                try date(run.evaluate(template, at: key, what: "the due date of \(element)"), now: run.context.now, what: "the due date of \(element)")
            },
            followUpDate: try definition.followUpDate.flatMap { template throws(Rejection) in
                try date(run.evaluate(template, at: key, what: "the follow-up date of \(element)"), now: run.context.now, what: "the follow-up date of \(element)")
            },
            priority: try definition.priority.map { template throws(Rejection) in
                try priority(run.evaluate(template, at: key, what: "the priority of \(element)"), what: "the priority of \(element)")
            } ?? 50,
            formKey: try definition.formKey.map { template throws(Rejection) in
                ExpressionEvaluator.text(try run.evaluate(template, at: key, what: "the form key of \(element)"))
            },
            description: try definition.description.map { template throws(Rejection) in
                ExpressionEvaluator.text(try run.evaluate(template, at: key, what: "the description of \(element)"))
            },
            createdAt: run.context.now)
        try run.notifyTaskListeners("create", task: &task)
        run.emit(.userTaskCreated(task))
        if task.assignee != nil { try run.notifyTaskListeners("assignment", task: &task) }
        for (index, listener) in node.details.listeners.enumerated() where listener.kind == .task {
            guard let timer = listener.timer else { continue }
            try run.createTimer(timer, for: key, node: position, target: .taskListener(index))
        }
    }

    /// A user or group value: one name, a comma-separated list, or a JSON list of names.
    static func names(_ value: VariableValue) -> [String] {
        switch value {
        case .null: return []
        case .json(.array(let items)):
            return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        default:
            return ExpressionEvaluator.text(value).split(separator: ",").map { String($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
        }
    }

    static func date(_ value: VariableValue, now: Timestamp, what: String) throws(Rejection) -> Timestamp? {
        switch value {
        case .null: return nil
        case .date(let date): return date
        case .string(let text):
            if let date = Timestamp(iso8601: text) { return date }
            if let duration = ISODuration(text) { return duration.added(to: now) }
            fallthrough
        default:
            throw Rejection(.executionFailed, "Expected \(what) to be a date, an ISO 8601 date-time or duration, but it is '\(ExpressionEvaluator.text(value))'.")
        }
    }

    static func priority(_ value: VariableValue, what: String) throws(Rejection) -> Int {
        switch value {
        case .integer(let i): return Int(i)
        case .long(let l): return Int(clamping: l)
        case .string(let s) where Int(s.trimmingASCIIWhitespace()) != nil: return Int(s.trimmingASCIIWhitespace())!
        default: throw Rejection(.executionFailed, "Expected \(what) to be a whole number, but it is '\(ExpressionEvaluator.text(value))'.")
        }
    }
}

/// Service, send and business-rule tasks.
///
/// - Activate: `camunda:expression` is evaluated (its value stored in `camunda:resultVariable`)
///   and the task completes; `camunda:delegateExpression="${name}"` or `camunda:class="name"`
///   creates a handler job for the Swift handler registered under that name, which the runtime
///   runs inside the same command; `camunda:type="external"` creates an external task for workers
///   of its `camunda:topic`, and waits.
/// - Complete: when the handler or worker completes the job (its variables set).
/// - Terminate: the job is cancelled.
///
/// Message intermediate throw and end events with such attributes on their
/// `messageEventDefinition` do the same (``perform(_:_:_:)``).
enum ServiceTaskBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        switch node.kind {
        case .serviceTask(let implementation), .sendTask(let implementation), .businessRuleTask(let implementation):
            try perform(implementation, &run, key)
        default:
            return
        }
    }

    /// Does what `implementation` says for element `key`: a service task's work, or a message
    /// throw event's (which Camunda implements the same way).
    static func perform(_ implementation: ServiceImplementation, _ run: inout StepRun, _ key: ElementKey) throws(Rejection) {
        let position = run.state.element(key)!.node
        switch implementation {
        case .external(let topic, let priority):
            let name = ExpressionEvaluator.text(try run.evaluate(topic, at: key, what: "the topic of \(run.describe(position))"))
            let value = try priority.map { template throws(Rejection) in try Self.priority(&run, template, at: key, position) }
            run.createJob(.external(topic: name), for: key, node: position, priority: value)
        case .expression(let expression, let resultVariable):
            let what = "the expression of \(run.describe(position))"
            let value = try run.perform(expression, at: key, what: what)
            if let resultVariable { run.setVariables([resultVariable: value], from: key, local: run.hasLocalScope(key)) }
            try run.complete(key)
        case .delegateExpression(let expression):
            let name: String
            if case .identifier(let identifier)? = expression.singleExpression {
                name = identifier
            } else {
                name = ExpressionEvaluator.text(try run.evaluate(expression, at: key, what: "the delegate expression of \(run.describe(position))"))
            }
            run.createJob(.handler(name), for: key, node: position, synchronous: true)
        case .className(let name):
            run.createJob(.handler(name), for: key, node: position, synchronous: true)
        case .decision, .connector, .none:
            throw Rejection(.executionFailed, "Expected \(run.describe(position)) to have an implementation Baton runs, but it has none.")
        }
    }

    /// An external task's priority: a whole number, as Camunda requires of `camunda:taskPriority`.
    private static func priority(_ run: inout StepRun, _ template: Template, at key: ElementKey, _ position: Int) throws(Rejection) -> Int64 {
        let what = "the priority of \(run.describe(position))"
        let value = try run.evaluate(template, at: key, what: what)
        guard let priority = ExpressionEvaluator.wholeNumber(value) else {
            throw Rejection(.executionFailed, "Expected \(what) to be a whole number, but it is '\(ExpressionEvaluator.text(value))'.")
        }
        return Int64(priority)
    }
}

/// Script tasks in JUEL (`scriptFormat="juel"`).
///
/// - Activate: evaluates the script, stores the value in `camunda:resultVariable` if given, completes.
enum ScriptTaskBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        guard case .scriptTask(let script) = node.kind, let expression = script.expression else {
            throw Rejection(.executionFailed, "Expected \(run.describe(run.state.element(key)!.node)) to hold a JUEL script, but it does not.")
        }
        let what = "the script of \(run.describe(run.state.element(key)!.node))"
        let value = try run.perform(expression, at: key, what: what)
        if let resultVariable = script.resultVariable { run.setVariables([resultVariable: value], from: key, local: run.hasLocalScope(key)) }
        try run.complete(key)
    }
}

/// Receive tasks: wait for a message.
///
/// - Activate: opens a message subscription and waits (completes at once when chosen by an
///   event-based gateway). Complete: when the message is correlated. Terminate: closes it.
enum ReceiveTaskBehavior: ElementBehavior {
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection) {
        if triggered {
            try run.complete(key)
            return
        }
        // Without a message it waits to be signalled (``Command/signal(elementKey:variables:)``).
        guard node.messageName != nil else { return }
        try run.openSubscription(for: key, node: run.state.element(key)!.node, target: .catchEvent)
    }
}
