import BatonModel
import Hummingbird
import Testing

/// Saved task filters (`/filter`, #15) as Tasklist and pycamunda's `filter` module use them:
/// saved with `${currentUserGroups()}`, run for whoever calls, extended by a POST body, and
/// guarded by the Filter resource's rights, which the owner always has.
@Suite struct FilterAPITests {
    @Test func aSavedFilterRunsForWhoeverCallsItAndOnlyTheyMayUseIt() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { anonymous in
            let ops = anonymous.as("ops", "ops-pw"), ann = anonymous.as("ann", "ann-pw"), bob = anonymous.as("bob", "bob-pw")
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            for key in ["bk-1", "bk-2"] {
                #expect(try await ops.call(.post, "/engine-rest/process-definition/key/review/start", json: #"{"businessKey": "\#(key)"}"#).status == .ok)
            }
            let created = try await ops.call(.post, "/engine-rest/filter/create", json: """
                {"resourceType": "Task", "name": "My group's tasks", "owner": "ann",
                 "query": {"candidateGroupsExpression": "${currentUserGroups()}", "sorting": [{"sortBy": "created", "sortOrder": "desc"}]},
                 "properties": {"color": "#3e4d2e", "priority": 1}}
                """)
            #expect(created.status == .ok, "\(created.text)")
            let id = try #require(created["id"]?.stringValue)
            #expect(created["query"]?["candidateGroupsExpression"] == .string("${currentUserGroups()}"), "kept as saved, evaluated when run")
            #expect(created["properties"]?["color"] == .string("#3e4d2e"))

            // Ann owns it and is in 'approvers': it finds both tasks for her.
            let listed = try #require(try await ann.call(.get, "/engine-rest/filter?itemCount=true").json?.arrayValue)
            #expect(listed.count == 1 && listed.first?["itemCount"] == .integer(2), "\(listed)")
            #expect(try await ann.call(.get, "/engine-rest/filter/\(id)/list").json?.arrayValue.count == 2)
            #expect(try await ann.call(.get, "/engine-rest/filter/\(id)/count")["count"] == .integer(2))
            let narrowed = try await ann.call(.post, "/engine-rest/filter/\(id)/list?maxResults=5", json: #"{"processInstanceBusinessKey": "bk-1"}"#)
            #expect(narrowed.json?.arrayValue.count == 1, "\(narrowed.text)")
            let single = try await ann.call(.post, "/engine-rest/filter/\(id)/singleResult", json: #"{"processInstanceBusinessKey": "bk-2"}"#)
            #expect(single["taskDefinitionKey"] == .string("approve"), "\(single.text)")
            #expect(try await ann.call(.get, "/engine-rest/filter/\(id)/singleResult").status == .badRequest, "two tasks are no single result")
            #expect(try await ann.call(.post, "/engine-rest/filter/\(id)/count", json: #"{"processInstanceBusinessKey": "none"}"#)["count"] == .integer(0))
            #expect(try await ann.call(.post, "/engine-rest/filter/\(id)/singleResult", json: #"{"processInstanceBusinessKey": "none"}"#).status == .noContent)

            // Bob neither owns it nor holds a right on it; with READ he runs it as himself.
            #expect(try await bob.call(.get, "/engine-rest/filter").json == .array([]))
            #expect(try await bob.call(.get, "/engine-rest/filter/\(id)").status == .forbidden)
            #expect(try await bob.call(.get, "/engine-rest/filter/\(id)/list").status == .forbidden)
            let options = try await bob.call(.options, "/engine-rest/filter")
            #expect(options["links"]?.arrayValue.contains { $0["rel"] == .string("create") } == false, "\(options.text)")
            let grant = try await ops.call(.post, "/engine-rest/authorization/create", json: """
                {"type": 1, "permissions": ["READ"], "userId": "bob", "resourceType": 5, "resourceId": "\(id)"}
                """)
            #expect(grant.status == .ok, "\(grant.text)")
            #expect(try await bob.call(.get, "/engine-rest/filter/count")["count"] == .integer(1))
            #expect(try await bob.call(.get, "/engine-rest/filter/\(id)/count")["count"] == .integer(0), "bob is in no group and sees no task")
            #expect(try await bob.call(.put, "/engine-rest/filter/\(id)", json: #"{"name": "Mine now"}"#).status == .forbidden)
            #expect(try await bob.call(.post, "/engine-rest/filter/create", json: #"{"name": "Bob's"}"#).status == .forbidden)

            // The owner changes it; an administrator deletes it.
            let renamed = try await ann.call(.put, "/engine-rest/filter/\(id)", json: #"{"resourceType": "Task", "name": "Approvals", "owner": "ann", "query": {"processDefinitionKey": "review"}}"#)
            #expect(renamed.status == .noContent, "\(renamed.text)")
            let read = try await ann.call(.get, "/engine-rest/filter/\(id)")
            #expect(read["name"] == .string("Approvals") && read["query"] == .object([.init("processDefinitionKey", .string("review"))]))
            #expect(try await ops.call(.get, "/engine-rest/filter/count?nameLike=Appr%25&owner=ann")["count"] == .integer(1))
            #expect(try await ops.call(.get, "/engine-rest/filter?resourceType=Case").json == .array([]))

            let refusals: [(String, String)] = [
                (#"{"name": "x", "query": {"nope": 1}}"#, "nope"),
                (#"{"name": "x", "query": {"assigneeExpression": "${now()}"}}"#, "currentUser()"),
                (#"{"name": "x", "query": {"assigneeExpression": "${currentUserGroups()}"}}"#, "candidateGroupsExpression"),
                (#"{"name": "x", "resourceType": "Case"}"#, "Case"),
                (#"{"query": {}}"#, "name"),
                (#"{"name": "x", "query": {"sortBy": "nope"}}"#, "nope"),
            ]
            for (body, word) in refusals {
                let reply = try await ops.call(.post, "/engine-rest/filter/create", json: body)
                #expect(reply.status == .badRequest && reply["message"]?.stringValue?.contains(word) == true, "\(body): \(reply.text)")
            }
            #expect(try await ops.call(.delete, "/engine-rest/filter/\(id)").status == .noContent)
            #expect(try await ann.call(.get, "/engine-rest/filter/\(id)").status == .notFound)
            #expect(try await ops.call(.get, "/engine-rest/filter/count")["count"] == .integer(0))
        }
    }
}
