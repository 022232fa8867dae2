import BatonEngine
import BatonModel
import BatonTesting
import Synchronization
import Testing

/// Link events and message throw events, as Camunda 7's LinkEventTest,
/// MessageIntermediateThrowEventTest, MessageEndEventTest, ExternalTaskSupportTest and
/// InputOutputEventTest assert them (own models, the same scenarios).
@Suite struct LinkAndMessageThrowTests {
    /// Records what each call saw: the element, and the variables visible to it.
    final class Recorder: ServiceTaskHandler, Sendable {
        private let recorded = Mutex<[(element: String, variables: [String: VariableValue])]>([])
        let result: [String: VariableValue]
        init(result: [String: VariableValue] = [:]) { self.result = result }
        var calls: [(element: String, variables: [String: VariableValue])] { recorded.withLock { $0 } }
        func execute(_ context: HandlerContext) async throws -> [String: VariableValue] {
            recorded.withLock { $0.append((context.elementID, context.variables)) }
            return result
        }
    }

    @Test(arguments: TestBackend.allCases) func aLinkThrowContinuesAtItsCatchAndLeavesNoHistoryOfEither(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(ProcessTest.definitions("""
            <process id="links" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="throwA" />
              <intermediateThrowEvent id="throwA"><linkEventDefinition name="A" /></intermediateThrowEvent>
              <intermediateCatchEvent id="catchA"><linkEventDefinition name="A" /></intermediateCatchEvent>
              <sequenceFlow id="f2" sourceRef="catchA" targetRef="first" />
              <userTask id="first" />
              <sequenceFlow id="f3" sourceRef="first" targetRef="throwB" />
              <intermediateThrowEvent id="throwB"><linkEventDefinition name="B" /></intermediateThrowEvent>
              <intermediateCatchEvent id="catchB"><linkEventDefinition name="B" /></intermediateCatchEvent>
              <sequenceFlow id="f4" sourceRef="catchB" targetRef="second" />
              <userTask id="second" />
              <sequenceFlow id="f5" sourceRef="second" targetRef="end" />
              <endEvent id="end" />
            </process>
            """))
        let instance = try await test.start("links")
        #expect(try await test.active(in: instance) == ["first"])
        try await test.complete("first", in: instance)
        #expect(try await test.active(in: instance) == ["second"])
        try await test.complete("second", in: instance)
        try await test.expectEnded(instance)
        #expect(try await test.history(of: instance) == ["start", "first", "second", "end"], "Camunda records no link event")
    }

    @Test func twoThrowsOfOneLinkBothArriveAtItsCatch() async throws {
        let test = ProcessTest()
        try await test.deploy(ProcessTest.definitions("""
            <process id="sources" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
              <parallelGateway id="fork" />
              <sequenceFlow id="f2" sourceRef="fork" targetRef="left" />
              <sequenceFlow id="f3" sourceRef="fork" targetRef="right" />
              <intermediateThrowEvent id="left"><linkEventDefinition name="join" /></intermediateThrowEvent>
              <intermediateThrowEvent id="right"><linkEventDefinition name="join" /></intermediateThrowEvent>
              <intermediateCatchEvent id="arrive"><linkEventDefinition name="join" /></intermediateCatchEvent>
              <sequenceFlow id="f4" sourceRef="arrive" targetRef="wait" />
              <userTask id="wait" />
              <sequenceFlow id="f5" sourceRef="wait" targetRef="end" />
              <endEvent id="end" />
            </process>
            """))
        let instance = try await test.start("sources")
        #expect(try await test.active(in: instance) == ["wait", "wait"])
        #expect(try await test.history(of: instance) == ["start", "fork", "wait", "wait"])
    }

    @Test func aLinkInsideASubprocessStaysInIt() async throws {
        let test = ProcessTest()
        try await test.deploy(ProcessTest.definitions("""
            <process id="scoped" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="stage" />
              <subProcess id="stage">
                <startEvent id="innerStart" />
                <sequenceFlow id="i1" sourceRef="innerStart" targetRef="jump" />
                <intermediateThrowEvent id="jump"><linkEventDefinition name="on" /></intermediateThrowEvent>
                <intermediateCatchEvent id="land"><linkEventDefinition name="on" /></intermediateCatchEvent>
                <sequenceFlow id="i2" sourceRef="land" targetRef="work" />
                <userTask id="work" />
                <sequenceFlow id="i3" sourceRef="work" targetRef="innerEnd" />
                <endEvent id="innerEnd" />
              </subProcess>
              <sequenceFlow id="f2" sourceRef="stage" targetRef="after" />
              <userTask id="after" />
              <sequenceFlow id="f3" sourceRef="after" targetRef="end" />
              <endEvent id="end" />
            </process>
            """))
        let instance = try await test.start("scoped")
        #expect(try await test.active(in: instance) == ["stage", "work"], "the subprocess did not end when the throw left it")
        try await test.complete("work", in: instance)
        #expect(try await test.active(in: instance) == ["after"])
    }

