/// A Quartz cron expression, as Camunda 7 reads a `timeCycle` such as `0 0/5 9-17 ? * MON-FRI`:
/// seconds, minutes, hours, day of month, month, day of week and an optional year, in UTC.
///
/// Fields take `*`, single values, ranges (`9-17`), lists (`1,15`), increments (`0/15`, `*/5`,
/// `10-50/10`), month and day names (`JAN`, `MON`; Sunday is 1), and Quartz's day rules: `?` (no
/// condition; exactly one of the two day fields must be `?`, as Quartz and Camunda require), `L`
/// (the last day of the month, `L-3` three days before it, `LW` its last weekday), `15W` (the
/// weekday nearest the 15th, within the month), `6L` (the month's last Friday) and `6#3` (its
/// third Friday).
public struct CronExpression: Hashable, Sendable {
    public let source: String
    private let seconds: Set<Int>
    private let minutes: Set<Int>
    private let hours: Set<Int>
    private let months: Set<Int>
    private let years: Set<Int>?
    private let dayRule: DayRule

    /// Which days of a month fire.
    private enum DayRule: Hashable, Sendable {
        case daysOfMonth(Set<Int>)
        case lastDayOfMonth(offset: Int)
        case lastWeekdayOfMonth
        case nearestWeekday(Int)
        case daysOfWeek(Set<Int>)
        case lastWeekdayNamed(Int)
        case nthWeekday(Int, Int)
    }

    /// A cron text that is not one: which field, and why.
    public struct ParseError: Error, Hashable, Sendable {
        public var message: String
    }

    public static let firstYear = 1970
    public static let lastYear = 2199

