import BatonAdapters
import BatonEngine
import BatonModel
import BatonPostgres
import BatonServer
import Hummingbird
import Testing

/// `/api/event-triggers` over HTTP: saved, listed, read, refused with the status its fault
/// deserves, its event log, deleted; for the admin group only.
@Suite struct EventTriggerAPITests {
    static let process = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="client-onboarding" isExecutable="true">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="welcome" /><userTask id="welcome" />
          </process>
        </definitions>
        """

    @Test func triggersAreManagedOverHTTPAndTheirEventsListed() async throws {
        var harness = try await RestHarness.make(credentials: SecurityTests.credentials)
        let pool = try #require(harness.runtime.store as? PostgresStore).pool
        let triggers = EventTriggers(runtime: harness.runtime, engine: pool, retool: nil)
        harness.eventTriggers = EventTriggerAPI(triggers: triggers)
        @Sendable func sql(_ script: String) async throws {
            let connection = try await pool.lease()
            try await connection.execute(script: script)
            await pool.giveBack(connection)
        }
        try await sql("CREATE TABLE clients (id text PRIMARY KEY, status text)")
        try await harness.run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw")
            #expect(try await ops.deploy([("onboarding.bpmn", Self.process)]).status == .ok)
            let body = #"{"table": "clients", "operations": ["INSERT"], "condition": "${new.status == 'ACTIVE'}", "processDefinitionKey": "client-onboarding", "businessKey": "${new.id}"}"#
            #expect(try await ann.call(.put, "/api/event-triggers/activated", json: body).status == .forbidden, "the admin group's")
            let saved = try await ops.call(.put, "/api/event-triggers/activated", json: body)
            #expect(saved.status == .ok && saved["database"] == .string("engine") && saved["operations"] == .array([.string("INSERT")]), "\(saved.text)")
            #expect(try await ops.call(.get, "/api/event-triggers").json?.arrayValue.map { $0["name"] } == [.string("activated")])
            #expect(try await ops.call(.get, "/api/event-triggers/activated")["table"] == .string("clients"))
            #expect(try await ops.call(.get, "/api/event-triggers/other").status == .notFound)

            let syntax = try await ops.call(.put, "/api/event-triggers/broken", json: #"{"table": "clients", "processDefinitionKey": "client-onboarding", "condition": "${new.status == }"}"#)
            #expect(syntax.status == .badRequest && (syntax["message"]?.stringValue ?? "").contains("'condition'"), "\(syntax.text)")
            let noTable = try await ops.call(.put, "/api/event-triggers/broken", json: #"{"table": "nope", "processDefinitionKey": "client-onboarding"}"#)
            #expect(noTable.status == .notFound && noTable["message"] == .string("Expected table 'nope' to exist in the engine database, but it does not."))
            let noProcess = try await ops.call(.put, "/api/event-triggers/broken", json: #"{"table": "clients", "processDefinitionKey": "nope"}"#)
            #expect(noProcess.status == .badRequest)
            let badName = try await ops.call(.put, "/api/event-triggers/bad%20name", json: #"{"table": "clients", "processDefinitionKey": "client-onboarding"}"#)
            #expect(badName.status == .badRequest)
            #expect(try await ops.call(.get, "/api/event-triggers").json?.arrayValue.count == 1, "nothing of the refused ones saved")

            try await sql("INSERT INTO clients VALUES ('c1', 'ACTIVE'), ('c2', 'PENDING')")
            #expect(try await triggers.processAll(in: .engine) == 2)
            let events = try await ops.call(.get, "/api/event-triggers/activated/events?maxResults=10")
            #expect(events.json?.arrayValue.map { $0["outcome"] } == [.string("skipped"), .string("started")], "\(events.text)")
            #expect(events.json?.arrayValue.last?["rowKey"] == .string("c1") && events.json?.arrayValue.last?["processInstanceId"]?.stringValue != nil)
            #expect(try await ops.call(.get, "/api/event-triggers/activated/events?firstResult=1").json?.arrayValue.count == 1)
            #expect(try await ops.call(.get, "/api/event-triggers/activated/events?since=x").status == .badRequest)

            #expect(try await ops.call(.delete, "/api/event-triggers/activated").status == .noContent)
            #expect(try await ops.call(.get, "/api/event-triggers/activated").status == .notFound)
            #expect(try await ops.call(.delete, "/api/event-triggers/activated").status == .notFound)
            try await sql("INSERT INTO clients VALUES ('c3', 'ACTIVE')")
            #expect(try await triggers.processAll(in: .engine) == 0, "its database trigger went with it")
        }
    }
}
