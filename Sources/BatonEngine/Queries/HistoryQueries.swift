import BatonCore
import BatonModel

/// One execution of a flow node, from activation to completion or termination: one row of
/// `history_activity_instances`.
public struct HistoricActivityInstance: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
    public var id: String
    public var parentActivityInstanceID: String
    public var activityID: String
    public var activityName: String?
    public var activityType: String
    public var processInstanceID: String
    public var processDefinitionID: String
    public var startTime: Timestamp
    public var endTime: Timestamp?
    public var canceled: Bool
    /// The activity ended its token with no flow to take (an end event, or an activity without
    /// outgoing flows), as Camunda's `completeScope`.
    public var completeScope: Bool
    public var taskID: String?
    public var calledProcessInstanceID: String?
    /// The element instance's key: ties in start time break by it, in activation order.
    public var elementKey: Int64
    /// The enclosing scope's element key; nil when the process instance itself is the parent.
    public var parentElementKey: Int64?

    public init(id: String, parentActivityInstanceID: String, activityID: String, activityName: String? = nil, activityType: String, processInstanceID: String, processDefinitionID: String, startTime: Timestamp, endTime: Timestamp? = nil, canceled: Bool, completeScope: Bool = false, taskID: String? = nil, calledProcessInstanceID: String? = nil, elementKey: Int64, parentElementKey: Int64?) {
        self.parentElementKey = parentElementKey
        self.completeScope = completeScope
        self.id = id
        self.parentActivityInstanceID = parentActivityInstanceID
        self.activityID = activityID
        self.activityName = activityName
        self.activityType = activityType
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.startTime = startTime
        self.endTime = endTime
        self.canceled = canceled
        self.taskID = taskID
        self.calledProcessInstanceID = calledProcessInstanceID
        self.elementKey = elementKey
    }
}

extension HistoricActivityInstance: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case activityInstanceId, instanceId, executionId, activityId, activityName, activityType, startTime, endTime, duration, definitionId, tenantId
    }
    public var tieBreaker: [SortValue] { [.text(processInstanceID), .number(elementKey)] }
    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .activityInstanceId: .text(id)
        case .instanceId, .executionId: .text(processInstanceID)
        case .activityId: .text(activityID)
        case .activityName: .text(activityName)
        case .activityType: .text(activityType)
        case .startTime: .time(startTime)
        case .endTime: .time(endTime)
        case .duration: .duration(startTime, endTime)
        case .definitionId: .text(processDefinitionID)
        case .tenantId: .text(tenantID)
        }
    }
}

/// Finished, unfinished, or either.
public enum Completion: Hashable, Sendable {
    case finished, unfinished

    func matches(_ end: Timestamp?) -> Bool { (self == .finished) == (end != nil) }
}

public struct HistoricActivityInstanceQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var activityInstanceID: String?
    public var processInstanceID: String?
    public var processDefinitionID: String?
    public var activityID: String?
    public var activityType: String?
    public var completion: Completion?
    public var canceled: Bool?
    public var completeScope: Bool?
    public var activityName: String?
    public var startedBefore: Timestamp?
    public var startedAfter: Timestamp?
    public var finishedBefore: Timestamp?
    public var finishedAfter: Timestamp?
    /// Only user-task activity instances of these tasks (Camunda's `taskAssignee`, resolved to
    /// the assignee's tasks).
    public var taskIDs: [String]?
    public var sorting: [Sorting<HistoricActivityInstance.SortKey>]

    public init(
        activityInstanceID: String? = nil, processInstanceID: String? = nil, processDefinitionID: String? = nil, activityID: String? = nil,
        activityType: String? = nil, completion: Completion? = nil, canceled: Bool? = nil, completeScope: Bool? = nil,
        sorting: [Sorting<HistoricActivityInstance.SortKey>] = [Sorting(.startTime)]
    ) {
        self.activityInstanceID = activityInstanceID
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.activityID = activityID
        self.activityType = activityType
        self.completion = completion
        self.canceled = canceled
        self.completeScope = completeScope
        self.sorting = sorting
    }

    public func matches(_ activity: HistoricActivityInstance) -> Bool {
        if !admits(definition: activity.processDefinitionID, instance: activity.processInstanceID, tenant: activity.tenantID) { return false }
        if let activityInstanceID, activity.id != activityInstanceID { return false }
        if let processInstanceID, activity.processInstanceID != processInstanceID { return false }
        if let processDefinitionID, activity.processDefinitionID != processDefinitionID { return false }
        if let activityID, activity.activityID != activityID { return false }
        if let activityType, activity.activityType != activityType { return false }
        if let completion, !completion.matches(activity.endTime) { return false }
        if let canceled, activity.canceled != canceled { return false }
        if let completeScope, activity.completeScope != completeScope { return false }
        if let activityName, activity.activityName != activityName { return false }
        if let startedBefore, activity.startTime >= startedBefore { return false }
        if let startedAfter, activity.startTime <= startedAfter { return false }
        if let finishedBefore, !(activity.endTime.map { $0 < finishedBefore } ?? false) { return false }
        if let finishedAfter, !(activity.endTime.map { $0 > finishedAfter } ?? false) { return false }
        if let taskIDs, !(activity.taskID.map(taskIDs.contains) ?? false) { return false }
        return true
    }
}

