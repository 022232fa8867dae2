import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Signal events, as Camunda 7's SignalEventTest, SignalEventPayloadTest,
/// SignalEventExpressionNameTest, SignalEventReceivedBuilderTest and SignalEndEventTest assert
/// them (own models, the same scenarios), each on both stores.
@Suite struct SignalEventTests {
    static func definitions(_ processes: String) -> String {
        ProcessTest.definitions("""
            <signal id="alertSignal" name="alert" />
            <signal id="abortSignal" name="abort" />
            <signal id="namedSignal" name="alert-${suffix}" />
            \(processes)
            """)
    }

    /// `p`: start → `catch` (signal alert) → `after` (user task) → end.
    static let catcher = """
        <process id="catcher" isExecutable="true">
          <startEvent id="s" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="catch" />
          <intermediateCatchEvent id="catch"><signalEventDefinition signalRef="alertSignal" /></intermediateCatchEvent>
          <sequenceFlow id="f2" sourceRef="catch" targetRef="after" />
          <userTask id="after" />
          <sequenceFlow id="f3" sourceRef="after" targetRef="e" />
          <endEvent id="e" />
        </process>
        """

    /// `thrower`: start → `throw` (signal alert, with `payload`) → end.
    static func thrower(payload: String = "", end: Bool = false) -> String {
        let definition = "<signalEventDefinition signalRef=\"alertSignal\">\(payload.isEmpty ? "" : "<extensionElements>\(payload)</extensionElements>")</signalEventDefinition>"
        return end
            ? """
            <process id="thrower" isExecutable="true">
              <startEvent id="ts" />
              <sequenceFlow id="t1" sourceRef="ts" targetRef="throw" />
              <endEvent id="throw">\(definition)</endEvent>
            </process>
            """
            : """
            <process id="thrower" isExecutable="true">
              <startEvent id="ts" />
              <sequenceFlow id="t1" sourceRef="ts" targetRef="throw" />
              <intermediateThrowEvent id="throw">\(definition)</intermediateThrowEvent>
              <sequenceFlow id="t2" sourceRef="throw" targetRef="te" />
              <endEvent id="te" />
            </process>
            """
    }

    /// A user task `work` with `boundary` attached, leading to `handle`.
    static func task(boundary: String) -> String {
        """
        <process id="worker" isExecutable="true">
          <startEvent id="s" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="work" />
          <userTask id="work" />
          <sequenceFlow id="f2" sourceRef="work" targetRef="e" />
          <endEvent id="e" />
          \(boundary)
          <sequenceFlow id="f3" sourceRef="caught" targetRef="handle" />
          <userTask id="handle" />
          <sequenceFlow id="f4" sourceRef="handle" targetRef="handled" />
          <endEvent id="handled" />
        </process>
        """
    }

