import BatonModel
import Hummingbird
import Testing

/// `PUT /process-instance/{id}/suspended` and `PUT /process-instance/suspended` as Camunda's REST
/// reference gives them, the `suspended` flags and filters of instances, tasks and jobs, and each
/// refusal with the body it answers (#15).
@Suite struct SuspensionAPITests {
    @Test func anOperatorSuspendsAndActivatesInstancesOverREST() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let held = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let other = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)

            #expect(try await rest.call(.put, "/engine-rest/process-instance/\(held)/suspended", json: #"{"suspended": true}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(held)")["suspended"] == .bool(true))
            #expect(try await rest.call(.get, "/engine-rest/process-instance?suspended=true").json?.arrayValue.map { $0["id"] } == [.string(held)])
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count?active=true")["count"] == .integer(1))
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(held)").json?.arrayValue.first)
            #expect(task["suspended"] == .bool(true))
            #expect(try await rest.call(.get, "/engine-rest/task/count?suspended=true")["count"] == .integer(1))

            let taskID = try #require(task["id"]?.stringValue)
            let refused = try await rest.call(.post, "/engine-rest/task/\(taskID)/complete", json: "{}")
            #expect(refused.status == .conflict)
            #expect(refused["type"] == .string("SuspendedEntityInteractionException"))
            #expect(refused["message"]?.stringValue?.contains("is suspended; activate it first") == true, "\(refused.text)")
            #expect(try await rest.call(.post, "/engine-rest/task/\(taskID)/claim", json: #"{"userId": "ann"}"#).status == .conflict)
            let triggered = try await rest.call(.post, "/engine-rest/execution/\(held)/messageSubscriptions/documentsReceived/trigger", json: "{}")
            #expect(triggered.status == .conflict && triggered["type"] == .string("SuspendedEntityInteractionException"), "\(triggered.text)")

            let both = try await rest.call(.get, "/engine-rest/task?active=true&suspended=true")
            #expect(both.status == .badRequest && both["type"] == .string("InvalidRequestException"))
            let noFlag = try await rest.call(.put, "/engine-rest/process-instance/\(held)/suspended", json: "{}")
            #expect(noFlag.status == .badRequest && noFlag["message"]?.stringValue?.contains("'suspended'") == true)
            #expect(try await rest.call(.put, "/engine-rest/process-instance/nope/suspended", json: #"{"suspended": true}"#).status == .notFound)
            let neither = try await rest.call(.put, "/engine-rest/process-instance/suspended", json: #"{"suspended": true}"#)
            #expect(neither.status == .badRequest, "\(neither.text)")

            // Every instance of the definition, by key; then activated again.
            #expect(try await rest.call(.put, "/engine-rest/process-instance/suspended", json: #"{"processDefinitionKey": "review", "suspended": true}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(other)")["suspended"] == .bool(true))
            #expect(try await rest.call(.put, "/engine-rest/process-instance/suspended", json: #"{"processDefinitionKey": "review", "suspended": false}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count?suspended=true")["count"] == .integer(0))
            #expect(try await rest.call(.post, "/engine-rest/task/\(taskID)/complete", json: "{}").status == .noContent)
        }
    }

    @Test func aSuspendedDefinitionRefusesStartsOverREST() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let suspend = try await rest.call(
                .put, "/engine-rest/process-definition/key/review/suspended", json: #"{"suspended": true, "includeProcessInstances": true}"#)
            #expect(suspend.status == .noContent, "\(suspend.text)")
            #expect(try await rest.call(.get, "/engine-rest/process-definition/key/review")["suspended"] == .bool(true))
            #expect(try await rest.call(.get, "/engine-rest/process-definition/count?suspended=true")["count"] == .integer(1))
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)")["suspended"] == .bool(true), "its instances followed")
            let start = try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")
            #expect(start.status == .conflict && start["type"] == .string("SuspendedEntityInteractionException"), "\(start.text)")
            let delayed = try await rest.call(.put, "/engine-rest/process-definition/suspended", json: #"{"processDefinitionKey": "review", "suspended": false, "executionDate": "2030-01-01T00:00:00.000+0000"}"#)
            #expect(delayed.status == .badRequest, "\(delayed.text)")
            #expect(try await rest.call(.put, "/engine-rest/process-definition/suspended", json: #"{"processDefinitionKey": "review", "suspended": false}"#).status == .noContent)
            #expect(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}").status == .ok)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)")["suspended"] == .bool(true), "activating the definition alone leaves its instances")
            #expect(try await rest.call(.put, "/engine-rest/process-definition/key/nope/suspended", json: #"{"suspended": true}"#).status == .notFound)
        }
    }

    @Test func suspendingNeedsUpdateOrSuspendInstanceOnTheDefinition() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), bob = rest.as("bob", "bob-pw")
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let denied = try await bob.call(.put, "/engine-rest/process-instance/\(instance)/suspended", json: #"{"suspended": true}"#)
            #expect(denied.status == .forbidden && denied["type"] == .string("AuthorizationException"))
            #expect(try await ops.call(.get, "/engine-rest/process-instance/\(instance)")["suspended"] == .bool(false), "a denied call changes nothing")
            _ = try await AuthorizationTests().grant(ops, user: "bob", "review", ["SUSPEND_INSTANCE"])
            #expect(try await bob.call(.put, "/engine-rest/process-instance/\(instance)/suspended", json: #"{"suspended": true}"#).status == .noContent)
        }
    }
}
