import BatonCore
import BatonModel

/// A user task as the API shows it: one row of the `user_tasks` read model.
public struct TaskInfo: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
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
    public var description: String?
    /// Its instance is suspended: it cannot be claimed or completed.
    public var suspended: Bool = false
    /// The task's `camunda:formData` fields, in document order (from the definition, not stored).
    public var formFields: [FormField]
    public var processInstanceID: String
    public var processDefinitionID: String
    public var processDefinitionKey: String
    /// The user task's element id.
    public var taskDefinitionKey: String
    public var businessKey: String?
    /// The activity instance of the user task (`<instance id>:<element key>`).
    public var activityInstanceID: String
    /// Who delegated it, and where its delegation stands.
    public var owner: String?
    public var delegationState: DelegationState?
    /// When the open task last changed after its creation; nil until it does.
    public var lastUpdated: Timestamp?

    public init(id: String, name: String? = nil, assignee: String? = nil, candidateUsers: [String], candidateGroups: [String], created: Timestamp, due: Timestamp? = nil, followUp: Timestamp? = nil, priority: Int, formKey: String? = nil, description: String? = nil, suspended: Bool = false, formFields: [FormField], processInstanceID: String, processDefinitionID: String, processDefinitionKey: String, taskDefinitionKey: String, businessKey: String? = nil, activityInstanceID: String) {
        self.id = id
        self.name = name
        self.assignee = assignee
        self.candidateUsers = candidateUsers
        self.candidateGroups = candidateGroups
        self.created = created
        self.due = due
        self.followUp = followUp
        self.priority = priority
        self.formKey = formKey
        self.description = description
        self.suspended = suspended
        self.formFields = formFields
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.processDefinitionKey = processDefinitionKey
        self.taskDefinitionKey = taskDefinitionKey
        self.businessKey = businessKey
        self.activityInstanceID = activityInstanceID
    }
}

extension TaskInfo: QueryRow {
    /// Camunda's keys (`instanceId` and `executionId` both name the process instance, Baton's
    /// execution of a task), and Baton's `processInstanceId`, `processDefinitionId` and
    /// `taskDefinitionKey`.
    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case id, name, nameCaseInsensitive, description, assignee, created, lastUpdated, dueDate, followUpDate, priority, instanceId, executionId,
            tenantId, processInstanceId, processDefinitionId, taskDefinitionKey
    }

    public var tieBreaker: [SortValue] { [.text(id)] }

    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .id: .text(id)
        case .name: .text(name)
        case .nameCaseInsensitive: .text(name?.lowercased())
        case .description: .text(description)
        case .assignee: .text(assignee)
        case .created: .time(created)
        case .lastUpdated: .time(lastUpdated)
        case .dueDate: .time(due)
        case .followUpDate: .time(followUp)
        case .priority: .number(priority)
        case .tenantId: .text(tenantID)
        case .instanceId, .executionId, .processInstanceId: .text(processInstanceID)
        case .processDefinitionId: .text(processDefinitionID)
        case .taskDefinitionKey: .text(taskDefinitionKey)
        }
    }
}

/// Who is asking: a non-admin user sees the tasks they are assigned or offered (as a candidate
/// user or through a group), and no others. Applied in the query, so paging and counts hold.
public struct TaskVisibility: Hashable, Sendable {
    public var userID: String
    public var groups: [String]
    /// Process definitions (by id) all of whose tasks the user may see besides (`READ_TASK`).
    public var definitions: ResourceScope
    /// Single tasks (by id) the user may see besides (`READ` on Camunda's Task resource).
    public var tasks: ResourceScope

    public init(userID: String, groups: [String], definitions: ResourceScope = .only([]), tasks: ResourceScope = .only([])) {
        self.userID = userID
        self.groups = groups
        self.definitions = definitions
        self.tasks = tasks
    }

    public func allows(_ task: TaskInfo) -> Bool {
        task.assignee == userID || task.candidateUsers.contains(userID) || task.candidateGroups.contains(where: groups.contains)
            || definitions.contains(task.processDefinitionID) || tasks.contains(task.id)
    }
}

/// Which open user tasks to list, and in what order.
public struct TaskQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var taskID: String?
    /// Only tasks created before, or after, this (Camunda's `createdBefore`, `createdAfter`).
    public var createdBefore: Timestamp?
    public var createdAfter: Timestamp?
    /// Only tasks due before, or after, this (Camunda's `dueBefore`, `dueAfter`); a task without
    /// a due date matches neither.
    public var dueBefore: Timestamp?
    public var dueAfter: Timestamp?
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
    public var processDefinitionID: String?
    public var processDefinitionKey: String?
    public var taskDefinitionKey: String?
    public var businessKey: String?
    public var owner: String?
    public var delegationState: DelegationState?
    public var visibleTo: TaskVisibility?
    /// true: tasks of suspended instances only; false: of active ones only.
    public var suspended: Bool?
    public var filters = TaskFilters()
    public var sorting: [Sorting<TaskInfo.SortKey>]

    public init(
        taskID: String? = nil, assignee: String? = nil, candidateUser: String? = nil, userGroups: [String] = [], candidateGroups: [String] = [],
        includeAssigned: Bool = false, unassigned: Bool = false, processInstanceID: String? = nil, processDefinitionID: String? = nil,
        processDefinitionKey: String? = nil, taskDefinitionKey: String? = nil, businessKey: String? = nil, visibleTo: TaskVisibility? = nil,
        suspended: Bool? = nil, sorting: [Sorting<TaskInfo.SortKey>] = [Sorting(.created)]
    ) {
        self.suspended = suspended
        self.taskID = taskID
        self.assignee = assignee
        self.candidateUser = candidateUser
        self.userGroups = userGroups
        self.candidateGroups = candidateGroups
        self.includeAssigned = includeAssigned
        self.unassigned = unassigned
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.processDefinitionKey = processDefinitionKey
        self.taskDefinitionKey = taskDefinitionKey
        self.businessKey = businessKey
        self.visibleTo = visibleTo
        self.sorting = sorting
    }

    public func matches(_ task: TaskInfo) -> Bool {
        if !admits(definition: task.processDefinitionID, instance: task.processInstanceID, tenant: task.tenantID) { return false }
        if let taskID, task.id != taskID { return false }
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
        if let processDefinitionID, task.processDefinitionID != processDefinitionID { return false }
        if let processDefinitionKey, task.processDefinitionKey != processDefinitionKey { return false }
        if let taskDefinitionKey, task.taskDefinitionKey != taskDefinitionKey { return false }
        if let businessKey, task.businessKey != businessKey { return false }
        if let owner, task.owner != owner { return false }
        if let delegationState, task.delegationState != delegationState { return false }
        if let visibleTo, !visibleTo.allows(task) { return false }
        if let suspended, task.suspended != suspended { return false }
        if let createdBefore, task.created >= createdBefore { return false }
        if let createdAfter, task.created <= createdAfter { return false }
        if let dueBefore, !(task.due.map { $0 < dueBefore } ?? false) { return false }
        if let dueAfter, !(task.due.map { $0 > dueAfter } ?? false) { return false }
        return filters.matches(task)
    }
}
