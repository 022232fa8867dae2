import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// `canceled` and `completeScope` of historic activity instances, as Camunda 7's
/// HistoricActivityInstanceTest asserts them (queries by completeScope and by canceled), on both
/// stores (#13).
@Suite struct ActivityHistoryTests {
    /// A parallel split into a subprocess (start → task → end) followed by an end event, and a task
    /// followed by another end event: three end events, each ending a token.
    static let split = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <process id="split" isExecutable="true">
          <startEvent id="start" />
          <parallelGateway id="fork" />
          <subProcess id="subprocess">
            <startEvent id="innerStart" /><userTask id="userTask1" /><endEvent id="innerEnd" />
            <sequenceFlow id="i1" sourceRef="innerStart" targetRef="userTask1" /><sequenceFlow id="i2" sourceRef="userTask1" targetRef="innerEnd" />
          </subProcess>
          <userTask id="userTask2" />
          <endEvent id="end1" /><endEvent id="end2" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
          <sequenceFlow id="f2" sourceRef="fork" targetRef="subprocess" /><sequenceFlow id="f3" sourceRef="subprocess" targetRef="end1" />
          <sequenceFlow id="f4" sourceRef="fork" targetRef="userTask2" /><sequenceFlow id="f5" sourceRef="userTask2" targetRef="end2" />
        </process>
        </definitions>
        """

    private static func activityIDs(_ test: ProcessTest, _ query: HistoricActivityInstanceQuery) async throws -> [String] {
        try await test.runtime.activityHistory(query, page: .all).map(\.activityID).sorted()
    }

    @Test(arguments: TestBackend.allCases) func everyEndEventThatEndsATokenCompletesItsScope(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.split)
        let instance = try await test.start("split")
        try await test.complete("userTask1", in: instance)
        try await test.complete("userTask2", in: instance)
        try await test.expectEnded(instance)
        #expect(try await Self.activityIDs(test, HistoricActivityInstanceQuery(processInstanceID: instance, completeScope: true)) == ["end1", "end2", "innerEnd"])
        #expect(try await test.runtime.count(HistoricActivityInstanceQuery(processInstanceID: instance, canceled: true)) == 0)
        #expect(try await test.runtime.count(HistoricActivityInstanceQuery(processInstanceID: instance, activityType: "noneEndEvent")) == 3, "Camunda's activity type")
        #expect(try await test.runtime.count(HistoricActivityInstanceQuery(processInstanceID: instance, completeScope: false)) == 6, "start, fork, subprocess, innerStart and both tasks")
    }

    @Test(arguments: TestBackend.allCases) func deletingAnInstanceCancelsWhatWasActiveAndCompletesNoScope(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.split)
        let instance = try await test.start("split")
        try await test.runtime.cancel(instance)
        #expect(try await Self.activityIDs(test, HistoricActivityInstanceQuery(processInstanceID: instance, canceled: true)) == ["subprocess", "userTask1", "userTask2"])
        #expect(try await test.runtime.count(HistoricActivityInstanceQuery(processInstanceID: instance, completeScope: true)) == 0)
    }

    /// An interrupting boundary event cancels the task it sits on; the boundary event itself is
    /// neither canceled nor completes a scope (it has a flow to take).
    @Test(arguments: TestBackend.allCases) func anInterruptingBoundaryEventCancelsItsTask(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <process id="p" isExecutable="true">
              <startEvent id="start" /><userTask id="task" />
              <boundaryEvent id="timer" attachedToRef="task"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
              <userTask id="afterTimer" /><endEvent id="end" /><endEvent id="timedOut" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="task" /><sequenceFlow id="f2" sourceRef="task" targetRef="end" />
              <sequenceFlow id="f3" sourceRef="timer" targetRef="afterTimer" /><sequenceFlow id="f4" sourceRef="afterTimer" targetRef="timedOut" />
            </process>
            </definitions>
            """)
        let instance = try await test.start("p")
        try await test.advance(by: "PT2H")
        #expect(try await Self.activityIDs(test, HistoricActivityInstanceQuery(processInstanceID: instance, canceled: true)) == ["task"])
        let timer = try #require(try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "timer"), page: .all).first)
        #expect(timer.activityType == "boundaryTimer")
        #expect(timer.endTime != nil)
        #expect(!timer.canceled && !timer.completeScope)
        try await test.complete("afterTimer", in: instance)
        #expect(try await Self.activityIDs(test, HistoricActivityInstanceQuery(processInstanceID: instance, completeScope: true)) == ["timedOut"])
    }
}