    public init(parsing text: String) throws(ParseError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).uppercased() }
        guard fields.count == 6 || fields.count == 7 else {
            throw ParseError(message: "a cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), but '\(text)' has \(fields.count)")
        }
        source = text
        seconds = try Self.values(fields[0], name: "seconds", range: 0...59)
        minutes = try Self.values(fields[1], name: "minutes", range: 0...59)
        hours = try Self.values(fields[2], name: "hours", range: 0...23)
        months = try Self.values(fields[4], name: "month", range: 1...12, names: Self.monthNames)
        years = fields.count == 7 ? try Self.values(fields[6], name: "year", range: Self.firstYear...Self.lastYear) : nil
        let dayOfMonth = fields[3], dayOfWeek = fields[5]
        switch (dayOfMonth == "?", dayOfWeek == "?") {
        case (true, true), (false, false):
            throw ParseError(message: "exactly one of day-of-month and day-of-week must be '?' (Quartz does not combine them), but they are '\(dayOfMonth)' and '\(dayOfWeek)'")
        case (false, true):
            dayRule = try Self.dayOfMonthRule(dayOfMonth)
        case (true, false):
            dayRule = try Self.dayOfWeekRule(dayOfWeek)
        }
    }

    private static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    private static func dayOfMonthRule(_ field: String) throws(ParseError) -> DayRule {
        if field == "L" { return .lastDayOfMonth(offset: 0) }
        if field == "LW" { return .lastWeekdayOfMonth }
        if field.hasPrefix("L-"), let offset = Int(field.dropFirst(2)), (0...30).contains(offset) { return .lastDayOfMonth(offset: offset) }
        if field.hasSuffix("W"), let day = Int(field.dropLast()), (1...31).contains(day) { return .nearestWeekday(day) }
        return .daysOfMonth(try values(field, name: "day-of-month", range: 1...31))
    }

    private static func dayOfWeekRule(_ field: String) throws(ParseError) -> DayRule {
        if field == "L" { return .daysOfWeek([7]) }
        if field.hasSuffix("L"), let day = number(String(field.dropLast()), names: dayNames, offset: 1), (1...7).contains(day) {
            return .lastWeekdayNamed(day)
        }
        let parts = field.split(separator: "#", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let day = number(String(parts[0]), names: dayNames, offset: 1), (1...7).contains(day), let nth = Int(parts[1]), (1...5).contains(nth) else {
                throw ParseError(message: "day-of-week '\(field)' should be a day (1-7 or SUN-SAT), '#' and a week of the month from 1 to 5")
            }
            return .nthWeekday(day, nth)
        }
        return .daysOfWeek(try values(field, name: "day-of-week", range: 1...7, names: dayNames))
    }

    /// A number, or a name's position plus `offset`.
    private static func number(_ text: String, names: [String], offset: Int) -> Int? {
        Int(text) ?? names.firstIndex(of: text).map { $0 + offset }
    }

    /// The values a field allows: `*`, lists of values, ranges and increments.
    private static func values(_ field: String, name: String, range: ClosedRange<Int>, names: [String] = []) throws(ParseError) -> Set<Int> {
        var result = Set<Int>()
        for part in field.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 2, !pieces[0].isEmpty else { throw ParseError(message: "\(name) '\(field)' is not a value, range, list or increment") }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else { throw ParseError(message: "\(name) '\(field)' has an increment that is not a positive number") }
                step = parsed
            }
            let lower: Int, upper: Int
            if pieces[0] == "*" {
                (lower, upper) = (range.lowerBound, range.upperBound)
            } else if let dash = pieces[0].firstIndex(of: "-") {
                guard let a = number(String(pieces[0][..<dash]), names: names, offset: range.lowerBound),
                    let b = number(String(pieces[0][pieces[0].index(after: dash)...]), names: names, offset: range.lowerBound)
                else { throw ParseError(message: "\(name) '\(field)' has a range that is not two values") }
                (lower, upper) = (a, b)
            } else {
                guard let value = number(pieces[0], names: names, offset: range.lowerBound) else {
                    throw ParseError(message: "\(name) '\(field)' is not a number\(names.isEmpty ? "" : " or a name (\(names.joined(separator: ", ")))")")
                }
                // `5/15`: from 5 to the end of the range, every 15.
                (lower, upper) = (value, pieces.count == 2 ? range.upperBound : value)
            }
            guard range.contains(lower), range.contains(upper), lower <= upper else {
                throw ParseError(message: "\(name) '\(field)' is outside \(range.lowerBound)-\(range.upperBound) or runs backwards")
            }
            result.formUnion(stride(from: lower, through: upper, by: step))
        }
        return result
    }

    /// The first firing strictly after `instant`, to the second; nil when none is left (a year
    /// field that has passed).
    public func next(after instant: Timestamp) -> Timestamp? {
        let millis = instant.millisecondsSinceEpoch
        var seconds = (millis >= 0 ? millis / 1000 : (millis - 999) / 1000) + 1
        // Each round moves to the next candidate year, month, day, hour or minute; a few hundred
        // rounds reach any firing within the years Quartz allows.
        for _ in 0..<100_000 {
            let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let date = CivilDate(daysSinceEpoch: days)
            let inDay = Int(seconds - days * 86_400)
            let (hour, minute, second) = (inDay / 3600, inDay / 60 % 60, inDay % 60)
            guard date.year <= Self.lastYear else { return nil }
            if let years, !years.contains(date.year) {
                guard let year = years.filter({ $0 > date.year }).min() else { return nil }
                seconds = Self.start(of: CivilDate(year: year, month: 1, day: 1))
                continue
            }
            guard months.contains(date.month) else {
                seconds = Self.start(of: Self.firstDayOfNextMonth(after: date))
                continue
            }
            guard allows(date) else {
                seconds = Self.start(of: CivilDate(daysSinceEpoch: days + 1))
                continue
            }
            guard let nextHour = hours.filter({ $0 >= hour }).min() else {
                seconds = Self.start(of: CivilDate(daysSinceEpoch: days + 1))
                continue
            }
            if nextHour > hour {
                seconds = days * 86_400 + Int64(nextHour) * 3600
                continue
            }
            guard let nextMinute = minutes.filter({ $0 >= minute }).min() else {
                seconds = days * 86_400 + Int64(hour + 1) * 3600
                continue
            }
            if nextMinute > minute {
                seconds = days * 86_400 + Int64(hour) * 3600 + Int64(nextMinute) * 60
                continue
            }
            guard let nextSecond = self.seconds.filter({ $0 >= second }).min() else {
                seconds = days * 86_400 + Int64(hour) * 3600 + Int64(minute + 1) * 60
                continue
            }
            return Timestamp(millisecondsSinceEpoch: (days * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(nextSecond)) * 1000)
        }
        return nil
    }

    /// Whether the day rule allows `date`.
    private func allows(_ date: CivilDate) -> Bool {
        let length = CivilDate.daysInMonth(year: date.year, month: date.month)
        // 1 = Sunday … 7 = Saturday; 1970-01-01 was a Thursday (5).
        let weekday = Int(((date.daysSinceEpoch % 7) + 7 + 4) % 7) + 1
        switch dayRule {
        case .daysOfMonth(let days): return days.contains(date.day)
        case .lastDayOfMonth(let offset): return date.day == length - offset
        case .lastWeekdayOfMonth: return date.day == Self.nearestWeekday(to: length, in: date)
        case .nearestWeekday(let day): return date.day == Self.nearestWeekday(to: min(day, length), in: date)
        case .daysOfWeek(let days): return days.contains(weekday)
        case .lastWeekdayNamed(let day): return weekday == day && date.day + 7 > length
        case .nthWeekday(let day, let nth): return weekday == day && (date.day - 1) / 7 + 1 == nth
        }
    }

    /// The weekday (Monday to Friday) nearest day `target` of `date`'s month, never leaving it.
    private static func nearestWeekday(to target: Int, in date: CivilDate) -> Int {
        let day = CivilDate(year: date.year, month: date.month, day: target)
        let weekday = Int(((day.daysSinceEpoch % 7) + 7 + 4) % 7) + 1
        let length = CivilDate.daysInMonth(year: date.year, month: date.month)
        switch weekday {
        case 7: return target == 1 ? 3 : target - 1  // Saturday: Friday, or Monday the 3rd
        case 1: return target == length ? target - 2 : target + 1  // Sunday: Monday, or Friday before
        default: return target
        }
    }

    private static func start(of date: CivilDate) -> Int64 { date.daysSinceEpoch * 86_400 }

    private static func firstDayOfNextMonth(after date: CivilDate) -> CivilDate {
        date.month == 12 ? CivilDate(year: date.year + 1, month: 1, day: 1) : CivilDate(year: date.year, month: date.month + 1, day: 1)
    }
}
