import BatonModel
import Hummingbird
import Testing

/// Camunda's tenants as identities (`/tenant`, the first part of #17): created, renamed and
/// deleted under the Tenant resource's rights, users and groups made members under
/// TenantMembership's, and found by `userMember`, `groupMember` and `memberOfTenant`.
@Suite struct TenantAPITests {
    @Test func tenantsAndTheirMembersAreKeptAsCamundaKeepsThem() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { anonymous in
            let ops = anonymous.as("ops", "ops-pw"), ann = anonymous.as("ann", "ann-pw")
            for (id, name) in [("north", "North region"), ("south", "South region")] {
                let created = try await ops.call(.post, "/engine-rest/tenant/create", json: #"{"id": "\#(id)", "name": "\#(name)"}"#)
                #expect(created.status == .noContent, "\(created.text)")
            }
            #expect(try await ops.call(.post, "/engine-rest/tenant/create", json: #"{"id": "north"}"#).status == .conflict)
            #expect(try await ops.call(.post, "/engine-rest/tenant/create", json: #"{"id": "no spaces"}"#).status == .badRequest)
            #expect(try await ops.call(.put, "/engine-rest/tenant/north/user-members/ann").status == .noContent)
            #expect(try await ops.call(.put, "/engine-rest/tenant/north/user-members/ann").status == .noContent, "a second add changes nothing")
            #expect(try await ops.call(.put, "/engine-rest/tenant/south/group-members/approvers").status == .noContent)
            #expect(try await ops.call(.put, "/engine-rest/tenant/south/user-members/nobody").status == .notFound)
            #expect(try await ops.call(.put, "/engine-rest/tenant/nowhere/group-members/approvers").status == .notFound)

            func ids(_ path: String) async throws -> [String] {
                let reply = try await ops.call(.get, path)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
                return reply.json?.arrayValue.compactMap { $0["id"]?.stringValue } ?? []
            }
            #expect(try await ids("/engine-rest/tenant?sortBy=name&sortOrder=desc") == ["south", "north"])
            #expect(try await ids("/engine-rest/tenant?userMember=ann") == ["north"], "ann herself")
            #expect(try await ids("/engine-rest/tenant?userMember=ann&includingGroupsOfUser=true&sortBy=id&sortOrder=asc") == ["north", "south"], "and through approvers")
            #expect(try await ids("/engine-rest/tenant?groupMember=approvers") == ["south"])
            #expect(try await ids("/engine-rest/tenant?nameLike=North%25") == ["north"])
            #expect(try await ids("/engine-rest/user?memberOfTenant=north") == ["ann"])
            #expect(try await ids("/engine-rest/group?memberOfTenant=south") == ["approvers"])
            #expect(try await ops.call(.get, "/engine-rest/tenant/count?groupMember=approvers")["count"] == .integer(1))

            // Ann holds no right on tenants: she sees none and changes none.
            #expect(try await ann.call(.get, "/engine-rest/tenant").json == .array([]))
            #expect(try await ann.call(.get, "/engine-rest/tenant/north").status == .notFound)
            #expect(try await ann.call(.put, "/engine-rest/tenant/north", json: #"{"name": "Mine"}"#).status == .forbidden)
            #expect(try await ann.call(.put, "/engine-rest/tenant/north/user-members/bob").status == .forbidden)
            let options = try await ann.call(.options, "/engine-rest/tenant/north")
            #expect(options["links"]?.arrayValue.compactMap { $0["rel"]?.stringValue } == ["self"], "\(options.text)")

            #expect(try await ops.call(.put, "/engine-rest/tenant/north", json: #"{"id": "north", "name": "Northern region"}"#).status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/tenant/north")["name"] == .string("Northern region"))
            #expect(try await ops.call(.put, "/engine-rest/tenant/north", json: #"{"id": "east"}"#).status == .badRequest, "an id cannot change")
            #expect(try await ops.call(.delete, "/engine-rest/tenant/north/user-members/ann").status == .noContent)
            #expect(try await ids("/engine-rest/user?memberOfTenant=north") == [])
            #expect(try await ops.call(.delete, "/engine-rest/tenant/south").status == .noContent)
            #expect(try await ids("/engine-rest/group?memberOfTenant=south") == [], "its memberships went with it")
            #expect(try await ops.call(.get, "/engine-rest/tenant/south").status == .notFound)
        }
    }
}
