import BatonCore
import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Foundation
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
                "review",
                ["group": .string("group-\(index % 2)"), "priority": .long(10), "fail": .boolean(index == 2), "due": .date(Timestamp(iso8601: "2027-02-0\(index + 1)T09:00:00Z")!)],
                businessKey: "bk-\(index)")
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
            INSERT INTO read_model_rebuilds SELECT id, root_key FROM process_instances UNION SELECT id, root_key FROM history_process_instances;
            """)
        #expect(try await everything() != asWritten)
        #expect(try await test.runtime.rebuildReadModels(batchSize: 3) == 7)
        #expect(try await everything() == asWritten)
        #expect(try await connection.query("SELECT count(*) FROM read_model_rebuilds").rows == [["0"]])
    }

    /// An instance as the Baton before state version 2 stored it (positions where element ids
    /// belong, in its state and in every event): migration 004 lists it, the rebuild writes it
    /// again with ids, and it runs on to its end through the join whose arrival it stored.
    @Test func migration4RewritesPositionsAsIdsAndTheInstanceRunsOn() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        try await test.deploy(LegacyPositionalForms.bpmn)
        let instance = try await test.start("legacy", ["plan": .string("gold")], businessKey: "bk")
        let connection = try await PostgresConnection.connect(store.pool.connectionString)
        /// The stored state, then each stored event in order, however the rows group them.
        func stored() async throws -> [String] {
            try await connection.query(
                """
                SELECT 0, 0, state::text FROM process_instances
                UNION ALL SELECT sequence, n, event::text FROM history_events,
                    jsonb_array_elements(CASE json_typeof(events) WHEN 'array' THEN events::jsonb ELSE jsonb_build_array(events) END) WITH ORDINALITY AS x (event, n)
                ORDER BY 1, 2
                """
            ).rows.map { $0[2]! }
        }
        let asWrittenNow = try await stored()

        // The same instance (same clock, same ids) as that Baton left it, a row of events per
        // event, and a row that knows nothing of them (before migration 034).
        var legacyWrites = """
            UPDATE process_instances SET state = '\(LegacyPositionalForms.state)'::jsonb, event_rows = NULL, history_tables = NULL WHERE id = '\(instance)';
            DELETE FROM history_events WHERE instance_id = '\(instance)';
            """
        for (index, event) in LegacyPositionalForms.events.enumerated() {
            legacyWrites += """
                INSERT INTO history_events (instance_id, sequence, at, events, root_key)
                VALUES ('\(instance)', \(index + 1), '2026-01-01T00:00:00Z', '\(event)'::jsonb, hashtext('\(instance)'));
                """
        }
        try await connection.execute(script: legacyWrites)
        #expect(try await stored() != asWrittenNow)
        let migration = try Migrator.engine().migrations.first { $0.version == 4 }
        // 004 ran on the list as it was then, without hierarchy keys; 033 gave its rows theirs.
        try await connection.execute(script: """
            ALTER TABLE read_model_rebuilds RENAME TO read_model_rebuilds_now;
            CREATE TABLE read_model_rebuilds (instance_id text PRIMARY KEY);
            """)
        try await connection.execute(script: try #require(migration).sql)
        try await connection.execute(script: """
            INSERT INTO read_model_rebuilds_now SELECT instance_id, hashtext(instance_id) FROM read_model_rebuilds;
            DROP TABLE read_model_rebuilds;
            ALTER TABLE read_model_rebuilds_now RENAME TO read_model_rebuilds;
            """)
        #expect(try await connection.query("SELECT instance_id FROM read_model_rebuilds").rows == [[instance]])

        #expect(try await test.runtime.rebuildReadModels() == 1)
        // Jobs' creation times were not kept then, and a rebuild does not invent them.
        func withoutJobTimes(_ stored: [String]) -> [String] {
            stored.map { $0.replacingOccurrences(of: #", "createdAt": [0-9]+"#, with: "", options: .regularExpression) }
        }
        #expect(withoutJobTimes(try await stored()) == withoutJobTimes(asWrittenNow), "the rebuild writes exactly what the current Baton writes")
        #expect(try await connection.query("SELECT count(*) FROM history_events WHERE events::text ~ '\"(node|gateway|flow|_0)\": [0-9]'").rows == [["0"]])

        try await test.complete("review", in: instance)
        #expect(try await test.runtime.instance(instance).state == .completed, "the join fires with the arrival stored as a position")
        #expect(try await connection.query("SELECT state IS NULL FROM history_process_instances").rows == [["t"]], "an ended state is replayed, not stored")
        let replayed = try await store.read { try await $0.lockInstance(instance) }
        #expect(replayed?.state.status == .completed && replayed?.state.variable("plan", from: nil) == .string("gold"))
    }
}

