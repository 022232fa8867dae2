import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Users, groups and memberships on both stores: the same lists, counts and refusals, and what a
/// deletion takes with it.
@Suite struct IdentityStoreTests {
    static func populate(_ backend: TestBackend) async throws -> Runtime {
        let runtime = Runtime(store: try await backend.store())
        let people: [(String, String?, String?, String?)] = [
            ("ann", "Ann", "Smith", "ann@example.org"), ("bob", "Bob", "Jones", nil), ("cleo", "Cleo", "Smith", "cleo@example.org"),
            ("dev.ops", nil, nil, "ops@example.org"), ("eve_1", "Eve", "Adams", "eve@example.com"),
        ]
        for (id, first, last, email) in people {
            try await runtime.createUser(UserRecord(id: id, firstName: first, lastName: last, email: email, passwordHash: "$2b$04$hash-of-\(id)"))
        }
        for (id, name, type) in [("approvers", "Plan approvers", "WORKFLOW"), ("camunda-admin", "Admins", "SYSTEM"), ("leads", nil, "WORKFLOW")] {
            try await runtime.createGroup(GroupRecord(id: id, name: name, type: type))
        }
        for (group, user) in [("approvers", "ann"), ("approvers", "bob"), ("leads", "ann"), ("camunda-admin", "dev.ops"), ("approvers", "ann")] {
            try await runtime.addMember(groupID: group, userID: user)
        }
        return runtime
    }

    @Test func usersAndGroupsAnswerAlikeOnBothStores() async throws {
        let memory = try await Self.populate(.memory), postgres = try await Self.populate(.postgres)
        let pages = [Page.all, Page(firstResult: 1, maxResults: 2), Page(firstResult: 9)]
        var userQueries: [UserQuery] = []
        func user(_ change: (inout UserQuery) -> Void) {
            var query = UserQuery()
            change(&query)
            userQueries.append(query)
        }
        user { _ in }
        user { $0.lastName = "Smith" }
        user { $0.lastNameLike = "%m%" }
        user { $0.emailLike = "%@example.org" }
        user { $0.firstNameLike = "%" }
        user { $0.memberOfGroup = "approvers" }
        user { $0.ids = ["bob", "eve_1", "nobody"] }
        user { $0.visible = .only(["ann", "cleo"]) }
        user { $0.visible = .allExcept(["ann"]); $0.memberOfGroup = "approvers" }
        user { $0.sorting = [Sorting(.lastName, ascending: false)] }
        user { $0.sorting = [Sorting(.firstName)] }
        user { $0.sorting = [Sorting(.email, ascending: false), Sorting(.userId, ascending: false)] }
        for (index, query) in userQueries.enumerated() {
            for page in pages {
                let a = try await memory.users(query, page: page), b = try await postgres.users(query, page: page)
                #expect(a == b, "users #\(index) \(page)")
            }
            #expect(try await memory.count(query) == postgres.count(query), "user count #\(index)")
        }
        var smiths = UserQuery()
        smiths.lastName = "Smith"
        smiths.sorting = [Sorting(.firstName, ascending: false)]
        #expect(try await postgres.users(smiths).map(\.id) == ["cleo", "ann"])

        var groupQueries: [GroupQuery] = []
        func group(_ change: (inout GroupQuery) -> Void) {
            var query = GroupQuery()
            change(&query)
            groupQueries.append(query)
        }
        group { _ in }
        group { $0.member = "ann" }
        group { $0.nameLike = "%a%" }
        group { $0.type = "WORKFLOW" }
        group { $0.sorting = [Sorting(.name)] }
        group { $0.sorting = [Sorting(.type, ascending: false)] }
        group { $0.visible = .only(["leads"]) }
        for (index, query) in groupQueries.enumerated() {
            for page in pages {
                let a = try await memory.groups(query, page: page), b = try await postgres.groups(query, page: page)
                #expect(a == b, "groups #\(index) \(page)")
            }
            #expect(try await memory.count(query) == postgres.count(query), "group count #\(index)")
        }
        #expect(try await postgres.groupIDs(ofUser: "ann") == ["approvers", "leads"])
        #expect(try await memory.groupIDs(ofUser: "ann") == ["approvers", "leads"])
    }

    @Test(arguments: TestBackend.allCases) func refusalsAndDeletionsAreTheSameOnEachStore(backend: TestBackend) async throws {
        let runtime = try await Self.populate(backend)
        await #expect(throws: EngineError.self) { try await runtime.createUser(UserRecord(id: "ann", passwordHash: "$2b$04$x")) }
        await #expect(throws: EngineError.self) { try await runtime.createUser(UserRecord(id: "has space", passwordHash: "$2b$04$x")) }
        await #expect(throws: EngineError.self) { try await runtime.createGroup(GroupRecord(id: "leads")) }
        await #expect(throws: EngineError.self) { try await runtime.addMember(groupID: "leads", userID: "nobody") }
        await #expect(throws: EngineError.self) { try await runtime.addMember(groupID: "nowhere", userID: "ann") }
        await #expect(throws: EngineError.self) { try await runtime.updateUser(UserRecord(id: "nobody", passwordHash: "$2b$04$x")) }
        #expect(try await runtime.user("ann")?.passwordHash == "$2b$04$hash-of-ann", "a refused create changes nothing")

        // Deleting a user ends their memberships and the authorizations on them, not others'.
        let onAnn = try await runtime.createAuthorization(AuthorizationRecord(
            id: "", kind: .grant, userID: "bob", groupID: nil, resourceType: AuthorizationResource.user.rawValue, resourceID: "ann", permissions: ["READ"]))
        let onBob = try await runtime.createAuthorization(AuthorizationRecord(
            id: "", kind: .grant, userID: "ann", groupID: nil, resourceType: AuthorizationResource.user.rawValue, resourceID: "bob", permissions: ["READ"]))
        try await runtime.deleteUser("ann")
        try await runtime.deleteUser("ann")
        #expect(try await runtime.user("ann") == nil)
        #expect(try await runtime.groupIDs(ofUser: "ann") == [])
        var approvers = UserQuery()
        approvers.memberOfGroup = "approvers"
        #expect(try await runtime.users(approvers).map(\.id) == ["bob"])
        #expect(try await runtime.authorizations().map(\.id) == [onBob.id], "the grant on ann (\(onAnn.id)) went with her; the one on bob stays")

        try await runtime.deleteGroup("approvers")
        #expect(try await runtime.groupIDs(ofUser: "bob") == [])
        #expect(try await runtime.group("approvers") == nil)
        try await runtime.removeMember(groupID: "leads", userID: "bob")
    }
}