    @Test(arguments: TestBackend.allCases) func anIntermediateThrowReachesAWaitingCatchInAnotherInstance(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions(Self.catcher + Self.thrower()))
        let instance = try await test.start("catcher")
        let waiting = try await test.runtime.eventSubscriptions(EventSubscriptionQuery(eventType: "signal"))
        #expect(waiting.map(\.eventName) == ["alert"] && waiting.map(\.activityID) == ["catch"])
        let thrower = try await test.start("thrower")
        try await test.expectEnded(thrower)
        #expect(try await test.active(in: instance) == ["after"], "delivered before the throwing call returned")
        #expect(try await test.runtime.eventSubscriptions(EventSubscriptionQuery(eventType: "signal")).isEmpty)
        let types = try await test.runtime.activityHistory(of: instance).map(\.activityType)
        #expect(types.contains("intermediateSignalCatch"))
        #expect(try await test.runtime.activityHistory(of: thrower).map(\.activityType).contains("intermediateSignalThrow"))
    }

    @Test(arguments: TestBackend.allCases) func aSignalEndEventReachesEveryWaitingInstanceAndNotTheOnesStartedLater(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions(Self.catcher + Self.thrower(end: true)))
        let first = try await test.start("catcher"), second = try await test.start("catcher")
        let thrower = try await test.start("thrower")
        #expect(try await test.runtime.activityHistory(of: thrower).map(\.activityType).contains("signalEndEvent"))
        let later = try await test.start("catcher")
        #expect(try await test.active(in: first) == ["after"])
        #expect(try await test.active(in: second) == ["after"])
        #expect(try await test.active(in: later) == ["catch"])
    }

    @Test(arguments: TestBackend.allCases) func aThrowWithNoReceiverDoesNothing(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions(Self.thrower()))
        try await test.expectEnded(try await test.start("thrower"))
        try await test.runtime.throwSignal(SignalThrow(name: "nobody-listens"))
    }

    @Test(arguments: TestBackend.allCases) func anInterruptingBoundaryEndsTheTaskAndANonInterruptingOneLetsItGoOn(backend: TestBackend) async throws {
        let interrupting = try await ProcessTest.on(backend)
        try await interrupting.deploy(Self.definitions(Self.task(boundary: """
            <boundaryEvent id="caught" attachedToRef="work"><signalEventDefinition signalRef="alertSignal" /></boundaryEvent>
            """)))
        let first = try await interrupting.start("worker")
        try await interrupting.runtime.throwSignal(SignalThrow(name: "alert"))
        #expect(try await interrupting.active(in: first) == ["handle"])
        let boundary = try await interrupting.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: first, activityID: "caught"))
        #expect(boundary.map(\.activityType) == ["boundarySignal"])

        let nonInterrupting = try await ProcessTest.on(backend)
        try await nonInterrupting.deploy(Self.definitions(Self.task(boundary: """
            <boundaryEvent id="caught" attachedToRef="work" cancelActivity="false"><signalEventDefinition signalRef="alertSignal" /></boundaryEvent>
            """)))
        let second = try await nonInterrupting.start("worker")
        try await nonInterrupting.runtime.throwSignal(SignalThrow(name: "alert"))
        try await nonInterrupting.runtime.throwSignal(SignalThrow(name: "alert"))
        #expect(try await nonInterrupting.active(in: second).sorted() == ["handle", "handle", "work"], "still listening after each signal")
    }

    @Test(arguments: TestBackend.allCases) func aSignalEndEventInASubprocessIsCaughtByTheSubprocessBoundary(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions("""
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="stage" />
              <subProcess id="stage">
                <startEvent id="innerStart" />
                <sequenceFlow id="i1" sourceRef="innerStart" targetRef="raise" />
                <endEvent id="raise"><signalEventDefinition signalRef="alertSignal" /></endEvent>
              </subProcess>
              <boundaryEvent id="caught" attachedToRef="stage"><signalEventDefinition signalRef="alertSignal" /></boundaryEvent>
              <sequenceFlow id="f2" sourceRef="stage" targetRef="normal" />
              <userTask id="normal" />
              <sequenceFlow id="f3" sourceRef="caught" targetRef="caughtTask" />
              <userTask id="caughtTask" />
            </process>
            """))
        // The throwing instance's own receivers get the signal before the thrower goes on.
        let instance = try await test.start("p")
        #expect(try await test.active(in: instance) == ["caughtTask"])
        let stage = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "stage"))
        #expect(stage.first?.canceled == true)
    }

    @Test(arguments: TestBackend.allCases) func aReceiverInTheThrowingInstanceGetsTheSignalAsOthersDo(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions(Self.catcher + """
            <process id="both" isExecutable="true">
              <startEvent id="bs" />
              <sequenceFlow id="b1" sourceRef="bs" targetRef="fork" />
              <parallelGateway id="fork" />
              <sequenceFlow id="b2" sourceRef="fork" targetRef="listen" />
              <sequenceFlow id="b3" sourceRef="fork" targetRef="decide" />
              <intermediateCatchEvent id="listen"><signalEventDefinition signalRef="alertSignal" /></intermediateCatchEvent>
              <sequenceFlow id="b4" sourceRef="listen" targetRef="heard" />
              <userTask id="heard" />
              <userTask id="decide" />
              <sequenceFlow id="b5" sourceRef="decide" targetRef="shout" />
              <intermediateThrowEvent id="shout"><signalEventDefinition signalRef="alertSignal" /></intermediateThrowEvent>
              <sequenceFlow id="b6" sourceRef="shout" targetRef="done" />
              <userTask id="done" />
            </process>
            """))
        let other = try await test.start("catcher")
        let instance = try await test.start("both")
        try await test.complete("decide", in: instance)
        #expect(try await test.active(in: instance).sorted() == ["done", "heard"])
        #expect(try await test.active(in: other) == ["after"])
    }

    @Test(arguments: TestBackend.allCases) func anEventSubprocessStartsOnASignalInterruptingOrNot(backend: TestBackend) async throws {
        for (interrupting, expected) in [(true, ["handler"]), (false, ["handler", "work"])] {
            let test = try await ProcessTest.on(backend)
            try await test.deploy(Self.definitions("""
                <process id="p" isExecutable="true">
                  <startEvent id="s" />
                  <sequenceFlow id="f1" sourceRef="s" targetRef="work" />
                  <userTask id="work" />
                  <sequenceFlow id="f2" sourceRef="work" targetRef="e" />
                  <endEvent id="e" />
                  <subProcess id="onAlert" triggeredByEvent="true">
                    <startEvent id="alerted" isInterrupting="\(interrupting)"><signalEventDefinition signalRef="alertSignal" /></startEvent>
                    <sequenceFlow id="a1" sourceRef="alerted" targetRef="handler" />
                    <userTask id="handler" />
                    <sequenceFlow id="a2" sourceRef="handler" targetRef="ae" />
                    <endEvent id="ae" />
                  </subProcess>
                </process>
                """))
            let instance = try await test.start("p")
            try await test.runtime.throwSignal(SignalThrow(name: "alert", variables: ["level": .integer(3)]))
            #expect(try await test.active(in: instance).filter { $0 != "onAlert" }.sorted() == expected)
            #expect(try await test.variables(of: instance)["level"] == .integer(3), "the signal's variables")
            let start = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "alerted"))
            #expect(start.map(\.activityType) == ["signalStartEvent"])
        }
    }

    @Test(arguments: TestBackend.allCases) func aSignalStartsTheLatestVersionOfEveryProcessWaitingForItUnlessSuspended(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        func starter(_ key: String, signal: String) -> String {
            """
            <process id="\(key)" isExecutable="true">
              <startEvent id="onSignal"><signalEventDefinition signalRef="\(signal)" /></startEvent>
              <sequenceFlow id="f1" sourceRef="onSignal" targetRef="work" />
              <userTask id="work" />
            </process>
            """
        }
        try await test.deploy(Self.definitions(starter("a", signal: "alertSignal")), name: "a.bpmn")
        try await test.deploy(Self.definitions(starter("b", signal: "alertSignal")), name: "b.bpmn")
        try await test.deploy(Self.definitions(starter("c", signal: "alertSignal")), name: "c.bpmn")
        // The second version of `a` waits for another signal: only the latest version counts.
        try await test.deploy(Self.definitions(starter("a", signal: "abortSignal")), name: "a.bpmn")
        let c = try #require(try await test.runtime.processDefinitions(key: "c").last)
        try await test.runtime.setDefinitionsSuspended([c.id], true, includeInstances: false)
        try await test.runtime.throwSignal(SignalThrow(name: "alert", variables: ["from": .string("api")]))
        let started = try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .running))
        #expect(started.map(\.processKey) == ["b"])
        #expect(try await test.variables(of: started[0].id)["from"] == .string("api"))
        let start = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: started[0].id, activityID: "onSignal"))
        #expect(start.map(\.activityType) == ["signalStartEvent"])
        try await test.runtime.throwSignal(SignalThrow(name: "abort"))
        #expect(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .running)).map(\.processKey).sorted() == ["a", "b"])
    }

    @Test(arguments: TestBackend.allCases) func withoutAPayloadTheCatcherKeepsItsOwnVariables(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions(Self.catcher + Self.thrower()))
        let instance = try await test.start("catcher", ["processName": .string("catcher")])
        _ = try await test.start("thrower", ["processName": .string("thrower")])
        #expect(try await test.variables(of: instance)["processName"] == .string("catcher"))
    }

    @Test(arguments: TestBackend.allCases) func camundaInMappingsCarryThePayloadAndTheBusinessKey(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions(Self.catcher + Self.thrower(payload: """
            <camunda:in source="amount" target="paid" />
            <camunda:in sourceExpression="${'plan-'.concat(plan)}" target="planName" />
            <camunda:in source="missing" target="notThere" />
            """)))
        let instance = try await test.start("catcher")
        _ = try await test.start("thrower", ["amount": .integer(12), "plan": .string("gold"), "secret": .string("kept")])
        let variables = try await test.variables(of: instance)
        #expect(variables["paid"] == .integer(12) && variables["planName"] == .string("plan-gold"))
        #expect(variables["secret"] == nil && variables["notThere"] == nil, "only what is mapped, and nothing for a missing source")

        let all = try await ProcessTest.on(backend)
        try await all.deploy(Self.definitions("""
            <process id="starter" isExecutable="true">
              <startEvent id="onSignal"><signalEventDefinition signalRef="alertSignal" /></startEvent>
              <sequenceFlow id="f1" sourceRef="onSignal" targetRef="work" />
              <userTask id="work" />
            </process>
            <process id="thrower" isExecutable="true">
              <startEvent id="ts" />
              <sequenceFlow id="t1" sourceRef="ts" targetRef="throw" />
              <endEvent id="throw">
                <extensionElements>
                  <camunda:inputOutput><camunda:inputParameter name="localOnly">local</camunda:inputParameter></camunda:inputOutput>
                </extensionElements>
                <signalEventDefinition signalRef="alertSignal">
                  <extensionElements>
                    <camunda:in variables="all" local="true" />
                    <camunda:in businessKey="${execution.processBusinessKey}-copy" />
                  </extensionElements>
                </signalEventDefinition>
              </endEvent>
            </process>
            """))
        _ = try await all.start("thrower", ["global": .string("not local")], businessKey: "order-7")
        let started = try #require(try await all.runtime.instances(ProcessInstanceQuery(processDefinitionKey: "starter")).first)
        #expect(started.businessKey == "order-7-copy")
        #expect(try await all.variables(of: started.id) == ["localOnly": .string("local")], "local=\"true\": the end event's own variables only")
    }

    @Test(arguments: TestBackend.allCases) func signalNamesWithExpressionsResolveFromTheWaitingAndTheThrowingInstance(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions("""
            <process id="catcher" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="catch" />
              <intermediateCatchEvent id="catch"><signalEventDefinition signalRef="namedSignal" /></intermediateCatchEvent>
              <sequenceFlow id="f2" sourceRef="catch" targetRef="after" />
              <userTask id="after" />
            </process>
            <process id="thrower" isExecutable="true">
              <startEvent id="ts" />
              <sequenceFlow id="t1" sourceRef="ts" targetRef="throw" />
              <endEvent id="throw"><signalEventDefinition signalRef="namedSignal" /></endEvent>
            </process>
            """))
        let north = try await test.start("catcher", ["suffix": .string("north")])
        let south = try await test.start("catcher", ["suffix": .string("south")])
        #expect(try await test.runtime.eventSubscriptions(EventSubscriptionQuery(eventType: "signal")).map(\.eventName).sorted() == ["alert-north", "alert-south"])
        _ = try await test.start("thrower", ["suffix": .string("south")])
        #expect(try await test.active(in: north) == ["catch"])
        #expect(try await test.active(in: south) == ["after"])
        await #expect(throws: EngineError.self, "a name that cannot be resolved fails the start, and nothing waits") {
            try await test.start("catcher")
        }
        #expect(try await test.runtime.eventSubscriptions(EventSubscriptionQuery(eventType: "signal")).count == 1)
    }

    @Test(arguments: TestBackend.allCases) func aSuspendedInstanceIsPassedByAndAskedForByExecutionIsRefused(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions(Self.catcher))
        let suspended = try await test.start("catcher"), active = try await test.start("catcher")
        try await test.runtime.setSuspended(suspended, true)
        try await test.runtime.throwSignal(SignalThrow(name: "alert"))
        #expect(try await test.active(in: active) == ["after"])
        #expect(try await test.active(in: suspended) == ["catch"])
        let refusal = await #expect(throws: EngineError.self) {
            try await test.runtime.throwSignal(SignalThrow(name: "alert"), executionID: suspended)
        }
        #expect(refusal?.kind == .suspended)
        try await test.runtime.setSuspended(suspended, false)
        #expect(try await test.active(in: suspended) == ["catch"], "the signal it missed is not kept for it")
        try await test.runtime.throwSignal(SignalThrow(name: "alert"))
        #expect(try await test.active(in: suspended) == ["after"])
    }

    @Test(arguments: TestBackend.allCases) func aSignalForOneExecutionReachesThatOneOnly(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions(Self.catcher))
        let one = try await test.start("catcher"), other = try await test.start("catcher")
        try await test.runtime.throwSignal(SignalThrow(name: "alert", variables: ["x": .integer(1)]), executionID: one)
        #expect(try await test.active(in: one) == ["after"])
        #expect(try await test.variables(of: one)["x"] == .integer(1))
        #expect(try await test.active(in: other) == ["catch"])

        let unknown = await #expect(throws: EngineError.self) {
            try await test.runtime.throwSignal(SignalThrow(name: "alert"), executionID: "nonExisting")
        }
        #expect(unknown?.kind == .notFound && unknown?.message == "Cannot find execution with id 'nonExisting': execution is null")
        let notWaiting = await #expect(throws: EngineError.self) {
            try await test.runtime.throwSignal(SignalThrow(name: "abort"), executionID: other)
        }
        #expect(notWaiting?.message == "Execution '\(other)' has not subscribed to a signal event with name 'abort'.")
    }

    @Test(arguments: TestBackend.allCases) func twoReceiversInOneInstanceThatBothTerminateRunOneTerminateOnly(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions("""
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="fork" />
              <parallelGateway id="fork" />
              <sequenceFlow id="f2" sourceRef="fork" targetRef="catchA" />
              <sequenceFlow id="f3" sourceRef="fork" targetRef="catchB" />
              <intermediateCatchEvent id="catchA"><signalEventDefinition signalRef="alertSignal" /></intermediateCatchEvent>
              <intermediateCatchEvent id="catchB"><signalEventDefinition signalRef="alertSignal" /></intermediateCatchEvent>
              <sequenceFlow id="f4" sourceRef="catchA" targetRef="endA" />
              <sequenceFlow id="f5" sourceRef="catchB" targetRef="endB" />
              <endEvent id="endA"><terminateEventDefinition /></endEvent>
              <endEvent id="endB"><terminateEventDefinition /></endEvent>
            </process>
            """))
        let instance = try await test.start("p")
        try await test.runtime.throwSignal(SignalThrow(name: "alert"))
        try await test.expectEnded(instance)
        let ends = try await test.history(of: instance).filter { $0.hasPrefix("end") }
        #expect(ends == ["endA"])
    }

    @Test(arguments: TestBackend.allCases) func aSignalAfterAnEventBasedGatewayCancelsTheOtherEvents(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions("""
            <message id="payment" name="payment" />
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="gateway" />
              <eventBasedGateway id="gateway" />
              <sequenceFlow id="f2" sourceRef="gateway" targetRef="onAlert" />
              <sequenceFlow id="f3" sourceRef="gateway" targetRef="onTimer" />
              <sequenceFlow id="f4" sourceRef="gateway" targetRef="onPayment" />
              <intermediateCatchEvent id="onAlert"><signalEventDefinition signalRef="alertSignal" /></intermediateCatchEvent>
              <intermediateCatchEvent id="onTimer"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
              <intermediateCatchEvent id="onPayment"><messageEventDefinition messageRef="payment" /></intermediateCatchEvent>
              <sequenceFlow id="f5" sourceRef="onAlert" targetRef="alerted" />
              <sequenceFlow id="f6" sourceRef="onTimer" targetRef="late" />
              <sequenceFlow id="f7" sourceRef="onPayment" targetRef="paid" />
              <userTask id="alerted" />
              <userTask id="late" />
              <userTask id="paid" />
            </process>
            """))
        let instance = try await test.start("p")
        try await test.runtime.throwSignal(SignalThrow(name: "alert"))
        #expect(try await test.active(in: instance) == ["alerted"])
        #expect(try await test.runtime.jobs().isEmpty)
        #expect(try await test.runtime.eventSubscriptions().isEmpty)
        let catchType = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, activityID: "onAlert"))
        #expect(catchType.map(\.activityType) == ["intermediateSignalCatch"])
    }

    @Test(arguments: TestBackend.allCases) func aDeliveryThatFailsStaysAndIsDeliveredOnceTheReceiverCanTakeIt(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.definitions("""
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="catch" />
              <intermediateCatchEvent id="catch"><signalEventDefinition signalRef="alertSignal" /></intermediateCatchEvent>
              <sequenceFlow id="f2" sourceRef="catch" targetRef="route" />
              <exclusiveGateway id="route" />
              <sequenceFlow id="f3" sourceRef="route" targetRef="after"><conditionExpression>${approved}</conditionExpression></sequenceFlow>
              <sequenceFlow id="f4" sourceRef="route" targetRef="rejected"><conditionExpression>${!approved}</conditionExpression></sequenceFlow>
              <userTask id="after" />
              <userTask id="rejected" />
            </process>
            """))
        let broken = try await test.start("p"), fine = try await test.start("p", ["approved": .boolean(true)])
        try await test.runtime.throwSignal(SignalThrow(name: "alert"))
        #expect(try await test.active(in: fine) == ["after"], "one receiver's failure does not hold the others back")
        #expect(try await test.active(in: broken) == ["catch"], "the failed delivery changed nothing")
        #expect(try await test.runtime.runDueJobs().signalDeliveries == 0, "it waits before the next attempt")
        try await test.runtime.setVariables(of: broken, ["approved": .boolean(true)])
        try await test.advance(by: "PT2S")
        #expect(try await test.active(in: broken) == ["after"])
        try await test.advance(by: "PT1H")
        #expect(try await test.active(in: broken) == ["after"], "delivered once")
    }
}
