import BatonCore
import BatonModel

/// A job as the API shows it: one row of the `jobs` read model.
public struct JobInfo: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
    public enum Kind: String, Hashable, Sendable, CaseIterable { case asyncBefore, asyncAfter, handler, external, timer }
    public var id: String
    public var kind: Kind
    public var processInstanceID: String
    public var processDefinitionID: String
    public var activityID: String
    public var dueAt: Timestamp?
    public var retries: Int
    public var errorMessage: String?
    public var topic: String?
    /// Its instance is suspended: the job is not acquired.
    public var suspended: Bool = false
    /// An external task's priority (Camunda's default 0).
    public var priority: Int64 = 0
    /// When it was created; nil for jobs stored before Baton kept it.
    public var createTime: Timestamp?
    /// The activity instance it belongs to (`<instance>:<element key>`).
    public var activityInstanceID: String?
    /// The worker holding an external task, and until when (kept after it expires, as Camunda
    /// shows it, until the task is locked again or unlocked).
    public var lock: JobLock?

    public init(id: String, kind: Kind, processInstanceID: String, processDefinitionID: String, activityID: String, dueAt: Timestamp? = nil, retries: Int, errorMessage: String? = nil, topic: String? = nil, suspended: Bool = false) {
        self.id = id
        self.kind = kind
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.activityID = activityID
        self.dueAt = dueAt
        self.retries = retries
        self.errorMessage = errorMessage
        self.topic = topic
        self.suspended = suspended
    }
}

extension JobInfo: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case jobId, jobDueDate, jobRetries, processInstanceId, processDefinitionId, jobPriority, createTime, lockExpirationTime, tenantId
    }
    public var tieBreaker: [SortValue] { [.text(id)] }
    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .jobId: .text(id)
        case .jobDueDate: .time(dueAt)
        case .jobRetries: .number(retries)
        case .processInstanceId: .text(processInstanceID)
        case .processDefinitionId: .text(processDefinitionID)
        case .jobPriority: .number(Int(clamping: priority))
        case .createTime: .time(createTime)
        case .lockExpirationTime: .time(lock?.expiresAt)
        case .tenantId: .text(tenantID)
        }
    }
}

/// Which jobs to list. External tasks are jobs in Baton's tables but not in Camunda's job API,
/// so `kinds` names what a caller wants.
public struct JobQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var jobID: String?
    public var processInstanceID: String?
    public var processDefinitionID: String?
    public var activityID: String?
    /// External tasks of this topic.
    public var topic: String?
    public var kinds: Set<JobInfo.Kind>
    public var withRetriesLeft: Bool
    public var noRetriesLeft: Bool
    /// true: jobs of suspended instances only; false: of active ones only.
    public var suspended: Bool?
    /// Camunda's `priorityHigherThanOrEquals` and `priorityLowerThanOrEquals`.
    public var priorityAtLeast: Int64?
    public var priorityAtMost: Int64?
    public var filters = JobFilters()
    public var sorting: [Sorting<JobInfo.SortKey>]

    public init(
        jobID: String? = nil, processInstanceID: String? = nil, processDefinitionID: String? = nil, activityID: String? = nil, topic: String? = nil,
        kinds: Set<JobInfo.Kind> = Set(JobInfo.Kind.allCases), withRetriesLeft: Bool = false, noRetriesLeft: Bool = false, suspended: Bool? = nil,
        sorting: [Sorting<JobInfo.SortKey>] = []
    ) {
        self.suspended = suspended
        self.jobID = jobID
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.activityID = activityID
        self.topic = topic
        self.kinds = kinds
        self.withRetriesLeft = withRetriesLeft
        self.noRetriesLeft = noRetriesLeft
        self.sorting = sorting
    }

    public func matches(_ job: JobInfo) -> Bool {
        if !admits(definition: job.processDefinitionID, instance: job.processInstanceID, tenant: job.tenantID) { return false }
        if let jobID, job.id != jobID { return false }
        if let processInstanceID, job.processInstanceID != processInstanceID { return false }
        if let processDefinitionID, job.processDefinitionID != processDefinitionID { return false }
        if let activityID, job.activityID != activityID { return false }
        if let topic, job.topic != topic { return false }
        if !kinds.contains(job.kind) { return false }
        if withRetriesLeft, job.retries <= 0 { return false }
        if noRetriesLeft, job.retries != 0 { return false }
        if let suspended, job.suspended != suspended { return false }
        if let priorityAtLeast, job.priority < priorityAtLeast { return false }
        if let priorityAtMost, job.priority > priorityAtMost { return false }
        return filters.matches(job)
    }
}

