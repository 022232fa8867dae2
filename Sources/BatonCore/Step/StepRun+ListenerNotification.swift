import BatonModel

/// Execution and task listeners: run in declaration order, inside the command, where Camunda runs
/// them. A listener that fails fails the command, so nothing it or the command did is kept.
///
/// - Execution listeners: the process's `start` before its start event's, and its `end` after the
///   last element's; an element's `start` after its input mappings and before its behaviour; its
///   `end` before its output mappings, and also when it is cancelled (an interrupting event, a
///   terminate end event, the instance cancelled); a flow's `take` after its source's `end` and
///   before its target's `start`. Inner instances of a multi-instance activity notify, its body not.
/// - Task listeners: `create` before the task is stored (what it sets on the task is kept), then
///   `assignment` when the task has an assignee; `update` then `assignment` when it is assigned;
///   `update` when its candidates change; `complete` once its completion variables are set;
///   `delete` when it is cancelled; `timeout` when its timer is due. Changes a listener makes to
///   the task notify no further listener.
extension StepRun {
    /// Notifies the execution listeners of `node` (nil: the process) about `event` for element
    /// instance `key`.
    mutating func notifyExecutionListeners(
        _ event: String, of node: Int?, at key: ElementKey?, activity: Int? = nil
    ) throws(Rejection) {
        let listeners = node.map { process.nodes[$0].details.listeners } ?? process.definition.listeners
        guard !context.skipCustomListeners, listeners.contains(where: { $0.kind == .execution && $0.event == event }) else { return }
        for listener in listeners where listener.kind == .execution && listener.event == event {
            var none: UserTaskRecord?
            try run(listener, event: event, at: key, activity: activity ?? node, transition: nil, task: &none)
        }
    }

    /// Notifies the `take` listeners of `flow`, taken in scope `scope`.
    mutating func notifyTakeListeners(of flow: Int, in scope: ElementKey?) throws(Rejection) {
        guard !context.skipCustomListeners else { return }
        for listener in process.flows[flow].listeners {
            var none: UserTaskRecord?
            try run(listener, event: "take", at: scope, activity: process.flows[flow].source, transition: flow, task: &none)
        }
    }

    /// Notifies the task listeners of `task`'s element about `event`. Changes they make to the
    /// task land in `task` when it is not stored yet (`create`), else as events.
    mutating func notifyTaskListeners(_ event: String, task: inout UserTaskRecord) throws(Rejection) {
        guard !context.skipCustomListeners else { return }
        for listener in process.nodes[task.node].details.listeners where listener.kind == .task && listener.event == event {
            var current: UserTaskRecord? = task
            try run(listener, event: event, at: task.elementKey, activity: task.node, transition: nil, task: &current)
            task = current!
        }
    }

    /// Notifies one task listener (a `timeout` listener when its timer is due).
    mutating func notifyTaskListener(at index: Int, task: inout UserTaskRecord) throws(Rejection) {
        let listeners = process.nodes[task.node].details.listeners
        guard listeners.indices.contains(index) else { return }
        var current: UserTaskRecord? = task
        try run(listeners[index], event: listeners[index].event, at: task.elementKey, activity: task.node, transition: nil, task: &current)
        task = current!
    }

