import BatonEngine
import BatonModel
import BatonPostgres

/// A row change captured in a watched database's `baton_trigger_events`.
struct CapturedEvent: Sendable {
    var id: Int64
    var triggerName: String
    var table: String
    var operation: String
    var rowKey: String?
    var old: JSONValue?
    var new: JSONValue?
    var origin: String?
    /// As PostgreSQL wrote it (`timestamptz` text), to be written back unchanged.
    var receivedAt: String

    static let columns = "id, trigger_name, table_name, operation, row_key, old_row::text, new_row::text, origin, received_at::text"

    init(_ row: [String?]) {
        id = Int64(row[0]!)!
        triggerName = row[1]!
        table = row[2]!
        operation = row[3]!
        rowKey = row[4]
        old = row[5].flatMap(JSONText.parse)
        new = row[6].flatMap(JSONText.parse)
        origin = row[7]
        receivedAt = row[8]!
    }
}

/// What a captured event led to.
enum TriggerOutcome {
    case started(instanceID: String)
    case skipped(reason: String)
    case failed(error: String)

    var name: String {
        switch self {
        case .started: "started"
        case .skipped: "skipped"
        case .failed: "failed"
        }
    }
}

/// The event was processed before (its log row exists): taken again after a crash between the
/// engine's commit and the Retool event's removal.
struct AlreadyProcessed: Error {}

/// Takes captured events one at a time, oldest first, and for each decides and records its
/// outcome in one transaction of the engine's database, starting its instance in that same
/// transaction. Events of one row are taken in order: an event waits while an earlier one of the
/// same row is still there (being processed by another Baton process, say).
extension EventTriggers {
    /// The oldest event whose row has no earlier event left, locked; nil when none (or none free).
    static let nextEvent = """
        SELECT \(CapturedEvent.columns) FROM public.baton_trigger_events e
        WHERE NOT EXISTS (
            SELECT 1 FROM public.baton_trigger_events p
            WHERE p.trigger_name = e.trigger_name AND p.id < e.id AND (p.row_key = e.row_key OR (p.row_key IS NULL AND e.row_key IS NULL)))
        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
        """

    /// Processes the next event captured in `database`; false when there was none to take.
    public func processNext(in database: EventTrigger.Database) async throws -> Bool {
        do {
            switch database {
            case .engine: return try await processNextEngineEvent()
            case .retool: return try await processNextRetoolEvent()
            }
        } catch let error as PostgresError where error.sqlState == "42P01" {
            return false  // no trigger was ever installed there: no events table yet
        }
    }

    /// Processes every event waiting in `database`; returns how many.
    @discardableResult
    public func processAll(in database: EventTrigger.Database) async throws -> Int {
        var processed = 0
        while try await processNext(in: database) { processed += 1 }
        return processed
    }

    /// Engine events: taking the event, starting the instance, logging and deleting the event are
    /// one transaction.
    private func processNextEngineEvent() async throws -> Bool {
        do {
            return try await runtime.transaction { transaction in
                let query: Query = { sql, parameters in try await PostgresStore.query(sql, parameters, in: transaction) }
                guard let row = try await query(Self.nextEvent, []).rows.first else { return false }
                let event = CapturedEvent(row)
                try await self.handle(event, from: .engine, in: transaction)
                _ = try await query("DELETE FROM public.baton_trigger_events WHERE id = $1::bigint", [String(event.id)])
                return true
            }
        } catch let failure as FailedEvent {
            // Rolled back, start and all: record the failure alone, if the event is still there.
            try await runtime.transaction { transaction in
                let query: Query = { sql, parameters in try await PostgresStore.query(sql, parameters, in: transaction) }
                let sql = "SELECT \(CapturedEvent.columns) FROM public.baton_trigger_events WHERE id = $1::bigint FOR UPDATE SKIP LOCKED"
                guard let row = try await query(sql, [String(failure.event.id)]).rows.first else { return }
                _ = try await self.log(CapturedEvent(row), .failed(error: failure.message), from: .engine, query: query)
                _ = try await query("DELETE FROM public.baton_trigger_events WHERE id = $1::bigint", [String(failure.event.id)])
            }
            return true
        }
    }

    /// Retool events: the event stays locked in Retool's database while the engine's transaction
    /// starts the instance and logs it, and is deleted after that commits. Taken again after a
    /// crash in between, its log row (the idempotency key) makes it start nothing twice.
    private func processNextRetoolEvent() async throws -> Bool {
        try await pool(.retool).withTransaction { connection in
            guard let row = try await connection.query(Self.nextEvent).rows.first else { return false }
            let event = CapturedEvent(row)
            do {
                try await self.runtime.transaction { transaction in try await self.handle(event, from: .retool, in: transaction) }
            } catch let failure as FailedEvent {
                try await self.runtime.transaction { transaction in
                    _ = try await self.log(event, .failed(error: failure.message), from: .retool) { sql, parameters in
                        try await PostgresStore.query(sql, parameters, in: transaction)
                    }
                }
            } catch is AlreadyProcessed {}
            try await connection.query("DELETE FROM public.baton_trigger_events WHERE id = $1::bigint", [String(event.id)])
            return true
        }
    }

