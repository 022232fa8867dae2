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
