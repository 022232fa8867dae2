import BatonCore
import BatonEngine
import BatonModel
import Foundation

/// The command side's rows derived from instances: task and job owners, message subscriptions,
/// due jobs and external tasks with their locks, called instances, timer start events.
extension PostgresTransaction {
    func owner(ofTask id: String) async throws -> String? {
        try await read("SELECT instance_id FROM user_tasks WHERE id = $1", [id]).rows.first?.first ?? nil
    }

    func owner(ofJob id: String) async throws -> String? {
        try await read("SELECT instance_id FROM jobs WHERE id = $1", [id]).rows.first?.first ?? nil
    }

    func subscriptions(_ kind: SubscriptionRecord.Kind, named name: String) async throws -> [(subscriptionID: String, instanceID: String)] {
        try await read(
            "SELECT id, instance_id FROM message_subscriptions WHERE message_name = $1 AND event_type = $2 ORDER BY sequence", [name, kind.rawValue]
        ).rows.map { ($0[0]!, $0[1]!) }
    }

    func dueJobs(at now: Timestamp, limit: Int) async throws -> [(jobID: String, instanceID: String)] {
        try await read(
            """
            SELECT id, instance_id FROM jobs
            WHERE retries > 0 AND kind <> 'external' AND NOT synchronous AND NOT suspended AND (due_at IS NULL OR due_at <= $1::timestamptz)
            ORDER BY due_at NULLS FIRST, sequence LIMIT $2::integer FOR UPDATE SKIP LOCKED
            """, [time(now), String(limit)]
        ).rows.map { ($0[0]!, $0[1]!) }
    }

    func lockableExternalTasks(topics: [ExternalTaskTopicQuery], at now: Timestamp, limit: Int, order: ExternalTaskFetchOrder) async throws
        -> [(jobID: String, instanceID: String)]
    {
        var select = SQLSelect(from: "jobs")
        select.require("kind = 'external' AND NOT suspended")
        let at = select.bind(time(now)) + "::timestamptz"
        select.require("retries > 0 AND (due_at IS NULL OR due_at <= \(at)) AND (lock_expires_at IS NULL OR lock_expires_at <= \(at))")
        // Each topic with its own limits, any of them.
        let alternatives = topics.map { query -> String in
            var conditions = ["topic = \(select.bind(query.topic))"]
            if let definitions = select.condition("process_definition_id", in: query.definitions) { conditions.append(definitions) }
            if let key = query.businessKey {
                conditions.append("instance_id IN (SELECT id FROM process_instances WHERE business_key = \(select.bind(key)))")
            }
            return "(" + conditions.joined(separator: " AND ") + ")"
        }
        select.require(alternatives.isEmpty ? "false" : "(" + alternatives.joined(separator: " OR ") + ")")
        var sorting: [Sorting<JobInfo.SortKey>] = order.usePriority ? [Sorting(.jobPriority, ascending: false)] : []
        if let ascending = order.createTimeAscending { sorting.append(Sorting(.createTime, ascending: ascending)) }
        let statement = select.list(
            "id, instance_id", sorting: sorting, column: PostgresStore.column, tieBreakers: ["sequence"], page: Page(firstResult: 0, maxResults: limit))
        return try await read(statement.sql + " FOR UPDATE SKIP LOCKED", statement.parameters).rows.map { ($0[0]!, $0[1]!) }
    }

    func lock(ofJob id: String) async throws -> JobLock? {
        guard let row = try await read("SELECT lock_owner, \(millis("lock_expires_at")) FROM jobs WHERE id = $1", [id]).rows.first,
            let owner = row[0], let expires = timestamp(row[1])
        else { return nil }
        return JobLock(workerID: owner, expiresAt: expires)
    }

    func setLock(_ lock: JobLock?, onJob id: String) async throws {
        write(
            "UPDATE jobs SET lock_owner = $2, lock_expires_at = $3::timestamptz WHERE id = $1", [id, lock?.workerID, time(lock?.expiresAt)])
    }

    func errorDetails(ofJob id: String) async throws -> String? {
        try await read("SELECT error_details FROM jobs WHERE id = $1", [id]).rows.first?.first ?? nil
    }

    func setErrorDetails(_ details: String?, ofJob id: String) async throws {
        write("UPDATE jobs SET error_details = $2 WHERE id = $1", [id, details])
    }

