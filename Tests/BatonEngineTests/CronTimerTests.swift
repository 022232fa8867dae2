import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// `timeCycle` in cron form, as Camunda 7 runs it (TimerStartEventTest, BoundaryTimerNonInterruptingEventTest
/// with cron cycles): a timer start, a repeating non-interrupting boundary timer and a catch event
/// fire at the expression's times on the engine's clock (UTC).
@Suite struct CronTimerTests {
    static let bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="daily" isExecutable="true">
            <startEvent id="everyMorning"><timerEventDefinition><timeCycle>0 0 9 ? * MON-FRI</timeCycle></timerEventDefinition></startEvent>
            <sequenceFlow id="f1" sourceRef="everyMorning" targetRef="review" />
            <userTask id="review" />
            <boundaryEvent id="remind" attachedToRef="review" cancelActivity="false">
              <timerEventDefinition><timeCycle>0 0/30 * * * ?</timeCycle></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="remind" targetRef="reminded" />
            <endEvent id="reminded" />
            <sequenceFlow id="f3" sourceRef="review" targetRef="waitForNoon" />
            <intermediateCatchEvent id="waitForNoon"><timerEventDefinition><timeCycle>0 0 12 * * ?</timeCycle></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f4" sourceRef="waitForNoon" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """

    @Test(arguments: TestBackend.allCases) func cronTimersFireAtTheExpressionsTimes(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        // ProcessTest's clock starts on Thursday 2026-01-01 at midnight UTC.
        try await test.deploy(Self.bpmn)
        try await test.advance(by: "PT9H")
        var instances = try await test.runtime.instances(ProcessInstanceQuery(processDefinitionKey: "daily"))
        #expect(instances.count == 1, "Thursday 09:00")
        try await test.advance(by: "PT1H")
        let first = try #require(instances.first?.id)
        let reminders = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: first, activityID: "remind"))
        #expect(reminders.count == 2, "09:30 and 10:00: the boundary re-arms at the expression's next time")
        try await test.advance(by: "P1D")
        instances = try await test.runtime.instances(ProcessInstanceQuery(processDefinitionKey: "daily"))
        #expect(instances.count == 2, "Friday 09:00")
        try await test.advance(by: "P2D")
        instances = try await test.runtime.instances(ProcessInstanceQuery(processDefinitionKey: "daily"))
        #expect(instances.count == 2, "no start on Saturday or Sunday")
        try await test.advance(by: "P1D")
        instances = try await test.runtime.instances(ProcessInstanceQuery(processDefinitionKey: "daily"))
        #expect(instances.count == 3, "Monday 09:00")

        try await test.complete("review", in: first)
        #expect(try await test.active(in: first) == ["waitForNoon"])
        let wait = try #require(try await test.runtime.jobs(JobQuery(processInstanceID: first)).first)
        #expect(wait.dueAt.map { String($0.iso8601.prefix(16)) } == "2026-01-05T12:00", "the next noon after now (Monday 10:00)")
    }
}
