import BatonCore
import BatonEngine
import BatonModel
import Foundation

/// The engine's store in PostgreSQL. Each transaction is one database transaction on a pooled
/// connection; `lockInstance` takes the instance row `FOR UPDATE`, so commands on one instance
/// are serialized by the database (never failed with an optimistic-locking error), while
/// commands on different instances run side by side. The instance's state and its events are
/// stored as JSONB; the rows other processes query (tasks, jobs, subscriptions, incidents) are
/// kept in step with the executor's effects.
public final class PostgresStore: Store {
    public let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    public func transaction<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        try await postgresTransaction { try await body($0) }
    }

    /// A query runs without BEGIN and COMMIT and takes no row locks: a single statement costs
    /// one round trip.
    public func read<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        try await postgresRead { try await body($0) }
    }

    func postgresTransaction<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws -> T {
        let connection = try await pool.lease()
        let transaction = PostgresTransaction(connection: connection)
        do {
            let result = try await connection.withSession {
                let result = try await body(transaction)
                try await transaction.commit()
                return result
            }
            await pool.giveBack(connection)
            return result
        } catch {
            await transaction.rollback()
            await pool.giveBack(connection)
            throw error
        }
    }

    func postgresRead<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws -> T {
        let connection = try await pool.lease()
        let transaction = PostgresTransaction(connection: connection, readOnly: true)
        do {
            let result = try await connection.withSession { try await body(transaction) }
            try transaction.checkNothingWritten()
            await pool.giveBack(connection)
            return result
        } catch {
            await pool.giveBack(connection)
            throw error
        }
    }
}

/// One database transaction. Writes are held back and sent in one pipeline with the next read,
/// or with COMMIT, so a command costs a round trip per read it makes plus one: BEGIN goes out
/// with the first read, and everything the command wrote goes out with COMMIT.
final class PostgresTransaction: StoreTransaction {
    let connection: PostgresConnection
    /// Instances this transaction holds locked (it inserted, locked or updated them), with what it
    /// last wrote: nobody else can change those rows before it commits, so reading them again
    /// would only cost a round trip.
    private var held: [String: InstanceRecord] = [:]
    /// Whether BEGIN has been sent.
    private var began = false
    /// Writes not yet sent, in order.
    private var pending: [PostgresStatement] = []
    /// Instances inserted by a pending statement (its index): a later update rewrites that
    /// insert instead of adding an UPDATE.
    private var pendingInserts: [String: Int] = [:]
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
    private let decoder = JSONDecoder()

    /// A read (``PostgresStore/read(_:)``): statements autocommit, instances are not locked.
    private let readOnly: Bool

    init(connection: PostgresConnection, readOnly: Bool = false) {
        self.connection = connection
        self.readOnly = readOnly
    }

    // MARK: Round trips

    func write(_ sql: String, _ parameters: [String?] = []) {
        pending.append(PostgresStatement(sql, parameters))
    }

    /// Sends the pending writes and `sql`, returning what `sql` returned.
    @discardableResult
    func read(_ sql: String, _ parameters: [String?] = []) async throws -> PostgresRows {
        try await send(PostgresStatement(sql, parameters))
    }

    @discardableResult
    private func send(_ last: PostgresStatement) async throws -> PostgresRows {
        var batch: [PostgresStatement] = []
        if !began && !readOnly { batch.append(PostgresStatement("BEGIN")) }
        began = true
        batch += pending
        batch.append(last)
        pending.removeAll(keepingCapacity: true)
        pendingInserts.removeAll(keepingCapacity: true)
        return try await connection.pipeline(batch).last!
    }

    func commit() async throws {
        guard began || !pending.isEmpty else { return }
        try await send(PostgresStatement("COMMIT"))
    }

    func checkNothingWritten() throws {
        guard pending.isEmpty else {
            throw PostgresError(.client, message: "a read tried to write (\(pending.count) statements); writes belong in a transaction")
        }
    }

    func rollback() async {
        guard began, !readOnly else { return }
        _ = try? await connection.query("ROLLBACK")
    }

    // MARK: Encoding helpers

