import BatonEngine

/// What a running instance's row knows of its history (migration 034): how many rows of events
/// it has and which history tables hold rows of it. Read with the instance's lock and written
/// with its row, so a command numbers its events without looking for the last one, and the
/// command that ends the instance moves only the tables that hold its rows.
struct InstanceHistoryFacts: Equatable {
    /// Rows of events; nil: unknown (the instance started before migration 034).
    var eventRows: Int?
    /// The history tables holding its rows besides events (which every instance has); nil: unknown.
    var tables: HistoryTables?

    /// An instance this transaction inserts: nothing of it is in history yet.
    static let new = InstanceHistoryFacts(eventRows: 0, tables: [])
    static let unknown = InstanceHistoryFacts(eventRows: nil, tables: nil)

    /// From the values of the row's `event_rows` and `history_tables` columns.
    init(columns eventRows: String?, _ tables: String?) {
        self.eventRows = eventRows.flatMap { Int($0) }
        self.tables = tables.flatMap { Int($0) }.map(HistoryTables.init(rawValue:))
    }

    init(eventRows: Int?, tables: HistoryTables?) {
        self.eventRows = eventRows
        self.tables = tables
    }

    /// The columns' values, as parameters.
    var parameters: [String?] { [eventRows.map { String($0) }, tables.map { String($0.rawValue) }] }
}

/// History tables other than events, as the bits of `process_instances.history_tables`.
struct HistoryTables: OptionSet, Hashable {
    let rawValue: Int

    static let activityInstances = HistoryTables(rawValue: 1)
    static let taskInstances = HistoryTables(rawValue: 2)
    static let variables = HistoryTables(rawValue: 4)
    static let incidents = HistoryTables(rawValue: 8)
    static let comments = HistoryTables(rawValue: 16)
    static let all: HistoryTables = [.activityInstances, .taskInstances, .variables, .incidents, .comments]

    /// Each table's bit, by the table's name.
    static let bits: [String: HistoryTables] = [
        "history_activity_instances": .activityInstances, "history_task_instances": .taskInstances, "history_variables": .variables,
        "history_incidents": .incidents, "history_comments": .comments,
    ]

    /// The tables a command's read-model changes add rows to; changes that only update rows
    /// (an activity's end, an incident's resolution) add none.
    init(addedBy changes: ReadModelChanges) {
        var tables: HistoryTables = []
        if !changes.activitiesStarted.isEmpty { tables.insert(.activityInstances) }
        if !changes.historicTasks.isEmpty { tables.insert(.taskInstances) }
        if !changes.historicVariables.isEmpty { tables.insert(.variables) }
        if !changes.incidentsRaised.isEmpty { tables.insert(.incidents) }
        self = tables
    }

    init(rawValue: Int) { self.rawValue = rawValue }
}
