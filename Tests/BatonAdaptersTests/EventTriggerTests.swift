@testable import BatonAdapters
import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Foundation
import Testing

/// Data-event triggers against real tables: what row changes start, what they skip, what a bad
/// definition answers, and that captured events are processed once, in order per row, by
/// however many Baton processes, also after Baton was stopped.
@Suite struct EventTriggerTests {
    static let onboarding = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="client-onboarding" isExecutable="true">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="welcome" />
            <userTask id="welcome" />
          </process>
        </definitions>
        """

    static let activation: JSONValue = JSONText.parse("""
        {"database": "engine", "table": "public.clients", "operations": ["INSERT", "UPDATE", "DELETE"],
         "condition": "${operation != 'DELETE' && new.status == 'ACTIVE' && old.status != 'ACTIVE'}",
         "processDefinitionKey": "client-onboarding", "businessKey": "${new.id}",
         "variables": {"clientId": "${new.id}", "status": "${new.status}", "tier": "${new.tier}"}}
        """)!

    /// A runtime over a fresh database holding `clients` and the onboarding process, and its triggers.
    struct Fixture {
        let runtime: Runtime
        let pool: PostgresPool
        let triggers: EventTriggers

        static func make(retool: String? = nil) async throws -> Fixture {
            let store = try await TestPostgres.freshStore()
            let runtime = Runtime(store: store, ids: UUIDGenerator())
            _ = try await runtime.deploy(name: "onboarding.bpmn", resources: [DeploymentResource(name: "onboarding.bpmn", bytes: Array(EventTriggerTests.onboarding.utf8))])
            try await store.pool.withConnection { connection in
                try await connection.execute(script: "CREATE TABLE clients (id text PRIMARY KEY, status text NOT NULL, tier integer, name text)")
            }
            let triggers = EventTriggers(runtime: runtime, engine: store.pool, retool: retool.map { PostgresPool(connectionString: $0, maximum: 2) })
            return Fixture(runtime: runtime, pool: store.pool, triggers: triggers)
        }

        func sql(_ script: String) async throws {
            try await pool.withConnection { try await $0.execute(script: script) }
        }

        func instances() async throws -> [ProcessInstanceInfo] {
            try await runtime.instances(ProcessInstanceQuery(processDefinitionKey: "client-onboarding"))
        }
    }

    @Test func rowChangesStartWhatTheConditionAllowsAndTheLogSaysWhy() async throws {
        let fixture = try await Fixture.make()
        try await fixture.triggers.save(try EventTrigger(name: "client-activated", json: Self.activation))
        try await fixture.sql("""
            INSERT INTO clients VALUES ('c1', 'ACTIVE', 2, 'Ann');
            INSERT INTO clients VALUES ('c2', 'PENDING', 1, 'Bob');
            UPDATE clients SET status = 'ACTIVE' WHERE id = 'c2';
            UPDATE clients SET name = 'Ann B.' WHERE id = 'c1';
            DELETE FROM clients WHERE id = 'c1';
            """)
        #expect(try await fixture.triggers.processAll(in: .engine) == 5)
        let instances = try await fixture.instances()
        #expect(instances.map(\.businessKey).sorted { ($0 ?? "") < ($1 ?? "") } == ["c1", "c2"])
        let c2 = try #require(instances.first { $0.businessKey == "c2" })
        let variables = Dictionary(try await fixture.runtime.variables(of: c2.id).map { ($0.name, $0.value) }) { a, _ in a }
        #expect(variables == ["clientId": .string("c2"), "status": .string("ACTIVE"), "tier": .long(1)], "numbers of a row come as numbers")

        let log = try await fixture.triggers.events(of: "client-activated", firstResult: 0, maxResults: 10)
        #expect(log.map(\.outcome) == ["skipped", "skipped", "started", "skipped", "started"], "newest first")
        #expect(log.map(\.operation) == ["DELETE", "UPDATE", "UPDATE", "INSERT", "INSERT"])
        #expect(log.map(\.rowKey) == ["c1", "c1", "c2", "c2", "c1"])
        #expect(log.last?.processInstanceID == instances.first { $0.businessKey == "c1" }?.id)
        #expect(log.first?.error == "The condition does not hold." && log.first?.table == "public.clients")
    }

    @Test func anEventWhoseProcessCannotStartIsLoggedAsFailedAndTheOthersGoOn() async throws {
        let fixture = try await Fixture.make()
        var json = Self.activation
        json = JSONText.parse(JSONText.render(json).replacingOccurrences(of: "${new.tier}", with: "${new.name.initial}"))!
        try await fixture.triggers.save(try EventTrigger(name: "doubled", json: json))
        // A name is text, which has no property: 'bad' fails; 'good' has no name, and null's property is null.
        try await fixture.sql("INSERT INTO clients VALUES ('bad', 'ACTIVE', 1, 'x'); INSERT INTO clients VALUES ('good', 'ACTIVE', 4, NULL);")
        #expect(try await fixture.triggers.processAll(in: .engine) == 2)
        #expect(try await fixture.instances().map(\.businessKey) == ["good"])
        let log = try await fixture.triggers.events(of: "doubled", firstResult: 0, maxResults: 10)
        #expect(log.map(\.outcome) == ["started", "failed"])
        let failure = log.last?.error ?? ""
        #expect(failure.contains("variable 'tier'"), "\(failure)")
    }

    @Test func unlessRunningSkipsARowWhoseProcessAlreadyRuns() async throws {
        let fixture = try await Fixture.make()
        var json = Self.activation
        if case .object(var members) = json { members.append(.init("unlessRunning", .bool(true))); json = .object(members) }
        try await fixture.triggers.save(try EventTrigger(name: "once", json: json))
        _ = try await fixture.runtime.start(processKey: "client-onboarding", businessKey: "c1")
        try await fixture.sql("INSERT INTO clients VALUES ('c1', 'ACTIVE', 1, 'Ann')")
        try await fixture.triggers.processAll(in: .engine)
        #expect(try await fixture.instances().count == 1)
        #expect(try await fixture.triggers.events(of: "once", firstResult: 0, maxResults: 1).first?.outcome == "skipped")
    }

    @Test func badDefinitionsAreRefusedAndLeaveNothingInstalled() async throws {
        func refusal(_ json: String, name: String = "t") -> String? {
            do {
                _ = try EventTrigger(name: name, json: JSONText.parse(json) ?? .null)
                return nil
            } catch { return error.message }
        }
        #expect(refusal(#"{"table": "clients", "processDefinitionKey": "p"}"#, name: "no spaces please") != nil)
        #expect(refusal(#"{"processDefinitionKey": "p"}"#) == "Expected 'table' to name the table to watch, but it is missing.")
        #expect(refusal(#"{"table": "clients"}"#) == "Expected 'processDefinitionKey' to name the process to start, but it is missing.")
        #expect(refusal(#"{"table": "clients", "processDefinitionKey": "p", "database": "other"}"#) == "Expected 'database' to be engine or retool, but it is 'other'.")
        #expect(refusal(#"{"table": "clients", "processDefinitionKey": "p", "operations": ["TRUNCATE"]}"#)?.contains("INSERT, UPDATE or DELETE") == true)
        let syntax = refusal(#"{"table": "clients", "processDefinitionKey": "p", "condition": "${new.status == }"}"#)
        #expect(syntax?.hasPrefix("Expected 'condition' to be a JUEL expression or text, but") == true && syntax?.contains("at character") == true, "\(syntax ?? "")")
        #expect(refusal(#"{"table": "clients", "processDefinitionKey": "p", "conditon": "x"}"#)?.contains("'conditon' is none of them") == true)

        let fixture = try await Fixture.make()
        func saving(_ json: String) async -> EventTriggerError? {
            do {
                try await fixture.triggers.save(try EventTrigger(name: "t", json: JSONText.parse(json)!))
                return nil
            } catch let error as EventTriggerError { return error } catch {
                Issue.record("unexpected \(error)")
                return nil
            }
        }
        let missingTable = await saving(#"{"table": "public.nope", "processDefinitionKey": "client-onboarding"}"#)
        #expect(missingTable?.kind == .notFound && missingTable?.message == "Expected table 'public.nope' to exist in the engine database, but it does not.")
        let missingProcess = await saving(#"{"table": "clients", "processDefinitionKey": "nope"}"#)
        #expect(missingProcess?.message == "Expected 'processDefinitionKey' to name a deployed process, but no process 'nope' is deployed.")
        let noRetool = await saving(#"{"database": "retool", "table": "clients", "processDefinitionKey": "client-onboarding"}"#)
        #expect(noRetool?.message.contains("RETOOL_DATABASE_URL") == true)
        let view = await saving(#"{"table": "pg_catalog.pg_tables", "processDefinitionKey": "client-onboarding"}"#)
        #expect(view?.message.contains("is a view") == true)

        // A role that may not create the trigger: 403 material, and nothing half-installed.
        try await fixture.sql("CREATE ROLE limited_\(UInt32.random(in: 0...UInt32.max)) LOGIN")
        let role = try await fixture.pool.withConnection { try await $0.query("SELECT rolname FROM pg_roles WHERE rolname LIKE 'limited_%' ORDER BY oid DESC LIMIT 1").rows[0][0]! }
        try await fixture.sql("GRANT SELECT, INSERT, UPDATE, DELETE ON event_triggers TO \(role); GRANT SELECT ON clients TO \(role); GRANT CREATE ON SCHEMA public TO \(role)")
        let limitedPool = PostgresPool(connectionString: fixture.pool.connectionString.replacingOccurrences(of: "user=postgres", with: "user=\(role)"), maximum: 2)
        let limited = EventTriggers(runtime: fixture.runtime, engine: limitedPool, retool: nil)
        do {
            try await limited.save(try EventTrigger(name: "t", json: JSONText.parse(#"{"table": "clients", "processDefinitionKey": "client-onboarding"}"#)!))
            Issue.record("a role without TRIGGER on the table installed a trigger")
        } catch let error as EventTriggerError {
            #expect(error.kind == .forbidden && error.message.contains("lacks the right"), "\(error.message)")
        }
        #expect(try await fixture.triggers.all().isEmpty, "no definition saved")
        let installed = try await fixture.pool.withConnection { try await $0.query("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'baton_%'").rows[0][0] }
        #expect(installed == "0", "no database trigger left")
    }

    @Test func eventsWrittenWhileBatonWasStoppedAreProcessedWhenItStarts() async throws {
        let fixture = try await Fixture.make()
        try await fixture.triggers.save(try EventTrigger(name: "client-activated", json: Self.activation))
        // Nothing processes: Baton is down while the table is written.
        try await fixture.sql("INSERT INTO clients SELECT 'c' || n, 'ACTIVE', n, NULL FROM generate_series(1, 25) AS n")
        // A Baton process starting later, on its own connections.
        let restarted = EventTriggers(
            runtime: Runtime(store: PostgresStore(pool: PostgresPool(connectionString: fixture.pool.connectionString, maximum: 2)), ids: UUIDGenerator()),
            engine: PostgresPool(connectionString: fixture.pool.connectionString, maximum: 2), retool: nil)
        let worker = Task { await restarted.run(pollInterval: .seconds(60)) }
        defer { worker.cancel() }
        // Bounded only so that a broken build cannot hang the suite; the first pass runs at once.
        for _ in 0..<200 where try await fixture.instances().count < 25 { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try await fixture.instances().count == 25)

        // Awake and listening: a new row is taken on its notification, long before the next poll.
        try await fixture.sql("INSERT INTO clients VALUES ('late', 'ACTIVE', 1, NULL)")
        for _ in 0..<200 where try await fixture.instances().count < 26 { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try await fixture.instances().count == 26, "woken by pg_notify, not the 60 s poll")
    }

    @Test func twoBatonProcessesStartEachOfAThousandEventsOnce() async throws {
        let fixture = try await Fixture.make()
        try await fixture.triggers.save(try EventTrigger(name: "client-activated", json: Self.activation))
        try await fixture.sql("INSERT INTO clients SELECT 'c' || n, 'ACTIVE', n, NULL FROM generate_series(1, 1000) AS n")
        let nodes = (0..<2).map { _ in
            EventTriggers(
                runtime: Runtime(store: PostgresStore(pool: PostgresPool(connectionString: fixture.pool.connectionString, maximum: 4)), ids: UUIDGenerator()),
                engine: PostgresPool(connectionString: fixture.pool.connectionString, maximum: 4), retool: nil)
        }
        let processed = try await withThrowingTaskGroup(of: Int.self) { group in
            for node in nodes { group.addTask { try await node.processAll(in: .engine) } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(processed.reduce(0, +) == 1000)
        let counts = try await fixture.pool.withConnection { connection in
            try await connection.query(
                """
                SELECT count(*), count(DISTINCT business_key) FROM process_instances WHERE process_key = 'client-onboarding'
                """).rows[0]
        }
        #expect(counts == ["1000", "1000"], "each event started exactly one instance")
    }

    @Test func aRowsLaterEventWaitsWhileAnEarlierOneIsBeingProcessed() async throws {
        let fixture = try await Fixture.make()
        try await fixture.triggers.save(try EventTrigger(name: "client-activated", json: Self.activation))
        try await fixture.sql("""
            INSERT INTO clients VALUES ('a', 'PENDING', 1, NULL);
            INSERT INTO clients VALUES ('b', 'PENDING', 1, NULL);
            UPDATE clients SET status = 'ACTIVE' WHERE id = 'a';
            """)
        // Another process holds a's first event.
        let holder = try await PostgresConnection.connect(fixture.pool.connectionString)
        try await holder.query("BEGIN")
        try await holder.query("SELECT id FROM baton_trigger_events WHERE row_key = 'a' ORDER BY id LIMIT 1 FOR UPDATE")
        #expect(try await fixture.triggers.processAll(in: .engine) == 1, "only b's event: a's update waits behind a's insert")
        #expect(try await fixture.triggers.events(of: "client-activated", firstResult: 0, maxResults: 5).map(\.rowKey) == ["b"])
        try await holder.query("ROLLBACK")
        #expect(try await fixture.triggers.processAll(in: .engine) == 2)
        #expect(try await fixture.triggers.events(of: "client-activated", firstResult: 0, maxResults: 5).map(\.rowKey) == ["a", "b", "a"], "a's two in order, newest first")
    }

    @Test func retoolEventsStartNothingTwiceWhenTakenAgainAfterACrash() async throws {
        let retool = try await TestPostgres.freshRetoolDatabase()
        let fixture = try await Fixture.make(retool: retool)
        let drafts = PostgresPool(connectionString: retool, maximum: 2)
        try await fixture.triggers.save(try EventTrigger(name: "draft-submitted", json: JSONText.parse("""
            {"database": "retool", "table": "benefit_plan_drafts", "operations": ["UPDATE"],
             "condition": "${new.status == 'submitted' && old.status != 'submitted'}",
             "processDefinitionKey": "client-onboarding", "businessKey": "${new.id}", "variables": {"by": "${origin}"}}
            """)!))
        try await drafts.withConnection { connection in
            try await connection.execute(script: """
                INSERT INTO benefit_plan_drafts (id, name) VALUES ('d1', 'Gold'), ('d2', 'Silver');
                SET application_name = 'retool';
                UPDATE benefit_plan_drafts SET status = 'submitted' WHERE id IN ('d1', 'd2');
                """)
        }
        // d1's event was processed by a process that stopped before removing it from Retool's table.
        let first = try await drafts.withConnection { try await $0.query("SELECT min(id) FROM baton_trigger_events").rows[0][0]! }
        _ = try await fixture.pool.withConnection { connection in
            try await connection.query(
                """
                INSERT INTO event_trigger_log (source_database, source_event_id, trigger_name, table_name, operation, received_at, outcome, process_instance_id)
                VALUES ('retool', $1::bigint, 'draft-submitted', 'public.benefit_plan_drafts', 'UPDATE', now(), 'started', 'earlier')
                """, [first])
        }
        #expect(try await fixture.triggers.processAll(in: .retool) == 2)
        let instances = try await fixture.instances()
        #expect(instances.map(\.businessKey) == ["d2"], "d1 was started before and is not again")
        #expect(try await fixture.runtime.variables(of: instances[0].id).first { $0.name == "by" }?.value == .string("retool"), "the writer's application_name")
        #expect(try await drafts.withConnection { try await $0.query("SELECT count(*) FROM baton_trigger_events").rows[0][0] } == "0")
    }
}
