import BatonEngine
import BatonModel
import Hummingbird

/// Camunda's identity service, read-only: Baton's users and groups are its configuration
/// (`BATON_USERS`), so `/user` and `/group` list them and writes are refused. A caller reads their
/// own user and groups, and whatever `READ` on the User and Group resources grants them.
extension EngineRestAPI {
    func registerIdentity(on group: RouterGroup<BatonRequestContext>, credentials: Credentials) {
        let directory = IdentityDirectory(credentials)
        @Sendable func readable(_ context: BatonRequestContext) async throws -> (users: [IdentityDirectory.User], groups: [IdentityDirectory.Group]) {
            let access = try await access(context)
            guard let caller = access.caller, let identity = context.identity else { return (directory.users, directory.groups) }
            return (
                directory.users.filter { $0.id == identity.userID || caller.allows("READ", on: .user, $0.id) },
                directory.groups.filter { identity.groups.contains($0.id) || caller.allows("READ", on: .group, $0.id) }
            )
        }

        let userParameters: Set<String> = ["id", "idIn", "firstName", "firstNameLike", "lastName", "lastNameLike", "email", "emailLike", "memberOfGroup"]
        @Sendable func users(_ request: Request, _ context: BatonRequestContext, paged: Bool) async throws -> [IdentityDirectory.User] {
            let query = try QueryParameters(request, allowed: paged ? userParameters.union(["sortBy", "sortOrder", "firstResult", "maxResults"]) : userParameters)
            // Baton keeps no names or e-mail addresses: a filter on them matches nobody.
            if ["firstName", "firstNameLike", "lastName", "lastNameLike", "email", "emailLike"].contains(where: { query.string($0) != nil }) { return [] }
            var matches = try await readable(context).users.filter { user in
                (query.string("id").map { $0 == user.id } ?? true) && (query.list("idIn").map { $0.contains(user.id) } ?? true)
                    && (query.string("memberOfGroup").map { user.groups.contains($0) } ?? true)
            }
            let sorting = try query.sorting([Sorting(IdentityDirectory.UserSortKey.userId)])
            if sorting.first?.ascending == false { matches.reverse() }
            return paged ? try query.page().apply(matches) : matches
        }
        group.get("user") { request, context in
            JSONResponse.make(.array(try await users(request, context, paged: true).map(Self.json)))
        }
        group.get("user/count") { request, context in JSONResponse.count(try await users(request, context, paged: false).count) }
        group.get("user/:id/profile") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            guard let user = try await readable(context).users.first(where: { $0.id == id }) else {
                throw RestError.notFound("User with id \(id) does not exist")
            }
            return JSONResponse.make(Self.json(user))
        }

        let groupParameters: Set<String> = ["id", "idIn", "name", "nameLike", "type", "member"]
        @Sendable func groups(_ request: Request, _ context: BatonRequestContext, paged: Bool) async throws -> [IdentityDirectory.Group] {
            let query = try QueryParameters(request, allowed: paged ? groupParameters.union(["sortBy", "sortOrder", "firstResult", "maxResults"]) : groupParameters)
            var matches = try await readable(context).groups.filter { group in
                (query.string("id").map { $0 == group.id } ?? true) && (query.list("idIn").map { $0.contains(group.id) } ?? true)
                    && (query.string("name").map { $0 == group.id } ?? true)
                    && (query.string("nameLike").map { likeMatches(group.id, $0) } ?? true)
                    && (query.string("type").map { $0 == group.type } ?? true)
                    && (query.string("member").map { group.members.contains($0) } ?? true)
            }
            let sorting = try query.sorting([Sorting(IdentityDirectory.GroupSortKey.id)])
            if sorting.first?.ascending == false { matches.reverse() }
            return paged ? try query.page().apply(matches) : matches
        }
        group.get("group") { request, context in
            JSONResponse.make(.array(try await groups(request, context, paged: true).map(Self.json)))
        }
        group.get("group/count") { request, context in JSONResponse.count(try await groups(request, context, paged: false).count) }
        group.get("group/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            guard let found = try await readable(context).groups.first(where: { $0.id == id }) else {
                throw RestError.notFound("Group with id \(id) does not exist")
            }
            return JSONResponse.make(Self.json(found))
        }
        group.get("identity/groups") { request, context in
            // Tasklist's call: the user's groups, and the users who share one with them.
            let query = try QueryParameters(request, allowed: ["userId"])
            guard let userID = query.string("userId") else { throw RestError.invalid("Expected 'userId', but it is missing.") }
            let visible = try await readable(context)
            let memberOf = visible.groups.filter { $0.members.contains(userID) }
            let fellows = visible.users.filter { user in memberOf.contains { $0.members.contains(user.id) } }
            return JSONResponse.make(.object([
                .init("groups", .array(memberOf.map { .object([.init("id", .string($0.id)), .init("name", .string($0.id))]) })),
                .init("groupUsers", .array(fellows.map { user in
                    .object([.init("id", .string(user.id)), .init("firstName", .null), .init("lastName", .null), .init("displayName", .string(user.id))])
                })),
            ]))
        }
    }

    static func json(_ user: IdentityDirectory.User) -> JSONValue {
        .object([.init("id", .string(user.id)), .init("firstName", .null), .init("lastName", .null), .init("email", .null)])
    }

    static func json(_ group: IdentityDirectory.Group) -> JSONValue {
        .object([.init("id", .string(group.id)), .init("name", .string(group.id)), .init("type", .string(group.type))])
    }
}

/// The configured users and the groups they name, sorted by id.
struct IdentityDirectory: Sendable {
    struct User: Sendable {
        var id: String
        var groups: [String]
    }

    struct Group: Sendable {
        var id: String
        /// Camunda's group type: the admin group is `SYSTEM`, others `WORKFLOW`.
        var type: String
        var members: [String]
    }

    enum UserSortKey: String, CaseIterable, Hashable, Sendable { case userId, firstName, lastName, email }
    enum GroupSortKey: String, CaseIterable, Hashable, Sendable { case id, name, type }

    let users: [User]
    let groups: [Group]

    init(_ credentials: Credentials) {
        users = credentials.users.values.map { User(id: $0.id, groups: $0.groups) }.sorted { $0.id < $1.id }
        var members: [String: [String]] = [:]
        for user in users { for group in user.groups { members[group, default: []].append(user.id) } }
        groups = members.keys.sorted().map { Group(id: $0, type: $0 == credentials.adminGroup ? "SYSTEM" : "WORKFLOW", members: members[$0]!) }
    }
}
