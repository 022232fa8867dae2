import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Suspension through the runtime, on both stores: the query side shows it, job acquisition,
/// fetchAndLock and message correlation pass a suspended instance by, and a definition's
/// instances are suspended and activated together (#15).
@Suite struct RuntimeSuspensionTests {
    static let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <message id="m" name="go" />
        <process id="held" isExecutable="true">
          <startEvent id="start" /><userTask id="review" />
          <serviceTask id="charge" camunda:type="external" camunda:topic="payments" />
          <serviceTask id="archive" camunda:asyncBefore="true" camunda:delegateExpression="${archive}" />
          <receiveTask id="wait" messageRef="m" /><endEvent id="end" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="charge" />
          <sequenceFlow id="f3" sourceRef="charge" targetRef="archive" /><sequenceFlow id="f4" sourceRef="archive" targetRef="wait" />
          <sequenceFlow id="f5" sourceRef="wait" targetRef="end" />
        </process>
        </definitions>
        """

    static func refusedAsSuspended(_ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("a suspended instance moved")
        } catch let error as EngineError {
            #expect(error.kind == .suspended, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: TestBackend.allCases) func aSuspendedInstanceIsPassedByUntilActivated(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, handlers: ["archive": ClosureHandler { _ in [:] }])
        try await test.deploy(Self.model)
        let held = try await test.start("held"), other = try await test.start("held")
        try await test.runtime.setSuspended(held, true)

        #expect(try await test.runtime.instances(ProcessInstanceQuery(suspended: true)).map(\.id) == [held])
        #expect(try await test.runtime.instances(ProcessInstanceQuery(suspended: false)).map(\.id) == [other])
        #expect(try await test.runtime.instance(held).suspended)
        let task = try await test.task("review", in: held)
        #expect(task.suspended)
        #expect(try await test.runtime.tasks(TaskQuery(suspended: true)).map(\.id) == [task.id])
        await Self.refusedAsSuspended { _ = try await test.runtime.complete(task.id) }

        try await test.runtime.setSuspended(held, false)
        #expect(try await !test.runtime.tasks(TaskQuery(processInstanceID: held)).first!.suspended)
        try await test.complete("review", in: held)
        try await test.complete("review", in: other)

        // External tasks: a suspended instance's are not fetched.
        try await test.runtime.setSuspended(held, true)
        let topics = [FetchTopic(name: "payments", lockDuration: 60_000)]
        let fetched = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 5, topics: topics)
        #expect(fetched.map(\.processInstanceID) == [other])
        try await test.runtime.setSuspended(held, false)
        let later = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 5, topics: topics)
        #expect(later.map(\.processInstanceID) == [held])

        // Jobs: a suspended instance's asyncBefore job waits.
        try await test.runtime.completeExternalTask(fetched[0].id, workerID: "w")
        try await test.runtime.completeExternalTask(later[0].id, workerID: "w")
        try await test.runtime.setSuspended(held, true)
        #expect(try await test.runtime.jobs(JobQuery(processInstanceID: held)).map(\.suspended) == [true])
        try await test.runJobs()
        #expect(try await test.active(in: held) == ["archive"], "its job did not run")
        #expect(try await test.active(in: other) == ["wait"])

        // Messages: correlation passes a suspended instance by.
        try await test.runtime.setSuspended(held, false)
        try await test.runJobs()
        try await test.runtime.setSuspended(held, true)
        let delivered = try await test.runtime.correlate(MessageCorrelation(messageName: "go", all: true))
        #expect(delivered.map(\.processInstanceID) == [other])
        #expect(try await test.active(in: held) == ["wait"])
    }

    /// ProcessInstanceSuspensionTest.testCallActivityReturnAfterProcessInstanceSuspend: the called
    /// instance's last task cannot be completed while its caller is suspended, since completing it
    /// would resume the caller; once the caller is activated, it can.
    @Test(arguments: TestBackend.allCases) func aCalledInstanceCannotReturnToASuspendedCaller(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <process id="caller" isExecutable="true">
              <startEvent id="s" /><callActivity id="call" calledElement="callee" /><userTask id="after" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="call" /><sequenceFlow id="f2" sourceRef="call" targetRef="after" />
              <sequenceFlow id="f3" sourceRef="after" targetRef="e" />
            </process>
            <process id="callee" isExecutable="true">
              <startEvent id="cs" /><userTask id="work" /><endEvent id="ce" />
              <sequenceFlow id="c1" sourceRef="cs" targetRef="work" /><sequenceFlow id="c2" sourceRef="work" targetRef="ce" />
            </process>
            </definitions>
            """)
        let caller = try await test.start("caller")
        let child = try #require(try await test.runtime.instances(ProcessInstanceQuery(superInstanceID: caller)).first)
        try await test.runtime.setSuspended(caller, true)
        let task = try await test.task("work", in: child.id)
        await Self.refusedAsSuspended { _ = try await test.runtime.complete(task.id) }
        #expect(try await test.active(in: child.id) == ["work"], "the refused completion left the child as it was")
        try await test.runtime.setSuspended(caller, false)
        _ = try await test.runtime.complete(task.id)
        #expect(try await test.active(in: caller) == ["after"])
    }

    /// ProcessDefinitionSuspensionTest: a suspended definition starts nothing (by API, by id or
    /// key; by message; by timer; by call activity) until activated; its instances follow only
    /// when asked to.
    @Test(arguments: TestBackend.allCases) func aSuspendedDefinitionStartsNoInstance(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <message id="m" name="apply" />
            <process id="intake" isExecutable="true">
              <startEvent id="s" /><startEvent id="byMessage"><messageEventDefinition messageRef="m" /></startEvent>
              <startEvent id="hourly"><timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition></startEvent>
              <userTask id="t" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="byMessage" targetRef="t" />
              <sequenceFlow id="f3" sourceRef="hourly" targetRef="t" /><sequenceFlow id="f4" sourceRef="t" targetRef="e" />
            </process>
            <process id="caller" isExecutable="true">
              <startEvent id="cs" /><callActivity id="call" calledElement="intake" /><endEvent id="ce" />
              <sequenceFlow id="c1" sourceRef="cs" targetRef="call" /><sequenceFlow id="c2" sourceRef="call" targetRef="ce" />
            </process>
            </definitions>
            """)
        let running = try await test.start("intake")
        let definition = try #require(try await test.runtime.processDefinitions(key: "intake").last)
        try await test.runtime.setDefinitionsSuspended([definition.id], true, includeInstances: false)
        #expect(try await test.runtime.processDefinitions(key: "intake").last?.suspended == true)
        #expect(try await !test.runtime.instance(running).suspended, "its instances stay active unless asked")

        await Self.refusedAsSuspended { _ = try await test.start("intake") }
        await Self.refusedAsSuspended { _ = try await test.runtime.start(definitionID: definition.id) }
        await Self.refusedAsSuspended { _ = try await test.start("caller") }
        await #expect(throws: EngineError.self) { _ = try await test.runtime.correlate(MessageCorrelation(messageName: "apply")) }
        try await test.advance(by: "PT1H")
        #expect(try await test.runtime.count(ProcessInstanceQuery(processDefinitionKey: "intake")) == 1, "the due timer did not start one")

        try await test.runtime.setDefinitionsSuspended([definition.id], false, includeInstances: false)
        try await test.advance(by: "PT1M")
        #expect(try await test.runtime.count(ProcessInstanceQuery(processDefinitionKey: "intake")) == 2, "activated, the due timer fires")
        _ = try await test.runtime.correlate(MessageCorrelation(messageName: "apply"))
        _ = try await test.start("intake")
        #expect(try await test.runtime.count(ProcessInstanceQuery(processDefinitionKey: "intake")) == 4)

        try await test.runtime.setDefinitionsSuspended([definition.id], true, includeInstances: true)
        #expect(try await test.runtime.count(ProcessInstanceQuery(processDefinitionKey: "intake", suspended: true)) == 4)
    }

    @Test(arguments: TestBackend.allCases) func everyRunningInstanceOfADefinitionIsSuspendedAndActivatedTogether(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, handlers: ["archive": ClosureHandler { _ in [:] }])
        try await test.deploy(Self.model)
        let instances = [try await test.start("held"), try await test.start("held"), try await test.start("held")]
        try await test.runtime.cancel(instances[2])
        #expect(try await test.runtime.setSuspended(true, instancesOf: ProcessInstanceQuery(processDefinitionKey: "held")) == 2)
        #expect(try await test.runtime.count(ProcessInstanceQuery(suspended: true)) == 2)
        #expect(try await test.runtime.count(TaskQuery(suspended: true)) == 2)
        #expect(try await test.runtime.setSuspended(true, instancesOf: ProcessInstanceQuery(processDefinitionKey: "held")) == 0, "already suspended")
        #expect(try await test.runtime.setSuspended(false, instancesOf: ProcessInstanceQuery(processDefinitionKey: "held")) == 2)
        #expect(try await test.runtime.count(TaskQuery(suspended: false)) == 2)
    }
}
