import BatonModel

/// What analytics summarise: the process definitions (by id) in `definitions`, over the window
/// `from` (inclusive) to `to` (exclusive).
public struct AnalyticsQuery: Hashable, Sendable {
    public var definitions: ResourceScope
    public var from: Timestamp
    public var to: Timestamp
    /// Also the figures of each activity (for one process definition's page).
    public var perActivity: Bool
    /// Only the count, mean duration and open incidents of each activity (a heat map): the
    /// instance figures, whose incident probes cost one lookup per ended instance, are left at
    /// zero and the activities' 90th percentiles (a sort of every duration) at nil.
    public var activitiesOnly: Bool

    public init(definitions: ResourceScope, from: Timestamp, to: Timestamp, perActivity: Bool = false, activitiesOnly: Bool = false) {
        self.definitions = definitions
        self.from = from
        self.to = to
        self.perActivity = perActivity || activitiesOnly
        self.activitiesOnly = activitiesOnly
    }
}

/// How instances fared in a window: how many started, and of those that ended in it how many
/// completed, were cancelled or met an incident, and how long they took; how many run now and
/// since when the oldest has. Durations in milliseconds; percentiles are nearest-rank (one of the
/// measured durations, as PostgreSQL's `percentile_disc`).
public struct ProcessAnalytics: Hashable, Sendable {
    public var started = 0
    public var completed = 0
    public var canceled = 0
    /// Ended in the window, having had at least one incident.
    public var endedWithIncident = 0
    public var running = 0
    public var durationP50: Int64?
    public var durationP90: Int64?
    public var durationP99: Int64?
    public var oldestRunning: OldestRunning?
    /// Per activity (with ``AnalyticsQuery/perActivity``), by activity id.
    public var activities: [ActivityAnalytics] = []

    public init() {}

    /// Completed among those that ended in the window; nil when none ended.
    public var successRate: Double? {
        let ended = completed + canceled
        return ended == 0 ? nil : Double(completed) / Double(ended)
    }

    public struct OldestRunning: Hashable, Sendable {
        public var processInstanceID: String
        public var startedAt: Timestamp

        public init(processInstanceID: String, startedAt: Timestamp) {
            self.processInstanceID = processInstanceID
            self.startedAt = startedAt
        }
    }
}

/// One activity's figures: its instances started in the window, how long those that ended took
/// (mean rounded to the millisecond, and the 90th percentile), and its open incidents now.
public struct ActivityAnalytics: Hashable, Sendable {
    public var activityID: String
    public var count: Int
    public var meanMillis: Int64?
    public var p90Millis: Int64?
    public var openIncidents: Int

    public init(activityID: String, count: Int, meanMillis: Int64?, p90Millis: Int64?, openIncidents: Int) {
        self.activityID = activityID
        self.count = count
        self.meanMillis = meanMillis
        self.p90Millis = p90Millis
        self.openIncidents = openIncidents
    }
}

/// Nearest-rank percentiles, as PostgreSQL's `percentile_disc`: the first value whose position in
/// the ascending order reaches the fraction.
enum NearestRank {
    static func percentile(_ fraction: Double, of sorted: [Int64]) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    /// The mean rounded half away from zero, as PostgreSQL's `round(avg(…))`.
    static func mean(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        return Int64((Double(values.reduce(0, +)) / Double(values.count)).rounded(.toNearestOrAwayFromZero))
    }
}