    func calledInstance(parent instanceID: String, elementKey: ElementKey) async throws -> String? {
        try await read(
            "SELECT child_instance_id FROM called_instances WHERE parent_instance_id = $1 AND element_key = $2::bigint", [instanceID, String(elementKey)]
        ).rows.first?.first ?? nil
    }

    // MARK: Timer start events

    func dueTimerStarts(at now: Timestamp, limit: Int) async throws -> [TimerStartRecord] {
        try await read(
            """
            SELECT id, definition_id, start_event, \(millis("due_at")), remaining, interval FROM timer_starts
            WHERE due_at <= $1::timestamptz AND definition_id NOT IN (SELECT id FROM process_definitions WHERE suspended)
            ORDER BY due_at, id LIMIT $2::integer FOR UPDATE SKIP LOCKED
            """, [time(now), String(limit)]
        ).rows.map {
            TimerStartRecord(
                id: $0[0]!, definitionID: $0[1]!, startEvent: $0[2]!, dueAt: timestamp($0[3])!, remaining: $0[4].flatMap(Int.init),
                interval: $0[5].flatMap(ISODuration.init))
        }
    }

    func replaceTimerStarts(forKey key: String, tenantID: String?, with timers: [TimerStartRecord]) async throws {
        write(
            "DELETE FROM timer_starts WHERE definition_id IN (SELECT id FROM process_definitions WHERE key = $1 AND tenant_id IS NOT DISTINCT FROM $2)",
            [key, tenantID])
        for timer in timers { insert(timer) }
    }

    func updateTimerStart(_ timer: TimerStartRecord?, removing id: String) async throws {
        write("DELETE FROM timer_starts WHERE id = $1", [id])
        if let timer { insert(timer) }
    }

    func insert(_ timer: TimerStartRecord) {
        write(
            "INSERT INTO timer_starts (id, definition_id, start_event, due_at, remaining, interval) VALUES ($1, $2, $3, $4::timestamptz, $5::integer, $6)",
            [timer.id, timer.definitionID, timer.startEvent, time(timer.dueAt), timer.remaining.map(String.init), timer.interval?.description])
    }
}

/// Signal deliveries: recorded by the throwing transaction, each taken and deleted by the one
/// that delivers it.
extension PostgresTransaction {
    /// Typed variables stored as JSON text by ``json(_:)`` (a delivery's, a buffered message's).
    func variables(_ text: String?) throws -> [String: VariableValue] {
        try decoder.decode([String: VariableValue].self, from: Data((text ?? "{}").utf8))
    }

    func signalReceivers(named name: String) async throws -> [SignalReceiver] {
        try await read(
            """
            SELECT s.id, s.instance_id, i.process_key, i.tenant_id FROM message_subscriptions s JOIN process_instances i ON i.id = s.instance_id
            WHERE s.message_name = $1 AND s.event_type = 'signal' AND NOT i.suspended ORDER BY s.sequence
            """, [name]
        ).rows.map { SignalReceiver(subscriptionID: $0[0]!, instanceID: $0[1]!, processKey: $0[2]!, tenantID: $0[3]) }
    }

    /// One statement however many receivers a signal has; rows are numbered in the array's order.
    func insertSignalDeliveries(_ deliveries: [SignalDelivery]) async throws {
        guard !deliveries.isEmpty else { return }
        var rows: [JSONValue] = []
        for delivery in deliveries {
            var members: [JSONValue.Member] = [
                .init("id", .string(delivery.id)), .init("signal_name", .string(delivery.signal.name)),
                .init("variables", .string(try json(delivery.signal.variables))),
                .init("business_key", delivery.signal.businessKey.map(JSONValue.string) ?? .null), .init("due_at", .string(delivery.dueAt.iso8601)),
            ]
            switch delivery.receiver {
            case .subscription(let id, let instanceID):
                members += [.init("subscription_id", .string(id)), .init("instance_id", .string(instanceID))]
            case .startEvent(let definitionID, let elementID):
                members += [.init("definition_id", .string(definitionID)), .init("start_element_id", .string(elementID))]
            }
            rows.append(.object(members))
        }
        write(
            """
            INSERT INTO signal_deliveries (id, signal_name, subscription_id, instance_id, definition_id, start_element_id, variables, business_key, due_at)
            SELECT id, signal_name, subscription_id, instance_id, definition_id, start_element_id, variables::json, business_key, due_at
            FROM json_to_recordset($1::json) AS r(
                id text, signal_name text, subscription_id text, instance_id text, definition_id text, start_element_id text, variables text,
                business_key text, due_at timestamptz)
            """,
            [JSONText.render(.array(rows))])
    }

