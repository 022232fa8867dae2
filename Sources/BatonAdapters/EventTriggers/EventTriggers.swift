import BatonEngine
import BatonModel
import BatonPostgres
import Logging

/// Data-event triggers: their definitions (kept in the engine's database), the database triggers
/// that capture row changes, and the processing of what they capture (``EventTriggerProcessor``).
public final class EventTriggers: Sendable {
    public let runtime: Runtime
    /// Baton's database, where definitions and the event log live.
    public let engine: PostgresPool
    /// Retool's database, when one is configured.
    public let retool: PostgresPool?
    let logger: Logger

    public init(runtime: Runtime, engine: PostgresPool, retool: PostgresPool?, logger: Logger = Logger(label: "baton.triggers")) {
        self.runtime = runtime
        self.engine = engine
        self.retool = retool
        self.logger = logger
    }

    func pool(_ database: EventTrigger.Database) throws -> PostgresPool {
        switch database {
        case .engine: return engine
        case .retool:
            guard let retool else {
                throw EventTriggerError("Expected a Retool database for a trigger with \"database\": \"retool\", but none is configured (RETOOL_DATABASE_URL).")
            }
            return retool
        }
    }

    // MARK: Definitions

    public func all() async throws -> [EventTrigger] {
        try await engine.withConnection { connection in
            try await connection.query("SELECT name, definition::text FROM event_triggers ORDER BY name").rows.map(Self.trigger)
        }
    }

    public func named(_ name: String) async throws -> EventTrigger? {
        try await engine.withConnection { connection in
            try await connection.query("SELECT name, definition::text FROM event_triggers WHERE name = $1", [name]).rows.first.map(Self.trigger)
        }
    }

    private static func trigger(_ row: [String?]) throws -> EventTrigger {
        try EventTrigger(name: row[0]!, json: JSONText.parse(row[1] ?? "") ?? .null)
    }

    /// Saves `trigger` and installs its database trigger, replacing one of the same name: both
    /// happen or neither. Its process must be deployed.
    public func save(_ trigger: EventTrigger) async throws {
        guard try await !runtime.processDefinitions(key: trigger.processDefinitionKey).isEmpty else {
            throw EventTriggerError(
                "Expected 'processDefinitionKey' to name a deployed process, but no process '\(trigger.processDefinitionKey)' is deployed.")
        }
        _ = try pool(trigger.database)  // a Retool trigger needs a Retool database
        let previous = try await named(trigger.name)
        try await engine.withTransaction { engineConnection in
            try await engineConnection.query(
                """
                INSERT INTO event_triggers (name, database, table_name, definition) VALUES ($1, $2, $3, $4::json)
                ON CONFLICT (name) DO UPDATE SET database = excluded.database, table_name = excluded.table_name, definition = excluded.definition,
                    updated_at = now()
                """, [trigger.name, trigger.database.rawValue, trigger.table, JSONText.render(trigger.json)])
            if let previous, previous.database != trigger.database || previous.table != trigger.table {
                try await self.in(previous.database, joining: engineConnection) { connection in
                    try await EventCapture.uninstall(name: previous.name, table: previous.table, on: connection)
                }
            }
            try await self.in(trigger.database, joining: engineConnection) { connection in try await EventCapture.install(trigger, on: connection) }
        }
    }

    /// Runs `body` in `database`: in the engine's transaction already open on `engineConnection`,
    /// or in a transaction of its own on Retool's (committed just before the engine's).
    private func `in`(
        _ database: EventTrigger.Database, joining engineConnection: PostgresConnection, _ body: @Sendable (PostgresConnection) async throws -> Void
    ) async throws {
        if database == .engine { return try await body(engineConnection) }
        try await pool(database).withTransaction(body)
    }

    /// Deletes trigger `name`, its database trigger and the events it captured that wait; false
    /// when there is none. Its event log stays (30 days).
    @discardableResult
    public func delete(_ name: String) async throws -> Bool {
        guard let trigger = try await named(name) else { return false }
        try await engine.withTransaction { engineConnection in
            try await engineConnection.query("DELETE FROM event_triggers WHERE name = $1", [name])
            try await self.in(trigger.database, joining: engineConnection) { connection in
                try await EventCapture.uninstall(name: name, table: trigger.table, on: connection)
                if try await connection.query("SELECT to_regclass('public.baton_trigger_events')::text").rows.first?.first ?? nil != nil {
                    try await connection.query("DELETE FROM public.baton_trigger_events WHERE trigger_name = $1", [name])
                }
            }
        }
        return true
    }

    // MARK: Event log

    /// What became of the events trigger `name` captured, newest first.
    public func events(of name: String, firstResult: Int, maxResults: Int) async throws -> [TriggerEventRecord] {
        try await engine.withConnection { connection in
            try await connection.query(
                """
                SELECT source_database, source_event_id, table_name, operation, row_key,
                    (extract(epoch FROM received_at) * 1000)::bigint, (extract(epoch FROM processed_at) * 1000)::bigint,
                    outcome, error, process_instance_id
                FROM event_trigger_log WHERE trigger_name = $1 ORDER BY source_event_id DESC OFFSET $2::integer LIMIT $3::integer
                """, [name, String(firstResult), String(maxResults)]
            ).rows.map { row in
                TriggerEventRecord(
                    id: "\(row[0]!):\(row[1]!)", table: row[2]!, operation: row[3]!, rowKey: row[4],
                    receivedAt: Timestamp(millisecondsSinceEpoch: Int64(row[5]!)!), processedAt: Timestamp(millisecondsSinceEpoch: Int64(row[6]!)!),
                    outcome: row[7]!, error: row[8], processInstanceID: row[9])
            }
        }
    }
}

/// One captured event and what became of it.
public struct TriggerEventRecord: Hashable, Sendable {
    /// `<database>:<sequence>`.
    public var id: String
    public var table: String
    public var operation: String
    public var rowKey: String?
    public var receivedAt: Timestamp
    public var processedAt: Timestamp
    /// `started`, `skipped` (by the condition, or `unlessRunning`) or `failed`.
    public var outcome: String
    public var error: String?
    public var processInstanceID: String?
}
