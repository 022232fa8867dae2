/// A calendar month in UTC: the unit history is kept and removed in (one partition per month
/// of removal time).
public struct UTCMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1...12
    public let month: Int

    public init(year: Int, month: Int) {
        let zeroBased = year * 12 + (month - 1)
        self.year = zeroBased >= 0 ? zeroBased / 12 : (zeroBased - 11) / 12
        self.month = zeroBased - self.year * 12 + 1
    }

    /// The month `timestamp` falls in.
    public init(containing timestamp: Timestamp) {
        let millis = timestamp.millisecondsSinceEpoch
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let date = CivilDate(daysSinceEpoch: days)
        self.init(year: date.year, month: date.month)
    }

    /// Midnight UTC on the first day of the month.
    public var start: Timestamp {
        Timestamp(millisecondsSinceEpoch: CivilDate(year: year, month: month, day: 1).daysSinceEpoch * 86_400_000)
    }

    public func adding(_ months: Int) -> UTCMonth { UTCMonth(year: year, month: month + months) }

    public var next: UTCMonth { adding(1) }

    /// `y2026m01`: usable in a table name.
    public var description: String { "y\(year)m\(month < 10 ? "0" : "")\(month)" }

    public static func < (a: UTCMonth, b: UTCMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
