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
        let connection = try await pool.lease()
        do {
            try await connection.query("BEGIN")
            let result = try await body(PostgresTransaction(connection: connection))
            try await connection.query("COMMIT")
            await pool.giveBack(connection)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK")
            await pool.giveBack(connection)
            throw error
        }
    }
}

final class PostgresTransaction: StoreTransaction {
    let connection: PostgresConnection
    /// Instances this transaction holds locked (it inserted, locked or updated them), with what it
    /// last wrote: nobody else can change those rows before it commits, so reading them again
    /// would only cost a round trip.
    private var held: [String: InstanceRecord] = [:]
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
    private let decoder = JSONDecoder()

    init(connection: PostgresConnection) { self.connection = connection }

    // MARK: Encoding helpers

    private func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
    private func time(_ timestamp: Timestamp?) -> String? { timestamp?.iso8601 }
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
        try await connection.query(
            "INSERT INTO deployments (id, name, source, tenant_id, deployed_at) VALUES ($1, $2, $3, $4, $5::timestamptz)",
            [deployment.id, deployment.name, deployment.source, deployment.tenantID, time(deployment.deployedAt)])
    }

    func deployments() async throws -> [DeploymentRecord] {
        try await connection.query("SELECT id, name, source, tenant_id, \(millis("deployed_at")) FROM deployments ORDER BY deployed_at, id").rows.map {
            DeploymentRecord(id: $0[0]!, name: $0[1]!, source: $0[2], tenantID: $0[3], deployedAt: timestamp($0[4])!)
        }
    }

    func insertDefinition(_ definition: DefinitionRecord) async throws {
        try await connection.query(
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
        let rows = try await connection.query(
            "SELECT \(definitionColumns) FROM process_definitions WHERE $1::text IS NULL OR key = $1 ORDER BY key, version", [key])
        // What the protocol promises: each key's versions in order, newest last.
        return rows.rows.map(definition)
    }

    func definition(id: String) async throws -> DefinitionRecord? {
        try await connection.query("SELECT \(definitionColumns) FROM process_definitions WHERE id = $1", [id]).rows.first.map(definition)
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

    func lockInstance(_ id: String) async throws -> InstanceRecord? {
        if let record = held[id] { return record }
        let record = try await connection.query("SELECT \(instanceColumns) FROM process_instances WHERE id = $1 FOR UPDATE", [id]).rows.first.map(instance)
        held[id] = record
        return record
    }

    func insertInstance(_ instance: InstanceRecord) async throws {
        held[instance.id] = instance
        try await connection.query(
            """
            INSERT INTO process_instances (id, definition_id, process_key, business_key, status, parent_instance_id, parent_element_key, started_at, ended_at, state)
            VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8::timestamptz, $9::timestamptz, $10::jsonb)
            """,
            [
                instance.id, instance.definitionID, instance.processKey, instance.state.businessKey, instance.state.status.rawValue,
                instance.state.parent?.instanceID, instance.state.parent.map { String($0.elementKey) }, time(instance.startedAt),
                time(instance.endedAt), try json(instance.state),
            ])
    }

    func updateInstance(_ instance: InstanceRecord, appending events: [RecordedEvent], effects: [Effect]) async throws {
        let id = instance.id
        held[id] = instance
        try await connection.query(
            """
            UPDATE process_instances SET state = $2::jsonb, status = $3, business_key = $4, parent_instance_id = $5,
                parent_element_key = $6::bigint, ended_at = $7::timestamptz, removal_time = $8::timestamptz WHERE id = $1
            """,
            [
                id, try json(instance.state), instance.state.status.rawValue, instance.state.businessKey, instance.state.parent?.instanceID,
                instance.state.parent.map { String($0.elementKey) }, time(instance.endedAt), time(instance.removalTime),
            ])
        if !events.isEmpty {
            // One multi-row insert for the whole step's events.
            var values: [String] = []
            var parameters: [String?] = [id]
            for (offset, event) in events.enumerated() {
                let base = parameters.count
                values.append("($1, (SELECT coalesce(max(sequence), 0) FROM history_events WHERE instance_id = $1) + \(offset + 1), $\(base + 1)::timestamptz, $\(base + 2)::jsonb)")
                parameters += [time(event.at), try json(event.event)]
            }
            try await connection.query("INSERT INTO history_events (instance_id, sequence, at, event) VALUES \(values.joined(separator: ", "))", parameters)
        }
        for effect in effects { try await apply(effect, instance: instance) }
    }

    private func apply(_ effect: Effect, instance: InstanceRecord) async throws {
        let id = instance.id
        switch effect {
        case .createTask(let task):
            try await connection.query(
                """
                INSERT INTO user_tasks (id, instance_id, element_key, task_definition_key, name, assignee, candidate_users, candidate_groups, due_at, follow_up_at, priority, form_key, created_at)
                VALUES ($1, $2, $3::bigint, $4, $5, $6, $7::text[], $8::text[], $9::timestamptz, $10::timestamptz, $11::integer, $12, $13::timestamptz)
                """,
                [
                    task.id, id, String(task.elementKey), String(task.node), task.name, task.assignee, array(task.candidateUsers),
                    array(task.candidateGroups), time(task.dueDate), time(task.followUpDate), String(task.priority), task.formKey, time(task.createdAt),
                ])
        case .deleteTask(let taskID):
            try await connection.query("DELETE FROM user_tasks WHERE id = $1", [taskID])
        case .createJob(let job):
            let (kind, topic, handler) = Self.describe(job.kind)
            try await connection.query(
                """
                INSERT INTO jobs (id, instance_id, element_key, element_id, kind, topic, handler, due_at, retries, synchronous, created_at)
                VALUES ($1, $2, $3::bigint, $4, $5, $6, $7, $8::timestamptz, $9::integer, $10::boolean, now())
                """,
                [job.id, id, String(job.elementKey), String(job.node), kind, topic, handler, time(job.dueAt), String(job.retries), job.synchronous ? "true" : "false"])
        case .updateJob(let jobID):
            guard let job = instance.state.job(jobID) else { return }
            try await connection.query(
                "UPDATE jobs SET retries = $2::integer, due_at = $3::timestamptz, last_error = $4, synchronous = $5::boolean WHERE id = $1",
                [jobID, String(job.retries), time(job.dueAt), job.lastError, job.synchronous ? "true" : "false"])
        case .deleteJob(let jobID):
            try await connection.query("DELETE FROM jobs WHERE id = $1", [jobID])
        case .openSubscription(let subscription):
            try await connection.query(
                "INSERT INTO message_subscriptions (id, instance_id, element_key, message_name, created_at) VALUES ($1, $2, $3::bigint, $4, now())",
                [subscription.id, id, String(subscription.elementKey), subscription.messageName])
        case .closeSubscription(let subscriptionID):
            try await connection.query("DELETE FROM message_subscriptions WHERE id = $1", [subscriptionID])
        case .raiseIncident(let incident):
            try await connection.query(
                "INSERT INTO incidents (id, instance_id, kind, element_id, job_id, message, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)",
                [incident.id, id, incident.kind.rawValue, String(incident.node), incident.jobID, incident.message, time(incident.createdAt)])
        case .startChildInstance(let request):
            try await connection.query(
                "INSERT INTO called_instances (parent_instance_id, element_key, child_instance_id) VALUES ($1, $2::bigint, $3)",
                [id, String(request.elementKey), request.childInstanceID])
        case .propagateErrorToParent:
            break
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

    func instances() async throws -> [InstanceRecord] {
        try await connection.query("SELECT \(instanceColumns) FROM process_instances ORDER BY started_at, id").rows.map(instance)
    }

    func history(of instanceID: String) async throws -> [RecordedEvent] {
        try await connection.query(
            "SELECT \(millis("at")), event::text FROM history_events WHERE instance_id = $1 ORDER BY sequence", [instanceID]
        ).rows.map { RecordedEvent(at: timestamp($0[0])!, event: try decoder.decode(InstanceEvent.self, from: Data($0[1]!.utf8))) }
    }

    // MARK: Rows derived from instances

    func owner(ofTask id: String) async throws -> String? {
        try await connection.query("SELECT instance_id FROM user_tasks WHERE id = $1", [id]).rows.first?.first ?? nil
    }

    func owner(ofJob id: String) async throws -> String? {
        try await connection.query("SELECT instance_id FROM jobs WHERE id = $1", [id]).rows.first?.first ?? nil
    }

    func subscriptions(messageName: String) async throws -> [(subscriptionID: String, instanceID: String)] {
        try await connection.query("SELECT id, instance_id FROM message_subscriptions WHERE message_name = $1 ORDER BY sequence", [messageName])
            .rows.map { ($0[0]!, $0[1]!) }
    }

    func dueJobs(at now: Timestamp, limit: Int) async throws -> [(jobID: String, instanceID: String)] {
        try await connection.query(
            """
            SELECT id, instance_id FROM jobs
            WHERE retries > 0 AND kind <> 'external' AND NOT synchronous AND (due_at IS NULL OR due_at <= $1::timestamptz)
            ORDER BY due_at NULLS FIRST, sequence LIMIT $2::integer FOR UPDATE SKIP LOCKED
            """, [time(now), String(limit)]
        ).rows.map { ($0[0]!, $0[1]!) }
    }

    func lockableExternalTasks(topics: [String], at now: Timestamp, limit: Int) async throws -> [(jobID: String, instanceID: String)] {
        try await connection.query(
            """
            SELECT id, instance_id FROM jobs
            WHERE kind = 'external' AND topic = ANY($1::text[]) AND retries > 0 AND (due_at IS NULL OR due_at <= $2::timestamptz)
              AND (lock_expires_at IS NULL OR lock_expires_at <= $2::timestamptz)
            ORDER BY sequence LIMIT $3::integer FOR UPDATE SKIP LOCKED
            """, [array(topics), time(now), String(limit)]
        ).rows.map { ($0[0]!, $0[1]!) }
    }

    func lock(ofJob id: String) async throws -> JobLock? {
        guard let row = try await connection.query("SELECT lock_owner, \(millis("lock_expires_at")) FROM jobs WHERE id = $1", [id]).rows.first,
            let owner = row[0], let expires = timestamp(row[1])
        else { return nil }
        return JobLock(workerID: owner, expiresAt: expires)
    }

    func setLock(_ lock: JobLock?, onJob id: String) async throws {
        try await connection.query(
            "UPDATE jobs SET lock_owner = $2, lock_expires_at = $3::timestamptz WHERE id = $1", [id, lock?.workerID, time(lock?.expiresAt)])
    }

    func calledInstance(parent instanceID: String, elementKey: ElementKey) async throws -> String? {
        try await connection.query(
            "SELECT child_instance_id FROM called_instances WHERE parent_instance_id = $1 AND element_key = $2::bigint", [instanceID, String(elementKey)]
        ).rows.first?.first ?? nil
    }

    func removeExpiredHistory(at now: Timestamp, limit: Int) async throws -> Int {
        try await connection.query(
            """
            WITH expired AS (
                SELECT id FROM process_instances WHERE status <> 'active' AND removal_time <= $1::timestamptz
                ORDER BY removal_time LIMIT $2::integer FOR UPDATE SKIP LOCKED),
            events AS (DELETE FROM history_events WHERE instance_id IN (SELECT id FROM expired)),
            calls AS (DELETE FROM called_instances WHERE parent_instance_id IN (SELECT id FROM expired))
            DELETE FROM process_instances WHERE id IN (SELECT id FROM expired)
            """, [time(now), String(limit)]
        ).affected
    }

    // MARK: Timer start events

    func timerStarts() async throws -> [TimerStartRecord] {
        try await connection.query("SELECT id, definition_id, start_event, \(millis("due_at")), remaining, interval FROM timer_starts ORDER BY due_at, id")
            .rows.map {
                TimerStartRecord(
                    id: $0[0]!, definitionID: $0[1]!, startEvent: $0[2]!, dueAt: timestamp($0[3])!, remaining: $0[4].flatMap(Int.init),
                    interval: $0[5].flatMap(ISODuration.init))
            }
    }

    func replaceTimerStarts(forKey key: String, with timers: [TimerStartRecord]) async throws {
        try await connection.query("DELETE FROM timer_starts WHERE definition_id IN (SELECT id FROM process_definitions WHERE key = $1)", [key])
        for timer in timers { try await insert(timer) }
    }

    func updateTimerStart(_ timer: TimerStartRecord?, removing id: String) async throws {
        try await connection.query("DELETE FROM timer_starts WHERE id = $1", [id])
        if let timer { try await insert(timer) }
    }

    private func insert(_ timer: TimerStartRecord) async throws {
        try await connection.query(
            "INSERT INTO timer_starts (id, definition_id, start_event, due_at, remaining, interval) VALUES ($1, $2, $3, $4::timestamptz, $5::integer, $6)",
            [timer.id, timer.definitionID, timer.startEvent, time(timer.dueAt), timer.remaining.map(String.init), timer.interval?.description])
    }
}
