import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Escalation events, as Camunda 7's EscalationEventTest and EscalationEventSubprocessTest assert
/// them (own models, the same scenarios): thrown by intermediate and end events, caught by
/// boundary events on subprocesses and call activities and by event subprocesses, interrupting
/// or not; uncaught, nothing happens.
@Suite struct EscalationTests {
    static func definitions(_ processes: String) -> String {
        ProcessTest.definitions("""
            <escalation id="late" name="Late" escalationCode="LATE" />
            <escalation id="other" name="Other" escalationCode="OTHER" />
            \(processes)
            """)
    }

    /// A subprocess that throws `LATE` (from an intermediate throw, then waits at `inside`), with
    /// `boundary` attached to it.
    static func subprocess(boundary: String) -> String {
        definitions("""
            <process id="p" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="stage" />
              <subProcess id="stage">
                <startEvent id="innerStart" />
                <sequenceFlow id="i1" sourceRef="innerStart" targetRef="raise" />
                <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late" /></intermediateThrowEvent>
                <sequenceFlow id="i2" sourceRef="raise" targetRef="inside" />
                <userTask id="inside" />
                <sequenceFlow id="i3" sourceRef="inside" targetRef="innerEnd" />
                <endEvent id="innerEnd" />
              </subProcess>
              \(boundary)
              <sequenceFlow id="f2" sourceRef="stage" targetRef="after" />
              <userTask id="after" />
              <sequenceFlow id="f3" sourceRef="after" targetRef="end" />
              <endEvent id="end" />
              <sequenceFlow id="f4" sourceRef="caught" targetRef="handle" />
              <userTask id="handle" />
              <sequenceFlow id="f5" sourceRef="handle" targetRef="handled" />
              <endEvent id="handled" />
            </process>
            """)
    }