    private func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
    func time(_ timestamp: Timestamp?) -> String? { timestamp?.iso8601 }
    private func millis(_ column: String) -> String { "(extract(epoch from \(column)) * 1000)::bigint" }
    private func timestamp(_ text: String?) -> Timestamp? { text.flatMap(Int64.init).map(Timestamp.init(millisecondsSinceEpoch:)) }

    private func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = Array("\\x".utf8)
        out.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func bytes(hex text: String) -> [UInt8] {
        var result: [UInt8] = []
        let utf8 = Array(text.utf8)
        result.reserveCapacity(utf8.count / 2)
        func value(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
        var i = 0
        while i + 1 < utf8.count {
            result.append(value(utf8[i]) << 4 | value(utf8[i + 1]))
            i += 2
        }
        return result
    }

    // MARK: Definitions

    func insertDeployment(_ deployment: DeploymentRecord) async throws {
        write(
            "INSERT INTO deployments (id, name, source, tenant_id, deployed_at) VALUES ($1, $2, $3, $4, $5::timestamptz)",
            [deployment.id, deployment.name, deployment.source, deployment.tenantID, time(deployment.deployedAt)])
    }

    func deleteDeployment(_ id: String) async throws {
        write(
            """
            WITH definitions AS (SELECT id FROM process_definitions WHERE deployment_id = $1),
                 doomed AS (
                     SELECT id FROM process_instances WHERE definition_id IN (SELECT id FROM definitions)
                     UNION ALL SELECT id FROM history_process_instances WHERE definition_id IN (SELECT id FROM definitions)),
                 running AS (DELETE FROM process_instances WHERE id IN (SELECT id FROM doomed)),
                 ended AS (DELETE FROM history_process_instances WHERE id IN (SELECT id FROM doomed)),
                 events AS (DELETE FROM history_events WHERE instance_id IN (SELECT id FROM doomed)),
                 activities AS (DELETE FROM history_activity_instances WHERE instance_id IN (SELECT id FROM doomed)),
                 tasks AS (DELETE FROM history_task_instances WHERE instance_id IN (SELECT id FROM doomed)),
                 variables AS (DELETE FROM history_variables WHERE instance_id IN (SELECT id FROM doomed)),
                 incidents AS (DELETE FROM history_incidents WHERE instance_id IN (SELECT id FROM doomed)),
                 calls AS (DELETE FROM called_instances WHERE parent_instance_id IN (SELECT id FROM doomed) OR child_instance_id IN (SELECT id FROM doomed)),
                 timers AS (DELETE FROM timer_starts WHERE definition_id IN (SELECT id FROM definitions))
            DELETE FROM deployments WHERE id = $1
            """, [id])
        held.removeAll()
    }

    func instanceCount(ofDeployment id: String) async throws -> Int {
        let count = try await read(
            """
            WITH definitions AS (SELECT id FROM process_definitions WHERE deployment_id = $1)
            SELECT (SELECT count(*) FROM process_instances WHERE definition_id IN (SELECT id FROM definitions))
                 + (SELECT count(*) FROM history_process_instances WHERE definition_id IN (SELECT id FROM definitions))
            """, [id]
        ).rows.first?.first ?? nil
        return count.flatMap { Int($0) } ?? 0
    }

    func deployments() async throws -> [DeploymentRecord] {
        try await read("SELECT id, name, source, tenant_id, \(millis("deployed_at")) FROM deployments ORDER BY deployed_at, id").rows.map {
            DeploymentRecord(id: $0[0]!, name: $0[1]!, source: $0[2], tenantID: $0[3], deployedAt: timestamp($0[4])!)
        }
    }

    func insertDefinition(_ definition: DefinitionRecord) async throws {
        write(
            """
            INSERT INTO process_definitions (id, key, version, version_tag, name, deployment_id, resource_name, checksum, history_ttl_days, xml)
            VALUES ($1, $2, $3::integer, $4, $5, $6, $7, $8, $9::integer, $10::bytea)
            """,
            [
                definition.id, definition.key, String(definition.version), definition.versionTag, definition.name, definition.deploymentID,
                definition.resourceName, definition.checksum, definition.historyTimeToLiveDays.map(String.init), hex(definition.bytes),
            ])
    }

    private let definitionColumns = "id, key, version, version_tag, name, deployment_id, resource_name, checksum, history_ttl_days, encode(xml, 'hex')"

    private func definition(_ row: [String?]) -> DefinitionRecord {
        DefinitionRecord(
            id: row[0]!, key: row[1]!, version: Int(row[2]!)!, versionTag: row[3], name: row[4], deploymentID: row[5]!, resourceName: row[6]!,
            checksum: row[7]!, historyTimeToLiveDays: row[8].flatMap(Int.init), bytes: bytes(hex: row[9] ?? ""))
    }

    func definitions(key: String?) async throws -> [DefinitionRecord] {
        let rows = try await read(
            "SELECT \(definitionColumns) FROM process_definitions WHERE $1::text IS NULL OR key = $1 ORDER BY key, version", [key])
        // What the protocol promises: each key's versions in order, newest last.
        return rows.rows.map(definition)
    }

    func lockDefinitions(keys: [String]) async throws {
        // Transaction-level advisory locks, taken in key order so two deployers cannot deadlock.
        let sorted = Array(Set(keys)).sorted()
        guard !sorted.isEmpty else { return }
        try await read(
            "SELECT pg_advisory_xact_lock(\(Self.deploymentLockSpace), hashtext(key)) FROM unnest($1::text[]) AS key ORDER BY key", [array(sorted)])
    }

    /// The first key of the two-key advisory locks deployments take ("bd": Baton deployments),
    /// apart from the migrator's one-key lock.
    private static let deploymentLockSpace: Int32 = 0x6264

    func latestDefinitionID(key: String) async throws -> String? {
        try await read("SELECT id FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1", [key]).rows.first?.first ?? nil
    }

    func definition(id: String) async throws -> DefinitionRecord? {
        try await read("SELECT \(definitionColumns) FROM process_definitions WHERE id = $1", [id]).rows.first.map(definition)
    }

    // MARK: Instances

    private let instanceColumns = """
        state::text, definition_id, process_key, (extract(epoch from started_at) * 1000)::bigint,
        (extract(epoch from ended_at) * 1000)::bigint, (extract(epoch from removal_time) * 1000)::bigint
        """

    private func instance(_ row: [String?]) throws -> InstanceRecord {
        InstanceRecord(
            state: try decoder.decode(InstanceState.self, from: Data(row[0]!.utf8)), definitionID: row[1]!, processKey: row[2]!,
            startedAt: timestamp(row[3])!, endedAt: timestamp(row[4]), removalTime: timestamp(row[5]))
    }

    /// A running instance is locked; an ended one (in history) is only read: nothing changes it
    /// but cleanup.
    func lockInstance(_ id: String) async throws -> InstanceRecord? {
        if let record = held[id] { return record }
        if readOnly {
            let record = try await read(
                """
                SELECT \(instanceColumns) FROM process_instances WHERE id = $1
                UNION ALL SELECT \(instanceColumns) FROM history_process_instances WHERE id = $1
                """, [id]
            ).rows.first.map(instance)
            held[id] = record
            return record
        }
        var record = try await read(
            """
            WITH running AS (SELECT \(instanceColumns) FROM process_instances WHERE id = $1 FOR UPDATE)
            SELECT * FROM running
            UNION ALL SELECT \(instanceColumns) FROM history_process_instances WHERE id = $1 AND NOT EXISTS (SELECT FROM running)
            """, [id]
        ).rows.first.map(instance)
        if record == nil {
            // It may have ended while we waited for its lock: the statement's snapshot predates
            // the move to history, so look there again with a fresh one.
            record = try await read("SELECT \(instanceColumns) FROM history_process_instances WHERE id = $1", [id]).rows.first.map(instance)
        }
        held[id] = record
        return record
    }

    /// One statement where owner-then-lock would take two. If another transaction completes the
    /// task meanwhile, the instance is still returned (locked, without the task), and the caller
    /// finds the task gone.
    func lockInstance(ofTask taskID: String) async throws -> InstanceRecord? {
        let row = try await read(
            """
            SELECT \(instanceColumns) FROM process_instances WHERE id = (SELECT instance_id FROM user_tasks WHERE id = $1)
            \(readOnly ? "" : "FOR UPDATE")
            """, [taskID]
        ).rows.first
        guard let row else { return nil }
        let record = try instance(row)
        if let known = held[record.id] { return known }
        held[record.id] = record
        return record
    }

    private func parameters(of instance: InstanceRecord) throws -> [String?] {
        [
            instance.id, instance.definitionID, instance.processKey, instance.state.businessKey, instance.state.status.rawValue,
            instance.state.parent?.instanceID, instance.state.parent.map { String($0.elementKey) }, time(instance.startedAt),
            time(instance.endedAt), time(instance.removalTime), try json(instance.state),
        ]
    }

    private let insertInstanceSQL = """
        INSERT INTO process_instances (id, definition_id, process_key, business_key, status, parent_instance_id, parent_element_key, started_at, ended_at, removal_time, state)
        VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8::timestamptz, $9::timestamptz, $10::timestamptz, $11::jsonb)
        """

    func insertInstance(_ instance: InstanceRecord) async throws {
        held[instance.id] = instance
        pendingInserts[instance.id] = pending.count
        write(insertInstanceSQL, try parameters(of: instance))
    }

    func updateInstance(_ instance: InstanceRecord, appending events: [RecordedEvent], effects: [Effect], readModel: ReadModelChanges) async throws {
        let id = instance.id
        let before = held[id]
        held[id] = instance
        let ending = instance.state.status != .active && before?.state.status == .active
        if let index = pendingInserts[id] {
            // Inserted earlier in this batch: insert the newest state instead.
            pending[index] = PostgresStatement(insertInstanceSQL, try parameters(of: instance))
        } else if !ending {
            write(
                """
                UPDATE \(before?.state.status == .active ? "process_instances" : "history_process_instances") SET state = $2::jsonb,
                    business_key = $3, parent_instance_id = $4, parent_element_key = $5::bigint WHERE id = $1
                """,
                [id, try json(instance.state), instance.state.businessKey, instance.state.parent?.instanceID, instance.state.parent.map { String($0.elementKey) }])
        }
        if !events.isEmpty {
            // One multi-row insert for the whole step's events.
            var values: [String] = []
            var parameters: [String?] = [id]
            for (offset, event) in events.enumerated() {
                let base = parameters.count
                values.append("($1, (SELECT coalesce(max(sequence), 0) FROM history_events WHERE instance_id = $1) + \(offset + 1), $\(base + 1)::timestamptz, $\(base + 2)::jsonb)")
                parameters += [time(event.at), try json(event.event)]
            }
            write("INSERT INTO history_events (instance_id, sequence, at, event) VALUES \(values.joined(separator: ", "))", parameters)
        }
        for effect in effects { try apply(effect, instance: instance, readModel: readModel) }
        if let statement = ReadModelStatement.make(readModel) { pending.append(statement) }
        if ending {
            // What finished leaves the runtime tables; its rows there go with it (ON DELETE CASCADE),
            // and so does the link from its call activity, needed only while it runs.
            pendingInserts[id] = nil
            write(
                """
                WITH gone AS (DELETE FROM process_instances WHERE id = $1),
                     calls AS (DELETE FROM called_instances WHERE child_instance_id = $1),
                \(HistoryPartitions.settingRemovalTime(instance: "$1", to: "$10::timestamptz"))
                INSERT INTO history_process_instances (id, definition_id, process_key, business_key, status, parent_instance_id, parent_element_key, started_at, ended_at, removal_time, state)
                VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8::timestamptz, $9::timestamptz, $10::timestamptz, $11::jsonb)
                """, try parameters(of: instance))
        }
    }

    /// The value as `variables.value` holds it; JSON has no NaN or infinity, so those are null.
    static func plainJSON(_ value: VariableValue) -> String { JSONText.render(plainJSONValue(value)) }

    static func plainJSONValue(_ value: VariableValue) -> JSONValue {
        if case .double(let number) = value, !number.isFinite { return .null }
        return value.jsonValue
    }

    /// The rows the command side reads (jobs, subscriptions, calls); tasks, variables and
    /// incidents are the read model's alone.
    private func apply(_ effect: Effect, instance: InstanceRecord, readModel: ReadModelChanges) throws {
        let id = instance.id
        switch effect {
        case .createTask, .deleteTask, .raiseIncident, .propagateErrorToParent:
            break
        case .createJob(let job):
            let (kind, topic, handler) = Self.describe(job.kind)
            write(
                """
                INSERT INTO jobs (id, instance_id, element_key, element_id, kind, topic, handler, due_at, retries, synchronous, created_at, process_definition_id)
                VALUES ($1, $2, $3::bigint, $4, $5, $6, $7, $8::timestamptz, $9::integer, $10::boolean, now(), $11)
                """,
                [
                    job.id, id, String(job.elementKey), readModel.job(job.id)?.activityID ?? "", kind, topic, handler, time(job.dueAt), String(job.retries),
                    job.synchronous ? "true" : "false", instance.definitionID,
                ])
        case .updateJob(let jobID):
            guard let job = instance.state.job(jobID) else { return }
            write(
                "UPDATE jobs SET retries = $2::integer, due_at = $3::timestamptz, last_error = $4, synchronous = $5::boolean WHERE id = $1",
                [jobID, String(job.retries), time(job.dueAt), job.lastError, job.synchronous ? "true" : "false"])
        case .deleteJob(let jobID):
            write("DELETE FROM jobs WHERE id = $1", [jobID])
        case .openSubscription(let subscription):
            write(
                """
                INSERT INTO message_subscriptions (id, instance_id, element_key, message_name, created_at, activity_id)
                VALUES ($1, $2, $3::bigint, $4, coalesce($5::timestamptz, now()), $6)
                """,
                [
                    subscription.id, id, String(subscription.elementKey), subscription.messageName, time(readModel.subscription(subscription.id)?.created),
                    readModel.subscription(subscription.id)?.activityID,
                ])
        case .closeSubscription(let subscriptionID):
            write("DELETE FROM message_subscriptions WHERE id = $1", [subscriptionID])
        case .startChildInstance(let request):
            write(
                "INSERT INTO called_instances (parent_instance_id, element_key, child_instance_id) VALUES ($1, $2::bigint, $3)",
                [id, String(request.elementKey), request.childInstanceID])
        }
    }

    private func array(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}"
    }