/// A user task from creation to completion or deletion: one row of `history_task_instances`.
public struct HistoricTaskInstance: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
    public var id: String
    public var name: String?
    public var taskDefinitionKey: String
    public var processInstanceID: String
    public var processDefinitionID: String
    public var activityInstanceID: String
    public var assignee: String?
    public var priority: Int
    public var due: Timestamp?
    public var startTime: Timestamp
    public var endTime: Timestamp?
    /// `completed`, `deleted` (cancelled) or nil while open.
    public var deleteReason: String?
    public var owner: String?
    public var description: String?
    public var followUp: Timestamp?
    /// Every user and group the task was offered to while it was open.
    public var candidateUsers: [String] = []
    public var candidateGroups: [String] = []

    public init(id: String, name: String? = nil, taskDefinitionKey: String, processInstanceID: String, processDefinitionID: String, activityInstanceID: String, assignee: String? = nil, priority: Int, due: Timestamp? = nil, startTime: Timestamp, endTime: Timestamp? = nil, deleteReason: String? = nil) {
        self.id = id
        self.name = name
        self.taskDefinitionKey = taskDefinitionKey
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.activityInstanceID = activityInstanceID
        self.assignee = assignee
        self.priority = priority
        self.due = due
        self.startTime = startTime
        self.endTime = endTime
        self.deleteReason = deleteReason
    }
}

extension HistoricTaskInstance: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case taskId, activityInstanceId, processInstanceId, executionId, processDefinitionId, taskName, taskDescription, taskDefinitionKey, assignee,
            owner, priority, dueDate, followUpDate, startTime, endTime, duration, deleteReason, tenantId
    }
    public var tieBreaker: [SortValue] { [.text(id)] }
    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .taskId: .text(id)
        case .activityInstanceId: .text(activityInstanceID)
        case .processInstanceId, .executionId: .text(processInstanceID)
        case .processDefinitionId: .text(processDefinitionID)
        case .taskName: .text(name)
        case .taskDescription: .text(description)
        case .taskDefinitionKey: .text(taskDefinitionKey)
        case .assignee: .text(assignee)
        case .owner: .text(owner)
        case .priority: .number(priority)
        case .dueDate: .time(due)
        case .followUpDate: .time(followUp)
        case .startTime: .time(startTime)
        case .endTime: .time(endTime)
        case .duration: .duration(startTime, endTime)
        case .deleteReason: .text(deleteReason)
        case .tenantId: .text(tenantID)
        }
    }
}

