import BatonPostgres
import Foundation

/// Fills a database with copies of the template instances in SQL (`INSERT … SELECT … FROM
/// generate_series`), never one engine command per instance and never a row through Swift.
///
/// Every row the engine wrote for a template instance, in every table that names the instance, is
/// copied column by column: text, JSONB and text-array values with the template's instance id,
/// task id, business key and candidate group replaced by the copy's, timestamps moved to the
/// copy's start (and end), all other values as they are. So the copies keep the engine's exact
/// row shapes and payload sizes, and a column the schema gains later is copied too.
struct BulkFill {
    /// Rows one statement inserts at most, so no statement (or its WAL) grows with N.
    static let rowsPerStatement = 100_000
    static let candidateGroups = 20
    static let openTasks = 10_000
    static let openIncidents = 20
    /// One ended instance in this many had an incident that was later resolved.
    static let resolvedIncidentEvery = 100

    let connection: PostgresConnection
    let templates: ReviewProcess.Templates

    /// Ended instances: started over the 180 days before `origin` (SQL), each open for up to three
    /// days. 180 days is the default history time to live, so the engine's cleanup keeps them all.
    static func ended(_ count: Int, template: TemplateInstance, origin: String) -> Cohort {
        Cohort(
            label: "ended", size: count, template: template, instanceTable: "history_process_instances", businessKeyPrefix: "order-",
            startedAt: "\(origin) - interval '180 days' + g * (interval '176 days' / \(count))",
            endedAt: "started_at + (hashint4(g::integer)::bigint & 262143) * interval '1 second'")
    }

    /// Running instances waiting at their user task, started over the 30 days before `origin` (SQL).
    static func running(_ count: Int, template: TemplateInstance, origin: String) -> Cohort {
        Cohort(
            label: "running", size: count, template: template, instanceTable: "process_instances", businessKeyPrefix: "request-",
            startedAt: "\(origin) - interval '30 days' + g * (interval '30 days' / \(count))", endedAt: nil)
    }

    /// Fills the database; returns how long it took.
    func fill(endedInstances: Int, progress: (String) -> Void) async throws -> Duration {
        let clock = ContinuousClock()
        let began = clock.now
        try await connection.execute(
            script: """
            CREATE TEMP TABLE fill_batch (g bigint PRIMARY KEY, instance_id text, task_id text, business_key text, candidate_group text,
                started_at timestamptz, ended_at timestamptz)
            """)
        // One origin for every batch: each statement's now() would drift by the fill's duration.
        guard let now = try await connection.query("SELECT now()::text").rows.first?[0] else { throw BenchmarkFailure("Expected now()") }
        let origin = "\(SQL.literal(now))::timestamptz"
        let ended = Self.ended(endedInstances, template: templates.ended, origin: origin)
        try await copy(ended, progress: progress) { try await resolvedIncidents() }
        let running = Self.running(Self.openTasks, template: templates.running, origin: origin)
        try await copy(running, progress: progress) { try await openIncidents(among: running.size) }
        try await connection.execute(script: "DROP TABLE fill_batch")
        return began.duration(to: clock.now)
    }

    /// Copies the cohort's template `cohort.size` times, a batch of instances per statement;
    /// `afterBatch` adds rows the template has none of (incidents) for the batch's instances.
    private func copy(_ cohort: Cohort, progress: (String) -> Void, afterBatch: () async throws -> Void) async throws {
        let tables = try await snapshotTemplateRows(of: cohort)
        let perBatch = max(1, Self.rowsPerStatement / (tables.map(\.rowsPerInstance).max() ?? 1))
        let clock = ContinuousClock()
        let began = clock.now
        var reported = 0
        for first in stride(from: 0, to: cohort.size, by: perBatch) {
            let last = min(first + perBatch, cohort.size) - 1
            try await connection.execute(script: "TRUNCATE fill_batch")
            try await connection.query(cohort.batchRows, [String(first), String(last)])
            for table in tables { try await connection.query(table.copyStatement(for: cohort)) }
            try await afterBatch()
            // Progress at every tenth of the cohort, for the long fills.
            if (last + 1) * 10 / cohort.size > reported {
                reported = (last + 1) * 10 / cohort.size
                progress("\(cohort.label) instances: \(last + 1)/\(cohort.size) after \(Report.seconds(began.duration(to: clock.now))) s")
            }
        }
        for table in tables { try await connection.execute(script: "DROP TABLE \(table.snapshot)") }
    }

