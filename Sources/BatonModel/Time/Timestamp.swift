/// A point in time as milliseconds since the Unix epoch (UTC).
///
/// Baton owns its time type because timers and history outlive the process: a monotonic
/// `ContinuousClock.Instant` cannot be persisted, and the core must never read a clock itself.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    private enum CodingKeys: String, CodingKey { case millisecondsSinceEpoch }

    /// Stored as the bare number of milliseconds; the object form
    /// `{"millisecondsSinceEpoch": …}` that Baton stored before still reads.
    public init(from decoder: any Decoder) throws {
        if let milliseconds = try? decoder.singleValueContainer().decode(Int64.self) {
            self.init(millisecondsSinceEpoch: milliseconds)
        } else {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(millisecondsSinceEpoch: try container.decode(Int64.self, forKey: .millisecondsSinceEpoch))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSinceEpoch)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// The instant `milliseconds` later (earlier when negative), saturating at the ends of the
    /// range: a client asking for an absurd lock or delay gets "forever", not a crashed process.
    public func adding(milliseconds: Int64) -> Timestamp {
        let (sum, overflow) = millisecondsSinceEpoch.addingReportingOverflow(milliseconds)
        guard overflow else { return Timestamp(millisecondsSinceEpoch: sum) }
        return Timestamp(millisecondsSinceEpoch: milliseconds > 0 ? .max : .min)
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-22T10:15:00.000Z`.
    public var description: String { iso8601 }
}
