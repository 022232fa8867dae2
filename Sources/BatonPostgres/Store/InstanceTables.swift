import BatonEngine

/// Tables that can hold rows of an instance besides its own row and its events (which every
/// instance has). The history tables' bits are what `process_instances.history_tables` stores
/// (migration 034); the runtime tables' are never stored.
struct InstanceTables: OptionSet, Hashable {
    let rawValue: Int

    static let activityInstances = InstanceTables(rawValue: 1)
    static let taskInstances = InstanceTables(rawValue: 2)
    static let variableHistory = InstanceTables(rawValue: 4)
    static let incidents = InstanceTables(rawValue: 8)
    static let comments = InstanceTables(rawValue: 16)
    static let history: InstanceTables = [.activityInstances, .taskInstances, .variableHistory, .incidents, .comments]

    static let tasks = InstanceTables(rawValue: 32)
    static let jobs = InstanceTables(rawValue: 64)
    static let subscriptions = InstanceTables(rawValue: 128)
    static let variables = InstanceTables(rawValue: 256)
    static let runtime: InstanceTables = [.tasks, .jobs, .subscriptions, .variables]

    /// Each table with its bit: the history tables, then the runtime ones.
    static let byTable: [(table: String, bit: InstanceTables)] = [
        ("history_activity_instances", .activityInstances), ("history_task_instances", .taskInstances), ("history_variables", .variableHistory),
        ("history_incidents", .incidents), ("history_comments", .comments),
        ("user_tasks", .tasks), ("jobs", .jobs), ("message_subscriptions", .subscriptions), ("variables", .variables),
    ]

    /// The bit of the table so named, if it has one.
    static func named(_ table: String) -> InstanceTables? { byTable.first { $0.table == table }?.bit }
}

extension InstanceTables {
    /// The history tables a command's read-model changes add rows to; changes that only update
    /// rows (an activity's end, an incident's resolution) add none.
    init(historyAddedBy changes: ReadModelChanges) {
        var tables: InstanceTables = []
        if !changes.activitiesStarted.isEmpty { tables.insert(.activityInstances) }
        if !changes.historicTasks.isEmpty { tables.insert(.taskInstances) }
        if !changes.historicVariables.isEmpty { tables.insert(.variableHistory) }
        if !changes.incidentsRaised.isEmpty { tables.insert(.incidents) }
        self = tables
    }
}
