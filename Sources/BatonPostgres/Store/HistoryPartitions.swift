import BatonEngine
import BatonModel

/// History tables are partitioned by removal time, one partition per UTC month
/// (`history_events_y2026m07`), plus `*_running` for rows of running instances (removal time
/// 'infinity') and `*_later` (the default) for months without a partition yet. Cleanup drops a
/// month's partitions once the whole month has passed: history goes at most a month after its
/// removal time, and never row by row, which is what makes Camunda's cleanup fail at scale.
enum HistoryPartitions {
    /// Every table partitioned by removal time; history_process_instances first, as the one
    /// whose rows count the instances a cleanup removes.
    static let tables = [
        "history_process_instances", "history_events", "history_activity_instances", "history_task_instances", "history_variables", "history_incidents",
        "history_comments",
    ]

    /// Months ahead of now whose partitions are kept ready: Camunda's default history time to
    /// live (180 days) and then some. Rows due later wait in `*_later` until their month comes
    /// within reach, and move into its partition when it is created.
    static let monthsAhead = 8

    /// Data-modifying CTEs that give instance `instance`'s history rows their removal time,
    /// moving them from `*_running` to their month (for the command that ends the instance):
    /// those of its events, unless `events` is false, and of `holding`, the other tables that
    /// hold rows of it. A history table without a bit in ``InstanceTables`` is always moved.
    static func settingRemovalTime(instance: String, to removal: String, events: Bool = true, holding: InstanceTables = .history) -> String {
        tables.dropFirst().filter { $0 == "history_events" ? events : InstanceTables.named($0).map(holding.contains) ?? true }.map { table in
            "\(table)_moved AS (UPDATE \(table) SET removal_time = \(removal) WHERE instance_id = \(instance) AND removal_time = 'infinity')"
        }.joined(separator: ",\n")
    }

    static func partition(_ table: String, _ month: UTCMonth) -> String { "\(table)_\(month)" }

    /// A timestamp literal for DDL (partition bounds cannot be parameters); from a month, never
    /// from input.
    static func literal(_ month: UTCMonth) -> String { "'\(month.start.iso8601)'" }
}

/// One table's partition for one month.
struct HistoryPartition: Hashable {
    var table: String
    var month: UTCMonth
    var name: String { HistoryPartitions.partition(table, month) }
}

extension PostgresStore {
    /// Creates the partitions of the current month and the next ``HistoryPartitions/monthsAhead``
    /// where missing, drops those of the months that have passed, and deletes (in batches) what
    /// waits in `*_later` with a removal time before the current month. Each partition is
    /// created or dropped in a transaction of its own: it locks one table's partitions, never two
    /// tables' at once, so it cannot deadlock with commands writing several history tables.
    public func cleanUpHistory(at now: Timestamp, batchSize: Int) async throws -> Int {
        let current = UTCMonth(containing: now)
        let wanted = (0...HistoryPartitions.monthsAhead).map(current.adding)
        for table in HistoryPartitions.tables {
            for month in wanted {
                try await postgresTransaction { try await $0.create(HistoryPartition(table: table, month: month)) }
            }
        }
        var removed = 0
        let expired = try await postgresRead { try await $0.partitions() }.filter { $0.month < current }
        // history_process_instances' partition last: a partial cleanup is found again next time.
        let instancesLast = expired.filter { $0.table != "history_process_instances" } + expired.filter { $0.table == "history_process_instances" }
        for partition in instancesLast {
            removed += try await postgresTransaction { try await $0.drop(partition) }
        }
        while true {
            let batch = try await postgresTransaction { try await $0.removeWaitingHistory(before: current, limit: batchSize) }
            removed += batch
            if batch < batchSize { return removed }
        }
    }
}

extension PostgresTransaction {
    /// Serializes Baton processes maintaining partitions ("bh": Baton history).
    private func lockPartitionMaintenance() async throws {
        try await read("SELECT pg_advisory_xact_lock(\(0x6268))")
    }

