import BatonModel
import Hummingbird
import Testing

/// `POST /task/{id}/delegate` and `/resolve` as Camunda's REST reference gives them (#15): the
/// owner, the delegation state, the owner identity link, and `/task` filtered by both.
@Suite struct DelegationAPITests {
    @Test func aTaskIsDelegatedAndResolvedOverREST() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.post, "/engine-rest/task/\(task)/claim", json: #"{"userId": "ann"}"#).status == .noContent)
            let delegated = try await rest.call(.post, "/engine-rest/task/\(task)/delegate", json: #"{"userId": "ben"}"#)
            #expect(delegated.status == .noContent, "\(delegated.text)")
            let pending = try await rest.call(.get, "/engine-rest/task/\(task)")
            #expect(pending["owner"] == .string("ann") && pending["assignee"] == .string("ben") && pending["delegationState"] == .string("PENDING"))
            #expect(try await rest.call(.get, "/engine-rest/task/count?owner=ann&delegationState=PENDING")["count"] == .integer(1))
            let links = try await rest.call(.get, "/engine-rest/task/\(task)/identity-links?type=owner")
            #expect(links.json?.arrayValue.map { $0["userId"] } == [.string("ann")])
            #expect(try await rest.call(.get, "/engine-rest/task?delegationState=LATER").status == .badRequest)
            #expect(try await rest.call(.post, "/engine-rest/task/\(task)/delegate", json: "{}").status == .badRequest)

            let resolved = try await rest.call(.post, "/engine-rest/task/\(task)/resolve", json: #"{"variables": {"reviewed": {"value": true}}}"#)
            #expect(resolved.status == .noContent, "\(resolved.text)")
            let back = try await rest.call(.get, "/engine-rest/task/\(task)")
            #expect(back["assignee"] == .string("ann") && back["delegationState"] == .string("RESOLVED"))
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables/reviewed")["value"] == .bool(true))
            #expect(try await rest.call(.post, "/engine-rest/task/nope/resolve", json: "{}").status == .notFound)
        }
    }
}
