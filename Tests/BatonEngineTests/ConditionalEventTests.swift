import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Conditional events, as Camunda 7's IntermediateConditionalEventTest,
/// BoundaryConditionalEventTest, EventSubProcessStartConditionalEventTest,
/// ConditionalEventWithSpecificVariableEventTest and ConditionalStartEventTest assert them (own
/// models, the same scenarios).
@Suite struct ConditionalEventTests {
    static func intermediate(_ attributes: String = "", condition: String = "${limit > 10}") -> String {
        ProcessTest.definitions("""
            <process id="p" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
              <intermediateCatchEvent id="wait"><conditionalEventDefinition \(attributes)><condition>\(condition)</condition></conditionalEventDefinition></intermediateCatchEvent>
              <sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
              <userTask id="after" />
              <sequenceFlow id="f3" sourceRef="after" targetRef="end" />
              <endEvent id="end" />
            </process>
            """)
    }

    static func set(_ test: ProcessTest, _ instance: String, _ variables: [String: VariableValue]) async throws {
        try await test.runtime.setVariables(of: instance, variables)
    }

    @Test func anIntermediateConditionIsCheckedOnArrivalAndThenOnEveryChange() async throws {
        let test = ProcessTest()
        try await test.deploy(Self.intermediate())
        let passing = try await test.start("p", ["limit": .long(20)])
        #expect(try await test.active(in: passing) == ["after"], "true on arrival: it does not wait")
        let waiting = try await test.start("p")
        #expect(try await test.active(in: waiting) == ["wait"], "a variable nobody set makes the condition false, not an error")
        try await Self.set(test, waiting, ["limit": .long(5)])
        #expect(try await test.active(in: waiting) == ["wait"])
        try await Self.set(test, waiting, ["limit": .long(11)])
        #expect(try await test.active(in: waiting) == ["after"])
        let wait = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: waiting, activityID: "wait"))
        #expect(wait.map(\.activityType) == ["intermediateConditional"])
    }

    @Test func variableNameAndVariableEventsLimitWhichChangesCount() async throws {
        let named = ProcessTest()
        try await named.deploy(Self.intermediate(#"camunda:variableName="limit""#, condition: "${other > 0}"))
        let instance = try await named.start("p")
        try await Self.set(named, instance, ["other": .long(1)])
        #expect(try await named.active(in: instance) == ["wait"], "a change of another variable is not offered")
        try await Self.set(named, instance, ["limit": .long(1)])
        #expect(try await named.active(in: instance) == ["after"])

        let updates = ProcessTest()
        try await updates.deploy(Self.intermediate(#"camunda:variableEvents="update""#, condition: "${limit > 0}"))
        let updated = try await updates.start("p")
        try await Self.set(updates, updated, ["limit": .long(3)])
        #expect(try await updates.active(in: updated) == ["wait"], "creating the variable is not an update")
        try await Self.set(updates, updated, ["limit": .long(4)])
        #expect(try await updates.active(in: updated) == ["after"])
    }

    static func boundary(cancelActivity: Bool) -> String {
        ProcessTest.definitions("""
            <process id="b" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
              <userTask id="work" />
              <boundaryEvent id="tooHigh" attachedToRef="work" cancelActivity="\(cancelActivity)">
                <conditionalEventDefinition><condition>${amount > 100}</condition></conditionalEventDefinition>
              </boundaryEvent>
              <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
              <endEvent id="end" />
              <sequenceFlow id="f3" sourceRef="tooHigh" targetRef="review" />
              <userTask id="review" />
              <sequenceFlow id="f4" sourceRef="review" targetRef="reviewed" />
              <endEvent id="reviewed" />
            </process>
            """)
    }

    @Test(arguments: TestBackend.allCases) func anInterruptingBoundaryConditionTrueOnEntryKeepsTheActivityFromRunning(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.boundary(cancelActivity: true))
        let high = try await test.start("b", ["amount": .long(500)])
        #expect(try await test.active(in: high) == ["review"])
        #expect(try await test.runtime.tasks(TaskQuery(processInstanceID: high)).map(\.taskDefinitionKey) == ["review"], "no task was left for 'work'")
        let low = try await test.start("b", ["amount": .long(50)])
        #expect(try await test.active(in: low) == ["work"])
        try await Self.set(test, low, ["amount": .long(150)])
        #expect(try await test.active(in: low) == ["review"], "a change while it runs interrupts it")
    }

    @Test func aNonInterruptingBoundaryConditionFiresOnEveryChangeThatFindsItTrue() async throws {
        let test = ProcessTest()
        try await test.deploy(Self.boundary(cancelActivity: false))
        let instance = try await test.start("b", ["amount": .long(500)])
        #expect(try await test.active(in: instance) == ["work", "review"], "on entry, and the activity runs on")
        try await Self.set(test, instance, ["amount": .long(600)])
        try await Self.set(test, instance, ["amount": .long(1)])
        let reviews = try await test.runtime.tasks(TaskQuery(processInstanceID: instance, taskDefinitionKey: "review"))
        #expect(reviews.count == 2, "entry and the first update; the last change made it false")
    }

    @Test func eventSubprocessConditionsInterruptingOrNot() async throws {
        let test = ProcessTest()
        for (key, interrupting) in [("keep", false), ("stop", true)] {
            try await test.deploy(ProcessTest.definitions("""
                <process id="\(key)" isExecutable="true">
                  <startEvent id="start" />
                  <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
                  <userTask id="work" />
                  <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
                  <endEvent id="end" />
                  <subProcess id="watch" triggeredByEvent="true">
                    <startEvent id="watchStart" isInterrupting="\(interrupting)">
                      <conditionalEventDefinition camunda:variableName="risk"><condition>${risk == 'high'}</condition></conditionalEventDefinition>
                    </startEvent>
                    <sequenceFlow id="w1" sourceRef="watchStart" targetRef="escalate" />
                    <userTask id="escalate" />
                    <sequenceFlow id="w2" sourceRef="escalate" targetRef="watchEnd" />
                    <endEvent id="watchEnd" />
                  </subProcess>
                </process>
                """), name: "\(key).bpmn")
        }
        let kept = try await test.start("keep")
        try await Self.set(test, kept, ["risk": .string("high")])
        try await Self.set(test, kept, ["risk": .string("high")])
        #expect(try await test.runtime.tasks(TaskQuery(processInstanceID: kept)).map(\.taskDefinitionKey).sorted() == ["escalate", "escalate", "work"])
        let stopped = try await test.start("stop", ["risk": .string("high")])
        #expect(try await test.active(in: stopped) == ["watch", "escalate"], "true when the process starts: the rest never runs")
    }

    @Test func startConditionsStartTheLatestVersionsWhoseConditionHolds() async throws {
        let test = ProcessTest()
        try await test.deploy(ProcessTest.definitions("""
            <process id="heat" isExecutable="true">
              <startEvent id="hot"><conditionalEventDefinition><condition>${temperature > 30}</condition></conditionalEventDefinition></startEvent>
              <sequenceFlow id="f1" sourceRef="hot" targetRef="cool" />
              <userTask id="cool" />
              <sequenceFlow id="f2" sourceRef="cool" targetRef="end" />
              <endEvent id="end" />
              <startEvent id="veryHot"><conditionalEventDefinition camunda:variableName="alarm"><condition>${temperature > 40}</condition></conditionalEventDefinition></startEvent>
              <sequenceFlow id="f3" sourceRef="veryHot" targetRef="evacuate" />
              <userTask id="evacuate" />
              <sequenceFlow id="f4" sourceRef="evacuate" targetRef="end" />
            </process>
            """))
        #expect(try await test.runtime.evaluateStartConditions(variables: ["temperature": .long(20)]).isEmpty)
        let started = try await test.runtime.evaluateStartConditions(variables: ["temperature": .long(45)], businessKey: "room-7")
        #expect(started.count == 1 && started.first?.businessKey == "room-7", "veryHot needs 'alarm' among the variables")
        let both = try await test.runtime.evaluateStartConditions(variables: ["temperature": .long(45), "alarm": .boolean(true)])
        #expect(both.count == 2)
        let waiting = try await test.runtime.tasks(TaskQuery(processDefinitionKey: "heat")).map(\.taskDefinitionKey).sorted()
        #expect(waiting == ["cool", "cool", "evacuate"])
        let variables = try await test.variables(of: try #require(started.first?.id))
        #expect(variables["temperature"] == .long(45), "the given variables become the instance's")

        let none = ProcessTest()
        try await none.deploy(Self.intermediate())
        await #expect(throws: EngineError.self, "nothing to evaluate") { try await none.runtime.evaluateStartConditions(variables: [:]) }
    }

    /// IntermediateConditionalEventTest's event-based gateway cases: a condition true on arrival
    /// wins at once; otherwise the first change that makes one true, unless another event came first.
    @Test(arguments: TestBackend.allCases) func anEventBasedGatewayWaitsForAConditionBesideAMessage(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(ProcessTest.definitions("""
            <message id="cancelled" name="cancelled" />
            <process id="race" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="choose" />
              <eventBasedGateway id="choose" />
              <sequenceFlow id="f2" sourceRef="choose" targetRef="approvedEnough" />
              <sequenceFlow id="f3" sourceRef="choose" targetRef="cancel" />
              <intermediateCatchEvent id="approvedEnough"><conditionalEventDefinition><condition>${approvals >= 2}</condition></conditionalEventDefinition></intermediateCatchEvent>
              <intermediateCatchEvent id="cancel"><messageEventDefinition messageRef="cancelled" /></intermediateCatchEvent>
              <sequenceFlow id="f4" sourceRef="approvedEnough" targetRef="proceed" />
              <userTask id="proceed" />
              <sequenceFlow id="f5" sourceRef="cancel" targetRef="stop" />
              <userTask id="stop" />
            </process>
            """))
        let atOnce = try await test.start("race", ["approvals": .long(2)])
        #expect(try await test.active(in: atOnce) == ["proceed"])
        let later = try await test.start("race", ["approvals": .long(0)])
        #expect(try await test.active(in: later) == ["choose"])
        try await Self.set(test, later, ["approvals": .long(1)])
        #expect(try await test.active(in: later) == ["choose"])
        try await Self.set(test, later, ["approvals": .long(2)])
        #expect(try await test.active(in: later) == ["proceed"])
        #expect(try await test.runtime.eventSubscriptions(EventSubscriptionQuery(processInstanceID: later)).isEmpty, "the message no longer waits")
        let cancelled = try await test.start("race", ["approvals": .long(0)])
        _ = try await test.runtime.correlate(MessageCorrelation(messageName: "cancelled", processInstanceID: cancelled))
        try await Self.set(test, cancelled, ["approvals": .long(5)])
        #expect(try await test.active(in: cancelled) == ["stop"], "the message came first; the condition no longer counts")
    }
}
