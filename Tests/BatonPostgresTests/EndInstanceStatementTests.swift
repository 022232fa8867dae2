import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// No cascade ties an instance's runtime rows to its row (migration 035): the statement that ends
/// the instance deletes them from each table that can hold some, and deleting a definition deletes
/// them with its instances. A row left behind would show an ended instance's task, job or
/// subscription for ever.
@Suite struct EndInstanceStatementTests {
    /// Waits at a user task with a timer and a message on its boundary, with a variable.
    private let waiting = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <message id="m" name="withdrawn" />
        <process id="plan" isExecutable="true" camunda:historyTimeToLive="P30D">
          <startEvent id="s" /><userTask id="review" /><endEvent id="e" />
          <boundaryEvent id="late" attachedToRef="review"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
          <boundaryEvent id="withdrawn" attachedToRef="review"><messageEventDefinition messageRef="m" /></boundaryEvent>
          <endEvent id="lateEnd" /><endEvent id="withdrawnEnd" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e" />
          <sequenceFlow id="f3" sourceRef="late" targetRef="lateEnd" /><sequenceFlow id="f4" sourceRef="withdrawn" targetRef="withdrawnEnd" />
        </process></definitions>
        """
    private static let runtimeTables = ["process_instances", "user_tasks", "jobs", "message_subscriptions", "variables"]

    /// Rows of `instance` in each runtime table.
    private func runtimeRows(_ connection: PostgresConnection, _ instance: String) async throws -> [String: String?] {
        var rows: [String: String?] = [:]
        for table in Self.runtimeTables {
            let column = table == "process_instances" ? "id" : "instance_id"
            rows[table] = try await connection.query("SELECT count(*) FROM \(table) WHERE \(column) = $1", [instance]).rows.first?.first ?? nil
        }
        return rows
    }

    private func setUp() async throws -> (ProcessTest, PostgresConnection) {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        try await test.deploy(waiting)
        return (test, try await PostgresConnection.connect(store.pool.connectionString))
    }

    @Test func aCancelledInstanceLeavesEveryRuntimeTable() async throws {
        let (test, connection) = try await setUp()
        let instance = try await test.start("plan", ["tier": .string("gold")])
        let other = try await test.start("plan", ["tier": .string("silver")])
        #expect(try await runtimeRows(connection, instance) == [
            "process_instances": "1", "user_tasks": "1", "jobs": "1", "message_subscriptions": "1", "variables": "1",
        ])
        try await test.runtime.cancel(instance)
        #expect(try await runtimeRows(connection, instance) == [
            "process_instances": "0", "user_tasks": "0", "jobs": "0", "message_subscriptions": "0", "variables": "0",
        ])
        #expect(try await runtimeRows(connection, other) == [
            "process_instances": "1", "user_tasks": "1", "jobs": "1", "message_subscriptions": "1", "variables": "1",
        ], "another instance's rows stay")
        #expect(try await test.runtime.instance(instance).state == .terminated)
    }

    /// A boundary event that ends the instance closes the task and the other boundary's job or
    /// subscription in the same command.
    @Test func anInstanceEndedByABoundaryEventLeavesEveryRuntimeTable() async throws {
        let (test, connection) = try await setUp()
        let timedOut = try await test.start("plan", ["tier": .string("gold")])
        try await test.advance(by: "P2D")
        try await test.expectEnded(timedOut)
        #expect(try await test.history(of: timedOut) == ["s", "review", "late", "lateEnd"])
        let withdrawn = try await test.start("plan")
        _ = try await test.runtime.correlate(MessageCorrelation(messageName: "withdrawn", processInstanceID: withdrawn))
        try await test.expectEnded(withdrawn)
        for instance in [timedOut, withdrawn] {
            #expect(try await runtimeRows(connection, instance).values.allSatisfy { $0 == "0" }, "\(instance)")
        }
    }

    @Test func deletingADefinitionDeletesItsInstancesRuntimeRows() async throws {
        let (test, connection) = try await setUp()
        let instance = try await test.start("plan", ["tier": .string("gold")])
        let definition = try #require(try await test.runtime.instances().first).definitionID
        try await test.runtime.deleteDefinitions([definition], cascade: true)
        #expect(try await runtimeRows(connection, instance).values.allSatisfy { $0 == "0" })
    }

    /// A called instance's end deletes its link from the call activity; a top-level one has none.
    @Test func aCalledInstancesEndDeletesItsCallLink() async throws {
        let (test, connection) = try await setUp()
        try await test.deploy(
            """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="caller" isExecutable="true" camunda:historyTimeToLive="P30D">
              <startEvent id="s" /><callActivity id="call" calledElement="plan" /><userTask id="after" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="call" /><sequenceFlow id="f2" sourceRef="call" targetRef="after" />
              <sequenceFlow id="f3" sourceRef="after" targetRef="e" />
            </process></definitions>
            """, name: "caller.bpmn")
        let caller = try await test.start("caller")
        let links = "SELECT count(*) FROM called_instances"
        #expect(try await connection.query(links).rows == [["1"]])
        let called = try #require(try await test.runtime.instances(ProcessInstanceQuery(superInstanceID: caller)).first).id
        try await test.complete("review", in: called)
        #expect(try await connection.query(links).rows == [["0"]])
        #expect(try await runtimeRows(connection, called).values.allSatisfy { $0 == "0" })
        #expect(try await test.active(in: caller) == ["after"])
    }
}
