/// An ISO 8601 duration such as `P3D`, `PT10M`, `P1Y2M`, `P2W` or `PT1.5S`.
///
/// Years and months are calendar units: they are added on the calendar (Jan 31 + P1M = Feb 28),
/// not converted to a fixed number of milliseconds.
public struct ISODuration: Hashable, Sendable, CustomStringConvertible {
    public var years = 0
    public var months = 0
    public var weeks = 0
    public var days = 0
    public var hours = 0
    public var minutes = 0
    public var milliseconds: Int64 = 0  // seconds and their fraction

    public var description: String { source }
    private var source: String

    /// The longest duration accepted, in years: anything longer is a typo, and bounding every unit
    /// keeps all date arithmetic far from overflow.
    public static let maximumYears = 10_000

    /// Parses `PnYnMnWnDTnHnMnS` (each part optional, at least one present; seconds may have a
    /// fraction). Refuses durations of more than ``maximumYears`` in any one unit.
    public init?(_ text: String) { self.init(text, enforcingMaximum: true) }

    /// True when `text` is a well-formed duration that only its length keeps from being accepted.
    public static func isTooLong(_ text: String) -> Bool {
        ISODuration(text) == nil && ISODuration(text, enforcingMaximum: false) != nil
    }

    private init?(_ text: String, enforcingMaximum: Bool) {
        source = text
        var bytes = Substring(text).utf8[...]
        guard bytes.first == UInt8(ascii: "P") else { return nil }
        bytes = bytes.dropFirst()
        var inTime = false
        var sawComponent = false
        var sawTimeComponent = false
        // Units must appear once each, largest first (P1Y2M3D, not P3D1Y or PT1H2H).
        var lastUnitRank = -1
        while let first = bytes.first {
            if first == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                bytes = bytes.dropFirst()
                continue
            }
            var integer: Int64 = 0
            var fractionDigits = 0
            var fraction: Int64 = 0
            var digitCount = 0
            var seenPoint = false
            while let byte = bytes.first {
                if byte >= 0x30, byte <= 0x39 {
                    if seenPoint {
                        if fractionDigits < 3 {
                            fraction = fraction * 10 + Int64(byte - 0x30)
                            fractionDigits += 1
                        }
                    } else {
                        guard digitCount < 12 else { return nil }  // keeps every unit far from overflow
                        integer = integer * 10 + Int64(byte - 0x30)
                    }
                    digitCount += 1
                } else if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")) && !seenPoint {
                    seenPoint = true
                } else {
                    break
                }
                bytes = bytes.dropFirst()
            }
            guard digitCount > 0, let designator = bytes.first else { return nil }
            bytes = bytes.dropFirst()
            // Only seconds may carry a fraction (PT0.5S); "P1.5D" is refused rather than rounded.
            if seenPoint && !(inTime && designator == UInt8(ascii: "S")) { return nil }
            let rank: Int
            switch (inTime, designator) {
            case (false, UInt8(ascii: "Y")): rank = 0; years = Int(integer)
            case (false, UInt8(ascii: "M")): rank = 1; months = Int(integer)
            case (false, UInt8(ascii: "W")): rank = 2; weeks = Int(integer)
            case (false, UInt8(ascii: "D")): rank = 3; days = Int(integer)
            case (true, UInt8(ascii: "H")): rank = 4; hours = Int(integer)
            case (true, UInt8(ascii: "M")): rank = 5; minutes = Int(integer)
            case (true, UInt8(ascii: "S")):
                rank = 6
                while fractionDigits < 3 {
                    fraction *= 10
                    fractionDigits += 1
                }
                milliseconds = integer * 1000 + fraction
            default: return nil
            }
            guard rank > lastUnitRank else { return nil }
            lastUnitRank = rank
            sawComponent = true
            if inTime { sawTimeComponent = true }
        }
        guard sawComponent, !inTime || sawTimeComponent else { return nil }
        let limit = Self.maximumYears
        guard !enforcingMaximum
            || (years <= limit && months <= limit * 12 && weeks <= limit * 53 && days <= limit * 366 && hours <= limit * 8_784
                && minutes <= limit * 527_040 && milliseconds <= Int64(limit) * 31_622_400_000)
        else { return nil }
    }

    /// The instant this duration after `start`, with calendar units applied in UTC.
    public func added(to start: Timestamp) -> Timestamp {
        var result = start
        if years != 0 || months != 0 {
            let millis = start.millisecondsSinceEpoch
            let days = millis >= 0
                ? millis / Timestamp.millisecondsPerDay
                : (millis - Timestamp.millisecondsPerDay + 1) / Timestamp.millisecondsPerDay
            let timeOfDay = millis - days * Timestamp.millisecondsPerDay
            let date = CivilDate(daysSinceEpoch: days).addingMonths(years * 12 + months)
            result = Timestamp(millisecondsSinceEpoch: date.daysSinceEpoch * Timestamp.millisecondsPerDay + timeOfDay)
        }
        return result.adding(milliseconds: fixedMilliseconds)
    }

    /// The part of the duration that has a fixed length (weeks and smaller).
    public var fixedMilliseconds: Int64 {
        (Int64(weeks) * 7 + Int64(days)) * Timestamp.millisecondsPerDay
            + Int64(hours) * 3_600_000 + Int64(minutes) * 60_000 + milliseconds
    }
}
