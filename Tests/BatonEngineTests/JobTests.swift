import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Synchronization
import Testing

private func process(_ body: String, errors: String = "") -> String {
    """
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
    \(errors)
    <process id="p" isExecutable="true">\(body)</process></definitions>
    """
}

/// Counts handler calls, and fails the first `failures` of them.
final class FlakyHandler: ServiceTaskHandler {
    let calls = Mutex(0)
    let failures: Int
    init(failures: Int) { self.failures = failures }
    func execute(_ context: HandlerContext) async throws -> [String: VariableValue] {
        let call = calls.withLock { value -> Int in
            value += 1
            return value
        }
        if call <= failures { throw ScenarioFailure(message: "Aidbox answered 503") }
        return ["publishedVersion": .string("v\(call)")]
    }
}

struct ScenarioFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

@Suite struct HandlerTests {
    private let sync = process(#"""
        <startEvent id="s" /><serviceTask id="score" camunda:delegateExpression="${scorer}" /><userTask id="next" /><endEvent id="e" />
        <boundaryEvent id="fraud" attachedToRef="score"><errorEventDefinition errorRef="F" /></boundaryEvent><endEvent id="rejected" />
        <sequenceFlow id="f1" sourceRef="s" targetRef="score" /><sequenceFlow id="f2" sourceRef="score" targetRef="next" />
        <sequenceFlow id="f3" sourceRef="next" targetRef="e" /><sequenceFlow id="f4" sourceRef="fraud" targetRef="rejected" />
        """#, errors: #"<error id="F" errorCode="FRAUD" />"#)

    @Test(arguments: TestBackend.allCases) func aSynchronousHandlerRunsInsideTheCallersCommand(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, handlers: ["scorer": ClosureHandler { context in
            ["score": .long(context.variables["amount"] == .long(10) ? 1 : 99)]
        }])
        try await test.deploy(sync)
        let instance = try await test.start("p", ["amount": .long(10)])
        #expect(try await test.active(in: instance) == ["next"])
        #expect(try await test.runtime.variables(of: instance).map(\.name) == ["amount", "score"])
    }

    @Test(arguments: TestBackend.allCases) func aBPMNErrorFromAHandlerIsCaught(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, handlers: ["scorer": ClosureHandler { _ in throw BPMNError(code: "FRAUD", message: "too risky") }])
        try await test.deploy(sync)
        let instance = try await test.start("p")
        try await test.expectEnded(instance)
        #expect(try await test.history(of: instance) == ["s", "score", "fraud", "rejected"])
    }

    @Test(arguments: TestBackend.allCases) func aFailingSynchronousHandlerFailsTheCommandAndLeavesNothing(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, handlers: ["scorer": FlakyHandler(failures: 1)])
        try await test.deploy(sync)
        await #expect(throws: EngineError.self) { _ = try await test.start("p") }
        #expect(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any)).isEmpty, "the start rolled back with the handler")
        let instance = try await test.start("p")
        #expect(try await test.active(in: instance) == ["next"])
    }

    @Test(arguments: TestBackend.allCases) func anUnregisteredHandlerIsNamedInTheError(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(sync)
        await #expect(throws: EngineError(
            .handlerFailed, "Expected a service-task handler registered as 'scorer' for serviceTask 'score', but no handler has that name.")
        ) { _ = try await test.start("p") }
    }

    private let async = process(#"""
        <startEvent id="s" /><serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${publish}">
          <extensionElements><camunda:failedJobRetryTimeCycle>R3/PT1M</camunda:failedJobRetryTimeCycle></extensionElements></serviceTask>
        <endEvent id="e" />
        <sequenceFlow id="f1" sourceRef="s" targetRef="publish" /><sequenceFlow id="f2" sourceRef="publish" targetRef="e" />
        """#)

    @Test(arguments: TestBackend.allCases) func anAsyncHandlerRetriesWithBackoffUntilItSucceeds(backend: TestBackend) async throws {
        let handler = FlakyHandler(failures: 2)
        let test = try await ProcessTest.on(backend, handlers: ["publish": handler])
        try await test.deploy(async)
        let instance = try await test.start("p")
        #expect(try await test.active(in: instance) == ["publish"], "the start returns before the job runs")
        try await test.runJobs()
        #expect(handler.calls.withLock { $0 } == 1)
        let job = try #require(try await test.runtime.jobs(JobQuery(processInstanceID: instance)).first)
        #expect(job.retries == 2)
        #expect(job.errorMessage?.contains("Aidbox answered 503") == true)
        try await test.advance(by: "PT30S")
        #expect(handler.calls.withLock { $0 } == 1, "not before the retry wait")
        try await test.advance(by: "PT30S")
        #expect(handler.calls.withLock { $0 } == 2)
        try await test.advance(by: "PT1M")
        #expect(handler.calls.withLock { $0 } == 3)
        try await test.expectEnded(instance)
        #expect(try await test.runtime.variables(of: instance).first { $0.name == "publishedVersion" }?.value == .string("v3"))
    }

    @Test(arguments: TestBackend.allCases) func anAsyncHandlerOutOfRetriesRaisesAnIncidentThatRetriesResolve(backend: TestBackend) async throws {
        let handler = FlakyHandler(failures: 3)
        let test = try await ProcessTest.on(backend, handlers: ["publish": handler])
        try await test.deploy(async)
        let instance = try await test.start("p")
        try await test.runJobs()
        try await test.advance(by: "PT1M")
        try await test.advance(by: "PT1M")
        let incident = try #require(try await test.runtime.incidents(of: instance).first)
        #expect(incident.activityID == "publish")
        #expect(incident.resolvedAt == nil)
        #expect(try await test.runtime.count(IncidentQuery(open: true, processInstanceID: instance)) == 1)
        let job = try #require(try await test.runtime.jobs(JobQuery(processInstanceID: instance)).first)
        try await test.runtime.setJobRetries(job.id, retries: 1)
        try await test.runJobs()
        try await test.expectEnded(instance)
        #expect(try await test.runtime.incidents(of: instance).first?.resolvedAt != nil)
    }
}

@Suite struct ExternalTaskTests {
    private let external = process(#"""
        <startEvent id="s" /><serviceTask id="charge" camunda:type="external" camunda:topic="payments" /><endEvent id="e" />
        <boundaryEvent id="declined" attachedToRef="charge"><errorEventDefinition errorRef="D" /></boundaryEvent><endEvent id="stop" />
        <sequenceFlow id="f1" sourceRef="s" targetRef="charge" /><sequenceFlow id="f2" sourceRef="charge" targetRef="e" />
        <sequenceFlow id="f3" sourceRef="declined" targetRef="stop" />
        """#, errors: #"<error id="D" errorCode="DECLINED" />"#)

    @Test(arguments: TestBackend.allCases) func workersFetchLockAndComplete(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(external)
        let instance = try await test.start("p", ["amount": .long(5), "secret": .string("x")])
        let locked = try await test.runtime.fetchAndLock(
            workerID: "w1", maxTasks: 5, topics: [FetchTopic(name: "payments", lockDuration: 60_000, variables: ["amount"])])
        #expect(locked.count == 1)
        #expect(locked[0].variables == ["amount": .long(5)])
        #expect(locked[0].activityID == "charge")
        #expect(try await test.runtime.fetchAndLock(workerID: "w2", maxTasks: 5, topics: [FetchTopic(name: "payments", lockDuration: 1000)]).isEmpty)
        await #expect(throws: EngineError(.conflict, "External task '\(locked[0].id)' cannot be handled by worker 'w2'. It is locked by worker 'w1'.")) {
            try await test.runtime.completeExternalTask(locked[0].id, workerID: "w2")
        }
        try await test.runtime.completeExternalTask(locked[0].id, workerID: "w1", variables: ["charged": .boolean(true)])
        try await test.expectEnded(instance)
    }

    @Test(arguments: TestBackend.allCases) func anExpiredLockIsTakenOver(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(external)
        _ = try await test.start("p")
        let first = try await test.runtime.fetchAndLock(workerID: "w1", maxTasks: 1, topics: [FetchTopic(name: "payments", lockDuration: 1000)])
        test.clock.advance(by: "PT2S")
        let second = try await test.runtime.fetchAndLock(workerID: "w2", maxTasks: 1, topics: [FetchTopic(name: "payments", lockDuration: 1000)])
        #expect(second.map(\.id) == first.map(\.id))
        await #expect(throws: EngineError.self) { try await test.runtime.completeExternalTask(first[0].id, workerID: "w1") }
    }

    @Test(arguments: TestBackend.allCases) func failuresRetryAfterTheTimeoutThenRaiseAnIncident(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(external)
        let instance = try await test.start("p")
        let topics = [FetchTopic(name: "payments", lockDuration: 10_000)]
        var task = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: topics)[0]
        try await test.runtime.handleExternalTaskFailure(task.id, workerID: "w", errorMessage: "gateway down", retries: 1, retryTimeout: 5_000)
        #expect(try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: topics).isEmpty, "not before the retry timeout")
        test.clock.advance(by: "PT5S")
        task = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: topics)[0]
        #expect(task.errorMessage == "gateway down")
        try await test.runtime.handleExternalTaskFailure(task.id, workerID: "w", errorMessage: "still down", retries: 0)
        #expect(try await test.runtime.incidents(of: instance).count == 1)
        #expect(try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: topics).isEmpty)
    }

    @Test(arguments: TestBackend.allCases) func aBPMNErrorFromAWorkerIsCaught(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(external)
        let instance = try await test.start("p")
        let task = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: [FetchTopic(name: "payments", lockDuration: 1000)])[0]
        try await test.runtime.extendLock(task.id, workerID: "w", newDuration: 60_000)
        try await test.runtime.handleExternalTaskBpmnError(task.id, workerID: "w", errorCode: "DECLINED")
        try await test.expectEnded(instance)
        #expect(try await test.history(of: instance).suffix(2) == ["declined", "stop"])
    }
}

@Suite struct TimerAndCallTests {
    @Test(arguments: TestBackend.allCases) func timersFireWhenTheClockReachesThem(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(process(#"""
            <startEvent id="s" /><intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT10M</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="wait" /><sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
            """#))
        let instance = try await test.start("p")
        try await test.advance(by: "PT9M")
        #expect(try await test.active(in: instance) == ["wait"])
        try await test.advance(by: "PT1M")
        try await test.expectEnded(instance)
    }

    @Test(arguments: TestBackend.allCases) func timerStartEventsStartInstancesOnSchedule(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(process(#"""
            <startEvent id="tick"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent>
            <userTask id="t" /><endEvent id="e" /><sequenceFlow id="f1" sourceRef="tick" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />
            """#))
        try await test.advance(by: "PT1H")
        #expect(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any)).count == 1)
        try await test.advance(by: "PT5H")
        #expect(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any)).count == 2, "R2: two starts, then no more")
    }

    private let parent = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <error id="E" errorCode="BOUNCED" />
        <process id="parent" isExecutable="true">
          <startEvent id="s" /><callActivity id="pay" calledElement="child">
            <extensionElements><camunda:in source="amount" target="amount" /><camunda:out source="receipt" target="receipt" /></extensionElements></callActivity>
          <boundaryEvent id="bounced" attachedToRef="pay"><errorEventDefinition errorRef="E" /></boundaryEvent>
          <endEvent id="e" /><endEvent id="failed" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="pay" /><sequenceFlow id="f2" sourceRef="pay" targetRef="e" /><sequenceFlow id="f3" sourceRef="bounced" targetRef="failed" />
        </process>
        <process id="child" isExecutable="true">
          <startEvent id="cs" /><userTask id="confirm" /><exclusiveGateway id="ok" default="good" />
          <endEvent id="ce" /><endEvent id="bounce"><errorEventDefinition errorRef="E" /></endEvent>
          <sequenceFlow id="c1" sourceRef="cs" targetRef="confirm" /><sequenceFlow id="c2" sourceRef="confirm" targetRef="ok" />
          <sequenceFlow id="bad" sourceRef="ok" targetRef="bounce"><conditionExpression>${bounced}</conditionExpression></sequenceFlow>
          <sequenceFlow id="good" sourceRef="ok" targetRef="ce" />
        </process></definitions>
        """

    @Test(arguments: TestBackend.allCases) func aCallActivityRunsItsChildAndReceivesItsOutput(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(parent)
        let instance = try await test.start("parent", ["amount": .long(30)])
        let child = try #require(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any, processDefinitionKey: "child")).first)
        #expect(child.superInstanceID == instance)
        #expect(try await test.runtime.variables(of: child.id).map(\.name) == ["amount"])
        try await test.complete("confirm", in: child.id, ["bounced": .boolean(false), "receipt": .string("R-1")])
        try await test.expectEnded(child.id)
        try await test.expectEnded(instance)
        #expect(try await test.runtime.variables(of: instance).first { $0.name == "receipt" }?.value == .string("R-1"))
    }

    @Test(arguments: TestBackend.allCases) func anErrorUncaughtInTheChildIsCaughtOnTheCallActivity(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(parent)
        let instance = try await test.start("parent", ["amount": .long(30)])
        let child = try #require(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any, processDefinitionKey: "child")).first)
        try await test.complete("confirm", in: child.id, ["bounced": .boolean(true)])
        try await test.expectEnded(instance)
        #expect(try await test.history(of: instance).suffix(2) == ["bounced", "failed"])
        #expect(try await test.runtime.instance(child.id).state == .terminated)
    }

    @Test(arguments: TestBackend.allCases) func cancellingTheParentCancelsTheChild(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(parent)
        let instance = try await test.start("parent", ["amount": .long(30)])
        try await test.runtime.cancel(instance)
        let child = try #require(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any, processDefinitionKey: "child")).first)
        #expect(child.state == .terminated)
    }
}

@Suite struct CommandFailureTests {
    /// Regression: a handler's completion inside a user's command used to turn a failing gateway
    /// condition into a job retry, so `complete` succeeded while the instance silently stalled.
    @Test(arguments: TestBackend.allCases) func aFailureAfterASynchronousHandlerFailsTheUsersCommand(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, handlers: ["check": ClosureHandler { _ in [:] }])
        try await test.deploy(process(#"""
            <startEvent id="s" /><userTask id="review" /><serviceTask id="check" camunda:delegateExpression="${check}" />
            <exclusiveGateway id="x" default="fine" /><endEvent id="e1" /><endEvent id="e2" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="check" />
            <sequenceFlow id="f3" sourceRef="check" targetRef="x" />
            <sequenceFlow id="conflict" sourceRef="x" targetRef="e1"><conditionExpression>${versionConflict}</conditionExpression></sequenceFlow>
            <sequenceFlow id="fine" sourceRef="x" targetRef="e2" />
            """#))
        let instance = try await test.start("p")
        let review = try await test.task("review", in: instance)
        await #expect(throws: EngineError(
            .executionFailed,
            "Expected the condition of sequence flow 'conflict' to evaluate, but it failed: Unknown property used in expression: cannot resolve identifier 'versionConflict'.")
        ) { try await test.runtime.complete(review.id) }
        #expect(try await test.active(in: instance) == ["review"], "the completion rolled back")
        #expect(try await test.runtime.jobs(JobQuery(processInstanceID: instance)).isEmpty)
        // The query side rolled back with it: the task is open again, and history shows no
        // completion and no service task.
        #expect(try await test.runtime.tasks(TaskQuery(processInstanceID: instance)).map(\.id) == [review.id])
        let history = try await test.runtime.activityHistory(of: instance).map { "\($0.activityID)\($0.endTime == nil ? " open" : "")" }
        #expect(history.sorted() == ["review open", "s"])
        let taskHistory = try await test.runtime.taskHistory(HistoricTaskInstanceQuery(processInstanceID: instance))
        #expect(taskHistory.map(\.id) == [review.id] && taskHistory.allSatisfy { $0.endTime == nil })
    }
}

@Suite struct JobWorkerTests {
    @Test func theWorkerRunsJobsInTheBackgroundUntilCancelled() async throws {
        let handler = FlakyHandler(failures: 0)
        let test = ProcessTest(handlers: ["publish": handler])
        try await test.deploy(process(#"""
            <startEvent id="s" /><serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${publish}" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="publish" /><sequenceFlow id="f2" sourceRef="publish" targetRef="e" />
            """#))
        let worker = Task { await JobWorker(runtime: test.runtime, pollInterval: .milliseconds(5)).run() }
        let instance = try await test.start("p")
        // Wait (bounded) for the worker to pick the job up; no speed is asserted.
        for _ in 0..<2000 where try await test.runtime.instance(instance).state == .active {
            try await Task.sleep(for: .milliseconds(5))
        }
        worker.cancel()
        await worker.value
        try await test.expectEnded(instance)
        #expect(handler.calls.withLock { $0 } == 1)
    }
}

/// A handler changes its own instance's open tasks through its context, inside the same command.
@Suite struct HandlerTaskRequestTests {
    @Test(arguments: TestBackend.allCases) func aHandlerAddsCandidatesToAnOpenTaskOfItsInstance(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, handlers: ["escalate": ClosureHandler { context in
            context.tasks.addCandidates(toOpenTasksOf: "review", users: ["lead"], groups: ["leads"])
            return [:]
        }])
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="p" isExecutable="true"><startEvent id="s" /><userTask id="review" camunda:candidateGroups="staff" /><endEvent id="e" />
              <boundaryEvent id="late" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
              <serviceTask id="escalateTask" camunda:delegateExpression="${escalate}" /><endEvent id="escalated" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e" />
              <sequenceFlow id="f3" sourceRef="late" targetRef="escalateTask" /><sequenceFlow id="f4" sourceRef="escalateTask" targetRef="escalated" />
            </process></definitions>
            """)
        let instance = try await test.start("p")
        try await test.advance(by: "PT1H")
        let review = try await test.task("review", in: instance)
        #expect(review.candidateGroups == ["staff", "leads"])
        #expect(review.candidateUsers == ["lead"])
        try await test.complete("review", in: instance)
        try await test.expectEnded(instance)
    }
}

/// The runtime applies fetchAndLock's topic filters on both stores alike (the REST test covers
/// each filter through PostgreSQL).
@Suite struct ExternalTaskTopicFilterRuntimeTests {
    @Test(arguments: TestBackend.allCases) func topicFiltersNarrowWhatIsLocked(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        for key in ["alpha", "beta"] {
            try await test.deploy("""
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                <process id="\(key)" isExecutable="true"><startEvent id="s" /><serviceTask id="x" camunda:type="external" camunda:topic="archive" />
                  <endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" /><sequenceFlow id="f2" sourceRef="x" targetRef="e" /></process></definitions>
                """, name: "\(key).bpmn")
        }
        let alpha = try await test.start("alpha", ["region": .string("north")], businessKey: "a-1")
        let beta = try await test.start("beta", ["region": .string("south")], businessKey: "b-1")
        func locked(_ topic: FetchTopic, worker: String) async throws -> [String] {
            try await test.runtime.fetchAndLock(workerID: worker, maxTasks: 10, topics: [topic]).map(\.processInstanceID)
        }
        #expect(try await locked(FetchTopic(name: "archive", lockDuration: 1000, processDefinitionKeys: ["beta"]), worker: "w1") == [beta])
        #expect(try await locked(FetchTopic(name: "archive", lockDuration: 1000, businessKey: "b-1"), worker: "w2") == [], "beta's task is locked already")
        #expect(try await locked(FetchTopic(name: "archive", lockDuration: 1000, processVariables: ["region": .string("west")]), worker: "w3") == [])
        #expect(try await locked(FetchTopic(name: "archive", lockDuration: 1000, processVariables: ["region": .string("north")]), worker: "w4") == [alpha])
    }
}