    func dueSignalDeliveries(at now: Timestamp, limit: Int) async throws -> [String] {
        try await read(
            "SELECT id FROM signal_deliveries WHERE due_at <= $1::timestamptz ORDER BY due_at, sequence LIMIT $2::integer", [time(now), String(limit)]
        ).rows.map { $0[0]! }
    }

    func lockSignalDelivery(_ id: String) async throws -> SignalDelivery? {
        guard
            let row = try await read(
                """
                SELECT id, signal_name, subscription_id, instance_id, definition_id, start_element_id, variables, business_key, \(millis("due_at")),
                    attempts, last_error
                FROM signal_deliveries WHERE id = $1 FOR UPDATE SKIP LOCKED
                """, [id]
            ).rows.first
        else { return nil }
        let receiver: SignalDelivery.Receiver
        if let subscription = row[2], let instance = row[3] {
            receiver = .subscription(id: subscription, instanceID: instance)
        } else {
            receiver = .startEvent(definitionID: row[4]!, elementID: row[5]!)
        }
        let payload = try variables(row[6])
        return SignalDelivery(
            id: row[0]!, signal: SignalThrow(name: row[1]!, variables: payload, businessKey: row[7]), receiver: receiver,
            dueAt: timestamp(row[8])!, attempts: Int(row[9] ?? "0") ?? 0, lastError: row[10])
    }

    func deleteSignalDelivery(_ id: String) async throws {
        write("DELETE FROM signal_deliveries WHERE id = $1", [id])
    }

    func postponeSignalDelivery(_ id: String, until retryAt: Timestamp, attempts: Int, error: String) async throws {
        write(
            "UPDATE signal_deliveries SET due_at = $2::timestamptz, attempts = $3::integer, last_error = $4 WHERE id = $1",
            [id, time(retryAt), String(attempts), error])
    }
}

/// Buffered messages (migration 021).
extension PostgresTransaction {
    func insertBufferedMessage(_ message: BufferedMessage) async throws {
        write(
            """
            INSERT INTO buffered_messages (id, name, business_key, process_instance_id, correlation_keys, variables, expires_at)
            VALUES ($1, $2, $3, $4, $5::json, $6::json, $7::timestamptz)
            """,
            [
                message.id, message.name, message.businessKey, message.processInstanceID, try json(message.correlationKeys), try json(message.variables),
                time(message.expiresAt),
            ])
    }

    func bufferedMessages(named name: String, businessKey: String?, instanceID: String, at now: Timestamp, limit: Int) async throws
        -> [BufferedMessage]
    {
        try await read(
            """
            SELECT id, name, business_key, process_instance_id, correlation_keys::text, variables::text, \(millis("expires_at")) FROM buffered_messages
            WHERE name = $1 AND expires_at > $2::timestamptz AND (business_key IS NULL OR business_key = $3)
                AND (process_instance_id IS NULL OR process_instance_id = $4)
            ORDER BY sequence LIMIT $5::integer FOR UPDATE SKIP LOCKED
            """, [name, time(now), businessKey, instanceID, String(limit)]
        ).rows.map { row in
            BufferedMessage(
                id: row[0]!, name: row[1]!, businessKey: row[2], processInstanceID: row[3],
                correlationKeys: try variables(row[4]), variables: try variables(row[5]), expiresAt: timestamp(row[6])!)
        }
    }

    func deleteBufferedMessage(_ id: String) async throws {
        write("DELETE FROM buffered_messages WHERE id = $1", [id])
    }

    func deleteExpiredBufferedMessages(at now: Timestamp) async throws -> Int {
        try await read("DELETE FROM buffered_messages WHERE expires_at <= $1::timestamptz", [time(now)]).affected
    }
}