    @Test func messageThrowEventsWithoutAnImplementationPassTheTokenOn() async throws {
        let test = ProcessTest()
        try await test.deploy(ProcessTest.definitions("""
            <message id="note" name="note" />
            <process id="plain" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="announce" />
              <intermediateThrowEvent id="announce"><messageEventDefinition messageRef="note" /></intermediateThrowEvent>
              <sequenceFlow id="f2" sourceRef="announce" targetRef="end" />
              <endEvent id="end"><messageEventDefinition /></endEvent>
            </process>
            """))
        let instance = try await test.start("plain")
        try await test.expectEnded(instance)
        #expect(try await test.history(of: instance) == ["start", "announce", "end"])
    }

    @Test func aMessageThrowEventRunsItsHandlerLikeAServiceTaskWithItsMappings() async throws {
        let recorder = Recorder(result: ["sent": .boolean(true)])
        let test = ProcessTest(handlers: ["notifyBroker": recorder])
        try await test.deploy(ProcessTest.definitions("""
            <process id="handled" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="announce" />
              <intermediateThrowEvent id="announce">
                <extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="channel">broker-feed</camunda:inputParameter>
                  <camunda:outputParameter name="announced">${sent}</camunda:outputParameter>
                </camunda:inputOutput></extensionElements>
                <messageEventDefinition camunda:delegateExpression="${notifyBroker}" />
              </intermediateThrowEvent>
              <sequenceFlow id="f2" sourceRef="announce" targetRef="review" />
              <userTask id="review" />
              <sequenceFlow id="f3" sourceRef="review" targetRef="end" />
              <endEvent id="end" />
            </process>
            """))
        let instance = try await test.start("handled", ["plan": .string("gold")])
        #expect(recorder.calls.map(\.element) == ["announce"])
        #expect(recorder.calls.first?.variables["channel"] == .string("broker-feed"), "its input mapping is visible to the handler")
        #expect(try await test.active(in: instance) == ["review"])
        let variables = try await test.variables(of: instance)
        #expect(variables["announced"] == .boolean(true) && variables["channel"] == nil, "outputs reach the process; inputs stay local")
        let throwing = try #require(try await test.runtime.activityHistory(of: instance).first { $0.activityID == "announce" })
        #expect(throwing.activityType == "intermediateMessageThrowEvent")
    }

    @Test func messageEndEventsRunAnExpressionADelegateOrAClass() async throws {
        let delegate = Recorder(), named = Recorder()
        let test = ProcessTest(handlers: ["endDelegate": delegate, "org.example.EndClass": named])
        try await test.deploy(ProcessTest.definitions("""
            <process id="ends" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="choose" />
              <exclusiveGateway id="choose" />
              <sequenceFlow id="toExpression" sourceRef="choose" targetRef="expressionEnd"><conditionExpression>${path == 'expression'}</conditionExpression></sequenceFlow>
              <sequenceFlow id="toDelegate" sourceRef="choose" targetRef="delegateEnd"><conditionExpression>${path == 'delegate'}</conditionExpression></sequenceFlow>
              <sequenceFlow id="toClass" sourceRef="choose" targetRef="classEnd"><conditionExpression>${path == 'class'}</conditionExpression></sequenceFlow>
              <endEvent id="expressionEnd"><messageEventDefinition camunda:expression="${path}" camunda:resultVariable="result" /></endEvent>
              <endEvent id="delegateEnd"><messageEventDefinition camunda:delegateExpression="${endDelegate}" /></endEvent>
              <endEvent id="classEnd"><messageEventDefinition camunda:class="org.example.EndClass" /></endEvent>
            </process>
            """))
        for path in ["expression", "delegate", "class"] {
            let instance = try await test.start("ends", ["path": .string(path)])
            try await test.expectEnded(instance)
        }
        #expect(delegate.calls.map(\.element) == ["delegateEnd"] && named.calls.map(\.element) == ["classEnd"])
        let expressionEnd = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(activityID: "expressionEnd"))
        #expect(expressionEnd.map(\.activityType) == ["messageEndEvent"])
        let results = try await test.runtime.variableHistory(HistoricVariableInstanceQuery(variableName: "result"))
        #expect(results.map(\.value) == [.string("expression")], "the expression ran and its result was kept")
    }

    @Test(arguments: TestBackend.allCases) func anExternalMessageEndEventWaitsForAWorker(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(ProcessTest.definitions("""
            <process id="external" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="publish" />
              <endEvent id="publish"><messageEventDefinition camunda:type="external" camunda:topic="publish-plan" camunda:taskPriority="7" /></endEvent>
            </process>
            """))
        let instance = try await test.start("external")
        #expect(try await test.active(in: instance) == ["publish"])
        let locked = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 5, topics: [FetchTopic(name: "publish-plan", lockDuration: 10_000)])
        #expect(locked.map(\.processInstanceID) == [instance] && locked.first?.priority == 7)
        try await test.runtime.completeExternalTask(try #require(locked.first?.id), workerID: "w")
        try await test.expectEnded(instance)
    }
}
