import BatonCore
import BatonModel

/// A user task as the API shows it.
public struct TaskInfo: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var assignee: String?
    public var candidateUsers: [String]
    public var candidateGroups: [String]
    public var created: Timestamp
    public var due: Timestamp?
    public var followUp: Timestamp?
    public var priority: Int
    public var formKey: String?
    /// The task's `camunda:formData` fields, in document order.
    public var formFields: [FormField]
    public var processInstanceID: String
    public var processDefinitionID: String
    public var processDefinitionKey: String
    /// The user task's element id.
    public var taskDefinitionKey: String
    public var businessKey: String?
}

/// Which tasks to list, and in what order.
public struct TaskQuery: Sendable {
    public enum SortKey: String, Sendable { case created, priority, name, dueDate, id }

    public var assignee: String?
    /// Tasks the user may claim: as a candidate user or through one of `userGroups`.
    public var candidateUser: String?
    /// The groups `candidateUser` belongs to (Baton keeps no user directory; the caller knows).
    public var userGroups: [String]
    /// Tasks offered to any of these groups.
    public var candidateGroups: [String]
    /// With `candidateUser` or `candidateGroups`, also list tasks someone already claimed.
    public var includeAssigned: Bool
    public var unassigned: Bool
    public var processInstanceID: String?
    public var processDefinitionKey: String?
    public var taskDefinitionKey: String?
    public var sortBy: SortKey
    public var ascending: Bool
    public var firstResult: Int
    public var maxResults: Int?

    public init(
        assignee: String? = nil, candidateUser: String? = nil, userGroups: [String] = [], candidateGroups: [String] = [],
        includeAssigned: Bool = false, unassigned: Bool = false, processInstanceID: String? = nil, processDefinitionKey: String? = nil,
        taskDefinitionKey: String? = nil, sortBy: SortKey = .created, ascending: Bool = true, firstResult: Int = 0, maxResults: Int? = nil
    ) {
        self.assignee = assignee
        self.candidateUser = candidateUser
        self.userGroups = userGroups
        self.candidateGroups = candidateGroups
        self.includeAssigned = includeAssigned
        self.unassigned = unassigned
        self.processInstanceID = processInstanceID
        self.processDefinitionKey = processDefinitionKey
        self.taskDefinitionKey = taskDefinitionKey
        self.sortBy = sortBy
        self.ascending = ascending
        self.firstResult = firstResult
        self.maxResults = maxResults
    }

    func matches(_ task: TaskInfo) -> Bool {
        if let assignee, task.assignee != assignee { return false }
        if unassigned, task.assignee != nil { return false }
        if let candidateUser {
            let offered = task.candidateUsers.contains(candidateUser) || task.candidateGroups.contains { userGroups.contains($0) }
            if !offered || (!includeAssigned && task.assignee != nil) { return false }
        }
        if !candidateGroups.isEmpty {
            if !task.candidateGroups.contains(where: { candidateGroups.contains($0) }) || (!includeAssigned && task.assignee != nil) { return false }
        }
        if let processInstanceID, task.processInstanceID != processInstanceID { return false }
        if let processDefinitionKey, task.processDefinitionKey != processDefinitionKey { return false }
        if let taskDefinitionKey, task.taskDefinitionKey != taskDefinitionKey { return false }
        return true
    }

    func ordered(_ tasks: [TaskInfo]) -> [TaskInfo] {
        // Ties break by id so paging is stable.
        func before(_ a: TaskInfo, _ b: TaskInfo) -> Bool {
            switch sortBy {
            case .created: a.created != b.created ? a.created < b.created : a.id < b.id
            case .priority: a.priority != b.priority ? a.priority < b.priority : a.id < b.id
            case .name: (a.name ?? "") != (b.name ?? "") ? (a.name ?? "") < (b.name ?? "") : a.id < b.id
            case .dueDate: a.due != b.due ? (a.due ?? Timestamp(millisecondsSinceEpoch: .max)) < (b.due ?? Timestamp(millisecondsSinceEpoch: .max)) : a.id < b.id
            case .id: a.id < b.id
            }
        }
        let sorted = tasks.sorted { ascending ? before($0, $1) : before($1, $0) }
        // Negative paging values from a client mean "from the start" and "nothing", never a trap.
        let page = sorted.dropFirst(max(0, firstResult))
        return Array(maxResults.map { page.prefix(max(0, $0)) } ?? page)
    }
}

