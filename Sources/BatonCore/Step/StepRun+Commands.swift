import BatonModel

/// The element key that stands for the process instance itself in job and subscription records
/// (element keys start at 1).
public let processScopeKey: ElementKey = 0

extension StepRun {
    /// Decides one command: checks it against the state, then emits its first events and puts the
    /// follow-up work on the agenda.
    mutating func handle(_ command: Command) throws(Rejection) {
        if case .start = command {
            guard state.elements.isEmpty, state.status == .active, events.isEmpty, state.nextKey == 1 else {
                throw Rejection(.invalidState, "Expected a new instance to start, but instance '\(state.instanceID)' has already started.")
            }
        } else if state.status != .active {
            throw Rejection(.invalidState, "Expected instance '\(state.instanceID)' to be active, but it is \(state.status.rawValue).")
        } else if state.suspended, !command.isAllowedWhileSuspended {
            throw Rejection(
                .suspended,
                "Expected process instance '\(state.instanceID)' to be active, but it is suspended; activate it first (PUT /process-instance/\(state.instanceID)/suspended with {\"suspended\": false}).")
        }

        switch command {
        case .start(let businessKey, let variables, let startEvent, let parent):
            try validate(variables)
            try start(businessKey: businessKey, variables: variables, startEvent: startEvent, parent: parent)

        case .startAt(let businessKey, let variables, let instructions):
            try validate(variables)
            try start(businessKey: businessKey, variables: variables, at: instructions)

        case .completeTask(let taskID, let variables, let local, let userID):
            var task = try requireTask(taskID)
            try validate(variables)
            emit(.userTaskCompleted(taskID: taskID, by: userID))
            setVariables(variables, from: task.elementKey, local: local || hasLocalScope(task.elementKey))
            try notifyTaskListeners("complete", task: &task)
            try complete(task.elementKey)

        case .assignTask(let taskID, let assignee):
            var task = try requireTask(taskID)
            emit(.userTaskAssigned(taskID: taskID, assignee: assignee))
            task.assignee = assignee
            try notifyTaskListeners("update", task: &task)
            try notifyTaskListeners("assignment", task: &task)

        case .delegateTask(let taskID, let userID):
            let task = try requireTask(taskID)
            emit(.userTaskDelegated(taskID: taskID, owner: task.owner ?? task.assignee, assignee: userID))
            var delegated = state.task(taskID)!
            try notifyTaskListeners("update", task: &delegated)
            try notifyTaskListeners("assignment", task: &delegated)

        case .resolveTask(let taskID, let variables):
            let task = try requireTask(taskID)
            try validate(variables)
            setVariables(variables, from: task.elementKey, local: hasLocalScope(task.elementKey))
            emit(.userTaskResolved(taskID: taskID))
            var resolved = state.task(taskID)!
            try notifyTaskListeners("update", task: &resolved)
            if resolved.assignee != task.assignee { try notifyTaskListeners("assignment", task: &resolved) }

        case .updateTask(let update):
            let task = try requireTask(update.taskID)
            emit(.userTaskUpdated(update))
            var updated = state.task(update.taskID)!
            try notifyTaskListeners("update", task: &updated)
            if updated.assignee != task.assignee { try notifyTaskListeners("assignment", task: &updated) }

        case .addTaskCandidates(let taskID, let users, let groups):
            var task = try requireTask(taskID)
            emit(.userTaskCandidatesAdded(taskID: taskID, users: users, groups: groups))
            task.apply(.candidates(users: users, groups: groups))
            try notifyTaskListeners("update", task: &task)

        case .removeTaskCandidates(let taskID, let users, let groups):
            let task = try requireTask(taskID)
            // Only names the task holds: removing one it does not is no change, as in Camunda.
            let users = users.filter(task.candidateUsers.contains), groups = groups.filter(task.candidateGroups.contains)
            if !users.isEmpty || !groups.isEmpty {
                emit(.userTaskCandidatesRemoved(taskID: taskID, users: users, groups: groups))
                var updated = state.task(taskID)!
                try notifyTaskListeners("update", task: &updated)
            }

        case .triggerSubscription(let id, let variables):
            guard let subscription = state.subscription(id) else {
                throw Rejection(.notFound, "Expected event subscription '\(id)' to be open, but it is not (the event already happened or its element ended).")
            }
            try validate(variables)
            try trigger(subscription: subscription, variables: variables)

        case .signal(let key, let variables):
            guard let element = state.element(key), case .receiveTask = process.nodes[element.node].kind else {
                throw Rejection(.notFound, "Expected a receive task to be waiting as execution \(key), but none is; only a waiting receive task can be signalled.")
            }
            try validate(variables)
            setVariables(variables, from: element.scope, local: false)
            try complete(key)

        case .executeJob(let id):
            let job = try requireJob(id)
            try execute(job)

        case .completeJob(let id, let variables):
            let job = try requireJob(id)
            try validate(variables)
            switch job.kind {
            case .handler, .external:
                emit(.jobCompleted(jobID: id))
                setVariables(variables, from: job.elementKey, local: hasLocalScope(job.elementKey))
                try complete(job.elementKey)
            default:
                throw Rejection(.invalidState, "Expected job '\(id)' to be a handler or external task, but it is run by the engine itself; execute it instead.")
            }

        case .failJob(let id, let error, let retries, let retryAt):
            _ = try requireJob(id)
            try failJob(id, error: error, retries: retries, retryAt: retryAt)

        case .setJobRetries(let id, let retries):
            _ = try requireJob(id)
            guard retries >= 0 else { throw Rejection(.invalidArgument, "Expected retries to be zero or more, but they are \(retries).") }
            emit(.jobRetriesSet(jobID: id, retries: retries))
            if retries > 0 {
                for incident in state.incidents where incident.jobID == id { emit(.incidentResolved(incidentID: incident.id)) }
            }

        case .setJobPriority(let id, let priority):
            _ = try requireJob(id)
            emit(.jobPrioritySet(jobID: id, priority: priority))

        case .throwError(let source, let code, let message, let variables):
            try validate(variables)
            let key: ElementKey
            switch source {
            case .job(let id):
                key = try requireJob(id).elementKey
                emit(.jobCompleted(jobID: id))
            case .task(let id):
                var task = try requireTask(id)
                key = task.elementKey
                try notifyTaskListeners("delete", task: &task)
                emit(.userTaskCanceled(taskID: id))
            case .element(let elementKey):
                guard state.element(elementKey) != nil else {
                    throw Rejection(.notFound, "Expected element instance \(elementKey) to be active, but it is not.")
                }
                key = elementKey
            }
            setVariables(variables, from: key, local: false)
            try throwError(code: code, message: message, from: key)

        case .escalateFromCalledInstance(let key, let code):
            guard let element = state.element(key), case .callActivity = process.nodes[element.node].kind else {
                throw Rejection(.notFound, "Expected call activity instance \(key) to be waiting, but it is not.")
            }
            try escalate(code: code, searchingFrom: key)

        case .completeCallActivity(let key, let variables):
            guard let element = state.element(key), case .callActivity(let call) = process.nodes[element.node].kind else {
                throw Rejection(.notFound, "Expected call activity instance \(key) to be waiting, but it is not.")
            }
            try validate(variables)
            setVariables(mapCalledOutput(variables, call: call, at: key), from: key, local: false)
            try complete(key)

        case .setVariables(let scope, let variables, let local):
            try validate(variables)
            if let scope, state.element(scope) == nil {
                throw Rejection(.notFound, "Expected element instance \(scope) to be active, but it is not.")
            }
            setVariables(variables, from: scope, local: local)

        case .removeVariables(let scope, let names, let local):
            if let scope, state.element(scope) == nil {
                throw Rejection(.notFound, "Expected element instance \(scope) to be active, but it is not.")
            }
            for name in Set(names).sorted() { removeVariable(name, from: scope, local: local) }

        case .cancel(let reason):
            for element in state.children(of: nil).reversed() { try terminate(element.key) }
            closeListeners(of: processScopeKey)
            try notifyExecutionListeners("end", of: nil, at: nil, activity: lastLeftNode)
            emit(.instanceTerminated(reason: reason))

        case .setSuspended(let suspended):
            // Suspending a suspended instance (or activating an active one) changes nothing, as in Camunda.
            if suspended != state.suspended { emit(.suspensionChanged(suspended: suspended)) }

        case .modify(let instructions):
            try modify(instructions)

        case .updateEventTriggers(let elements):
            try updateEventTriggers(of: Set(elements.compactMap { process.node($0) }))
        }
    }

