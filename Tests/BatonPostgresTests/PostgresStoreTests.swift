import BatonCore
import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Foundation
import Synchronization
import Testing

/// The engine's scenarios against PostgreSQL: the store protocol's other implementation must
/// behave exactly like the memory store.
@Suite struct PostgresStoreTests {
    /// A runtime over a freshly migrated database of its own.
    private func makeTest(handlers: [String: any ServiceTaskHandler] = [:]) async throws -> (ProcessTest, PostgresPool) {
        let connection = try await TestDatabase.fresh()
        try await Migrator.engine().migrate(connection)
        let name = try #require(try await connection.query("SELECT current_database()").rows.first?.first ?? nil)
        let server = try TestDatabase.server.get()
        let pool = PostgresPool(connectionString: server.connectionString.replacingOccurrences(of: "dbname=postgres", with: "dbname=\(name)"))
        return (ProcessTest(store: PostgresStore(pool: pool), handlers: handlers), pool)
    }

    private let approval = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <message id="m" name="paid" />
        <process id="order" isExecutable="true">
          <startEvent id="s" /><userTask id="review" camunda:candidateGroups="clerks" />
          <parallelGateway id="fork" /><serviceTask id="charge" camunda:type="external" camunda:topic="payments" />
          <receiveTask id="wait" messageRef="m" /><parallelGateway id="join" />
          <serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${publish}" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="fork" />
          <sequenceFlow id="f3" sourceRef="fork" targetRef="charge" /><sequenceFlow id="f4" sourceRef="fork" targetRef="wait" />
          <sequenceFlow id="f5" sourceRef="charge" targetRef="join" /><sequenceFlow id="f6" sourceRef="wait" targetRef="join" />
          <sequenceFlow id="f7" sourceRef="join" targetRef="publish" /><sequenceFlow id="f8" sourceRef="publish" targetRef="e" />
        </process></definitions>
        """

    @Test func aProcessRunsEndToEndOnPostgres() async throws {
        let published = Mutex(0)
        let (test, _) = try await makeTest(handlers: ["publish": ClosureHandler { _ in
            published.withLock { $0 += 1 }
            return ["published": .boolean(true)]
        }])
        let deployment = try await test.deploy(approval)
        #expect(try await test.deploy(approval).definitions.map(\.id) == deployment.definitions.map(\.id), "identical content is not deployed twice")
        let instance = try await test.start("order", ["amount": .long(12), "note": .json(.object([.init("z", .integer(1)), .init("a", .integer(2))]))], businessKey: "B-7")
        let review = try await test.task("review", in: instance)
        #expect(try await test.runtime.tasks(TaskQuery(candidateUser: "ann", userGroups: ["clerks"])).map(\.id) == [review.id])
        try await test.runtime.claim(review.id, userID: "ann")
        try await test.runtime.complete(review.id, variables: ["approved": .boolean(true)])

        let locked = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 5, topics: [FetchTopic(name: "payments", lockDuration: 60_000)])
        #expect(locked.map(\.activityID) == ["charge"])
        #expect(locked.first?.variables["note"] == .json(.object([.init("z", .integer(1)), .init("a", .integer(2))])), "JSON keeps its member order")
        try await test.runtime.completeExternalTask(locked[0].id, workerID: "w")
        try await test.runtime.correlate(MessageCorrelation(messageName: "paid", businessKey: "B-7"))
        #expect(try await test.active(in: instance) == ["publish"])
        try await test.runJobs()
        try await test.expectEnded(instance)
        #expect(published.withLock { $0 } == 1)
        let history = try await test.history(of: instance)
        #expect(history == ["s", "review", "fork", "charge", "wait", "join", "publish", "e"])
        #expect(try await test.runtime.taskHistory(of: instance).first?.assignee == "ann")
        #expect(try await test.runtime.variables(of: instance).map(\.name) == ["amount", "approved", "note", "published"])
    }

    /// Runtime tables hold only what runs now: an ended instance moves to history with its final
    /// state, and its tasks and variables leave; local variables leave with their scope.
    @Test func whatFinishedLeavesTheRuntimeTables() async throws {
        let (test, pool) = try await makeTest()
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="p" isExecutable="true"><startEvent id="s" />
              <userTask id="a"><extensionElements><camunda:inputOutput><camunda:inputParameter name="local">${plan}</camunda:inputParameter>
              </camunda:inputOutput></extensionElements></userTask>
              <userTask id="b" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="a" /><sequenceFlow id="f2" sourceRef="a" targetRef="b" /><sequenceFlow id="f3" sourceRef="b" targetRef="e" />
            </process></definitions>
            """)
        let instance = try await test.start("p", ["plan": .string("gold")])
        let connection = try await pool.lease()
        defer { Task { await pool.giveBack(connection) } }
        func rows(_ sql: String) async throws -> [[String?]] { try await connection.query(sql, [instance]).rows }
        #expect(try await rows("SELECT activity_instance_id <> instance_id, name, value::text FROM variables WHERE instance_id = $1 ORDER BY 1, 2") == [
            ["f", "plan", #""gold""#], ["t", "local", #""gold""#],
        ])
        try await test.complete("a", in: instance, ["comment": .string("fine")])
        #expect(try await rows("SELECT name, type, value::text FROM variables WHERE instance_id = $1 ORDER BY name") == [
            ["plan", "String", #""gold""#],
        ], "the task's local scope left with it (with an input mapping, Camunda sets completion variables locally)")
        try await test.runtime.setVariables(of: instance, ["approved": .boolean(true)])
        #expect(try await rows("SELECT name, type, value::text FROM variables WHERE instance_id = $1 ORDER BY name") == [
            ["approved", "Boolean", "true"], ["plan", "String", #""gold""#],
        ])
        try await test.complete("b", in: instance)
        for table in ["process_instances", "user_tasks", "variables"] {
            let column = table == "process_instances" ? "id" : "instance_id"
            #expect(try await rows("SELECT count(*) FROM \(table) WHERE \(column) = $1") == [["0"]], "\(table) still holds the ended instance")
        }
        #expect(try await rows("SELECT status, removal_time > ended_at FROM history_process_instances WHERE id = $1") == [["completed", "t"]])
        #expect(try await test.runtime.instance(instance).state == .completed, "ended instances are still read")
        #expect(try await test.history(of: instance) == ["s", "a", "b", "e"])
    }

    /// A command that waits on a lock held elsewhere gives up at the pool's statement timeout
    /// instead of hanging its caller, and changes nothing. Only the blocked command runs under the
    /// short timeout: on a loaded machine the set-up's own statements could outlast it.
    @Test func aCommandBlockedByALockGivesUpAtTheStatementTimeout() async throws {
        let (test, pool) = try await makeTest()
        try await test.deploy(approval)
        let instance = try await test.start("order")
        let task = try await test.task("review", in: instance)
        let impatient = ProcessTest(store: PostgresStore(pool: PostgresPool(connectionString: pool.connectionString, statementTimeout: .milliseconds(500))))
        let holder = try await PostgresConnection.connect(pool.connectionString)
        try await holder.query("BEGIN")
        try await holder.query("SELECT id FROM process_instances WHERE id = $1 FOR UPDATE", [instance])
        let error = await #expect(throws: PostgresError.self) { try await impatient.runtime.complete(task.id) }
        #expect(error?.sqlState == "57014", "\(String(describing: error))")
        try await holder.query("ROLLBACK")
        #expect(try await test.active(in: instance) == ["review"], "nothing changed")
        try await test.runtime.complete(task.id)
    }

    /// A command that waited for an instance's lock while another transaction ended the instance
    /// finds it in history (and is refused because it ended), not "not found": the statement's
    /// snapshot predates the move, so the lookup is repeated with a fresh one.
    @Test func aCommandWaitingOnAnInstanceThatEndsMeanwhileFindsItInHistory() async throws {
        let (test, pool) = try await makeTest()
        try await test.deploy(approval)
        let instance = try await test.start("order")
        let holder = try await PostgresConnection.connect(pool.connectionString)
        try await holder.query("BEGIN")
        try await holder.query("SELECT id FROM process_instances WHERE id = $1 FOR UPDATE", [instance])
        async let cancel = Result(completing: { try await test.runtime.cancel(instance) })
        try await Task.sleep(for: .milliseconds(300))  // lets the cancel queue behind the lock; the outcome is the same if it has not
        try await holder.query(
            """
            WITH gone AS (DELETE FROM process_instances WHERE id = $1 RETURNING *)
            INSERT INTO history_process_instances (id, definition_id, process_key, business_key, status, parent_instance_id, parent_element_key,
                tenant_id, started_at, ended_at, removal_time, state, root_instance_id, root_key)
            SELECT id, definition_id, process_key, business_key, 'completed', parent_instance_id, parent_element_key, tenant_id,
                   started_at, now(), now(), jsonb_set(state, '{status}', '"completed"'), root_instance_id, root_key FROM gone
            """, [instance])
        try await holder.query("COMMIT")
        guard case .failure(let error as EngineError) = await cancel else {
            Issue.record("expected the cancel to be refused")
            return
        }
        #expect(error.kind == .conflict, "\(error)")
    }

    /// The correlation completes the join and calls a child process whose publish handler runs
    /// synchronously and fails. Starting the child reads its definition, which sends the
    /// parent's writes (state, events, read models, the closed subscription) to the server
    /// first, so only a real ROLLBACK leaves the database reading exactly as before.
    @Test func aFailedCommandLeavesTheDatabaseUnchanged() async throws {
        let calls = Mutex(0)
        let (test, pool) = try await makeTest(handlers: ["publish": ClosureHandler { _ in
            calls.withLock { $0 += 1 }
            throw CancellationError()
        }])
        let calling = approval.replacingOccurrences(
            of: #"<serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${publish}" />"#,
            with: #"<callActivity id="publish" calledElement="child" />"#)
        #expect(calling != approval)
        try await test.deploy(calling.replacingOccurrences(of: "</process></definitions>", with: """
            </process>
            <process id="child" isExecutable="true"><startEvent id="cs" /><serviceTask id="work" camunda:delegateExpression="${publish}" />
              <endEvent id="ce" /><sequenceFlow id="c1" sourceRef="cs" targetRef="work" /><sequenceFlow id="c2" sourceRef="work" targetRef="ce" />
            </process></definitions>
            """))
        let instance = try await test.start("order")
        try await test.complete("review", in: instance)
        let charge = try await test.runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: [FetchTopic(name: "payments", lockDuration: 60_000)])[0]
        try await test.runtime.completeExternalTask(charge.id, workerID: "w")

        let tables = [
            "process_instances", "history_process_instances", "history_events", "user_tasks", "jobs", "message_subscriptions", "variables",
            "history_activity_instances", "history_task_instances", "history_variables", "history_incidents", "called_instances",
        ]
        func snapshot() async throws -> [String: String] {
            let connection = try await pool.lease()
            defer { Task { await pool.giveBack(connection) } }
            var result: [String: String] = [:]
            for table in tables {
                let rows = try await connection.query("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t")
                result[table] = rows.rows.first?.first ?? nil
            }
            return result
        }
        let before = try await snapshot()
        #expect(before["message_subscriptions"]?.hasPrefix("1:") == true, "the receive task waits for the message")

        await #expect(throws: EngineError.self) { try await test.runtime.correlate(MessageCorrelation(messageName: "paid")) }
        #expect(calls.withLock { $0 } == 1, "the command reached the handler, so it had written rows before failing")
        #expect(try await snapshot() == before)
        #expect(try await test.active(in: instance) == ["wait"])
    }

    @Test func retriesBackoffAndIncidentsPersist() async throws {
        let (test, _) = try await makeTest(handlers: ["publish": ClosureHandler { _ in throw CancellationError() }])
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="p" isExecutable="true"><startEvent id="s" />
              <serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${publish}">
                <extensionElements><camunda:failedJobRetryTimeCycle>R2/PT1M</camunda:failedJobRetryTimeCycle></extensionElements></serviceTask>
              <endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="publish" /><sequenceFlow id="f2" sourceRef="publish" targetRef="e" />
            </process></definitions>
            """)
        let instance = try await test.start("p")
        try await test.runJobs()
        #expect(try await test.runtime.jobs(JobQuery(processInstanceID: instance)).first?.retries == 1)
        try await test.advance(by: "PT1M")
        let incident = try #require(try await test.runtime.incidents(of: instance).first)
        #expect(incident.activityID == "publish")
        #expect(try await test.runtime.count(IncidentQuery(open: true, processInstanceID: instance)) == 1)
    }

    /// Completing both branches of a join at the same moment from two connections: the instance
    /// continues once, and neither caller sees a locking error.
    @Test func concurrentCommandsOnOneInstanceAreSerializedNotFailed() async throws {
        let (test, _) = try await makeTest()
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <process id="p" isExecutable="true"><startEvent id="s" /><parallelGateway id="fork" /><userTask id="a" /><userTask id="b" />
              <parallelGateway id="join" /><userTask id="after" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="fork" /><sequenceFlow id="f2" sourceRef="fork" targetRef="a" />
              <sequenceFlow id="f3" sourceRef="fork" targetRef="b" /><sequenceFlow id="f4" sourceRef="a" targetRef="join" />
              <sequenceFlow id="f5" sourceRef="b" targetRef="join" /><sequenceFlow id="f6" sourceRef="join" targetRef="after" />
              <sequenceFlow id="f7" sourceRef="after" targetRef="e" />
            </process></definitions>
            """)
        let instance = try await test.start("p")
        let a = try await test.task("a", in: instance), b = try await test.task("b", in: instance)
        async let first = test.runtime.complete(a.id)
        async let second = test.runtime.complete(b.id)
        _ = try await (first, second)
        #expect(try await test.runtime.tasks(TaskQuery(processInstanceID: instance)).map(\.taskDefinitionKey) == ["after"], "the join fired once")

        // The same task completed twice at once: exactly one succeeds.
        let after = try await test.task("after", in: instance)
        async let x = Result<ProcessInstanceInfo, any Error>(completing: { try await test.runtime.complete(after.id) })
        async let y = Result<ProcessInstanceInfo, any Error>(completing: { try await test.runtime.complete(after.id) })
        let outcomes = await [x, y]
        #expect(outcomes.filter { if case .success = $0 { true } else { false } }.count == 1)
        let failure = try #require(outcomes.compactMap { if case .failure(let error) = $0 { error as? EngineError } else { nil } }.first)
        #expect(failure.message.contains("task already completed or not found"))
        try await test.expectEnded(instance)
    }
}

extension Result where Failure == any Error {
    init(completing body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
