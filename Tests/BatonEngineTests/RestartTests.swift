import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Restarting ended instances (Camunda's RestartProcessInstanceSyncTest): a new instance of the
/// same version, started where the instructions say, with the ended one's last variables (or
/// its initial ones) and its business key (unless left out); a running one cannot restart.
@Suite struct RestartTests {
    @Test(arguments: TestBackend.allCases) func anEndedInstanceStartsAgainWhereToldWithItsVariables(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let definition = try #require(try await test.deploy(ClaimModel.bpmn).definitions.first)
        let ended = try await test.start("claim", ["amount": .long(1)], businessKey: "bk-1")
        try await test.complete("review", in: ended, ["amount": .long(2)])
        try await test.runtime.cancel(ended)

        var plan = RestartPlan(definitionID: definition.id, instructions: [.init(.startBeforeActivity, "approve")])
        let restarted = try #require(try await test.runtime.restart([ended], by: plan).first)
        #expect(restarted.id != ended && restarted.businessKey == "bk-1" && restarted.definitionID == definition.id)
        #expect(try await test.active(in: restarted.id) == ["approve"])
        #expect(try await test.runtime.variables(of: restarted.id).map(\.value) == [.long(2)], "the variables it ended with")

        plan.initialVariables = true
        plan.withoutBusinessKey = true
        plan.instructions = [.init(.startTransition, "f1")]
        let again = try #require(try await test.runtime.restart([ended], by: plan).first)
        #expect(again.businessKey == nil)
        #expect(try await test.active(in: again.id) == ["review"])
        #expect(try await test.runtime.variables(of: again.id).map(\.value) == [.long(1)], "the variables it started with")

        // All or none: one that still runs (the first restart) stops the whole call.
        await #expect(throws: EngineError.self) { try await test.runtime.restart([ended, restarted.id], by: plan) }
        await #expect(throws: EngineError.self) { try await test.runtime.restart(["nope"], by: plan) }
        await #expect(throws: EngineError.self) { try await test.runtime.restart([ended], by: RestartPlan(definitionID: definition.id, instructions: [])) }
        await #expect(throws: EngineError.self) {
            try await test.runtime.restart([ended], by: RestartPlan(definitionID: definition.id, instructions: [.init(.startBeforeActivity, "nowhere")]))
        }
        #expect(try await test.runtime.instances(ProcessInstanceQuery()).count == 2, "the refused calls started nothing")

        // As a batch: each instance in a transaction of its own; a wrong one fails alone.
        let batch = try await test.runtime.restartInBatch([ended, "nope"], by: plan)
        #expect(batch.type == "restart-process-instance" && batch.total == 2)
        #expect(try await test.runtime.runBatchItems() == 2)
        let (done, failures) = try await test.runtime.batch(batch.id)
        #expect(done.completed == 1 && done.failed == 1 && failures.map(\.processInstanceID) == ["nope"])
        #expect(try await test.runtime.instances(ProcessInstanceQuery()).count == 3)
    }
}
