import BatonBPMN
import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Foundation
import Testing

private let review = """
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
    <process id="review" isExecutable="true">
      <startEvent id="s" /><userTask id="check" name="Check" camunda:candidateGroups="clerks" camunda:candidateUsers="ann" />
      <endEvent id="e" />
      <sequenceFlow id="f1" sourceRef="s" targetRef="check" /><sequenceFlow id="f2" sourceRef="check" targetRef="e" />
    </process></definitions>
    """

@Suite struct DeploymentTests {
    @Test(arguments: TestBackend.allCases) func identicalContentIsNotDeployedTwice(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = try await test.deploy(review)
        #expect(first.definitions.map(\.version) == [1])
        let again = try await test.deploy(review)
        #expect(again.definitions.map(\.id) == first.definitions.map(\.id))
        #expect(again.unchanged.count == 1)
        let changed = try await test.deploy(review.replacingOccurrences(of: "name=\"Check\"", with: "name=\"Check again\""))
        #expect(changed.definitions.map(\.version) == [2])
        #expect(try await test.runtime.processDefinitions(key: "review").map(\.version) == [1, 2])
    }

    @Test(arguments: TestBackend.allCases) func invalidBPMNIsRefusedWithItsDiagnostics(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        do {
            try await test.deploy(review.replacingOccurrences(of: "targetRef=\"e\"", with: "targetRef=\"nowhere\""))
            Issue.record("the deployment must fail")
        } catch let error as EngineError {
            #expect(error.kind == .deploymentFailed)
            #expect(error.diagnostics.contains { $0.code.identifier == "BPMN-E012" })
        }
    }

    @Test(arguments: TestBackend.allCases) func startingAnUnknownProcessSaysWhich(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        await #expect(throws: EngineError(.notFound, "Expected a deployed process with key 'nope', but there is none.")) {
            _ = try await test.start("nope")
        }
    }
}

@Suite struct TaskTests {
    @Test(arguments: TestBackend.allCases) func tasksAreFoundByCandidateUserGroupAndAssignee(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(review)
        let first = try await test.start("review", businessKey: "A")
        let second = try await test.start("review", businessKey: "B")
        #expect(try await test.runtime.tasks(TaskQuery(candidateGroups: ["clerks"])).count == 2)
        #expect(try await test.runtime.tasks(TaskQuery(candidateUser: "bob", userGroups: ["clerks"])).count == 2)
        #expect(try await test.runtime.tasks(TaskQuery(candidateUser: "bob")).isEmpty)
        let task = try await test.task("check", in: first)
        try await test.runtime.claim(task.id, userID: "ann")
        #expect(try await test.runtime.tasks(TaskQuery(assignee: "ann")).map(\.processInstanceID) == [first])
        #expect(try await test.runtime.tasks(TaskQuery(candidateUser: "ann")).map(\.processInstanceID) == [second], "claimed tasks leave the candidate list")
        #expect(try await test.runtime.tasks(TaskQuery(candidateUser: "ann", includeAssigned: true)).count == 2)
        await #expect(throws: EngineError(.conflict, "Task '\(task.id)' is already claimed by someone else.")) {
            try await test.runtime.claim(task.id, userID: "bob")
        }
        try await test.runtime.unclaim(task.id)
        try await test.runtime.claim(task.id, userID: "bob")
        let page = try await test.runtime.tasks(TaskQuery(sorting: [Sorting(.id, ascending: false)]), page: Page(firstResult: 1, maxResults: 1))
        #expect(page.count == 1)
    }

    @Test(arguments: TestBackend.allCases) func completingATaskTwiceFailsTheSecondTime(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(review)
        let instance = try await test.start("review")
        let task = try await test.task("check", in: instance)
        try await test.runtime.complete(task.id, variables: ["ok": .boolean(true)])
        try await test.expectEnded(instance)
        await #expect(throws: EngineError(.notFound, "Expected task '\(task.id)' to be open, but it is not (task already completed or not found).")) {
            try await test.runtime.complete(task.id)
        }
        #expect(try await test.runtime.variableHistory(HistoricVariableInstanceQuery(processInstanceIDs: [instance])).map(\.name) == ["ok"])
        #expect(try await test.runtime.taskHistory(of: instance).first?.deleteReason == "completed")
        #expect(try await test.history(of: instance) == ["s", "check", "e"])
    }
}

