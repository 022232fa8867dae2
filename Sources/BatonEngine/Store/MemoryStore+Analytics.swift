import BatonCore
import BatonModel

/// Analytics over the memory store's instances and rows, by scanning them (it serves tests and
/// `baton run`); the same figures PostgreSQL computes in SQL.
extension MemoryStore {
    public func analytics(_ query: AnalyticsQuery) async throws -> ProcessAnalytics {
        try await snapshot { stored in
            let window = query.from..<query.to
            let instances = stored.data.instanceOrder.compactMap { stored.data.instances[$0] }.filter { query.definitions.contains($0.definitionID) }
            var result = ProcessAnalytics()
            if !query.activitiesOnly {
                result = Self.instanceFigures(instances, window: window, data: stored.data)
            }
            guard query.perActivity else { return result }
            let rows = instances.compactMap { stored.data.rows[$0.id] }
            let activities = rows.flatMap(\.activities).filter { window.contains($0.startTime) && $0.activityType != "multiInstanceBody" }
            let open = rows.flatMap { $0.incidents.values }.filter { $0.resolvedAt == nil }
            result.activities = Set(activities.map(\.activityID)).union(open.map(\.activityID)).sorted().map { id in
                let mine = activities.filter { $0.activityID == id }
                let took = mine.compactMap { activity in activity.endTime.map { $0.millisecondsSinceEpoch - activity.startTime.millisecondsSinceEpoch } }.sorted()
                return ActivityAnalytics(
                    activityID: id, count: mine.count, meanMillis: NearestRank.mean(took),
                    p90Millis: query.activitiesOnly ? nil : NearestRank.percentile(0.9, of: took),
                    openIncidents: open.count { $0.activityID == id })
            }
            return result
        }
    }

    /// How the instances fared in the window: started, ended by outcome, running, durations, oldest.
    private static func instanceFigures(_ instances: [InstanceRecord], window: Range<Timestamp>, data: MemoryData) -> ProcessAnalytics {
        var result = ProcessAnalytics()
        result.started = instances.count { window.contains($0.startedAt) }
        let ended = instances.filter { record in record.endedAt.map(window.contains) ?? false }
        result.completed = ended.count { $0.state.status == .completed }
        result.canceled = ended.count { $0.state.status == .terminated }
        result.endedWithIncident = ended.count { !(data.rows[$0.id]?.incidents.isEmpty ?? true) }
        let running = instances.filter { $0.state.status == .active }
        result.running = running.count
        let durations = ended.compactMap { record in record.endedAt.map { $0.millisecondsSinceEpoch - record.startedAt.millisecondsSinceEpoch } }.sorted()
        result.durationP50 = NearestRank.percentile(0.5, of: durations)
        result.durationP90 = NearestRank.percentile(0.9, of: durations)
        result.durationP99 = NearestRank.percentile(0.99, of: durations)
        if let oldest = running.min(by: { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }) {
            result.oldestRunning = .init(processInstanceID: oldest.id, startedAt: oldest.startedAt)
        }
        return result
    }
}