    static func describe(_ kind: JobRecord.Kind) -> (kind: String, topic: String?, handler: String?) {
        switch kind {
        case .activate: ("asyncBefore", nil, nil)
        case .leave: ("asyncAfter", nil, nil)
        case .handler(let name): ("handler", nil, name)
        case .external(let topic): ("external", topic, nil)
        case .timer: ("timer", nil, nil)
        }
    }

    func history(of instanceID: String) async throws -> [RecordedEvent] {
        try await read(
            "SELECT \(millis("at")), event::text FROM history_events WHERE instance_id = $1 ORDER BY sequence", [instanceID]
        ).rows.map { RecordedEvent(at: timestamp($0[0])!, event: try decoder.decode(InstanceEvent.self, from: Data($0[1]!.utf8))) }
    }

    // MARK: Read-model rebuilds

    func instancesAwaitingReadModelRebuild(limit: Int) async throws -> [String] {
        try await read("SELECT instance_id FROM read_model_rebuilds ORDER BY instance_id LIMIT $1::integer FOR UPDATE SKIP LOCKED", [String(limit)])
            .rows.compactMap { $0[0] }
    }

    func replaceReadModel(of instance: InstanceRecord, with readModel: ReadModelChanges) async throws {
        write(
            """
            WITH tasks AS (DELETE FROM user_tasks WHERE instance_id = $1),
                 variables AS (DELETE FROM variables WHERE instance_id = $1),
                 activities AS (DELETE FROM history_activity_instances WHERE instance_id = $1),
                 task_history AS (DELETE FROM history_task_instances WHERE instance_id = $1),
                 variable_history AS (DELETE FROM history_variables WHERE instance_id = $1),
                 incidents AS (DELETE FROM history_incidents WHERE instance_id = $1)
            DELETE FROM read_model_rebuilds WHERE instance_id = $1
            """, [instance.id])
        if let statement = ReadModelStatement.make(readModel) { pending.append(statement) }
        if let statement = ReadModelStatement.elementIDs(readModel) { pending.append(statement) }
        if instance.state.status != .active, let removal = instance.removalTime {
            write("WITH \(HistoryPartitions.settingRemovalTime(instance: "$1", to: "$2::timestamptz", events: false)) SELECT 1", [instance.id, time(removal)])
        }
    }

