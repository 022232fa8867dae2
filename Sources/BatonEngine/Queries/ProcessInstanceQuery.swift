import BatonCore
import BatonModel

/// A process instance as the API shows it: a row of `process_instances` while it runs, of
/// `history_process_instances` once it ended.
public struct ProcessInstanceInfo: Hashable, Sendable {
    public enum State: String, Hashable, Sendable { case active, completed, terminated }

    public var id: String
    public var definitionID: String
    public var processKey: String
    public var businessKey: String?
    public var state: State
    public var startedAt: Timestamp
    public var endedAt: Timestamp?
    public var superInstanceID: String?
    /// Suspended by an operator (a running instance only).
    public var suspended: Bool

    public init(_ record: InstanceRecord) {
        id = record.id
        definitionID = record.definitionID
        processKey = record.processKey
        businessKey = record.state.businessKey
        state = State(rawValue: record.state.status.rawValue) ?? .active
        startedAt = record.startedAt
        endedAt = record.endedAt
        superInstanceID = record.state.parent?.instanceID
        suspended = record.state.suspended
    }

    public init(
        id: String, definitionID: String, processKey: String, businessKey: String?, state: State, startedAt: Timestamp, endedAt: Timestamp?,
        superInstanceID: String?, suspended: Bool = false
    ) {
        self.id = id
        self.definitionID = definitionID
        self.processKey = processKey
        self.businessKey = businessKey
        self.state = state
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.superInstanceID = superInstanceID
        self.suspended = suspended
    }
}

extension ProcessInstanceInfo: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case instanceId, definitionKey, definitionId, businessKey, startTime, endTime, duration
    }

    public var tieBreaker: [SortValue] { [.text(id)] }

    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .instanceId: .text(id)
        case .definitionKey: .text(processKey)
        case .definitionId: .text(definitionID)
        case .businessKey: .text(businessKey)
        case .startTime: .time(startedAt)
        case .endTime: .time(endedAt)
        case .duration: .duration(startedAt, endedAt)
        }
    }
}

/// A process-level variable an instance must have, with a value equal to this one (compared as
/// JSON values: a Long 5 equals an Integer 5).
public struct VariableCondition: Hashable, Sendable {
    public var name: String
    public var value: VariableValue

    public init(name: String, value: VariableValue) {
        self.name = name
        self.value = value
    }
}

/// Which process instances to list: running ones (`/process-instance`), ended ones, or both
/// (`/history/process-instance`).
public struct ProcessInstanceQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public enum Lifecycle: Hashable, Sendable { case running, ended, any }

    public var lifecycle: Lifecycle
    public var ids: [String]?
    public var processDefinitionKey: String?
    public var processDefinitionID: String?
    public var businessKey: String?
    public var superInstanceID: String?
    public var variables: [VariableCondition]
    /// true: suspended ones only; false: active (not suspended) ones only.
    public var suspended: Bool?
    /// Only instances started before, or after, this (Camunda's `startedBefore`, `startedAfter`).
    public var startedBefore: Timestamp?
    public var startedAfter: Timestamp?
    public var filters = ProcessInstanceFilters()
    public var sorting: [Sorting<ProcessInstanceInfo.SortKey>]

    public init(
        lifecycle: Lifecycle = .running, ids: [String]? = nil, processDefinitionKey: String? = nil, processDefinitionID: String? = nil,
        businessKey: String? = nil, superInstanceID: String? = nil, variables: [VariableCondition] = [], suspended: Bool? = nil,
        sorting: [Sorting<ProcessInstanceInfo.SortKey>] = [Sorting(.startTime)]
    ) {
        self.suspended = suspended
        self.lifecycle = lifecycle
        self.ids = ids
        self.processDefinitionKey = processDefinitionKey
        self.processDefinitionID = processDefinitionID
        self.businessKey = businessKey
        self.superInstanceID = superInstanceID
        self.variables = variables
        self.sorting = sorting
    }

    public func matches(_ instance: ProcessInstanceInfo) -> Bool {
        if !admits(definition: instance.definitionID, instance: instance.id) { return false }
        switch lifecycle {
        case .running: if instance.state != .active { return false }
        case .ended: if instance.state == .active { return false }
        case .any: break
        }
        if let ids, !ids.contains(instance.id) { return false }
        if let processDefinitionKey, instance.processKey != processDefinitionKey { return false }
        if let processDefinitionID, instance.definitionID != processDefinitionID { return false }
        if let businessKey, instance.businessKey != businessKey { return false }
        if let superInstanceID, instance.superInstanceID != superInstanceID { return false }
        if let suspended, instance.suspended != suspended || instance.state != .active { return false }
        if let startedBefore, instance.startedAt >= startedBefore { return false }
        if let startedAfter, instance.startedAt <= startedAfter { return false }
        return filters.matches(instance)
    }

    /// Whether an instance's process-level variables satisfy every condition.
    public func matchesVariables(_ values: [String: VariableValue]) -> Bool {
        variables.allSatisfy { condition in values[condition.name].map { $0.sameJSON(as: condition.value) } ?? false }
    }
}
