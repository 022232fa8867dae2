import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Camunda's HistoricActivityInstanceStateTest, ported: which activity instances end `canceled`
/// and which `completeScope`, on both stores (#13).
@Suite struct ActivityInstanceStateTests {
    /// The ids of `instance`'s activity instances that are canceled, and that completed a scope.
    private static func states(_ test: ProcessTest, _ instance: String) async throws -> (canceled: [String], completeScope: [String]) {
        let canceled = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, canceled: true))
        let completed = try await test.runtime.activityHistory(HistoricActivityInstanceQuery(processInstanceID: instance, completeScope: true))
        return (canceled.map(\.activityID).sorted(), completed.map(\.activityID).sorted())
    }

    private static func model(_ body: String, messages: [String] = []) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        \(messages.map { #"<message id="\#($0)" name="\#($0)" />"# }.joined())<error id="err" errorCode="oops" />
        <process id="process" isExecutable="true">\(body)</process></definitions>
        """
    }

    private static func flow(_ source: String, _ target: String) -> String {
        #"<sequenceFlow id="\#(source)-\#(target)" sourceRef="\#(source)" targetRef="\#(target)" />"#
    }

    /// SingleEndActivity, EndParallelJoin and SimpleSubProcess: whatever ends a token with no
    /// flow to take completes its scope.
    @Test(arguments: TestBackend.allCases) func whatEndsATokenCompletesItsScope(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.model(#"""
            <startEvent id="start" /><parallelGateway id="split" /><task id="task1" /><task id="task2" /><parallelGateway id="parallelJoinEnd" />
            <subProcess id="subprocess"><startEvent id="subStart" /><endEvent id="subprocessEnd" />\#(Self.flow("subStart", "subprocessEnd"))</subProcess>
            <task id="end" />
            """# + Self.flow("start", "split") + Self.flow("split", "task1") + Self.flow("split", "task2") + Self.flow("split", "subprocess")
            + Self.flow("task1", "parallelJoinEnd") + Self.flow("task2", "parallelJoinEnd") + Self.flow("subprocess", "end")))
        let instance = try await test.start("process")
        try await test.expectEnded(instance)
        let states = try await Self.states(test, instance)
        #expect(states.completeScope == ["end", "parallelJoinEnd", "subprocessEnd"])
        #expect(states.canceled.isEmpty)
    }

    /// Parallel and SequentialMultiInstanceSubProcess: each inner subprocess instance and its end
    /// event complete their scope, the body does not.
    @Test(arguments: TestBackend.allCases) func multiInstanceSubprocessesCompleteTheirScopes(backend: TestBackend) async throws {
        for sequential in [false, true] {
            let test = try await ProcessTest.on(backend)
            try await test.deploy(Self.model(#"""
                <startEvent id="start" />
                <subProcess id="intermediateSubprocess"><multiInstanceLoopCharacteristics isSequential="\#(sequential)"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
                  <startEvent id="subprocessStart" /><endEvent id="subprocessEnd" />\#(Self.flow("subprocessStart", "subprocessEnd"))</subProcess>
                <endEvent id="end" />
                """# + Self.flow("start", "intermediateSubprocess") + Self.flow("intermediateSubprocess", "end")))
            let instance = try await test.start("process")
            let states = try await Self.states(test, instance)
            #expect(states.completeScope.filter { $0 == "intermediateSubprocess" }.count == 3, "\(states.completeScope)")
            #expect(states.completeScope.filter { $0 == "subprocessEnd" }.count == 3)
            #expect(states.completeScope.filter { $0 == "end" }.count == 1)
            #expect(states.completeScope.count == 7, "not the multi-instance body")
        }
    }

    /// BoundaryErrorCancel, EventSubprocessMessageCancel and the EndTerminateEventCancel variants.
    @Test(arguments: TestBackend.allCases) func interruptionsCancelWhatTheyEnd(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        // An error thrown inside the subprocess ends it through its boundary event.
        try await test.deploy(Self.model(#"""
            <startEvent id="start" />
            <subProcess id="subprocess"><startEvent id="subStart" /><parallelGateway id="gtw" /><userTask id="userTask" />
              <intermediateCatchEvent id="wait"><messageEventDefinition messageRef="continue" /></intermediateCatchEvent>
              <endEvent id="errorSubprocessEnd"><errorEventDefinition errorRef="err" /></endEvent>
              \#(Self.flow("subStart", "gtw") + Self.flow("gtw", "userTask") + Self.flow("gtw", "wait") + Self.flow("wait", "errorSubprocessEnd"))</subProcess>
            <boundaryEvent id="boundary" attachedToRef="subprocess"><errorEventDefinition errorRef="err" /></boundaryEvent>
            <endEvent id="endAfterBoundary" /><endEvent id="end" />
            """# + Self.flow("start", "subprocess") + Self.flow("subprocess", "end") + Self.flow("boundary", "endAfterBoundary"), messages: ["continue"]),
            name: "error.bpmn")
        let errored = try await test.start("process")
        try await test.runtime.correlate(MessageCorrelation(messageName: "continue", processInstanceID: errored))
        try await test.expectEnded(errored)
        let afterError = try await Self.states(test, errored)
        #expect(afterError.canceled == ["errorSubprocessEnd", "subprocess", "userTask"], "the throwing end event too, as in Camunda")
        #expect(afterError.completeScope == ["endAfterBoundary"])

        // A terminate end event inside a subprocess ends only the subprocess's other tokens.
        try await test.deploy(Self.model(#"""
            <startEvent id="start" />
            <subProcess id="subprocess"><startEvent id="subStart" /><parallelGateway id="gtw" /><userTask id="userTask" />
              <intermediateCatchEvent id="wait"><messageEventDefinition messageRef="continue" /></intermediateCatchEvent>
              <endEvent id="terminateEnd"><terminateEventDefinition /></endEvent>
              \#(Self.flow("subStart", "gtw") + Self.flow("gtw", "userTask") + Self.flow("gtw", "wait") + Self.flow("wait", "terminateEnd"))</subProcess>
            <endEvent id="end" />
            """# + Self.flow("start", "subprocess") + Self.flow("subprocess", "end"), messages: ["continue"]), name: "terminate.bpmn")
        let terminated = try await test.start("process")
        try await test.runtime.correlate(MessageCorrelation(messageName: "continue", processInstanceID: terminated))
        try await test.expectEnded(terminated)
        let afterTerminate = try await Self.states(test, terminated)
        #expect(afterTerminate.canceled == ["userTask"])
        #expect(afterTerminate.completeScope == ["end", "terminateEnd"])
    }
}

/// Per-activity statistics of a definition (#15): running activity instances by activity, a
/// multi-instance body not counted beside its inner instances, open incidents by type; ended
/// instances never count.
@Suite struct ActivityStatisticsTests {
    @Test(arguments: TestBackend.allCases) func statisticsCountWhatRunsAtEachActivity(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let deployed = try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="stats" isExecutable="true"><startEvent id="s" />
              <userTask id="review"><multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></userTask>
              <serviceTask id="publish" camunda:asyncBefore="true" camunda:expression="${missing.value}" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="publish" />
              <sequenceFlow id="f3" sourceRef="publish" targetRef="e" /></process></definitions>
            """)
        let definition = try #require(deployed.definitions.first).id
        let first = try await test.start("stats")
        _ = try await test.start("stats")
        let ended = try await test.start("stats")
        try await test.runtime.cancel(ended)
        // The first instance reaches the failing service task and exhausts its retries.
        for _ in 0..<2 { try await test.complete("review", in: first) }
        for _ in 0..<3 {
            try await test.runJobs()
            try await test.advance(by: "PT1H")
        }
        let statistics = try await test.runtime.activityStatistics(definitionID: definition)
        #expect(statistics.map(\.activityID) == ["publish", "review"])
        #expect(statistics.first { $0.activityID == "review" }?.instances == 2, "two inner instances of the second instance; its body and the ended one do not count")
        let publish = try #require(statistics.first { $0.activityID == "publish" })
        #expect(publish.instances == 1 && publish.openIncidents.map(\.kind) == ["failedJob"] && publish.openIncidents.first?.failedJobs == 1)
    }
}
