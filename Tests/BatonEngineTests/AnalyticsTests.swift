import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Workflow analytics over a history whose figures are known by construction, alike on both
/// stores: counts by outcome in a window, nearest-rank duration percentiles, the oldest running
/// instance, per-activity figures, and a definition scope that keeps other processes out.
@Suite struct AnalyticsTests {
    static let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="claim" isExecutable="true"><startEvent id="s" /><userTask id="review" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e" /></process>
        <process id="archive" isExecutable="true"><startEvent id="s2" /><serviceTask id="store" camunda:type="external" camunda:topic="archive" />
          <endEvent id="e2" /><sequenceFlow id="g1" sourceRef="s2" targetRef="store" /><sequenceFlow id="g2" sourceRef="store" targetRef="e2" /></process>
        </definitions>
        """

    @Test(arguments: TestBackend.allCases) func figuresMatchAKnownHistory(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.model)
        let t0 = test.clock.now()
        var claims: [String] = []
        for _ in 0..<4 {
            claims.append(try await test.start("claim"))
            test.clock.advance(by: "PT1M")
        }
        let archived = try await test.start("archive")
        let locked = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: [FetchTopic(name: "archive", lockDuration: 60_000)])
        try await test.runtime.handleExternalTaskFailure(locked[0].id, workerID: "w", errorMessage: "disk full", retries: 0)
        test.clock.set(t0.adding(milliseconds: 10 * 60_000))
        try await test.complete("review", in: claims[0])  // 10 minutes
        test.clock.set(t0.adding(milliseconds: 31 * 60_000))
        try await test.complete("review", in: claims[1])  // 30 minutes
        test.clock.set(t0.adding(milliseconds: 42 * 60_000))
        try await test.runtime.cancel(claims[2])  // 40 minutes
        try await test.runtime.cancel(archived)

        let claimDefinitions = ResourceScope.only(Set(try await test.runtime.processDefinitions(key: "claim").map(\.id)))
        let hour = t0.adding(milliseconds: 3_600_000)
        let claim = try await test.runtime.analytics(AnalyticsQuery(definitions: claimDefinitions, from: t0, to: hour, perActivity: true))
        #expect((claim.started, claim.completed, claim.canceled, claim.endedWithIncident, claim.running) == (4, 2, 1, 0, 1))
        #expect((claim.durationP50, claim.durationP90, claim.durationP99) == (1_800_000, 2_400_000, 2_400_000))
        #expect(claim.successRate == 2.0 / 3.0)
        // A heat map asks for the activities only: their counts, means and incidents, nothing else.
        let heat = try await test.runtime.analytics(AnalyticsQuery(definitions: claimDefinitions, from: t0, to: hour, activitiesOnly: true))
        #expect(heat.activities == claim.activities.map { var lighter = $0; lighter.p90Millis = nil; return lighter })
        #expect(heat.started == 0 && heat.oldestRunning == nil)
        #expect(claim.oldestRunning == .init(processInstanceID: claims[3], startedAt: t0.adding(milliseconds: 180_000)))
        #expect(claim.activities == [
            ActivityAnalytics(activityID: "e", count: 2, meanMillis: 0, p90Millis: 0, openIncidents: 0),
            ActivityAnalytics(activityID: "review", count: 4, meanMillis: 1_600_000, p90Millis: 2_400_000, openIncidents: 0),
            ActivityAnalytics(activityID: "s", count: 4, meanMillis: 0, p90Millis: 0, openIncidents: 0),
        ])

        let all = try await test.runtime.analytics(AnalyticsQuery(definitions: .all, from: t0, to: hour))
        #expect((all.started, all.completed, all.canceled, all.endedWithIncident, all.running) == (5, 2, 2, 1, 1), "the archive instance too")
        #expect(all.activities.isEmpty, "per activity only when asked")

        // A later window: what ended in it, nothing started; an empty one has no durations.
        let late = try await test.runtime.analytics(AnalyticsQuery(definitions: claimDefinitions, from: t0.adding(milliseconds: 30 * 60_000), to: hour))
        #expect((late.started, late.completed, late.canceled, late.durationP50) == (0, 1, 1, 1_800_000))
        let empty = try await test.runtime.analytics(AnalyticsQuery(definitions: .only([]), from: t0, to: hour))
        #expect(empty == ProcessAnalytics())
        #expect(empty.successRate == nil)
    }
}
