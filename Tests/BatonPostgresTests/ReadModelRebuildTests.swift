import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// A database upgraded by migration 003 holds instances whose query-side rows an older Baton
/// wrote (or never wrote): positions where element ids belong, no history rows. Rebuilding them
/// from their event logs gives exactly the rows the current Baton writes as it runs.
@Suite struct ReadModelRebuildTests {
    @Test func rebuiltRowsEqualTheRowsWrittenAsInstancesRan() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store, handlers: ["publish": QueryParityTests.Failing()])
        try await test.deploy(QueryParityTests.bpmn)
        for index in 0..<6 {
            test.clock.advance(by: "PT1S")
            let instance = try await test.start(
                "review", ["group": .string("group-\(index % 2)"), "priority": .long(10), "fail": .boolean(index == 2)], businessKey: "bk-\(index)")
            if index % 2 == 0 {
                let task = try await test.task("check", in: instance)
                try await test.runtime.claim(task.id, userID: "ann")
                try await test.runtime.complete(task.id, variables: ["approved": .boolean(true)])
            }
        }
        _ = try await test.start("wait", businessKey: "w")
        try await test.advance(by: "PT2M")

        func everything() async throws -> [String] {
            let runtime = test.runtime
            return [
                "\(try await runtime.tasks(TaskQuery()))", "\(try await runtime.incidents(IncidentQuery()))",
                "\(try await runtime.activityHistory(HistoricActivityInstanceQuery()))", "\(try await runtime.taskHistory(HistoricTaskInstanceQuery()))",
                "\(try await runtime.variableHistory(HistoricVariableInstanceQuery()))", "\(try await runtime.variableInstances())",
                "\(try await runtime.jobs())", "\(try await runtime.eventSubscriptions())",
            ]
        }
        let asWritten = try await everything()
        #expect(try await test.runtime.rebuildReadModels() == 0, "a database the current Baton wrote needs no rebuild")

        // What an older Baton left: rows with positions for element ids, no history rows.
        let connection = try await PostgresConnection.connect(store.pool.connectionString)
        try await connection.execute(script: """
            UPDATE user_tasks SET task_definition_key = '1';
            UPDATE jobs SET element_id = '2', process_definition_id = NULL;
            UPDATE message_subscriptions SET activity_id = NULL;
            UPDATE history_incidents SET activity_id = '2';
            DELETE FROM history_activity_instances; DELETE FROM history_task_instances; DELETE FROM history_variables;
            INSERT INTO read_model_rebuilds SELECT id FROM process_instances UNION SELECT id FROM history_process_instances;
            """)
        #expect(try await everything() != asWritten)
        #expect(try await test.runtime.rebuildReadModels(batchSize: 3) == 7)
        #expect(try await everything() == asWritten)
        #expect(try await connection.query("SELECT count(*) FROM read_model_rebuilds").rows == [["0"]])
    }
}
