import BatonModel
import Hummingbird
import Testing

/// Camunda's identity endpoints over the users `BATON_USERS` created in the store (#15): a user
/// sees themselves and their groups; `READ` on the User and Group resources shows more; the
/// admin group sees everyone.
@Suite struct IdentityAPITests {
    @Test func usersAndGroupsAreListedAsTheCallerMayRead() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw")
            func ids(_ reply: RestClient.Reply) -> [String] { reply.json?.arrayValue.compactMap { $0["id"]?.stringValue } ?? [] }
            #expect(ids(try await ops.call(.get, "/engine-rest/user")) == ["ann", "bob", "ops"])
            #expect(ids(try await ops.call(.get, "/engine-rest/user?sortBy=userId&sortOrder=desc&maxResults=1")) == ["ops"])
            #expect(ids(try await ops.call(.get, "/engine-rest/group")) == ["approvers", "camunda-admin"])
            #expect(try await ops.call(.get, "/engine-rest/group/camunda-admin")["type"] == .string("SYSTEM"))
            #expect(ids(try await ops.call(.get, "/engine-rest/user?memberOfGroup=approvers")) == ["ann"])
            #expect(try await ops.call(.get, "/engine-rest/user/count?firstName=Ann")["count"] == .integer(0), "Baton keeps no names")

            #expect(ids(try await ann.call(.get, "/engine-rest/user")) == ["ann"], "only herself")
            #expect(ids(try await ann.call(.get, "/engine-rest/group")) == ["approvers"])
            #expect(try await ann.call(.get, "/engine-rest/user/bob/profile").status == .notFound)
            #expect(try await ann.call(.get, "/engine-rest/user/ann/profile")["id"] == .string("ann"))
            let grant = #"{"type": 1, "permissions": ["READ"], "userId": "ann", "resourceType": 1, "resourceId": "*"}"#
            #expect(try await ops.call(.post, "/engine-rest/authorization/create", json: grant).status == .ok)
            #expect(ids(try await ann.call(.get, "/engine-rest/user")) == ["ann", "bob", "ops"])

            let groups = try await ann.call(.get, "/engine-rest/identity/groups?userId=ann")
            #expect(groups["groups"]?.arrayValue.compactMap { $0["id"]?.stringValue } == ["approvers"])
            #expect(groups["groupUsers"]?.arrayValue.compactMap { $0["id"]?.stringValue } == [], "the others in her groups, not herself")
            #expect(try await ann.call(.get, "/engine-rest/user?unknown=1").status == .badRequest)
        }
    }
}
