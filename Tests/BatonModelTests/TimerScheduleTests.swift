import BatonModel
import Testing

@Suite struct TimerScheduleTests {
    private func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    @Test func readsDateTimesWithOffsetsAndFractions() {
        #expect(at("2026-11-22T10:15:00Z").millisecondsSinceEpoch == 1_795_342_500_000)
        #expect(at("2026-11-22T11:15:00+01:00") == at("2026-11-22T10:15:00Z"))
        #expect(at("2026-11-22T05:15:00-0500") == at("2026-11-22T10:15:00Z"))
        #expect(at("2026-11-22T10:15:00.250Z").millisecondsSinceEpoch == 1_795_342_500_250)
        #expect(at("2026-11-22") == at("2026-11-22T00:00:00Z"))
        #expect(at("1969-12-31T23:59:59Z").millisecondsSinceEpoch == -1000)
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-13-01", "2026-11-22T24:00:00Z", "22.11.2026", "2026-11-22T10:15Zjunk", ""])
    func refusesInvalidDates(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func printsWhatItReads() {
        for text in ["2026-11-22T10:15:00.250Z", "2000-02-29T23:59:59.999Z", "1969-07-20T20:17:40.000Z", "2400-12-31T00:00:00.000Z"] {
            #expect(at(text).iso8601 == text)
        }
    }

    @Test func civilDaysRoundTripAcrossCenturies() {
        // Every day from 1600 to 2400 formats and parses back to the same instant.
        var day = Timestamp(iso8601: "1600-01-01")!.millisecondsSinceEpoch
        let end = Timestamp(iso8601: "2400-12-31")!.millisecondsSinceEpoch
        while day <= end {
            let instant = Timestamp(millisecondsSinceEpoch: day)
            #expect(Timestamp(iso8601: instant.iso8601) == instant)
            day += 86_400_000 * 7
        }
    }

    @Test func instantsOfAnyTimeOfDayRoundTripAndYearsBeyondFourDigitsKeepTheirDigits() {
        // A deterministic walk over 1600-2400 with uneven steps, so every field takes many values.
        var instant = Timestamp(iso8601: "1600-01-01T00:00:00Z")!.millisecondsSinceEpoch
        let end = Timestamp(iso8601: "2400-12-31T23:59:59.999Z")!.millisecondsSinceEpoch
        while instant <= end {
            let timestamp = Timestamp(millisecondsSinceEpoch: instant)
            #expect(timestamp.iso8601.utf8.count == 24)
            #expect(Timestamp(iso8601: timestamp.iso8601) == timestamp)
            instant += 12_345_678_917
        }
        #expect(Timestamp(millisecondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp(millisecondsSinceEpoch: 253_402_300_800_000).iso8601 == "10000-01-01T00:00:00.000Z")
    }

    @Test func durationsAddCalendarUnitsOnTheCalendar() throws {
        let start = at("2026-01-31T09:00:00Z")
        #expect(try #require(ISODuration("P1M")).added(to: start) == at("2026-02-28T09:00:00Z"))
        #expect(try #require(ISODuration("P1Y1M")).added(to: at("2027-01-29T00:00:00Z")) == at("2028-02-29T00:00:00Z"))
        #expect(try #require(ISODuration("P3D")).added(to: start) == at("2026-02-03T09:00:00Z"))
        #expect(try #require(ISODuration("P2W")).added(to: start) == at("2026-02-14T09:00:00Z"))
        #expect(try #require(ISODuration("PT1H30M")).added(to: start) == at("2026-01-31T10:30:00Z"))
        #expect(try #require(ISODuration("PT0.5S")).fixedMilliseconds == 500)
        #expect(try #require(ISODuration("P1DT12H")).fixedMilliseconds == 129_600_000)
    }

    @Test(arguments: ["P", "PT", "3D", "P1.5D", "PT1H2H", "P1H", "PTM", "P-1D", "P99999999999999D", "P1DT", "P3D1Y"])
    func refusesInvalidDurations(text: String) {
        #expect(ISODuration(text) == nil)
    }

    @Test func readsCycles() throws {
        let bounded = try #require(TimerCycle("R3/PT10M"))
        #expect(bounded.repetitions == 3)
        #expect(bounded.interval.fixedMilliseconds == 600_000)
        let unbounded = try #require(TimerCycle("R/P1D"))
        #expect(unbounded.repetitions == nil)
        let anchored = try #require(TimerCycle("R5/2026-12-01T08:00:00Z/P1D"))
        #expect(anchored.start == at("2026-12-01T08:00:00Z"))
        #expect(anchored.firstDue(after: at("2026-11-22T00:00:00Z")) == at("2026-12-01T08:00:00Z"))
        let ending = try #require(TimerCycle("R/PT1H/2026-11-22T10:30:00Z"))
        #expect(ending.firstDue(after: at("2026-11-22T10:00:00Z")) == nil)
        #expect(TimerCycle("R3/PT10M").flatMap { $0.firstDue(after: at("2026-11-22T10:00:00Z")) } == at("2026-11-22T10:10:00Z"))
        #expect(TimerCycle("R0/PT1M")?.firstDue(after: at("2026-11-22T10:00:00Z")) == nil)
    }

    @Test func explainsWhatIsWrongWithATimerValue() {
        guard case .failure(let error) = TimerSchedule.parse("0 0 9 * * MON", kind: .cycle) else {
            Issue.record("a cron expression with both day fields set must be refused, as Quartz refuses it")
            return
        }
        #expect(error.message.hasPrefix("Expected timeCycle to be a cron expression such as 0 0 9 ? * MON-FRI (exactly one of day-of-month"), "\(error.message)")
        guard case .failure(let duration) = TimerSchedule.parse("3 days", kind: .duration) else {
            Issue.record("'3 days' must be refused")
            return
        }
        #expect(duration.message == "Expected timeDuration to be an ISO 8601 duration such as P3D or PT10M, but it is '3 days'.")
    }

    @Test func retryPoliciesAcceptCyclesAndLists() {
        #expect(RetryPolicy("R5/PT5M") == .cycle(TimerCycle("R5/PT5M")!))
        #expect(RetryPolicy("PT1M, PT10M") == .intervals([ISODuration("PT1M")!, ISODuration("PT10M")!]))
        #expect(RetryPolicy("soon") == nil)
    }
}

/// Values from BPMN files and API callers must never trap the process on overflow.
@Suite struct TimeOverflowTests {
    @Test func absurdDurationsAreRefusedAtParse() {
        #expect(ISODuration("P999999999999Y") == nil)
        #expect(ISODuration("P999999999999W") == nil)
        #expect(ISODuration("PT999999999999S") == nil)
        #expect(ISODuration("P10000Y") != nil)
        guard case .failure(let error) = TimerSchedule.parse("P999999999999Y", kind: .duration) else {
            Issue.record("an absurd duration must be refused")
            return
        }
        #expect(error.message.contains("of at most 10000 years"))
    }

    @Test func timestampArithmeticSaturates() {
        #expect(Timestamp(millisecondsSinceEpoch: 1).adding(milliseconds: .max).millisecondsSinceEpoch == .max)
        #expect(Timestamp(millisecondsSinceEpoch: -1).adding(milliseconds: .min).millisecondsSinceEpoch == .min)
        #expect(ISODuration("P10000Y")!.added(to: Timestamp(iso8601: "2026-01-01")!) > Timestamp(iso8601: "2026-01-01")!)
    }
}
