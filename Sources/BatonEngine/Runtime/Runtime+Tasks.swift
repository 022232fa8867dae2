import BatonCore
import BatonModel

extension Runtime {
    /// Open tasks matching `query`, in its order, one page of them.
    public func tasks(_ query: TaskQuery = TaskQuery(), page: Page = .all) async throws -> [TaskInfo] {
        var tasks = try await store.list(query, page: page)
        for index in tasks.indices {
            tasks[index].formFields = try await formFields(of: tasks[index].taskDefinitionKey, in: tasks[index].processDefinitionID)
        }
        return tasks
    }

    public func count(_ query: TaskQuery) async throws -> Int { try await store.count(query) }

    /// Open tasks per candidate group (nil: tasks offered to no group), by group id.
    public func candidateGroupCounts(_ query: TaskQuery = TaskQuery()) async throws -> [CandidateGroupCount] {
        try await store.candidateGroupCounts(query)
    }

    /// A user task's declared form fields, from its (cached) compiled definition.
    private func formFields(of taskDefinitionKey: String, in definitionID: String) async throws -> [FormField] {
        let process = try await executable(definitionID)
        guard let node = process.node(ElementID(taskDefinitionKey)), case .userTask(let definition) = process.nodes[node].kind else { return [] }
        return definition.formFields
    }

    public func task(_ id: String) async throws -> TaskInfo {
        var task = try await store.read { transaction in
            let (record, task) = try await openTask(id, in: transaction)
            return Self.info(task, in: record, process: try await executable(record.definitionID, in: transaction))
        }
        // The instance's state keeps no times of changes; the task's row does.
        task.lastUpdated = try await store.list(TaskQuery(taskID: id), page: .all).first?.lastUpdated
        return task
    }

    /// Checks the caller may act on a task, given the task as its locked instance holds it: the
    /// check and the change see the same assignee and candidates, so nothing slips in between.
    public typealias TaskAuthorization = @Sendable (TaskInfo) throws -> Void

    /// Claims a task for `userID`; refused when someone else holds it.
    public func claim(_ taskID: String, userID: String, authorize: TaskAuthorization? = nil) async throws {
        try await commandTransaction { transaction in
            let (record, task) = try await openTask(taskID, in: transaction, authorize: authorize)
            if let assignee = task.assignee, assignee != userID {
                throw EngineError(.conflict, "Task '\(taskID)' is already claimed by someone else.")
            }
            try await run([Pending(instanceID: record.id, command: .assignTask(taskID: taskID, assignee: userID))], in: transaction)
        }
    }

    public func unclaim(_ taskID: String, authorize: TaskAuthorization? = nil) async throws {
        try await setAssignee(taskID, to: nil, authorize: authorize)
    }