extension Runtime {
    public func tasks(_ query: TaskQuery = TaskQuery()) async throws -> [TaskInfo] {
        try await store.read { transaction in
            var result: [TaskInfo] = []
            let candidates = try await instances(query.processInstanceID, in: transaction)
            for record in candidates where record.state.status == .active && !record.state.tasks.isEmpty {
                let process = try await executable(record.definitionID, in: transaction)
                for task in record.state.tasks {
                    let info = Self.info(task, in: record, process: process)
                    if query.matches(info) { result.append(info) }
                }
            }
            return query.ordered(result)
        }
    }

    public func task(_ id: String) async throws -> TaskInfo {
        try await store.read { transaction in
            let (record, task) = try await openTask(id, in: transaction)
            return Self.info(task, in: record, process: try await executable(record.definitionID, in: transaction))
        }
    }

    /// Claims a task for `userID`; refused when someone else holds it.
    public func claim(_ taskID: String, userID: String) async throws {
        try await store.transaction { transaction in
            let (record, task) = try await openTask(taskID, in: transaction)
            if let assignee = task.assignee, assignee != userID {
                throw EngineError(.conflict, "Task '\(taskID)' is already claimed by someone else.")
            }
            try await run([Pending(instanceID: record.id, command: .assignTask(taskID: taskID, assignee: userID))], in: transaction)
        }
    }

    public func unclaim(_ taskID: String) async throws { try await setAssignee(taskID, to: nil) }

    public func setAssignee(_ taskID: String, to userID: String?) async throws {
        try await store.transaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction)
            try await run([Pending(instanceID: record.id, command: .assignTask(taskID: taskID, assignee: userID))], in: transaction)
        }
    }

    /// Offers a task to more users or groups (escalation).
    public func addCandidates(_ taskID: String, users: [String] = [], groups: [String] = []) async throws {
        try await store.transaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction)
            try await run([Pending(instanceID: record.id, command: .addTaskCandidates(taskID: taskID, users: users, groups: groups))], in: transaction)
        }
    }

    /// Completes a task with variables; the instance moves on in the same call.
    /// Completes a task; returns its instance as the completion left it (ended, or waiting again).
    @discardableResult
    public func complete(_ taskID: String, variables: [String: VariableValue] = [:], userID: String? = nil) async throws -> ProcessInstanceInfo {
        try await store.transaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction)
            let outcome = try await run(
                [Pending(instanceID: record.id, command: .completeTask(taskID: taskID, variables: variables, localVariables: false, userID: userID))],
                in: transaction)
            return ProcessInstanceInfo(outcome.instances[record.id] ?? record)
        }
    }

    /// The variables a task sees (its own scope and every enclosing one).
    public func taskVariables(_ taskID: String) async throws -> [String: VariableValue] {
        try await store.read { transaction in
            let (record, task) = try await openTask(taskID, in: transaction)
            return record.state.visibleVariables(from: task.elementKey)
        }
    }

    func openTask(_ id: String, in transaction: any StoreTransaction) async throws -> (InstanceRecord, UserTaskRecord) {
        guard let record = try await transaction.lockInstance(ofTask: id), let task = record.state.task(id)
        else {
            throw EngineError(.notFound, "Expected task '\(id)' to be open, but it is not (task already completed or not found).")
        }
        return (record, task)
    }

    static func info(_ task: UserTaskRecord, in record: InstanceRecord, process: ExecutableProcess) -> TaskInfo {
        TaskInfo(
            id: task.id, name: task.name, assignee: task.assignee, candidateUsers: task.candidateUsers, candidateGroups: task.candidateGroups,
            created: task.createdAt, due: task.dueDate, followUp: task.followUpDate, priority: task.priority, formKey: task.formKey,
            formFields: { if case .userTask(let definition) = process.nodes[task.node].kind { definition.formFields } else { [] } }(),
            processInstanceID: record.id, processDefinitionID: record.definitionID, processDefinitionKey: record.processKey,
            taskDefinitionKey: process.nodes[task.node].id.rawValue, businessKey: record.state.businessKey)
    }
}