    private mutating func run(
        _ listener: Listener, event: String, at key: ElementKey?, activity: Int?, transition: Int?, task: inout UserTaskRecord?
    ) throws(Rejection) {
        let writes = ExpressionWrites()
        var scope = ExpressionScope(state: state, process: process, key: key, context: context)
        scope.eventName = event
        scope.transition = transition
        scope.task = task
        scope.writes = writes
        scope.activity = activity
        let owner = activity.map(describe) ?? "process '\(process.processKey)'"
        let what = "the \(event) \(listener.kind.rawValue) of \(owner) (line \(listener.line))"
        switch listener.implementation {
        case .expression(let template), .script(_, let template?):
            do {
                _ = try ExpressionEvaluator.evaluate(template, in: scope)
            } catch {
                throw Rejection(.executionFailed, "Expected \(what) to run, but '\(template.source)' failed: \(error.message).")
            }
        case .script(let format, nil):
            throw Rejection(.executionFailed, "Expected \(what) to be a JUEL script, but it is written in '\(format ?? "no language")'.")
        case .delegateExpression(let template):
            let name: String
            if case .identifier(let identifier)? = template.singleExpression {
                name = identifier
            } else {
                name = ExpressionEvaluator.text(try evaluate(template, at: key, what: "the delegate expression of \(what)"))
            }
            try call(name, for: what, scope: scope, activity: activity, transition: transition, task: task)
        case .className(let name):
            try call(name, for: what, scope: scope, activity: activity, transition: transition, task: task)
        }
        try apply(writes, at: key, event: event, task: &task)
    }

    private func call(
        _ name: String, for what: String, scope: ExpressionScope, activity: Int?, transition: Int?, task: UserTaskRecord?
    ) throws(Rejection) {
        guard let handler = context.listenerHandlers[name] else {
            let known = context.listenerHandlers.keys.sorted()
            throw Rejection(
                .executionFailed,
                "Expected a listener handler registered as '\(name)' for \(what), but \(known.isEmpty ? "none is registered" : "only \(known.map { "'\($0)'" }.joined(separator: ", ")) are").")
        }
        let invocation = ListenerInvocation(
            eventName: scope.eventName ?? "", processInstanceID: state.instanceID, businessKey: state.businessKey,
            processDefinitionID: process.definitionID, activityID: activity.map { process.nodes[$0].id.rawValue },
            transitionID: transition.map { process.flows[$0].id.rawValue }, task: task, scope: scope)
        do {
            try handler.notify(invocation)
        } catch {
            throw Rejection(.executionFailed, "Expected \(what) to run, but handler '\(name)' failed: \(error).")
        }
    }

    /// Applies what a listener asked for: variables as `setVariable` places them; task changes
    /// to the task being created, or as events on a stored task (ignored once it is completing
    /// or being deleted, as Camunda does).
    mutating func apply(_ writes: ExpressionWrites, at key: ElementKey?, event: String, task: inout UserTaskRecord?) throws(Rejection) {
        let stored = task.map { state.task($0.id) != nil } ?? false
        let finishing = event == "complete" || event == "delete"
        for change in writes.changes {
            switch change {
            case .set(let name, let value, let local):
                try validate([name: value])
                emit(.variableSet(scope: local ? key : state.owningScope(of: name, from: key), name: name, value: value))
            case .remove(let name, let local):
                removeVariable(name, from: key, local: local)
            default:
                guard var current = task, !finishing else { continue }
                if !stored {
                    current.apply(change)
                    task = current
                    continue
                }
                switch change {
                case .assignee(let assignee):
                    emit(.userTaskAssigned(taskID: current.id, assignee: assignee))
                case .candidates(let users, let groups):
                    emit(.userTaskCandidatesAdded(taskID: current.id, users: users, groups: groups))
                default:
                    throw Rejection(
                        .executionFailed,
                        "Expected the \(event) listener of \(describe(current.node)) to change only the task's assignee and candidates, but it changes more; a task's name, description, priority and dates can be set by its create listener.")
                }
                current.apply(change)
                task = current
            }
        }
    }
}

extension UserTaskRecord {
    /// A change a listener made, applied to the task as it will be stored.
    mutating func apply(_ change: ExpressionWrites.Change) {
        switch change {
        case .assignee(let value): assignee = value
        case .candidates(let users, let groups):
            candidateUsers += users.filter { !candidateUsers.contains($0) }
            candidateGroups += groups.filter { !candidateGroups.contains($0) }
        case .name(let value): name = value
        case .description(let value): description = value
        case .priority(let value): priority = value
        case .dueDate(let value): dueDate = value
        case .followUpDate(let value): followUpDate = value
        case .set, .remove: break
        }
    }
}
