import BatonModel
import BatonPostgres

/// The day the analytics reads summarise: ten days back, well inside the filled history (ended
/// instances stop four days before the fill's origin), with what a direct count says it holds.
struct AnalyticsDay: Sendable {
    var from: Timestamp
    var to: Timestamp
    /// Instances that ended in it, and distinct activities started in it.
    var ended: Int
    var activities: Int

    static func measured(on connection: PostgresConnection) async throws -> AnalyticsDay {
        let rows = try await connection.query(
            """
            WITH day AS (SELECT date_trunc('day', now()) - interval '10 days' AS from_, date_trunc('day', now()) - interval '9 days' AS to_)
            SELECT (extract(epoch from from_) * 1000)::bigint, (extract(epoch from to_) * 1000)::bigint,
                   (SELECT count(*) FROM history_process_instances, day WHERE ended_at >= from_ AND ended_at < to_),
                   (SELECT count(DISTINCT activity_id) FROM history_activity_instances, day WHERE start_time >= from_ AND start_time < to_)
            FROM day
            """
        ).rows
        guard let row = rows.first, let from = row[0].flatMap(Int64.init), let to = row[1].flatMap(Int64.init),
            let ended = row[2].flatMap(Int.init), let activities = row[3].flatMap(Int.init), ended > 0
        else { throw BenchmarkFailure("Expected ended instances ten days back to summarise, but there are none") }
        return AnalyticsDay(
            from: Timestamp(millisecondsSinceEpoch: from), to: Timestamp(millisecondsSinceEpoch: to), ended: ended, activities: activities)
    }
}