    // MARK: Rows derived from instances

    func owner(ofTask id: String) async throws -> String? {
        try await read("SELECT instance_id FROM user_tasks WHERE id = $1", [id]).rows.first?.first ?? nil
    }

    func owner(ofJob id: String) async throws -> String? {
        try await read("SELECT instance_id FROM jobs WHERE id = $1", [id]).rows.first?.first ?? nil
    }

    func subscriptions(messageName: String) async throws -> [(subscriptionID: String, instanceID: String)] {
        try await read("SELECT id, instance_id FROM message_subscriptions WHERE message_name = $1 ORDER BY sequence", [messageName])
            .rows.map { ($0[0]!, $0[1]!) }
    }

    func dueJobs(at now: Timestamp, limit: Int) async throws -> [(jobID: String, instanceID: String)] {
        try await read(
            """
            SELECT id, instance_id FROM jobs
            WHERE retries > 0 AND kind <> 'external' AND NOT synchronous AND (due_at IS NULL OR due_at <= $1::timestamptz)
            ORDER BY due_at NULLS FIRST, sequence LIMIT $2::integer FOR UPDATE SKIP LOCKED
            """, [time(now), String(limit)]
        ).rows.map { ($0[0]!, $0[1]!) }
    }

    func lockableExternalTasks(topics: [String], at now: Timestamp, limit: Int) async throws -> [(jobID: String, instanceID: String)] {
        try await read(
            """
            SELECT id, instance_id FROM jobs
            WHERE kind = 'external' AND topic = ANY($1::text[]) AND retries > 0 AND (due_at IS NULL OR due_at <= $2::timestamptz)
              AND (lock_expires_at IS NULL OR lock_expires_at <= $2::timestamptz)
            ORDER BY sequence LIMIT $3::integer FOR UPDATE SKIP LOCKED
            """, [array(topics), time(now), String(limit)]
        ).rows.map { ($0[0]!, $0[1]!) }
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
            WHERE due_at <= $1::timestamptz ORDER BY due_at, id LIMIT $2::integer FOR UPDATE SKIP LOCKED
            """, [time(now), String(limit)]
        ).rows.map {
            TimerStartRecord(
                id: $0[0]!, definitionID: $0[1]!, startEvent: $0[2]!, dueAt: timestamp($0[3])!, remaining: $0[4].flatMap(Int.init),
                interval: $0[5].flatMap(ISODuration.init))
        }
    }

    func replaceTimerStarts(forKey key: String, with timers: [TimerStartRecord]) async throws {
        write("DELETE FROM timer_starts WHERE definition_id IN (SELECT id FROM process_definitions WHERE key = $1)", [key])
        for timer in timers { insert(timer) }
    }

    func updateTimerStart(_ timer: TimerStartRecord?, removing id: String) async throws {
        write("DELETE FROM timer_starts WHERE id = $1", [id])
        if let timer { insert(timer) }
    }

    private func insert(_ timer: TimerStartRecord) {
        write(
            "INSERT INTO timer_starts (id, definition_id, start_event, due_at, remaining, interval) VALUES ($1, $2, $3, $4::timestamptz, $5::integer, $6)",
            [timer.id, timer.definitionID, timer.startEvent, time(timer.dueAt), timer.remaining.map(String.init), timer.interval?.description])
    }
}