    @Test func anInterruptingBoundaryEndsTheSubprocessThatEscalated() async throws {
        let test = ProcessTest()
        try await test.deploy(Self.subprocess(boundary: """
            <boundaryEvent id="caught" attachedToRef="stage">
              <escalationEventDefinition escalationRef="late" camunda:escalationCodeVariable="escalated" />
            </boundaryEvent>
            """))
        let instance = try await test.start("p")
        #expect(try await test.active(in: instance) == ["handle"])
        let stage = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "stage"))
        #expect(stage.first?.canceled == true)
        let variables = try await test.variables(of: instance)
        #expect(variables["escalated"] == .string("LATE"), "camunda:escalationCodeVariable")
        let raise = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "raise"))
        #expect(raise.map(\.activityType) == ["intermediateEscalationThrowEvent"] && raise.first?.canceled == true)
    }

    @Test func aNonInterruptingBoundaryLetsTheThrowerGoOn() async throws {
        let test = ProcessTest()
        try await test.deploy(Self.subprocess(boundary: """
            <boundaryEvent id="caught" attachedToRef="stage" cancelActivity="false"><escalationEventDefinition escalationRef="late" /></boundaryEvent>
            """))
        let instance = try await test.start("p")
        #expect(Set(try await test.active(in: instance)) == ["stage", "inside", "handle"])
        try await test.complete("inside", in: instance)
        try await test.complete("handle", in: instance)
        try await test.complete("after", in: instance)
        try await test.expectEnded(instance)
    }

    @Test func anUncaughtEscalationChangesNothing() async throws {
        let test = ProcessTest()
        try await test.deploy(Self.subprocess(boundary: """
            <boundaryEvent id="caught" attachedToRef="stage"><escalationEventDefinition escalationRef="other" /></boundaryEvent>
            """))
        let instance = try await test.start("p")
        #expect(Set(try await test.active(in: instance)) == ["stage", "inside"], "OTHER is not LATE: nothing catches it")
    }

    @Test func aCatchAllBoundaryCatchesAnyCodeButASpecificOneWins() async throws {
        let test = ProcessTest()
        try await test.deploy(Self.subprocess(boundary: """
            <boundaryEvent id="any" attachedToRef="stage"><escalationEventDefinition /></boundaryEvent>
            <sequenceFlow id="fAny" sourceRef="any" targetRef="handleAny" />
            <userTask id="handleAny" />
            <boundaryEvent id="caught" attachedToRef="stage"><escalationEventDefinition escalationRef="late" /></boundaryEvent>
            """))
        let instance = try await test.start("p")
        #expect(try await test.active(in: instance) == ["handle"])
    }

    @Test func escalationEndEventsAndEventSubprocessesInterruptingOrNot() async throws {
        let test = ProcessTest()
        for (key, interrupting) in [("keep", false), ("stop", true)] {
            try await test.deploy(Self.definitions("""
                <process id="\(key)" isExecutable="true">
                  <startEvent id="start" />
                  <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
                  <parallelGateway id="fork" />
                  <sequenceFlow id="f2" sourceRef="fork" targetRef="work" />
                  <sequenceFlow id="f3" sourceRef="fork" targetRef="raise" />
                  <userTask id="work" />
                  <sequenceFlow id="f4" sourceRef="work" targetRef="end" />
                  <endEvent id="end" />
                  <endEvent id="raise"><escalationEventDefinition escalationRef="late" /></endEvent>
                  <subProcess id="onLate" triggeredByEvent="true">
                    <startEvent id="lateStart" isInterrupting="\(interrupting)"><escalationEventDefinition escalationRef="late" /></startEvent>
                    <sequenceFlow id="e1" sourceRef="lateStart" targetRef="chase" />
                    <userTask id="chase" />
                    <sequenceFlow id="e2" sourceRef="chase" targetRef="lateEnd" />
                    <endEvent id="lateEnd" />
                  </subProcess>
                </process>
                """), name: "\(key).bpmn")
        }
        let kept = try await test.start("keep")
        #expect(Set(try await test.active(in: kept)) == ["work", "onLate", "chase"])
        let raise = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: kept, activityID: "raise"))
        #expect(raise.map(\.activityType) == ["escalationEndEvent"] && raise.first?.canceled == false, "the end event ended its token")
        let stopped = try await test.start("stop")
        #expect(Set(try await test.active(in: stopped)) == ["onLate", "chase"], "an interrupting start ends the rest")
    }

    @Test(arguments: TestBackend.allCases) func aCalledProcessEscalatesToItsCallActivity(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions("""
            <process id="child" isExecutable="true">
              <startEvent id="childStart" />
              <sequenceFlow id="c1" sourceRef="childStart" targetRef="raise" />
              <intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late" /></intermediateThrowEvent>
              <sequenceFlow id="c2" sourceRef="raise" targetRef="childWork" />
              <userTask id="childWork" />
              <sequenceFlow id="c3" sourceRef="childWork" targetRef="childEnd" />
              <endEvent id="childEnd" />
            </process>
            """), name: "child.bpmn")
        for (key, cancel) in [("keep", false), ("stop", true)] {
            try await test.deploy(Self.definitions("""
                <process id="\(key)" isExecutable="true">
                  <startEvent id="start" />
                  <sequenceFlow id="f1" sourceRef="start" targetRef="call" />
                  <callActivity id="call" calledElement="child" />
                  <boundaryEvent id="caught" attachedToRef="call" cancelActivity="\(cancel)"><escalationEventDefinition escalationRef="late" /></boundaryEvent>
                  <sequenceFlow id="f2" sourceRef="call" targetRef="end" />
                  <endEvent id="end" />
                  <sequenceFlow id="f3" sourceRef="caught" targetRef="handle" />
                  <userTask id="handle" />
                  <sequenceFlow id="f4" sourceRef="handle" targetRef="handled" />
                  <endEvent id="handled" />
                </process>
                """), name: "\(key).bpmn")
        }
        let kept = try await test.start("keep")
        #expect(Set(try await test.active(in: kept)) == ["call", "handle"])
        let keptChild = try #require(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any, superInstanceID: kept)).first)
        #expect(try await test.active(in: keptChild.id) == ["childWork"], "the called instance goes on")

        let stopped = try await test.start("stop")
        #expect(try await test.active(in: stopped) == ["handle"])
        let stoppedChild = try #require(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any, superInstanceID: stopped)).first)
        #expect(stoppedChild.state == .terminated, "an interrupting catch ends the call activity and the called instance")
    }
}
