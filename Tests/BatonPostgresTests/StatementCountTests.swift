import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// Statements (round trips) per command are counted, not timed, so they can be held to a bound.
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
        let beforeStart = await store.pool.statementsExecuted
        let instance = try await test.start("p")
        let startStatements = await store.pool.statementsExecuted - beforeStart
        let task = try await test.task("t", in: instance)
        let beforeComplete = await store.pool.statementsExecuted
        try await test.runtime.complete(task.id)
        let completeStatements = await store.pool.statementsExecuted - beforeComplete
        // Issue #4 budgets at most 8 statements for a start that stops at a user task.
        #expect(startStatements <= 8, "start → user task took \(startStatements) statements")
        #expect(completeStatements <= 8, "complete → end took \(completeStatements) statements")
    }
}