    /// Copies the template's rows of every table into temporary tables (so each batch reads a
    /// few rows, not an index of the growing table), with each column's type.
    private func snapshotTemplateRows(of cohort: Cohort) async throws -> [TemplateTable] {
        let template = cohort.template.instanceID
        var tables: [TemplateTable] = []
        // Tables, not their partitions: a row inserted into a partitioned table finds its partition.
        let candidates = try await connection.query(
            """
            SELECT c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'instance_id' AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1 ORDER BY c.relname
            """, [cohort.instanceTable])
        // The instance row first: runtime rows reference it.
        let sources = [(cohort.instanceTable, "id")] + candidates.rows.compactMap { $0[0] }.map { ($0, "instance_id") }
        for (table, key) in sources {
            let snapshot = "template_\(cohort.label)_\(table)"
            try await connection.execute(script: "CREATE TEMP TABLE \(snapshot) AS SELECT * FROM \(table) WITH NO DATA")
            let copied = try await connection.query("INSERT INTO \(snapshot) SELECT * FROM \(table) WHERE \(key) = $1", [template])
            guard copied.affected > 0 else {
                try await connection.execute(script: "DROP TABLE \(snapshot)")
                continue
            }
            let columns = try await connection.query(
                """
                SELECT column_name, data_type, udt_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position
                """, [table])
            tables.append(TemplateTable(
                table: table, snapshot: snapshot, rowsPerInstance: copied.affected,
                columns: columns.rows.map { TemplateTable.Column(name: $0[0] ?? "", dataType: $0[1] ?? "", udtName: $0[2] ?? "") }))
        }
        guard tables.first?.table == cohort.instanceTable else {
            throw BenchmarkFailure("Expected template instance \(template) in \(cohort.instanceTable), but it is not there")
        }
        return tables
    }

    /// One ended instance in `resolvedIncidentEvery` had a failed job that was retried later;
    /// its incident goes with the instance's history (its removal time, where the schema has one).
    private func resolvedIncidents() async throws {
        let removalTime = "(SELECT removal_time FROM history_process_instances h WHERE h.id = b.instance_id)"
        try await connection.query(incidents(
            where: "b.g % \(Self.resolvedIncidentEvery) = \(Self.resolvedIncidentEvery / 2)",
            resolvedAt: "least(b.ended_at, b.started_at + interval '1 hour')", removalTime: removalTime))
    }

    /// `openIncidents` running instances, spread over the cohort, wait on a failed job (their
    /// rows keep the running removal time, the column's default).
    private func openIncidents(among running: Int) async throws {
        try await connection.query(incidents(where: "b.g % \(running / Self.openIncidents) = 0", resolvedAt: "NULL", removalTime: nil))
    }

    /// Incident rows (as the engine writes for a handler whose retries ran out) for the batch's
    /// instances that match `condition`. The template process has no service task to fail, so
    /// these are written from the schema rather than copied.
    private func incidents(where condition: String, resolvedAt: String, removalTime: String?) -> String {
        """
        INSERT INTO history_incidents (id, instance_id, process_definition_id, kind, activity_id, job_id, message, created_at, resolved_at, root_key\(
            removalTime == nil ? "" : ", removal_time"))
        SELECT md5('incident-' || b.instance_id)::uuid::text, b.instance_id, \(SQL.literal(templates.definitionID)), 'failedJob', 'approve',
               md5('job-' || b.instance_id)::uuid::text,
               'Expected handler ''notifyRequester'' to succeed, but it failed: connection refused (no retries left)',
               b.started_at + interval '1 minute', \(resolvedAt), hashtext(b.instance_id)\(removalTime.map { ", " + $0 } ?? "")
        FROM fill_batch b WHERE \(condition)
        """
    }
}
