import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// Statements and round trips per command are counted, not timed, so they can be held to a bound.
@Suite struct StatementCountTests {
    @Test func aStartThatStopsAtAUserTaskAndItsCompletionStayWithinTheirBudget() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <process id="p" isExecutable="true"><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />
            </process></definitions>
            """)
        _ = try await test.start("p")  // warm the definition cache, as a running server has it
        func counted(_ command: () async throws -> Void) async throws -> (statements: Int, roundTrips: Int) {
            let statements = await store.pool.statementsExecuted, trips = await store.pool.roundTrips
            try await command()
            return (await store.pool.statementsExecuted - statements, await store.pool.roundTrips - trips)
        }
        var instance = ""
        let start = try await counted { instance = try await test.start("p", ["draftId": .string("D-1"), "baseVersion": .long(3)]) }
        let task = try await test.task("t", in: instance)
        let complete = try await counted { try await test.runtime.complete(task.id, variables: ["approved": .boolean(true)]) }
        // Issue #4 budgets at most 8 statements for a start that stops at a user task. Writes are
        // pipelined: BEGIN rides with the first read, every write with COMMIT.
        #expect(start.statements <= 8, "start → user task took \(start.statements) statements")
        #expect(start.roundTrips <= 2, "start → user task took \(start.roundTrips) round trips")
        #expect(complete.statements <= 8, "complete → end took \(complete.statements) statements")
        #expect(complete.roundTrips <= 3, "complete → end took \(complete.roundTrips) round trips")
    }
}