/// Batches (migration 022).
extension PostgresTransaction {
    func insertBatch(_ batch: BatchRecord, instanceIDs: [String]) async throws {
        write(
            "INSERT INTO batches (id, type, plan, total, created_at, created_by) VALUES ($1, $2, $3::json, $4::integer, $5::timestamptz, $6)",
            [batch.id, batch.type, try json(batch.work), String(batch.total), time(batch.createdAt), batch.createdBy])
        write(
            "INSERT INTO batch_items (batch_id, instance_id) SELECT $1, id FROM unnest($2::text[]) WITH ORDINALITY AS i(id, n) ORDER BY n",
            [batch.id, SQLSelect.arrayLiteral(instanceIDs)])
    }

    private static let batchColumns = "id, type, plan::text, total, completed, failed, \(SQLColumns.millis("created_at", as: "created")), created_by, suspended"

    private func batch(_ row: [String?]) throws -> BatchRecord {
        BatchRecord(
            id: row[0]!, work: try decoder.decode(BatchWork.self, from: Data(row[2]!.utf8)), total: Int(row[3]!)!,
            completed: Int(row[4]!)!, failed: Int(row[5]!)!, createdAt: timestamp(row[6])!, createdBy: row[7], suspended: row[8] == "t")
    }

    private func select(_ query: BatchQuery) -> SQLSelect {
        var select = SQLSelect(from: "batches")
        select.equal("id", query.batchID)
        select.equal("type", query.type)
        if let suspended = query.suspended { select.require(suspended ? "suspended" : "NOT suspended") }
        select.equal("created_by", query.createdBy)
        select.range("created_at", after: query.startedAfter, before: query.startedBefore)
        if let failures = query.withFailures { select.require(failures ? "failed > 0" : "failed = 0") }
        return select
    }

    func batches(_ query: BatchQuery, page: Page) async throws -> [BatchRecord] {
        let sorting = query.idAscending.map { [Sorting("id", ascending: $0)] } ?? []
        let statement = select(query).list(
            Self.batchColumns, sorting: sorting, column: { $0 }, tieBreakers: query.idAscending == nil ? ["created_at", "id"] : [], page: page)
        return try await read(statement.sql, statement.parameters).rows.map(batch)
    }

    func count(_ query: BatchQuery) async throws -> Int { try await number(select(query).count()) }

    func batch(id: String) async throws -> BatchRecord? {
        try await read("SELECT \(Self.batchColumns) FROM batches WHERE id = $1", [id]).rows.first.map(batch)
    }

    // The job worker locks an item, then its batch's row (``finishBatchItem``); these lock the
    // items first too, so the two wait for each other instead of deadlocking.
    func deleteBatch(id: String) async throws -> Bool {
        write("DELETE FROM batch_items WHERE batch_id = $1", [id])
        return try await read("DELETE FROM batches WHERE id = $1", [id]).affected > 0
    }

    func nextBatchItem() async throws -> (batchID: String, instanceID: String)? {
        try await read(
            "SELECT batch_id, instance_id FROM batch_items WHERE failure IS NULL AND NOT suspended ORDER BY sequence LIMIT 1 FOR UPDATE SKIP LOCKED"
        ).rows.first.map { ($0[0]!, $0[1]!) }
    }

    func setBatchSuspended(id: String, _ suspended: Bool) async throws -> Bool {
        write("UPDATE batch_items SET suspended = $2::boolean WHERE batch_id = $1", [id, suspended ? "true" : "false"])
        return try await read("UPDATE batches SET suspended = $2::boolean WHERE id = $1", [id, suspended ? "true" : "false"]).affected == 1
    }

    func finishBatchItem(batchID: String, instanceID: String, failure: String?) async throws {
        if let failure {
            write("UPDATE batch_items SET failure = $3 WHERE batch_id = $1 AND instance_id = $2", [batchID, instanceID, failure])
            write("UPDATE batches SET failed = failed + 1 WHERE id = $1", [batchID])
        } else {
            write("DELETE FROM batch_items WHERE batch_id = $1 AND instance_id = $2", [batchID, instanceID])
            write("UPDATE batches SET completed = completed + 1 WHERE id = $1", [batchID])
        }
    }

    func batchFailures(id: String) async throws -> [BatchItemFailure] {
        try await read("SELECT instance_id, failure FROM batch_items WHERE batch_id = $1 AND failure IS NOT NULL ORDER BY sequence", [id])
            .rows.map { BatchItemFailure(processInstanceID: $0[0]!, reason: $0[1]!) }
    }
}