    public func setAssignee(_ taskID: String, to userID: String?, authorize: TaskAuthorization? = nil) async throws {
        try await commandTransaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction, authorize: authorize)
            try await run([Pending(instanceID: record.id, command: .assignTask(taskID: taskID, assignee: userID))], in: transaction)
        }
    }

    /// Delegates a task to `userID`: its assignee becomes its owner (unless it has one), and it
    /// comes back to the owner when the delegate resolves it (Camunda's delegateTask).
    public func delegate(_ taskID: String, to userID: String, authorize: TaskAuthorization? = nil) async throws {
        try await commandTransaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction, authorize: authorize)
            try await run([Pending(instanceID: record.id, command: .delegateTask(taskID: taskID, userID: userID))], in: transaction)
        }
    }

    /// The delegate is done: `variables` are set and the task goes back to its owner, resolved.
    public func resolve(_ taskID: String, variables: [String: VariableValue] = [:], authorize: TaskAuthorization? = nil) async throws {
        try await commandTransaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction, authorize: authorize)
            try await run([Pending(instanceID: record.id, command: .resolveTask(taskID: taskID, variables: variables))], in: transaction)
        }
    }

    /// Withdraws a task's offer from users or groups; names it does not hold are passed by.
    public func removeCandidates(_ taskID: String, users: [String] = [], groups: [String] = [], authorize: TaskAuthorization? = nil) async throws {
        try await commandTransaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction, authorize: authorize)
            try await run([Pending(instanceID: record.id, command: .removeTaskCandidates(taskID: taskID, users: users, groups: groups))], in: transaction)
        }
    }

    /// Sets a task's properties anew, as Camunda's task update does (every one, nil included).
    public func updateTask(_ update: UserTaskUpdate, authorize: TaskAuthorization? = nil) async throws {
        try await commandTransaction { transaction in
            let (record, _) = try await openTask(update.taskID, in: transaction, authorize: authorize)
            try await run([Pending(instanceID: record.id, command: .updateTask(update))], in: transaction)
        }
    }

    /// Offers a task to more users or groups (escalation).
    public func addCandidates(_ taskID: String, users: [String] = [], groups: [String] = [], authorize: TaskAuthorization? = nil) async throws {
        try await commandTransaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction, authorize: authorize)
            try await run([Pending(instanceID: record.id, command: .addTaskCandidates(taskID: taskID, users: users, groups: groups))], in: transaction)
        }
    }

    /// What completing a task left: its instance, ended or waiting again, and the instance's
    /// process-level variables as the completion left them (Camunda's `withVariablesInReturn`).
    public struct TaskCompletion: Sendable {
        public var instance: ProcessInstanceInfo
        public var variables: [(name: String, value: VariableValue)]
    }

    /// Completes a task; the instance moves on in the same command, one transaction on one
    /// connection: the task is authorized on its locked instance and the answer comes from the
    /// state in hand.
    @discardableResult
    public func completeTask(
        _ taskID: String, variables: [String: VariableValue] = [:], userID: String? = nil, authorize: TaskAuthorization? = nil
    ) async throws -> TaskCompletion {
        try await commandTransaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction, authorize: authorize)
            let outcome = try await run(
                [Pending(instanceID: record.id, command: .completeTask(taskID: taskID, variables: variables, localVariables: false, userID: userID))],
                in: transaction)
            let after = outcome.instances[record.id] ?? record
            return TaskCompletion(
                instance: ProcessInstanceInfo(after),
                variables: after.state.visibleVariables(from: nil).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    /// Completes a task; returns its instance as the completion left it (ended, or waiting again).
    @discardableResult
    public func complete(_ taskID: String, variables: [String: VariableValue] = [:], userID: String? = nil) async throws -> ProcessInstanceInfo {
        try await completeTask(taskID, variables: variables, userID: userID).instance
    }

    /// The variables a task sees (its own scope and every enclosing one).
    /// The variables a task sees: with `local`, only those of the task's own scope; otherwise
    /// every variable visible from it, inner scopes shadowing outer ones.
    public func taskVariables(_ taskID: String, local: Bool = false) async throws -> [String: VariableValue] {
        try await store.read { transaction in
            let (record, task) = try await openTask(taskID, in: transaction)
            return local ? record.state.variables[task.elementKey] ?? [:] : record.state.visibleVariables(from: task.elementKey)
        }
    }

    /// Sets and then removes variables from a task, in one transaction: with `local`, in the task's
    /// own scope; otherwise each where it already lives from the task outwards (new ones on the
    /// process instance), as Camunda's TaskService does. Allowed on a suspended instance.
    public func updateTaskVariables(
        _ taskID: String, set: [String: VariableValue], remove: [String], local: Bool, authorize: TaskAuthorization? = nil
    ) async throws {
        try await commandTransaction { transaction in
            let (record, task) = try await openTask(taskID, in: transaction, authorize: authorize)
            var commands = [Pending(instanceID: record.id, command: .setVariables(scope: task.elementKey, variables: set, local: local))]
            if !remove.isEmpty {
                commands.append(Pending(instanceID: record.id, command: .removeVariables(scope: task.elementKey, names: remove, local: local)))
            }
            try await run(commands, in: transaction)
        }
    }

    func openTask(_ id: String, in transaction: any StoreTransaction, authorize: TaskAuthorization? = nil) async throws
        -> (InstanceRecord, UserTaskRecord)
    {
        guard let record = try await transaction.lockInstance(ofTask: id), let task = record.state.task(id), TenantCheck.filter.admits(record.tenantID)
        else {
            throw EngineError(.notFound, "Expected task '\(id)' to be open, but it is not (task already completed or not found).")
        }
        if let authorize { try authorize(Self.info(task, in: record, process: try await executable(record.definitionID, in: transaction))) }
        return (record, task)
    }

    static func info(_ task: UserTaskRecord, in record: InstanceRecord, process: ExecutableProcess) -> TaskInfo {
        var info = ReadModelProjection(process: process, record: record, before: nil).taskInfo(task)
        if case .userTask(let definition) = process.nodes[task.node].kind { info.formFields = definition.formFields }
        return info
    }
}
