import BatonEngine
import BatonModel

/// Analytics in SQL over the query side: instances by their start and end times (indexed), the
/// incidents of those that ended probed one instance at a time in the partition of its removal
/// time (a correlated subquery, which PostgreSQL does not turn into a join over every month),
/// activities by their start time; the cost follows the window's instances, not every instance
/// that ever ran.
extension PostgresStore {
    public func analytics(_ query: AnalyticsQuery) async throws -> ProcessAnalytics {
        var result = ProcessAnalytics()
        if query.activitiesOnly {
            result.activities = try await activities(query)
            return result
        }
        guard let figures = try await fetch(instanceFigures(query)).first else { return result }
        result.started = try figures.int("started")
        result.completed = try figures.int("completed")
        result.canceled = try figures.int("canceled")
        result.endedWithIncident = try figures.int("with_incident")
        result.running = try figures.int("running")
        let percentiles = Self.bigints(figures.text("durations"))
        if percentiles.count == 3 { (result.durationP50, result.durationP90, result.durationP99) = (percentiles[0], percentiles[1], percentiles[2]) }
        if let id = figures.text("oldest_id"), let started = figures.time("oldest_started") {
            result.oldestRunning = .init(processInstanceID: id, startedAt: started)
        }
        guard query.perActivity else { return result }
        result.activities = try await activities(query)
        return result
    }

    private func activities(_ query: AnalyticsQuery) async throws -> [ActivityAnalytics] {
        try await fetch(activityFigures(query)).map { row in
            ActivityAnalytics(
                activityID: try row.required("activity_id"), count: try row.int("started"), meanMillis: row.text("mean").flatMap(Int64.init),
                p90Millis: row.text("p90").flatMap(Int64.init), openIncidents: try row.int("open_incidents"))
        }
    }

    /// A PostgreSQL array of bigints as text (`{1,2,3}`); empty for NULL.
    private static func bigints(_ text: String?) -> [Int64] {
        guard let text, text.hasPrefix("{") else { return [] }
        return text.dropFirst().dropLast().split(separator: ",").compactMap { Int64($0) }
    }


    func instanceFigures(_ query: AnalyticsQuery) -> PostgresStatement {
        var select = SQLSelect(from: "")
        let from = select.bind(query.from.iso8601) + "::timestamptz", to = select.bind(query.to.iso8601) + "::timestamptz"
        func scope(_ column: String) -> String { select.condition(column, in: query.definitions) ?? "true" }
        let sql = """
            WITH ended AS (
                     SELECT id, status, removal_time, \(SQLSelect.durationMillis(from: "started_at", to: "ended_at")) AS took FROM history_process_instances
                     WHERE ended_at >= \(from) AND ended_at < \(to) AND \(scope("definition_id"))),
                 oldest AS (
                     SELECT id, \(SQLColumns.millis("started_at")) AS started FROM process_instances
                     WHERE \(scope("definition_id")) ORDER BY started_at, id LIMIT 1)
            SELECT
                (SELECT count(*) FROM process_instances WHERE started_at >= \(from) AND started_at < \(to) AND \(scope("definition_id")))
                  + (SELECT count(*) FROM history_process_instances WHERE started_at >= \(from) AND started_at < \(to) AND \(scope("definition_id")))
                  AS started,
                (SELECT count(*) FROM ended WHERE status = 'completed') AS completed,
                (SELECT count(*) FROM ended WHERE status = 'terminated') AS canceled,
                (SELECT count(*) FROM ended e WHERE (
                     SELECT true FROM history_incidents i WHERE i.instance_id = e.id AND i.removal_time = e.removal_time LIMIT 1)) AS with_incident,
                (SELECT count(*) FROM process_instances WHERE \(scope("definition_id"))) AS running,
                (SELECT percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY took) FROM ended)::text AS durations,
                (SELECT id FROM oldest) AS oldest_id, (SELECT started FROM oldest) AS oldest_started
            """
        return PostgresStatement(sql, select.parameters)
    }

    func activityFigures(_ query: AnalyticsQuery) -> PostgresStatement {
        var select = SQLSelect(from: "")
        let from = select.bind(query.from.iso8601) + "::timestamptz", to = select.bind(query.to.iso8601) + "::timestamptz"
        let took = SQLSelect.durationMillis(from: "start_time", to: "end_time")
        let activities = select.condition("process_definition_id", in: query.definitions) ?? "true"
        let incidents = select.condition("process_definition_id", in: query.definitions) ?? "true"
        // A heat map shows counts and means: the 90th percentile's sort is left out for it.
        let p90 = query.activitiesOnly ? "NULL::bigint" : "percentile_disc(0.9) WITHIN GROUP (ORDER BY \(took)) FILTER (WHERE end_time IS NOT NULL)"
        let sql = """
            WITH started AS (
                     SELECT activity_id, count(*) AS started, round(avg(\(took)) FILTER (WHERE end_time IS NOT NULL))::bigint AS mean,
                            \(p90) AS p90
                     FROM history_activity_instances
                     WHERE start_time >= \(from) AND start_time < \(to) AND activity_type <> 'multiInstanceBody' AND \(activities)
                     GROUP BY activity_id),
                 open AS (
                     SELECT activity_id, count(*) AS open_incidents FROM history_incidents WHERE resolved_at IS NULL AND \(incidents)
                     GROUP BY activity_id)
            SELECT coalesce(s.activity_id, o.activity_id) AS activity_id, coalesce(s.started, 0) AS started, s.mean, s.p90,
                   coalesce(o.open_incidents, 0) AS open_incidents
            FROM started s FULL JOIN open o ON o.activity_id = s.activity_id
            ORDER BY 1
            """
        return PostgresStatement(sql, select.parameters)
    }
}