    typealias Query = (String, [String?]) async throws -> PostgresRows

    /// Decides `event`'s outcome, starts its instance in `transaction` when it is `started`, and
    /// logs it there. A failure throws ``FailedEvent`` (the transaction must roll back the start).
    private func handle(_ event: CapturedEvent, from database: EventTrigger.Database, in transaction: any StoreTransaction) async throws {
        let query: Query = { sql, parameters in try await PostgresStore.query(sql, parameters, in: transaction) }
        let outcome: TriggerOutcome
        do {
            outcome = try await decide(event, in: transaction, query: query)
        } catch let error as EngineError {
            throw FailedEvent(event: event, message: error.message)
        }
        guard try await log(event, outcome, from: database, query: query) else { throw AlreadyProcessed() }
    }

    /// Evaluates the event against its trigger and starts the instance if it should.
    private func decide(_ event: CapturedEvent, in transaction: any StoreTransaction, query: Query) async throws -> TriggerOutcome {
        guard let row = try await query("SELECT name, definition::text FROM event_triggers WHERE name = $1", [event.triggerName]).rows.first,
            let trigger = try? EventTrigger(name: row[0]!, json: JSONText.parse(row[1] ?? "") ?? .null)
        else { return .skipped(reason: "No trigger '\(event.triggerName)' exists any more.") }
        let scope = VariableDictionary([
            "new": .json(event.new ?? .object([])), "old": .json(event.old ?? .object([])), "operation": .string(event.operation),
            "table": .string(event.table), "origin": event.origin.map(VariableValue.string) ?? .null,
        ])
        func evaluate(_ template: Template, _ field: String) throws -> VariableValue {
            do { return try ExpressionEvaluator.evaluate(template, in: scope) } catch {
                throw FailedEvent(event: event, message: "Expected the \(field) of trigger '\(trigger.name)' to evaluate, but '\(template.source)' failed: \(error.description)")
            }
        }
        if let condition = trigger.condition {
            let holds = try evaluate(condition, "condition")
            guard case .boolean(let truth) = holds else {
                throw FailedEvent(event: event, message: "Expected the condition of trigger '\(trigger.name)' to give true or false, but it gave a \(holds.typeName).")
            }
            if !truth { return .skipped(reason: "The condition does not hold.") }
        }
        let businessKey = try trigger.businessKey.map { ExpressionEvaluator.text(try evaluate($0, "businessKey")) }
        if trigger.unlessRunning, let businessKey {
            let running = try await query(
                "SELECT 1 FROM process_instances WHERE process_key = $1 AND business_key = $2 AND status = 'active' LIMIT 1",
                [trigger.processDefinitionKey, businessKey])
            if !running.rows.isEmpty {
                return .skipped(reason: "An instance of '\(trigger.processDefinitionKey)' with business key '\(businessKey)' is running.")
            }
        }
        var variables: [String: VariableValue] = [:]
        for variable in trigger.variables { variables[variable.name] = try evaluate(variable.value, "variable '\(variable.name)'") }
        let instance = try await runtime.start(
            processKey: trigger.processDefinitionKey, businessKey: businessKey, variables: variables, in: transaction)
        return .started(instanceID: instance.id)
    }

    /// Writes the event's outcome to the log; false when it was logged before.
    private func log(_ event: CapturedEvent, _ outcome: TriggerOutcome, from database: EventTrigger.Database, query: Query) async throws -> Bool {
        var error: String?, instance: String?
        switch outcome {
        case .started(let id): instance = id
        case .skipped(let reason): error = reason
        case .failed(let message): error = message
        }
        let inserted = try await query(
            """
            INSERT INTO event_trigger_log (source_database, source_event_id, trigger_name, table_name, operation, row_key, received_at, outcome, error,
                process_instance_id)
            VALUES ($1, $2::bigint, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING 1
            """,
            [
                database.rawValue, String(event.id), event.triggerName, event.table, event.operation, event.rowKey, event.receivedAt, outcome.name,
                error, instance,
            ])
        return !inserted.rows.isEmpty
    }
}

/// Why an event's instance could not start (its trigger's expressions, or the engine's
/// refusal), carried out of the rolled-back transaction: recorded as the event's outcome, never
/// retried.
struct FailedEvent: Error {
    var event: CapturedEvent
    var message: String
}