@Suite struct CorrelationTests {
    private let waiting = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <message id="m" name="paid" /><message id="go" name="order-placed" />
        <process id="order" isExecutable="true">
          <startEvent id="s" /><startEvent id="byMessage"><messageEventDefinition messageRef="go" /></startEvent>
          <receiveTask id="wait" messageRef="m" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="wait" /><sequenceFlow id="f0" sourceRef="byMessage" targetRef="wait" />
          <sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
        </process></definitions>
        """

    @Test(arguments: TestBackend.allCases) func messagesFindTheirInstanceByBusinessKeyOrVariables(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(waiting)
        let a = try await test.start("order", ["orderId": .long(1)], businessKey: "A")
        let b = try await test.start("order", ["orderId": .long(2)], businessKey: "B")
        await #expect(throws: EngineError(
            .correlationFailed, "Cannot correlate message 'paid': 2 executions match the correlation keys. Should be one or zero.")
        ) { try await test.runtime.correlate(MessageCorrelation(messageName: "paid")) }
        let result = try await test.runtime.correlate(MessageCorrelation(messageName: "paid", businessKey: "B", variables: ["amount": .long(9)]))
        #expect(result == [CorrelationResult(kind: .execution, processInstanceID: b)])
        try await test.expectEnded(b)
        _ = try await test.runtime.correlate(MessageCorrelation(messageName: "paid", correlationKeys: ["orderId": .long(1)]))
        try await test.expectEnded(a)
        await #expect(throws: EngineError(
            .correlationFailed, "Cannot correlate message 'paid': No process definition or execution matches the parameters.")
        ) { try await test.runtime.correlate(MessageCorrelation(messageName: "paid")) }
    }

    @Test(arguments: TestBackend.allCases) func aMessageStartEventStartsANewInstance(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(waiting)
        let result = try await test.runtime.correlate(MessageCorrelation(messageName: "order-placed", businessKey: "C"))
        #expect(result.first?.kind == .processDefinition)
        let instance = try await test.runtime.instance(result[0].processInstanceID)
        #expect(instance.businessKey == "C")
        #expect(try await test.active(in: instance.id) == ["wait"])
    }
}

@Suite struct HostileRequestTests {
    @Test(arguments: TestBackend.allCases) func runningInstancesAreFoundByAVariableValue(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <process id="p" isExecutable="true"><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />
            </process></definitions>
            """)
        let gold = try await test.start("p", ["plan": .string("gold"), "tier": .integer(2), "doc": .json(.object([.init("a", .integer(1))]))])
        let silver = try await test.start("p", ["plan": .string("silver"), "tier": .long(3)])
        func found(_ name: String, _ value: VariableValue) async throws -> [String] {
            try await test.runtime.instances(ProcessInstanceQuery(variables: [VariableCondition(name: name, value: value)])).map(\.id)
        }
        #expect(try await found("plan", .string("gold")) == [gold])
        #expect(try await found("tier", .long(2)) == [gold], "numbers compare by value, whatever their type")
        #expect(try await found("tier", .double(3)) == [silver])
        #expect(try await found("doc", .json(.object([.init("a", .integer(1))]))) == [gold])
        #expect(try await found("doc", .json(.object([]))).isEmpty, "a document matches only an equal one, not one it contains")
        try await test.runtime.setVariables(of: silver, ["plan": .string("gold")])
        #expect(try await found("plan", .string("gold")) == [gold, silver], "updates are seen")
        try await test.complete("t", in: gold)
        #expect(try await found("plan", .string("gold")) == [silver], "ended instances are not running")
    }

    @Test(arguments: TestBackend.allCases) func deletingADeploymentNeedsCascadeWhileItHasInstances(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let deployment = try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <message id="m" name="go" />
            <process id="p" isExecutable="true"><startEvent id="s" /><userTask id="t" /><receiveTask id="r" messageRef="m" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="r" /><sequenceFlow id="f3" sourceRef="r" targetRef="e" />
            </process></definitions>
            """)
        let running = try await test.start("p")
        let ended = try await test.start("p")
        try await test.complete("t", in: ended)
        try await test.runtime.correlate(MessageCorrelation(messageName: "go", processInstanceID: ended))
        let refusal = await #expect(throws: EngineError.self) { try await test.runtime.deleteDeployment(deployment.id, cascade: false) }
        #expect(refusal?.kind == .conflict)
        #expect(try await test.runtime.tasks().count == 1, "nothing was deleted")

        try await test.runtime.deleteDeployment(deployment.id, cascade: true)
        for id in [running, ended] {
            await #expect(throws: EngineError.self) { _ = try await test.runtime.instance(id) }
        }
        #expect(try await test.runtime.tasks().isEmpty)
        #expect(try await test.runtime.processDefinitions(key: "p").isEmpty)
        #expect(try await test.runtime.deployments().isEmpty)
        await #expect(throws: EngineError.self) { try await test.runtime.correlate(MessageCorrelation(messageName: "go")) }
    }

    @Test func negativePagingAndAbsurdLocksAreHandledNotTrapped() async throws {
        let test = ProcessTest()
        try await test.deploy(review)
        _ = try await test.start("review")
        #expect(try await test.runtime.tasks(TaskQuery(), page: Page(firstResult: -5, maxResults: -1)).isEmpty)
        #expect(try await test.runtime.tasks(TaskQuery(), page: Page(firstResult: -5)).count == 1)
        try await test.deploy(review.replacingOccurrences(of: "camunda:candidateUsers=\"ann\"", with: "camunda:candidateUsers=\"ann\"").replacingOccurrences(
            of: #"<userTask id="check""#, with: #"<serviceTask id="ext" camunda:type="external" camunda:topic="t" /><userTask id="check""#)
            .replacingOccurrences(of: #"sourceRef="s" targetRef="check""#, with: #"sourceRef="s" targetRef="ext" /><sequenceFlow id="f0" sourceRef="ext" targetRef="check""#))
        _ = try await test.start("review")
        let locked = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: [FetchTopic(name: "t", lockDuration: .max)])
        #expect(locked.first?.lockExpirationTime.millisecondsSinceEpoch == .max)
        #expect(try await test.runtime.runDueJobs(limit: -3).total == 0)
    }
}
