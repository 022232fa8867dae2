import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// A running instance's row knows how many rows of events it has and which history tables hold
/// its rows (migration 034). Commands number events from it, and the end moves exactly those tables'
/// rows out of the running partitions: a table it forgot would leave rows there for ever.
@Suite struct InstanceHistoryFactsTests {
    private let process = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="plan" isExecutable="true" camunda:historyTimeToLive="P30D">
          <startEvent id="s" /><userTask id="review" /><serviceTask id="publish" camunda:type="external" camunda:topic="publish" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="publish" />
          <sequenceFlow id="f3" sourceRef="publish" targetRef="e" />
        </process></definitions>
        """
    private static let historyTables = [
        "history_events", "history_activity_instances", "history_task_instances", "history_variables", "history_incidents", "history_comments",
    ]

    private struct Database {
        let connection: PostgresConnection
        let test: ProcessTest

        static func make() async throws -> Database {
            let store = try await TestPostgres.freshStore()
            return Database(connection: try await PostgresConnection.connect(store.pool.connectionString), test: ProcessTest(store: store))
        }

        /// The instance row's `event_rows` and `history_tables`.
        func facts(_ id: String) async throws -> [String?] {
            try await connection.query("SELECT event_rows, history_tables FROM process_instances WHERE id = $1", [id]).rows.first ?? []
        }

        /// The sequence numbers of the instance's rows of events.
        func sequences(_ id: String) async throws -> [String?] {
            try await connection.query("SELECT sequence FROM history_events WHERE instance_id = $1 ORDER BY sequence", [id]).rows.map { $0[0] }
        }

        /// Per history table: rows of the instance in the running partition, and in all.
        func placement(_ id: String) async throws -> [String: [String?]] {
            var placement: [String: [String?]] = [:]
            for table in InstanceHistoryFactsTests.historyTables {
                placement[table] = try await connection.query(
                    "SELECT count(*) FILTER (WHERE removal_time = 'infinity'), count(*) FROM \(table) WHERE instance_id = $1", [id]
                ).rows.first
            }
            return placement
        }

        /// Every history table holds rows of the ended instance, and none in the running partition.
        func expectAllMoved(_ id: String) async throws {
            let placement = try await placement(id)
            for table in InstanceHistoryFactsTests.historyTables {
                #expect(placement[table]?.first == "0", "\(table): nothing of the ended instance is left in the running partition")
                #expect(placement[table]?.last != "0", "\(table) holds rows of it")
            }
        }

        func failPublish() async throws {
            let locked = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: [FetchTopic(name: "publish", lockDuration: 60_000)])
            try await test.runtime.handleExternalTaskFailure(try #require(locked.first).id, workerID: "w", errorMessage: "Aidbox is down", retries: 0)
        }
    }

    @Test func eachCommandAddsItsEventRowAndTheTablesItWrote() async throws {
        let database = try await Database.make()
        let test = database.test
        try await test.deploy(process)
        let id = try await test.start("plan")
        #expect(try await database.facts(id) == ["1", "3"], "one row of events; activity and task instances")
        try await test.runtime.setVariables(of: id, ["tier": .string("gold")])
        #expect(try await database.facts(id) == ["2", "7"], "and variables")
        _ = try await test.runtime.addComment(toTask: try await test.task("review", in: id).id, message: "looks right", userID: "ana")
        #expect(try await database.facts(id) == ["2", "23"], "and comments; a comment is no event")
        try await test.complete("review", in: id)
        try await database.failPublish()
        #expect(try await database.facts(id) == ["4", "31"], "and incidents")
        #expect(try await database.sequences(id) == ["1", "2", "3", "4"])

        try await test.runtime.cancel(id)
        try await database.expectAllMoved(id)
    }

    /// An instance that started before migration 034 (both columns NULL) numbers its events after
    /// the last one it finds, and its end moves every table.
    @Test func aRowThatKnowsNothingLooksForTheLastEventAndMovesEveryTable() async throws {
        let database = try await Database.make()
        let test = database.test
        try await test.deploy(process)
        let id = try await test.start("plan", ["tier": .string("gold")])
        _ = try await test.runtime.addComment(toTask: try await test.task("review", in: id).id, message: "looks right", userID: "ana")
        try await database.connection.execute(script: "UPDATE process_instances SET event_rows = NULL, history_tables = NULL")
        try await test.complete("review", in: id)
        try await database.failPublish()
        #expect(try await database.facts(id) == [nil, nil], "what is unknown stays unknown")
        #expect(try await database.sequences(id) == ["1", "2", "3"])

        try await test.runtime.cancel(id)
        try await database.expectAllMoved(id)
    }
}