public struct HistoricTaskInstanceQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var taskID: String?
    public var processInstanceID: String?
    public var processDefinitionID: String?
    public var taskDefinitionKey: String?
    public var assignee: String?
    public var completion: Completion?
    public var filters = HistoricTaskFilters()
    public var sorting: [Sorting<HistoricTaskInstance.SortKey>]

    public init(
        taskID: String? = nil, processInstanceID: String? = nil, processDefinitionID: String? = nil, taskDefinitionKey: String? = nil,
        assignee: String? = nil, completion: Completion? = nil, sorting: [Sorting<HistoricTaskInstance.SortKey>] = [Sorting(.startTime)]
    ) {
        self.taskID = taskID
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.taskDefinitionKey = taskDefinitionKey
        self.assignee = assignee
        self.completion = completion
        self.sorting = sorting
    }

    public func matches(_ task: HistoricTaskInstance) -> Bool {
        if !admits(definition: task.processDefinitionID, instance: task.processInstanceID, tenant: task.tenantID) { return false }
        if let taskID, task.id != taskID { return false }
        if let processInstanceID, task.processInstanceID != processInstanceID { return false }
        if let processDefinitionID, task.processDefinitionID != processDefinitionID { return false }
        if let taskDefinitionKey, task.taskDefinitionKey != taskDefinitionKey { return false }
        if let assignee, task.assignee != assignee { return false }
        if let completion, !completion.matches(task.endTime) { return false }
        return filters.matches(task)
    }
}

/// The latest value of a variable in one scope, running or ended instance alike: one row of
/// `history_variables`. Each earlier value stays in the instance's event log.
public struct HistoricVariableInstance: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
    public var name: String
    public var value: VariableValue
    public var processInstanceID: String
    public var processDefinitionID: String
    /// The activity instance whose local scope holds the variable; nil for the process.
    public var activityInstanceID: String?
    /// When the variable was first set in this scope.
    public var createTime: Timestamp
    /// Removed from its scope (Camunda's `DELETED` state); history keeps its last value.
    public var deleted = false
    /// Camunda's historic variable id: `<process instance id>:<activity instance id or empty>:<name>`.
    public var id: String { "\(processInstanceID):\(activityInstanceID ?? ""):\(name)" }

    public init(name: String, value: VariableValue, processInstanceID: String, processDefinitionID: String, activityInstanceID: String? = nil, createTime: Timestamp) {
        self.name = name
        self.value = value
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.activityInstanceID = activityInstanceID
        self.createTime = createTime
    }
}

extension HistoricVariableInstance: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable { case instanceId, variableName, createTime, tenantId }
    /// The parts of the id, as PostgreSQL's key orders them.
    public var tieBreaker: [SortValue] { [.text(processInstanceID), .text(activityInstanceID ?? ""), .text(name)] }
    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .instanceId: .text(processInstanceID)
        case .variableName: .text(name)
        case .createTime: .time(createTime)
        case .tenantId: .text(tenantID)
        }
    }
}

public struct HistoricVariableInstanceQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var id: String?
    public var processInstanceIDs: [String]?
    public var processDefinitionID: String?
    public var variableName: String?
    public var variableNameLike: String?
    /// Also variables removed from their scope (Camunda's `includeDeleted`); by id, always.
    public var includeDeleted = false
    public var names: [String]?
    /// Camunda's type names (`String`, `Long`…), compared without case as Camunda does.
    public var types: [String]?
    public var processDefinitionKey: String?
    /// Scopes: an element instance's id, or the process instance's for its own variables.
    public var activityInstanceIDs: [String]?
    /// Camunda's `variableValue` (with `variableName`): each condition must hold for the variable.
    public var valueConditions: [VariableCondition] = []
    public var sorting: [Sorting<HistoricVariableInstance.SortKey>]

    public init(
        id: String? = nil, processInstanceIDs: [String]? = nil, processDefinitionID: String? = nil, variableName: String? = nil,
        variableNameLike: String? = nil, sorting: [Sorting<HistoricVariableInstance.SortKey>] = [Sorting(.createTime)]
    ) {
        self.id = id
        self.processInstanceIDs = processInstanceIDs
        self.processDefinitionID = processDefinitionID
        self.variableName = variableName
        self.variableNameLike = variableNameLike
        self.sorting = sorting
    }

    public func matches(_ variable: HistoricVariableInstance) -> Bool {
        if !admits(definition: variable.processDefinitionID, instance: variable.processInstanceID, tenant: variable.tenantID) { return false }
        if let id, variable.id != id { return false }
        if let processInstanceIDs, !processInstanceIDs.contains(variable.processInstanceID) { return false }
        if let processDefinitionID, variable.processDefinitionID != processDefinitionID { return false }
        if let variableName, variable.name != variableName { return false }
        if let variableNameLike, !likeMatches(variable.name, variableNameLike) { return false }
        if variable.deleted, !includeDeleted, id == nil { return false }
        if let names, !names.contains(variable.name) { return false }
        if let types, !types.contains(where: { $0.lowercased() == variable.value.typeName.lowercased() }) { return false }
        if let processDefinitionKey, processKey(ofDefinition: variable.processDefinitionID) != processDefinitionKey { return false }
        if let activityInstanceIDs, !activityInstanceIDs.contains(variable.activityInstanceID ?? variable.processInstanceID) { return false }
        return valueConditions.allSatisfy { $0.holds(in: [variable.name: variable.value]) }
    }
}

