/// What a BPMN timer event definition says, once its text has been read.
///
/// `timeDate` fires once at an instant, `timeDuration` once after a delay from when the timer is
/// created, `timeCycle` repeatedly (`R3/PT10M`, `R/PT1H`, `R5/2026-01-01T00:00:00Z/P1D`, or a
/// cron expression `0 0/5 * * * ?`).
public enum TimerSchedule: Hashable, Sendable {
    case date(Timestamp)
    case duration(ISODuration)
    case cycle(TimerCycle)
    /// A `timeCycle` in Quartz cron form (`0 0 9 ? * MON-FRI`): repeats without end.
    case cron(CronExpression)
}

/// An ISO 8601 repeating interval: how often, from when, and how many times.
public struct TimerCycle: Hashable, Sendable {
    /// `nil` means unbounded (`R/…`).
    public var repetitions: Int?
    public var start: Timestamp?
    public var interval: ISODuration
    public var end: Timestamp?

    /// Parses `Rn/duration`, `Rn/start/duration`, `Rn/duration/end` and `R/…` (unbounded).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, parts[0].first == "R" else { return nil }
        let count = parts[0].dropFirst()
        if count.isEmpty {
            repetitions = nil
        } else {
            guard let n = Int(count), n >= 0 else { return nil }
            repetitions = n
        }
        if parts.count == 2 {
            guard let duration = ISODuration(parts[1]) else { return nil }
            interval = duration
        } else if let duration = ISODuration(parts[2]), let startDate = Timestamp(iso8601: parts[1]) {
            interval = duration
            start = startDate
        } else if let duration = ISODuration(parts[1]), let endDate = Timestamp(iso8601: parts[2]) {
            interval = duration
            end = endDate
        } else {
            return nil
        }
    }

    /// The first firing no earlier than `now`.
    public func firstDue(after now: Timestamp) -> Timestamp? {
        guard repetitions != 0 else { return nil }
        if let start, start >= now { return start }
        let due = interval.added(to: start ?? now)
        if let end, due > end { return nil }
        return due
    }
}

extension TimerSchedule {
    /// Reads the text of a `timeDate`, `timeDuration` or `timeCycle` element, or says why it cannot.
    public static func parse(_ text: String, kind: TimerKind) -> Result<TimerSchedule, TimerValueError> {
        let trimmed = text.trimmingASCIIWhitespace()
        switch kind {
        case .date:
            guard let date = Timestamp(iso8601: trimmed) else {
                return .failure(TimerValueError(text: trimmed, kind: kind, hint: "an ISO 8601 date-time such as 2026-12-01T09:00:00Z"))
            }
            return .success(.date(date))
        case .duration:
            guard let duration = ISODuration(trimmed) else {
                let hint = ISODuration.isTooLong(trimmed)
                    ? "an ISO 8601 duration of at most \(ISODuration.maximumYears) years"
                    : "an ISO 8601 duration such as P3D or PT10M"
                return .failure(TimerValueError(text: trimmed, kind: kind, hint: hint))
            }
            return .success(.duration(duration))
        case .cycle:
            if let cycle = TimerCycle(trimmed) { return .success(.cycle(cycle)) }
            if trimmed.split(separator: " ").count >= 5 {
                do {
                    return .success(.cron(try CronExpression(parsing: trimmed)))
                } catch {
                    return .failure(TimerValueError(text: trimmed, kind: kind, hint: "a cron expression such as 0 0 9 ? * MON-FRI (\(error.message))"))
                }
            }
            return .failure(TimerValueError(
                text: trimmed, kind: kind,
                hint: "an ISO 8601 repeating interval such as R3/PT10M or R/2026-01-01T08:00:00Z/P1D, or a cron expression such as 0 0 9 ? * MON-FRI"))
        }
    }
}

/// Which of the three timer elements a value came from.
public enum TimerKind: String, Hashable, Sendable, CaseIterable {
    case date = "timeDate"
    case duration = "timeDuration"
    case cycle = "timeCycle"
}

/// A timer value that is not ISO 8601: what was written, where, and what was expected instead.
public struct TimerValueError: Error, Hashable, Sendable {
    public var text: String
    public var kind: TimerKind
    public var hint: String

    public var message: String {
        "Expected \(kind.rawValue) to be \(hint), but it is '\(text)'."
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    /// Works on UTF-8 bytes and returns `self` untouched in the common case of nothing to trim.
    public func trimmingASCIIWhitespace() -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        if !isSpace(first), !isSpace(last) { return self }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
