import BatonModel
import BatonServer
import Hummingbird
import HummingbirdBcrypt
import Testing

/// HTTP Basic users, bearer tokens, and who may work on which task.
@Suite struct SecurityTests {
    static let workerToken = "baton_0123456789ab_" + String(repeating: "5e", count: 16)

    static let credentials: Credentials = {
        // Cost 10 keeps the suite quick; production hashes use 12.
        func hash(_ secret: String) -> String { Bcrypt.hash(secret, cost: 10) }
        return try! Credentials.parse(
            users: "ann:\(hash("ann-pw")):approvers;bob:\(hash("bob-pw")):;ops:\(hash("ops-pw")):camunda-admin",
            tokens: "worker:0123456789ab:\(hash(workerToken))", adminGroup: nil)
    }()

    @Test func everyEngineCallNeedsValidCredentialsButHealthDoesNot() async throws {
        try await RestHarness.make(credentials: Self.credentials).run { rest in
            let anonymous = try await rest.call(.get, "/engine-rest/task")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous["type"] == .string("AuthenticationException"))
            let wrong = try await rest.as("ann", "not-her-password").call(.get, "/engine-rest/task")
            #expect(wrong.status == .unauthorized)
            let health = try await rest.call(.get, "/health")
            #expect(health.status == .ok)
            let metrics = try await rest.call(.get, "/metrics")
            #expect(metrics.status == .unauthorized, "metrics are for authenticated callers")
            let ann = try await rest.as("ann", "ann-pw").call(.get, "/engine-rest/task")
            #expect(ann.status == .ok)
            let token = try await rest.bearer(Self.workerToken).call(.get, "/engine-rest/process-definition")
            #expect(token.status == .ok)
            for bad in [Self.workerToken.dropLast() + "f", "baton_ffffffffffff_" + String(repeating: "5e", count: 16), "token-123"] {
                let badToken = try await rest.bearer(String(bad)).call(.get, "/engine-rest/process-definition")
                #expect(badToken.status == .unauthorized, "\(bad)")
            }
        }
    }

    @Test func onlyCandidatesAssigneesAndAdminsWorkOnATaskAndDeniedCallsChangeNothing() async throws {
        try await RestHarness.make(credentials: Self.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw"), bob = rest.as("bob", "bob-pw")
            let denied = try await ann.deploy([("review.bpmn", EngineRestTests.approval)])
            #expect(denied.status == .forbidden)
            #expect(denied["type"] == .string("AuthorizationException"))
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)

            #expect(try await bob.call(.get, "/engine-rest/task").json == .array([]), "bob is no candidate: he sees no task")
            let task = try #require(try await ann.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            let asCandidate = try await ann.call(.get, "/engine-rest/task?candidateUser=ann")
            #expect(asCandidate.json?.arrayValue.map { $0["id"] } == [.string(task)], "ann is a candidate through her group")
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/engine-rest/task/\(task)/complete", "{}"), (.post, "/engine-rest/task/\(task)/claim", #"{"userId": "bob"}"#),
                (.get, "/engine-rest/task/\(task)/variables", nil), (.get, "/engine-rest/task/\(task)", nil),
                (.get, "/engine-rest/process-instance/\(instance)/variables", nil), (.delete, "/engine-rest/process-instance/\(instance)", nil),
                (.delete, "/engine-rest/deployment/any", nil), (.get, "/engine-rest/process-instance/\(instance)", nil),
            ] {
                let reply = try await bob.call(method, path, json: body)
                #expect(reply.status == .forbidden, "\(method) \(path): \(reply.text)")
            }
            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/claim", json: #"{"userId": "bob"}"#).status == .forbidden, "ann claims only for herself")
            for list in ["variable-instance", "process-instance", "history/variable-instance", "history/process-instance", "incident", "job"] {
                #expect(try await bob.call(.get, "/engine-rest/\(list)").json == .array([]), "\(list): bob holds no grant, so he reads nothing")
            }
            let stillOpen = try await ops.call(.get, "/engine-rest/task/\(task)")
            #expect(stillOpen["assignee"] == .null, "denied calls changed nothing")

            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/claim", json: #"{"userId": "ann"}"#).status == .noContent)
            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/complete", json: #"{"variables": {"approved": {"value": true}}}"#).status == .noContent)
        }
    }
}
