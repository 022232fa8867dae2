import BatonCore
import BatonModel

/// A process instance as the API shows it: a row of `process_instances` while it runs, of
/// `history_process_instances` once it ended.
public struct ProcessInstanceInfo: Hashable, Sendable {
    /// The tenant of its instance's definition (nil: none).
    public var tenantID: String?
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
    /// The signed-in user whose command started it.
    public var startUserID: String?
    /// The instance at the top of its call hierarchy: itself when nothing called it, else the
    /// last caller that still exists. Built from a record, it is the record's root; the stores'
    /// queries and ``Runtime/instance(_:)`` walk the callers that still exist.
    public var rootInstanceID: String

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
        startUserID = record.state.startUserID
        rootInstanceID = record.rootInstanceID
        tenantID = record.tenantID
    }

    public init(
        id: String, definitionID: String, processKey: String, businessKey: String?, state: State, startedAt: Timestamp, endedAt: Timestamp?,
        superInstanceID: String?, suspended: Bool = false, startUserID: String? = nil, rootInstanceID: String? = nil
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
        self.startUserID = startUserID
        self.rootInstanceID = rootInstanceID ?? id
    }
}

extension ProcessInstanceInfo: QueryRow {
    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case instanceId, definitionKey, definitionId, businessKey, tenantId, startTime, endTime, duration
    }

    public var tieBreaker: [SortValue] { [.text(id)] }

    public func sortValue(_ key: SortKey) -> SortValue {
        switch key {
        case .instanceId: .text(id)
        case .definitionKey: .text(processKey)
        case .definitionId: .text(definitionID)
        case .businessKey: .text(businessKey)
        case .tenantId: .text(tenantID)
        case .startTime: .time(startedAt)
        case .endTime: .time(endedAt)
        case .duration: .duration(startedAt, endedAt)
        }
    }
}

/// A variable a row must have whose value compares to this one as Camunda's `name_op_value`
/// says. Values compare as JSON values (a Long 5 equals an Integer 5); `gt`, `gteq`, `lt` and
/// `lteq` compare numbers with numbers and text with text (by code point), never across kinds;
/// `like` matches text with `%`. `neq` needs the variable to exist.
public struct VariableCondition: Hashable, Sendable {
    public enum Operator: String, CaseIterable, Hashable, Sendable { case eq, neq, gt, gteq, lt, lteq, like }

    public var name: String
    public var value: VariableValue
    public var comparison: Operator
    /// Camunda's `variableNamesIgnoreCase` and `variableValuesIgnoreCase` (the latter for text).
    public var ignoreNameCase = false
    public var ignoreValueCase = false

    public init(name: String, value: VariableValue, comparison: Operator = .eq) {
        self.name = name
        self.value = value
        self.comparison = comparison
    }

    /// Whether a variable of `values` (by name) meets the condition.
    public func holds(in values: [String: VariableValue]) -> Bool {
        if !ignoreNameCase { return values[name].map(holds) ?? false }
        return values.contains { $0.key.lowercased() == name.lowercased() && holds($0.value) }
    }

    public func holds(_ actual: VariableValue) -> Bool {
        switch comparison {
        case .eq: return equals(actual)
        case .neq: return !equals(actual)
        case .like:
            guard case .string(let text) = actual.jsonValue, case .string(let pattern) = value.jsonValue else { return false }
            return ignoreValueCase ? likeMatches(text.lowercased(), pattern.lowercased()) : likeMatches(text, pattern)
        case .gt, .gteq, .lt, .lteq:
            guard let order = Self.order(actual.jsonValue, value.jsonValue) else { return false }
            switch comparison {
            case .gt: return order > 0
            case .gteq: return order >= 0
            case .lt: return order < 0
            default: return order <= 0
            }
        }
    }

    private func equals(_ actual: VariableValue) -> Bool {
        if ignoreValueCase, case .string(let a) = actual.jsonValue, case .string(let b) = value.jsonValue { return a.lowercased() == b.lowercased() }
        return actual.sameJSON(as: value)
    }

    /// -1, 0 or 1 for two numbers or two texts; nil across kinds.
    private static func order(_ a: JSONValue, _ b: JSONValue) -> Int? {
        func number(_ value: JSONValue) -> Double? {
            switch value {
            case .integer(let n): Double(n)
            case .double(let d): d
            default: nil
            }
        }
        if let x = number(a), let y = number(b) { return x == y ? 0 : x < y ? -1 : 1 }
        if case .string(let x) = a, case .string(let y) = b {
            return x == y ? 0 : Array(x.utf8).lexicographicallyPrecedes(y.utf8) ? -1 : 1
        }
        return nil
    }
}

/// Which process instances to list: running ones (`/process-instance`), ended ones, or both
/// (`/history/process-instance`).
public struct ProcessInstanceQuery: ListQuery {
    /// The process definitions (by id) whose rows may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
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
        if !admits(definition: instance.definitionID, instance: instance.id, tenant: instance.tenantID) { return false }
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
    public func matchesVariables(_ values: [String: VariableValue]) -> Bool { variables.allSatisfy { $0.holds(in: values) } }
}
