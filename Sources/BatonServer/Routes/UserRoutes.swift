import BatonEngine
import BatonModel
import Hummingbird

/// Camunda's users (`/user`): kept in the store, passwords as bcrypt hashes only. Writes take
/// `CREATE`, `UPDATE` or `DELETE` on the User resource (the admin group holds them all); every
/// user may read and update their own profile and password. A list shows the caller's own user
/// and those `READ` on User grants.
extension EngineRestAPI {
    func registerUsers(on group: RouterGroup<BatonRequestContext>, directory: UserDirectory) {
        let parameters: Set<String> = [
            "id", "idIn", "firstName", "firstNameLike", "lastName", "lastNameLike", "email", "emailLike", "memberOfGroup", "memberOfTenant", "potentialStarter",
        ]
        @Sendable func query(_ request: Request, _ context: BatonRequestContext, paged: Bool) async throws -> (UserQuery, Page) {
            let values = try QueryParameters(request, allowed: paged ? parameters.union(["sortBy", "sortOrder", "firstResult", "maxResults"]) : parameters)
            var query = UserQuery()
            query.id = values.string("id")
            query.ids = values.list("idIn")
            query.firstName = values.string("firstName")
            query.firstNameLike = values.string("firstNameLike")
            query.lastName = values.string("lastName")
            query.lastNameLike = values.string("lastNameLike")
            query.email = values.string("email")
            query.emailLike = values.string("emailLike")
            query.memberOfGroup = values.string("memberOfGroup")
            query.memberOfTenant = values.string("memberOfTenant")
            if let definitionID = values.string("potentialStarter") { query.potentialStarter = try await runtime.candidateStarters(of: definitionID) }
            query.sorting = try values.sorting([])
            query.visible = try await visibleUsers(context)
            return (query, paged ? try values.page() : .all)
        }
        @Sendable func visibleUsers(_ context: BatonRequestContext) async throws -> ResourceScope {
            guard let caller = try await access(context).caller, let identity = context.identity else { return .all }
            return caller.scope(of: "READ", on: .user).including(identity.userID)
        }
        /// The user, if the caller may see them: 404 otherwise, so ids cannot be probed.
        @Sendable func visibleUser(_ id: String, _ context: BatonRequestContext) async throws -> UserRecord {
            guard try await visibleUsers(context).contains(id), let user = try await runtime.user(id) else { throw RestError.notFound("User with id \(id) does not exist") }
            return user
        }
        /// `permission` on user `id`: an authorization, or (for `READ` and `UPDATE`) being that user.
        @Sendable func require(_ permission: String, onUser id: String, _ context: BatonRequestContext) async throws {
            if permission != "DELETE", let identity = context.identity, identity.userID == id { return }
            try await access(context).require(permission, on: .user, id)
        }

        group.get("user") { request, context in
            let (query, page) = try await query(request, context, paged: true)
            return JSONResponse.make(.array(try await runtime.users(query, page: page).map(Self.json)))
        }
        group.get("user/count") { request, context in
            JSONResponse.count(try await runtime.count(try await query(request, context, paged: false).0))
        }
        group.on("user", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let base = request.uri.path
            var links: [ResourceLink] = [ResourceLink(.get, base, "list"), ResourceLink(.get, base + "/count", "count")]
            if try await access(context).caller?.allows("CREATE", on: .user, "*") ?? true { links.append(ResourceLink(.post, base + "/create", "create")) }
            return ResourceLink.options(links)
        }
        group.post("user/create") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["profile", "credentials"])
            guard let profile = try body.object("profile"), let id = try profile.string("id") else {
                throw RestError.invalid("request object must provide profile information with valid id.")
            }
            try profile.allowOnly(["id", "firstName", "lastName", "email"])
            try await access(context).require("CREATE", on: .user, "*")
            let credentials = try body.object("credentials")
            try credentials?.allowOnly(["password"])
            guard let password = try credentials?.string("password") else {
                throw RestError.invalid("Expected credentials.password for user '\(id)', but it is missing: Baton keeps no user without a password.")
            }
            try IdentityID.validate(id, of: "user")
            let user = UserRecord(
                id: id, firstName: try profile.string("firstName"), lastName: try profile.string("lastName"), email: try profile.string("email"),
                passwordHash: try await directory.hash(password: password))
            try await runtime.createUser(user)
            try await directory.changed()
            return Response(status: .noContent)
        }
        group.get("user/:id/profile") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(Self.json(try await visibleUser(try context.pathParameter("id"), context)))
        }
        group.put("user/:id/profile") { request, context in
            let id = try context.pathParameter("id")
            let body = try await body(request, context)
            try body.allowOnly(["id", "firstName", "lastName", "email"])
            try await require("UPDATE", onUser: id, context)
            var user = try await visibleUser(id, context)
            if let renamed = try body.string("id"), renamed != id {
                throw RestError.invalid("Expected the profile's id to be '\(id)', but it is '\(renamed)': a user's id cannot change.")
            }
            user.firstName = try body.string("firstName")
            user.lastName = try body.string("lastName")
            user.email = try body.string("email")
            try await runtime.updateUser(user)
            return Response(status: .noContent)
        }
        group.put("user/:id/credentials") { request, context in
            let id = try context.pathParameter("id")
            let body = try await body(request, context)
            try body.allowOnly(["password", "authenticatedUserPassword"])
            guard let password = try body.string("password") else { throw RestError.invalid("Expected a password, but it is missing.") }
            try await require("UPDATE", onUser: id, context)
            // As in Camunda: whoever changes a password proves their own first.
            if let caller = context.identity {
                let proof = try body.string("authenticatedUserPassword") ?? ""
                let proven: Identity?
                do {
                    proven = try await directory.verify(userID: caller.userID, password: proof, from: context.clientAddress)
                } catch let outcome as UserDirectory.CheckOutcome {
                    throw outcome.refusal
                }
                guard proven != nil else { throw RestError.invalid("The given authenticated user password is not valid.") }
            }
            var user = try await visibleUser(id, context)
            user.passwordHash = try await directory.hash(password: password)
            try await runtime.updateUser(user)
            try await directory.changed()
            return Response(status: .noContent)
        }
        group.delete("user/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            try await require("DELETE", onUser: id, context)
            try await runtime.deleteUser(id)
            try await directory.changed()
            return Response(status: .noContent)
        }
        group.post("user/:id/unlock") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            try Authorization.requireAdmin(context.identity, to: "unlock user '\(id)'")
            guard try await runtime.user(id) != nil else { throw RestError.notFound("User with id \(id) does not exist") }
            directory.throttle.succeeded(user: id)
            return Response(status: .noContent)
        }
        group.on("user/:id", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            let base = request.uri.path
            var links = [ResourceLink(.get, base + "/profile", "self")]
            let caller = try await access(context).caller
            if caller?.allows("DELETE", on: .user, id) ?? true { links.append(ResourceLink(.delete, base, "delete")) }
            if caller == nil || context.identity?.userID == id || caller!.allows("UPDATE", on: .user, id) {
                links.append(ResourceLink(.put, base + "/profile", "update"))
            }
            return ResourceLink.options(links)
        }
    }

    static func json(_ user: UserRecord) -> JSONValue {
        .object([
            .init("id", .string(user.id)), .init("firstName", user.firstName.map(JSONValue.string) ?? .null),
            .init("lastName", user.lastName.map(JSONValue.string) ?? .null), .init("email", user.email.map(JSONValue.string) ?? .null),
        ])
    }
}

/// One link of Camunda's `OPTIONS` answers (`ResourceOptionsDto`): what the caller may do here.
struct ResourceLink {
    var method: HTTPRequest.Method
    var href: String
    var rel: String

    init(_ method: HTTPRequest.Method, _ href: String, _ rel: String) {
        self.method = method
        self.href = href
        self.rel = rel
    }

    static func options(_ links: [ResourceLink]) -> Response {
        JSONResponse.make(.object([
            .init("links", .array(links.map { link in
                .object([.init("method", .string(link.method.rawValue)), .init("href", .string(link.href)), .init("rel", .string(link.rel))])
            }))
        ]))
    }
}

extension ResourceScope {
    /// The scope with `id` in it too.
    func including(_ id: String) -> ResourceScope {
        switch self {
        case .only(let ids): .only(ids.union([id]))
        case .allExcept(let ids): .allExcept(ids.subtracting([id]))
        }
    }
}