/// An incident, open or resolved: one row of `history_incidents` (open ones are the runtime's
/// `/incident` list).
public struct HistoricIncident: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
    public var id: String
    public var kind: String
    public var message: String
    public var processInstanceID: String
    public var processDefinitionID: String
    public var activityID: String
    public var jobID: String?
    public var createdAt: Timestamp
    public var resolvedAt: Timestamp?
    /// Ended with its activity or instance cancelled rather than resolved.
    public var deleted: Bool

    public init(
        id: String, kind: String, message: String, processInstanceID: String, processDefinitionID: String, activityID: String, jobID: String? = nil,
        createdAt: Timestamp, resolvedAt: Timestamp? = nil, deleted: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.message = message
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.activityID = activityID
        self.jobID = jobID
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
        self.deleted = deleted
    }
}

extension HistoricIncident: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case incidentId, incidentMessage, incidentTimestamp, createTime, endTime, incidentType, activityId, processInstanceId, executionId,
            processDefinitionId, tenantId
    }
    public var tieBreaker: [SortValue] { [.text(id)] }
    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .incidentId: .text(id)
        case .incidentMessage: .text(message)
        case .incidentTimestamp, .createTime: .time(createdAt)
        case .endTime: .time(resolvedAt)
        case .incidentType: .text(kind)
        case .activityId: .text(activityID)
        case .processInstanceId, .executionId: .text(processInstanceID)
        case .processDefinitionId: .text(processDefinitionID)
        case .tenantId: .text(tenantID)
        }
    }
}

public struct IncidentQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var incidentID: String?
    /// true: open only (`/incident`); false: resolved only; nil: both.
    public var open: Bool?
    public var processInstanceID: String?
    public var processDefinitionID: String?
    public var incidentType: String?
    public var activityID: String?
    public var jobID: String?
    public var filters = IncidentFilters()
    public var sorting: [Sorting<HistoricIncident.SortKey>]

    public init(
        incidentID: String? = nil, open: Bool? = nil, processInstanceID: String? = nil, processDefinitionID: String? = nil, incidentType: String? = nil,
        activityID: String? = nil, jobID: String? = nil, sorting: [Sorting<HistoricIncident.SortKey>] = [Sorting(.incidentTimestamp)]
    ) {
        self.incidentID = incidentID
        self.open = open
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.incidentType = incidentType
        self.activityID = activityID
        self.jobID = jobID
        self.sorting = sorting
    }

    public func matches(_ incident: HistoricIncident) -> Bool {
        if !admits(definition: incident.processDefinitionID, instance: incident.processInstanceID, tenant: incident.tenantID) { return false }
        if let incidentID, incident.id != incidentID { return false }
        if let open, (incident.resolvedAt == nil) != open { return false }
        if let processInstanceID, incident.processInstanceID != processInstanceID { return false }
        if let processDefinitionID, incident.processDefinitionID != processDefinitionID { return false }
        if let incidentType, incident.kind != incidentType { return false }
        if let activityID, incident.activityID != activityID { return false }
        if let jobID, incident.jobID != jobID { return false }
        return filters.matches(incident)
    }
}
