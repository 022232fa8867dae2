import BatonModel
import Testing

/// Quartz cron expressions, as Camunda 7 reads a `timeCycle` in cron form: each field's syntax and
/// the next firing after a moment, in UTC.
@Suite struct CronExpressionTests {
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    static func next(_ cron: String, after moment: String, count: Int = 1) throws -> [String] {
        let expression = try CronExpression(parsing: cron)
        var instant = at(moment), firings: [String] = []
        for _ in 0..<count {
            guard let next = expression.next(after: instant) else { break }
            firings.append(String(next.iso8601.prefix(19)))
            instant = next
        }
        return firings
    }

    @Test func plainFieldsRangesListsAndIncrements() throws {
        #expect(try Self.next("0 0/15 9 * * ?", after: "2026-03-02T08:50:00Z", count: 5)
            == ["2026-03-02T09:00:00", "2026-03-02T09:15:00", "2026-03-02T09:30:00", "2026-03-02T09:45:00", "2026-03-03T09:00:00"])
        #expect(try Self.next("30 10 8,17 * * ?", after: "2026-03-02T08:10:30Z", count: 2) == ["2026-03-02T17:10:30", "2026-03-03T08:10:30"], "strictly after")
        #expect(try Self.next("0 0 12 ? * MON-FRI", after: "2026-03-06T12:00:00Z", count: 2) == ["2026-03-09T12:00:00", "2026-03-10T12:00:00"], "Friday to Monday")
        #expect(try Self.next("*/20 * * * * ?", after: "2026-12-31T23:59:41Z", count: 2) == ["2027-01-01T00:00:00", "2027-01-01T00:00:20"], "across the year")
        #expect(try Self.next("0 0 0 1 JAN,JUL ?", after: "2026-02-01T00:00:00Z") == ["2026-07-01T00:00:00"])
        #expect(try Self.next("0 0 6 29 2 ?", after: "2026-03-01T00:00:00Z") == ["2028-02-29T06:00:00"], "the next leap day")
        #expect(try Self.next("0 0 0 1 1 ? 2027-2028", after: "2028-06-01T00:00:00Z").isEmpty, "no year left")
    }

    @Test func quartzDayRules() throws {
        #expect(try Self.next("0 0 10 L * ?", after: "2026-02-01T00:00:00Z", count: 2) == ["2026-02-28T10:00:00", "2026-03-31T10:00:00"])
        #expect(try Self.next("0 0 10 L-2 * ?", after: "2026-04-01T00:00:00Z") == ["2026-04-28T10:00:00"])
        #expect(try Self.next("0 0 10 LW * ?", after: "2026-05-01T00:00:00Z") == ["2026-05-29T10:00:00"], "May 31 2026 is a Sunday")
        #expect(try Self.next("0 0 10 15W * ?", after: "2026-08-01T00:00:00Z") == ["2026-08-14T10:00:00"], "Aug 15 2026 is a Saturday")
        #expect(try Self.next("0 0 10 1W * ?", after: "2026-08-01T00:00:00Z") == ["2026-08-03T10:00:00"], "Aug 1 is a Saturday: Monday the 3rd")
        #expect(try Self.next("0 0 10 ? * 6L", after: "2026-01-01T00:00:00Z") == ["2026-01-30T10:00:00"], "the last Friday")
        #expect(try Self.next("0 0 10 ? * 6#3", after: "2026-01-01T00:00:00Z") == ["2026-01-16T10:00:00"], "the third Friday")
        #expect(try Self.next("0 0 10 ? * SUN", after: "2026-03-02T00:00:00Z") == ["2026-03-08T10:00:00"])
    }

    @Test func malformedExpressionsSayWhichField() {
        for (text, words) in [
            ("0 0 12 * *", "6 or 7 fields"), ("0 0 25 * * ?", "hours"), ("0 0 12 * * MON", "exactly one"), ("0 0 12 ? * 8", "day-of-week"),
            ("0 0 12 ? FOO *", "month"), ("0 0/0 12 * * ?", "increment"), ("0 0 12 ? * 2#6", "week of the month"), ("x 0 12 * * ?", "seconds"),
        ] {
            #expect(throws: CronExpression.ParseError.self, "\(text)") { try CronExpression(parsing: text) }
            do {
                _ = try CronExpression(parsing: text)
            } catch {
                #expect(error.message.contains(words), "\(text): \(error.message)")
            }
        }
    }

    @Test func aTimeCycleInCronFormReadsAsOne() {
        guard case .success(.cron(let cron)) = TimerSchedule.parse("0 0 9 ? * MON-FRI", kind: .cycle) else {
            Issue.record("a cron timeCycle did not read")
            return
        }
        #expect(cron.source == "0 0 9 ? * MON-FRI")
        guard case .failure(let error) = TimerSchedule.parse("0 0 9 * * MON-FRI", kind: .cycle) else {
            Issue.record("a malformed cron timeCycle read")
            return
        }
        #expect(error.message.contains("exactly one of day-of-month and day-of-week"), "\(error.message)")
    }
}