    private func requireTask(_ id: String) throws(Rejection) -> UserTaskRecord {
        guard let task = state.task(id) else {
            throw Rejection(.notFound, "Expected task '\(id)' to be open, but it is not (completed, cancelled or never created).")
        }
        return task
    }

    private func requireJob(_ id: String) throws(Rejection) -> JobRecord {
        guard let job = state.job(id) else {
            throw Rejection(.notFound, "Expected job '\(id)' to exist, but it does not (already done or cancelled).")
        }
        return job
    }

    /// Activities with an input/output mapping have their own variable scope: variables set while
    /// they run stay local, and only output parameters reach the enclosing scope.
    func hasLocalScope(_ key: ElementKey) -> Bool {
        node(of: key).map { !$0.details.inputOutput.isEmpty } ?? false
    }

    /// Applies `camunda:out` to a called instance's variables (no mapping: nothing comes back).
    func mapCalledOutput(_ variables: [String: VariableValue], call: CallActivityDefinition, at key: ElementKey) -> [String: VariableValue] {
        var result: [String: VariableValue] = [:]
        for mapping in call.outputs {
            if mapping.allVariables {
                result.merge(variables) { _, new in new }
            } else if let source = mapping.source, let target = mapping.target, let value = variables[source] {
                result[target] = value
            } else if let expression = mapping.sourceExpression, let target = mapping.target {
                if let value = try? ExpressionEvaluator.evaluate(expression, in: VariableDictionary(variables)) { result[target] = value }
            }
        }
        return result
    }

