/// What a running instance's row knows of its history (migration 034): how many rows of events
/// it has and which history tables hold rows of it. Read with the instance's lock and written
/// with its row, so a command numbers its events without looking for the last one, and the
/// command that ends the instance moves only the tables that hold its rows.
struct InstanceHistoryFacts: Equatable {
    /// Rows of events; nil: unknown (the instance started before migration 034).
    var eventRows: Int?
    /// The history tables holding its rows besides events (``InstanceTables/history``); nil: unknown.
    var tables: InstanceTables?

    /// An instance this transaction inserts: nothing of it is in history yet.
    static let new = InstanceHistoryFacts(eventRows: 0, tables: [])
    static let unknown = InstanceHistoryFacts(eventRows: nil, tables: nil)

    /// The columns' values, as parameters.
    var parameters: [String?] { [eventRows.map { String($0) }, tables.map { String($0.rawValue) }] }
}

extension InstanceHistoryFacts {
    /// From the values of the row's `event_rows` and `history_tables` columns.
    init(columns eventRows: String?, _ tables: String?) {
        self.init(eventRows: eventRows.flatMap { Int($0) }, tables: tables.flatMap { Int($0) }.map(InstanceTables.init(rawValue:)))
    }
}
