extension Timestamp {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// Parses an ISO 8601 date-time: `2026-11-22T10:15:00Z`, with an offset (`+01:00`, `+0100`),
    /// fractional seconds, or a bare date (`2026-11-22`, midnight UTC). A date-time without an
    /// offset is read as UTC, so a timer means the same instant on every server.
    /// A calendar date (`2026-01-31`, as an HTML date input sends it) as the start of that day
    /// in UTC; a full date-time is read as ``init(iso8601:)`` reads it.
    public init?(day text: String) {
        guard let day = Timestamp(iso8601: text + "T00:00:00Z") ?? Timestamp(iso8601: text) else { return nil }
        self = day
    }

    public init?(iso8601 text: String) {
        var scanner = DigitScanner(text)
        guard let year = scanner.digits(exactly: 4), scanner.skip("-"),
            let month = scanner.digits(exactly: 2), scanner.skip("-"),
            let day = scanner.digits(exactly: 2)
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        var millis = date.daysSinceEpoch * Self.millisecondsPerDay
        if scanner.isAtEnd {
            self.init(millisecondsSinceEpoch: millis)
            return
        }
        guard scanner.skip("T") || scanner.skip(" "),
            let hour = scanner.digits(exactly: 2), hour < 24, scanner.skip(":"),
            let minute = scanner.digits(exactly: 2), minute < 60
        else { return nil }
        var second = 0
        var fraction: Int64 = 0
        if scanner.skip(":") {
            guard let s = scanner.digits(exactly: 2), s < 60 else { return nil }
            second = s
            if scanner.skip(".") || scanner.skip(",") {
                guard let (value, count) = scanner.digitRun(), count > 0 else { return nil }
                // Keep millisecond precision: scale the written fraction to three digits.
                var scaled = value
                if count > 3 {
                    for _ in 0..<(count - 3) { scaled /= 10 }
                } else {
                    for _ in 0..<(3 - count) { scaled *= 10 }
                }
                fraction = scaled
            }
        }
        millis += Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000 + fraction
        let isUTC = scanner.skip("Z") || scanner.skip("z")
        if !isUTC, let sign = scanner.sign() {
            guard let offsetHours = scanner.digits(exactly: 2), offsetHours <= 18 else { return nil }
            _ = scanner.skip(":")
            let offsetMinutes = scanner.digits(exactly: 2) ?? 0
            guard offsetMinutes < 60 else { return nil }
            millis -= Int64(sign) * (Int64(offsetHours) * 3_600_000 + Int64(offsetMinutes) * 60_000)
        }
        guard scanner.isAtEnd else { return nil }
        self.init(millisecondsSinceEpoch: millis)
    }

    /// `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`.
    public var iso8601: String {
        let days = millisecondsSinceEpoch >= 0
            ? millisecondsSinceEpoch / Self.millisecondsPerDay
            : (millisecondsSinceEpoch - Self.millisecondsPerDay + 1) / Self.millisecondsPerDay
        let inDay = Int(millisecondsSinceEpoch - days * Self.millisecondsPerDay)
        let date = CivilDate(daysSinceEpoch: days)
        guard (0...9999).contains(date.year) else { return Self.paddedISO8601(date, inDay) }
        // Written digit by digit into the string's own storage: every command writes several
        // times, and building it from padded pieces cost a string per field.
        return String(unsafeUninitializedCapacity: 24) { text in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var rest = value
                for index in (offset..<offset + width).reversed() {
                    text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(date.year, 4, at: 0)
            text[4] = UInt8(ascii: "-")
            put(date.month, 2, at: 5)
            text[7] = UInt8(ascii: "-")
            put(date.day, 2, at: 8)
            text[10] = UInt8(ascii: "T")
            put(inDay / 3_600_000, 2, at: 11)
            text[13] = UInt8(ascii: ":")
            put(inDay / 60_000 % 60, 2, at: 14)
            text[16] = UInt8(ascii: ":")
            put(inDay / 1000 % 60, 2, at: 17)
            text[19] = UInt8(ascii: ".")
            put(inDay % 1000, 3, at: 20)
            text[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// A year outside 0...9999 takes as many digits as it needs.
    private static func paddedISO8601(_ date: CivilDate, _ inDay: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T"
            + "\(pad(inDay / 3_600_000, 2)):\(pad(inDay / 60_000 % 60, 2)):\(pad(inDay / 1000 % 60, 2))."
            + "\(pad(inDay % 1000, 3))Z"
    }
}

/// A tiny cursor over ASCII digits and punctuation, shared by the ISO 8601 readers.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { index == bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skip(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, peek == ascii else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    mutating func digits(exactly count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// Reads as many digits as there are (at most 18, so the value cannot overflow).
    mutating func digitRun() -> (value: Int64, count: Int)? {
        var value: Int64 = 0
        var count = 0
        while let byte = peek, byte >= 0x30, byte <= 0x39 {
            guard count < 18 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            count += 1
            index += 1
        }
        return (value, count)
    }
}