    private mutating func start(
        businessKey: String?, variables: [String: VariableValue], startEvent: ElementID?, parent: ParentLink?
    ) throws(Rejection) {
        let startNode: Int
        var triggered = false
        if let startEvent {
            guard let node = process.node(startEvent), process.root.startEvents.contains(node) else {
                throw Rejection(.notFound, "Expected '\(startEvent)' to be a start event of process '\(process.processKey)', but it is not.")
            }
            startNode = node
            triggered = !process.nodes[node].kind.eventDefinitions.isEmpty
        } else {
            // The none start event; or, as Camunda's initial activity, a process's only start
            // event whatever its trigger (a lone message start also starts by key).
            let starts = process.root.startEvents
            guard let initial = process.root.noneStart ?? (starts.count == 1 ? starts[0] : nil) else {
                throw Rejection(
                    .invalidState,
                    "Expected process '\(process.processKey)' to have a none start event or a single start event, but it has \(starts.count) start events, none of them plain; correlate one of their messages instead.")
            }
            startNode = initial
            triggered = !process.nodes[initial].kind.eventDefinitions.isEmpty
        }
        begin(businessKey: businessKey, variables: variables, parent: parent)
        // `camunda:initiator`: the starting user's id, null when nobody signed in, as Camunda sets it.
        if case .startEvent(let definition) = process.nodes[startNode].kind, let initiator = definition.initiator {
            emit(.variableSet(scope: nil, name: initiator, value: context.authenticatedUserID.map(VariableValue.string) ?? .null))
        }
        try openEventSubProcessListeners(in: nil)
        try notifyExecutionListeners("start", of: nil, at: nil, activity: startNode)
        schedule(.activate(node: startNode, scope: nil, loopCounter: nil, triggered: triggered))
    }

    /// Starts the instance where `instructions` say rather than at a start event; only starting
    /// instructions belong here (there is nothing to cancel yet).
    private mutating func start(businessKey: String?, variables: [String: VariableValue], at instructions: [ModificationInstruction]) throws(Rejection) {
        guard !instructions.isEmpty else {
            throw Rejection(.invalidArgument, "Expected at least one instruction saying where the instance starts, but there is none.")
        }
        for (index, instruction) in instructions.enumerated() {
            switch instruction {
            case .startBeforeActivity, .startAfterActivity, .startTransition: continue
            case .cancelInstance, .cancelActivity:
                throw Rejection(.invalidArgument, "Expected instruction \(index + 1) to start something, but it is \(instruction.kindName); a new instance has nothing to cancel.")
            }
        }
        begin(businessKey: businessKey, variables: variables, parent: nil)
        try openEventSubProcessListeners(in: nil)
        try notifyExecutionListeners("start", of: nil, at: nil)
        try modify(instructions)
    }

    /// The instance's first events, whichever way it starts: started by the signed-in user, with
    /// its variables in name order.
    private mutating func begin(businessKey: String?, variables: [String: VariableValue], parent: ParentLink?) {
        emit(.instanceStarted(instanceID: state.instanceID, businessKey: businessKey, parent: parent, startUserID: context.authenticatedUserID))
        for name in variables.keys.sorted() { emit(.variableSet(scope: nil, name: name, value: variables[name]!)) }
    }
}
