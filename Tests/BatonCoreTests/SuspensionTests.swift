import BatonCore
import BatonModel
import Testing

/// Suspension in the pure core, as Camunda's ProcessInstanceSuspensionTest asserts it: a
/// suspended instance refuses what would move it (completing or claiming a task, a message, a
/// job), still takes variables and retries, and moves again once activated (#15).
@Suite struct SuspensionTests {
    static let model = bpmn(#"""
        <startEvent id="s" /><userTask id="review" />
        <serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${publish}" /><endEvent id="e" />
        """# + flows("s->review", "review->publish", "publish->e"))

    @Test func aSuspendedInstanceRefusesToMoveAndMovesAgainOnceActivated() throws {
        var scenario = try CoreScenario(Self.model)
        try scenario.start()
        #expect(try scenario.run(.setSuspended(true)) == [.suspensionChanged(suspended: true)])
        #expect(scenario.state.suspended)
        #expect(try scenario.run(.setSuspended(true)) == [], "suspending a suspended instance changes nothing")

        let taskID = try #require(scenario.task("review")).id
        let before = scenario.state
        for command in [
            Command.completeTask(taskID: taskID, variables: [:], localVariables: false, userID: nil), .assignTask(taskID: taskID, assignee: "ann"),
        ] {
            do {
                _ = try scenario.run(command)
                Issue.record("\(command) was accepted on a suspended instance")
            } catch let rejection as Rejection {
                #expect(rejection.kind == .suspended)
                #expect(rejection.message.contains("is suspended; activate it first"))
            }
        }
        #expect(scenario.state == before, "a refused command changes nothing")

        _ = try scenario.run(.setVariables(scope: nil, variables: ["note": .string("kept")], local: false))
        #expect(scenario.variable("note") == .string("kept"), "variables may still be set")

        #expect(try scenario.run(.setSuspended(false)) == [.suspensionChanged(suspended: false)])
        try scenario.completeTask("review")
        #expect(scenario.waiting == ["publish"])
    }

    @Test func aSuspendedInstanceRunsNoJobButMayBeCancelled() throws {
        var scenario = try CoreScenario(Self.model)
        try scenario.start()
        try scenario.completeTask("review")
        _ = try scenario.run(.setSuspended(true))
        let job = try #require(scenario.job("publish"))
        #expect(throws: Rejection.self) { try scenario.run(.executeJob(jobID: job.id)) }
        _ = try scenario.run(.setJobRetries(jobID: job.id, retries: 5))
        _ = try scenario.run(.cancel(reason: "operator"))
        #expect(scenario.state.status == .terminated)
    }
}

/// Camunda's removeVariable: a variable goes from the nearest scope that holds it (only from
/// the given scope when local); a name no scope holds is passed by (#15).
@Suite struct VariableRemovalTests {
    @Test func aVariableIsRemovedFromTheScopeThatHoldsIt() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <subProcess id="stage">
              <extensionElements><camunda:inputOutput><camunda:inputParameter name="note">inner</camunda:inputParameter></camunda:inputOutput></extensionElements>
              <startEvent id="is" /><userTask id="t" /><endEvent id="ie" />
              <sequenceFlow id="i1" sourceRef="is" targetRef="t" /><sequenceFlow id="i2" sourceRef="t" targetRef="ie" />
            </subProcess>
            <endEvent id="e" />
            """# + flows("s->stage", "stage->e")))
        try scenario.start(["plan": .string("gold"), "note": .string("outer")])
        let stage = try #require(scenario.state.elements.first { scenario.process.nodes[$0.node].id.rawValue == "stage" }).key

        #expect(try scenario.run(.removeVariables(scope: stage, names: ["note", "plan", "unknown"], local: false))
            == [.variableRemoved(scope: stage, name: "note"), .variableRemoved(scope: nil, name: "plan")])
        #expect(scenario.state.variable("note", from: stage) == .string("outer"), "the inner one went; the outer one shows through")
        #expect(scenario.variable("plan") == nil)
        #expect(try scenario.run(.removeVariables(scope: stage, names: ["note"], local: true)) == [], "nothing local is left to remove")
        #expect(try scenario.run(.removeVariables(scope: nil, names: ["note"], local: false)) == [.variableRemoved(scope: nil, name: "note")])
        #expect(scenario.state.visibleVariables(from: stage).isEmpty)
    }
}