    /// The month partitions of every history table, from the catalog.
    func partitions() async throws -> [HistoryPartition] {
        let rows = try await read(
            """
            SELECT p.relname, c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = ANY($1::text[]) ORDER BY 1, 2
            """, ["{" + HistoryPartitions.tables.joined(separator: ",") + "}"])
        return rows.rows.compactMap { row in
            guard let table = row[0], let name = row[1], name.hasPrefix(table + "_y") else { return nil }
            let suffix = name.dropFirst(table.count + 2)
            guard suffix.count == 7, let year = Int(suffix.prefix(4)), suffix.dropFirst(4).first == "m", let month = Int(suffix.suffix(2)) else { return nil }
            return HistoryPartition(table: table, month: UTCMonth(year: year, month: month))
        }
    }

    /// Creates one month's partition of one table if it is missing, moving into it the rows
    /// already waiting for it in `*_later`. The table is locked for the moment this takes (it is
    /// nearly always empty work): a command writing it meanwhile could otherwise route a row of
    /// that month to `*_later` after the move, which the new partition's bounds then forbid.
    /// The parent alone (`ONLY`): a command writes a running instance's rows straight into
    /// `*_running` and reaches the parent later in its transaction, so locking every partition
    /// with it deadlocked with such a command (2 clients of `baton bench --via http --store
    /// postgres` beside two more: 5 runs in 12 failed, none in 36 after).
    func create(_ partition: HistoryPartition) async throws {
        try await lockPartitionMaintenance()
        guard try await read("SELECT to_regclass($1) IS NULL", [partition.name]).rows == [["t"]] else { return }
        let table = partition.table
        let from = HistoryPartitions.literal(partition.month), to = HistoryPartitions.literal(partition.month.next)
        write("LOCK TABLE ONLY \(table) IN ACCESS EXCLUSIVE MODE")
        write("CREATE TEMPORARY TABLE moving_history (LIKE \(table)) ON COMMIT DROP")
        write(
            """
            WITH moved AS (DELETE FROM \(table)_later WHERE removal_time >= \(from) AND removal_time < \(to) RETURNING *)
            INSERT INTO moving_history SELECT * FROM moved
            """)
        write("CREATE TABLE \(partition.name) PARTITION OF \(table) FOR VALUES FROM (\(from)) TO (\(to))")
        write("INSERT INTO \(table) SELECT * FROM moving_history")
    }

    /// Drops one partition; returns how many ended instances it held (for history_process_instances).
    func drop(_ partition: HistoryPartition) async throws -> Int {
        try await lockPartitionMaintenance()
        guard try await read("SELECT to_regclass($1) IS NOT NULL", [partition.name]).rows == [["t"]] else { return 0 }
        var instances = 0
        if partition.table == "history_process_instances" {
            instances = Int(try await read("SELECT count(*) FROM \(partition.name)").rows.first?.first.flatMap { $0 } ?? "0") ?? 0
        }
        write("DROP TABLE \(partition.name)")
        return instances
    }

    /// Deletes up to `limit` ended instances waiting in `*_later` whose removal time lies before
    /// `month`, with their history; returns how many.
    func removeWaitingHistory(before month: UTCMonth, limit: Int) async throws -> Int {
        let deletions = HistoryPartitions.tables.dropFirst().map { table in
            "\(table)_gone AS (DELETE FROM \(table)_later WHERE instance_id IN (SELECT id FROM expired))"
        }.joined(separator: ",\n")
        return try await read(
            """
            WITH expired AS (
                SELECT id FROM history_process_instances_later WHERE removal_time < $1::timestamptz
                ORDER BY removal_time LIMIT $2::integer FOR UPDATE SKIP LOCKED),
            \(deletions)
            DELETE FROM history_process_instances_later WHERE id IN (SELECT id FROM expired)
            """, [time(month.start), String(limit)]
        ).affected
    }
}