/// A variable as it is now, in the scope that holds it: one row of the `variables` read model.
public struct VariableInstanceInfo: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
    public var name: String
    public var value: VariableValue
    public var processInstanceID: String
    public var processDefinitionID: String
    /// The element instance whose local scope holds it, or the process instance itself.
    public var activityInstanceID: String
    /// Camunda's variable instance id: `<activity instance id>:<name>`.
    public var id: String { "\(activityInstanceID):\(name)" }

    public init(name: String, value: VariableValue, processInstanceID: String, processDefinitionID: String, activityInstanceID: String) {
        self.name = name
        self.value = value
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.activityInstanceID = activityInstanceID
    }
}

extension VariableInstanceInfo: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable { case variableName, variableType, activityInstanceId, processInstanceId, tenantId }
    public var tieBreaker: [SortValue] { [.text(activityInstanceID), .text(name)] }
    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .variableName: .text(name)
        case .variableType: .text(value.typeName)
        case .activityInstanceId: .text(activityInstanceID)
        case .processInstanceId: .text(processInstanceID)
        case .tenantId: .text(tenantID)
        }
    }
}

public struct VariableInstanceQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var processInstanceIDs: [String]?
    public var activityInstanceIDs: [String]?
    public var variableName: String?
    public var variableNameLike: String?
    /// Camunda's `variableValues`: each condition must hold for the variable itself.
    public var valueConditions: [VariableCondition] = []
    public var sorting: [Sorting<VariableInstanceInfo.SortKey>]

    public init(
        processInstanceIDs: [String]? = nil, activityInstanceIDs: [String]? = nil, variableName: String? = nil, variableNameLike: String? = nil,
        sorting: [Sorting<VariableInstanceInfo.SortKey>] = []
    ) {
        self.processInstanceIDs = processInstanceIDs
        self.activityInstanceIDs = activityInstanceIDs
        self.variableName = variableName
        self.variableNameLike = variableNameLike
        self.sorting = sorting
    }

    public func matches(_ variable: VariableInstanceInfo) -> Bool {
        if !admits(definition: variable.processDefinitionID, instance: variable.processInstanceID, tenant: variable.tenantID) { return false }
        if let processInstanceIDs, !processInstanceIDs.contains(variable.processInstanceID) { return false }
        if let activityInstanceIDs, !activityInstanceIDs.contains(variable.activityInstanceID) { return false }
        if let variableName, variable.name != variableName { return false }
        if let variableNameLike, !likeMatches(variable.name, variableNameLike) { return false }
        return valueConditions.allSatisfy { $0.holds(in: [variable.name: variable.value]) }
    }
}

/// A message an instance waits for: one row of the `message_subscriptions` read model.
public struct EventSubscriptionInfo: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
    public var id: String
    public var eventType: String
    public var eventName: String
    public var processInstanceID: String
    public var processDefinitionID: String
    public var activityID: String
    public var created: Timestamp

    public init(id: String, eventType: String, eventName: String, processInstanceID: String, processDefinitionID: String, activityID: String, created: Timestamp) {
        self.processDefinitionID = processDefinitionID
        self.id = id
        self.eventType = eventType
        self.eventName = eventName
        self.processInstanceID = processInstanceID
        self.activityID = activityID
        self.created = created
    }
}

extension EventSubscriptionInfo: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable { case created, eventName, processInstanceId, tenantId }
    public var tieBreaker: [SortValue] { [.text(id)] }
    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .created: .time(created)
        case .eventName: .text(eventName)
        case .processInstanceId: .text(processInstanceID)
        case .tenantId: .text(tenantID)
        }
    }
}

public struct EventSubscriptionQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var subscriptionID: String?
    public var processInstanceID: String?
    public var eventType: String?
    public var eventName: String?
    public var activityID: String?
    public var sorting: [Sorting<EventSubscriptionInfo.SortKey>]

    public init(
        subscriptionID: String? = nil, processInstanceID: String? = nil, eventType: String? = nil, eventName: String? = nil, activityID: String? = nil,
        sorting: [Sorting<EventSubscriptionInfo.SortKey>] = [Sorting(.created)]
    ) {
        self.subscriptionID = subscriptionID
        self.processInstanceID = processInstanceID
        self.eventType = eventType
        self.eventName = eventName
        self.activityID = activityID
        self.sorting = sorting
    }

    public func matches(_ subscription: EventSubscriptionInfo) -> Bool {
        if !admits(definition: subscription.processDefinitionID, instance: subscription.processInstanceID, tenant: subscription.tenantID) { return false }
        if let subscriptionID, subscription.id != subscriptionID { return false }
        if let processInstanceID, subscription.processInstanceID != processInstanceID { return false }
        if let eventType, subscription.eventType != eventType { return false }
        if let eventName, subscription.eventName != eventName { return false }
        if let activityID, subscription.activityID != activityID { return false }
        return true
    }
}
