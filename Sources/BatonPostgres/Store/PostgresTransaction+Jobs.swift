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

    func subscriptions(messageName: String) async throws -> [(subscriptionID: String, instanceID: String)] {
        try await read("SELECT id, instance_id FROM message_subscriptions WHERE message_name = $1 ORDER BY sequence", [messageName])
            .rows.map { ($0[0]!, $0[1]!) }
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

    func replaceTimerStarts(forKey key: String, with timers: [TimerStartRecord]) async throws {
        write("DELETE FROM timer_starts WHERE definition_id IN (SELECT id FROM process_definitions WHERE key = $1)", [key])
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
