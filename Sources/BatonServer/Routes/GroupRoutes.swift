import BatonEngine
import BatonModel
import Hummingbird

/// Camunda's groups (`/group`), their members, and the identity calls Tasklist makes
/// (`/identity/groups`, `/identity/verify`). Writes take `CREATE`, `UPDATE` or `DELETE` on the
/// Group resource, and memberships `CREATE` or `DELETE` on GroupMembership (by group id); the
/// admin group holds them all. A list shows the caller's own groups and those `READ` on Group
/// grants.
extension EngineRestAPI {
    func registerGroups(on group: RouterGroup<BatonRequestContext>, directory: UserDirectory) {
        let parameters: Set<String> = ["id", "idIn", "name", "nameLike", "type", "member", "memberOfTenant"]
        @Sendable func visibleGroups(_ context: BatonRequestContext) async throws -> ResourceScope {
            guard let caller = try await access(context).caller, let identity = context.identity else { return .all }
            var scope = caller.scope(of: "READ", on: .group)
            for own in identity.groups { scope = scope.including(own) }
            return scope
        }
        @Sendable func query(_ values: QueryParameters, _ context: BatonRequestContext) async throws -> GroupQuery {
            var query = GroupQuery()
            query.id = values.string("id")
            query.ids = values.list("idIn")
            query.name = values.string("name")
            query.nameLike = values.string("nameLike")
            query.type = values.string("type")
            query.member = values.string("member")
            query.memberOfTenant = values.string("memberOfTenant")
            query.sorting = try values.sorting([])
            query.visible = try await visibleGroups(context)
            return query
        }
        @Sendable func visibleGroup(_ id: String, _ context: BatonRequestContext) async throws -> GroupRecord {
            guard try await visibleGroups(context).contains(id), let found = try await runtime.group(id) else {
                throw RestError.notFound("Group with id \(id) does not exist")
            }
            return found
        }

        group.get("group") { request, context in
            let values = try QueryParameters(request, allowed: parameters.union(["sortBy", "sortOrder", "firstResult", "maxResults"]))
            return JSONResponse.make(.array(try await runtime.groups(try await query(values, context), page: try values.page()).map(Self.json)))
        }
        group.get("group/count") { request, context in
            JSONResponse.count(try await runtime.count(try await query(try QueryParameters(request, allowed: parameters), context)))
        }
        // Camunda's POST forms: the same parameters as a JSON body, paging in the URL.
        group.post("group") { request, context in
            let paging = try QueryParameters(request, allowed: ["firstResult", "maxResults"])
            let values = try QueryParameters(body: try await body(request, context, query: ["firstResult", "maxResults"]), allowed: parameters.union(["sortBy", "sortOrder"]))
            return JSONResponse.make(.array(try await runtime.groups(try await query(values, context), page: try paging.page()).map(Self.json)))
        }
        group.post("group/count") { request, context in
            let values = try QueryParameters(body: try await body(request, context), allowed: parameters)
            return JSONResponse.count(try await runtime.count(try await query(values, context)))
        }
        group.on("group", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let base = request.uri.path
            var links = [ResourceLink(.get, base, "list"), ResourceLink(.get, base + "/count", "count")]
            if try await access(context).caller?.allows("CREATE", on: .group, "*") ?? true { links.append(ResourceLink(.post, base + "/create", "create")) }
            return ResourceLink.options(links)
        }
        group.post("group/create") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["id", "name", "type"])
            guard let id = try body.string("id") else { throw RestError.invalid("Expected the group's id, but it is missing.") }
            try await access(context).require("CREATE", on: .group, "*")
            try await runtime.createGroup(GroupRecord(id: id, name: try body.string("name"), type: try body.string("type")))
            try await directory.changed()
            return Response(status: .noContent)
        }
        group.get("group/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(Self.json(try await visibleGroup(try context.pathParameter("id"), context)))
        }
        group.put("group/:id") { request, context in
            let id = try context.pathParameter("id")
            let body = try await body(request, context)
            try body.allowOnly(["id", "name", "type"])
            try await access(context).require("UPDATE", on: .group, id)
            var found = try await visibleGroup(id, context)
            if let renamed = try body.string("id"), renamed != id {
                throw RestError.invalid("Expected the group's id to be '\(id)', but it is '\(renamed)': a group's id cannot change.")
            }
            found.name = try body.string("name")
            found.type = try body.string("type")
            try await runtime.updateGroup(found)
            return Response(status: .noContent)
        }
        group.delete("group/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            try await access(context).require("DELETE", on: .group, id)
            try await runtime.deleteGroup(id)
            try await directory.changed()
            return Response(status: .noContent)
        }
        group.on("group/:id", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            let base = request.uri.path
            let caller = try await access(context).caller
            var links = [ResourceLink(.get, base, "self")]
            if caller?.allows("DELETE", on: .group, id) ?? true { links.append(ResourceLink(.delete, base, "delete")) }
            if caller?.allows("UPDATE", on: .group, id) ?? true { links.append(ResourceLink(.put, base, "update")) }
            return ResourceLink.options(links)
        }
        group.put("group/:id/members/:userId") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id"), userID = try context.pathParameter("userId")
            try await access(context).require("CREATE", on: .groupMembership, id)
            try await runtime.addMember(groupID: id, userID: userID)
            try await directory.changed()
            return Response(status: .noContent)
        }
        group.delete("group/:id/members/:userId") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id"), userID = try context.pathParameter("userId")
            try await access(context).require("DELETE", on: .groupMembership, id)
            try await runtime.removeMember(groupID: id, userID: userID)
            try await directory.changed()
            return Response(status: .noContent)
        }
        group.on("group/:id/members", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            let base = request.uri.path
            let caller = try await access(context).caller
            var links: [ResourceLink] = []
            if caller?.allows("DELETE", on: .groupMembership, id) ?? true { links.append(ResourceLink(.delete, base, "delete")) }
            if caller?.allows("CREATE", on: .groupMembership, id) ?? true { links.append(ResourceLink(.put, base, "create")) }
            return ResourceLink.options(links)
        }
        group.get("identity/groups") { request, context in
            // Tasklist's call: the user's groups (by name), and the other users who share one.
            let values = try QueryParameters(request, allowed: ["userId"])
            guard let userID = values.string("userId") else { throw RestError.invalid("No user id was supplied") }
            var memberOf = GroupQuery()
            memberOf.member = userID
            memberOf.sorting = [Sorting(.name)]
            memberOf.visible = try await visibleGroups(context)
            let groups = try await runtime.groups(memberOf)
            var fellows = UserQuery()
            fellows.sorting = [Sorting(.userId)]
            if let caller = try await access(context).caller, let identity = context.identity {
                fellows.visible = caller.scope(of: "READ", on: .user).including(identity.userID)
            }
            var users: [UserRecord] = []
            var seen: Set<String> = [userID]
            for group in groups {
                fellows.memberOfGroup = group.id
                for user in try await runtime.users(fellows) where seen.insert(user.id).inserted { users.append(user) }
            }
            return JSONResponse.make(.object([
                .init("groups", .array(groups.map { .object([.init("id", .string($0.id)), .init("name", $0.name.map(JSONValue.string) ?? .null)]) })),
                .init("groupUsers", .array(users.map { user in
                    .object([
                        .init("id", .string(user.id)), .init("firstName", user.firstName.map(JSONValue.string) ?? .null),
                        .init("lastName", user.lastName.map(JSONValue.string) ?? .null),
                        .init("displayName", .string([user.firstName, user.lastName].compactMap { $0 }.joined(separator: " ").nonEmpty ?? user.id)),
                    ])
                })),
            ]))
        }
        group.post("identity/verify") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["username", "password"])
            guard let user = try body.string("username"), let password = try body.string("password") else {
                throw RestError.invalid("Username and password are required")
            }
            // A password oracle: throttled and queued like a sign-in.
            let proven: Identity?
            do {
                proven = try await directory.verify(userID: user, password: password, from: context.clientAddress)
            } catch let outcome as UserDirectory.CheckOutcome {
                throw outcome.refusal
            }
            return JSONResponse.make(.object([.init("authenticatedUser", .string(user)), .init("authenticated", .bool(proven != nil))]))
        }
    }

    static func json(_ group: GroupRecord) -> JSONValue {
        .object([
            .init("id", .string(group.id)), .init("name", group.name.map(JSONValue.string) ?? .null), .init("type", group.type.map(JSONValue.string) ?? .null),
        ])
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
