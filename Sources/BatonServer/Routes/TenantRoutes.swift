import BatonEngine
import BatonModel
import Hummingbird

/// Camunda's tenants (`/tenant`) and who belongs to them: users directly, or groups. Writes take
/// `CREATE`, `UPDATE` or `DELETE` on the Tenant resource (11), memberships `CREATE` or `DELETE`
/// on TenantMembership (12) by tenant id; reading takes `READ` on Tenant. The admin group holds
/// them all. So far tenants are identities only: no deployment, instance or task carries one (#17).
extension EngineRestAPI {
    func registerTenants(on group: RouterGroup<BatonRequestContext>, directory: UserDirectory) {
        let parameters: Set<String> = ["id", "name", "nameLike", "userMember", "groupMember", "includingGroupsOfUser"]
        @Sendable func query(_ values: QueryParameters, _ context: BatonRequestContext) async throws -> TenantQuery {
            var query = TenantQuery()
            query.id = values.string("id")
            query.name = values.string("name")
            query.nameLike = values.string("nameLike")
            query.userMember = values.string("userMember")
            query.groupMember = values.string("groupMember")
            query.includingGroupsOfUser = try values.bool("includingGroupsOfUser") == true
            query.sorting = try values.sorting([])
            if let caller = try await access(context).caller { query.visible = caller.scope(of: "READ", on: .tenant) }
            return query
        }
        group.get("tenant") { request, context in
            let values = try QueryParameters(request, allowed: parameters.union(["sortBy", "sortOrder", "firstResult", "maxResults"]))
            return JSONResponse.make(.array(try await runtime.tenants(try await query(values, context), page: try values.page()).map(Self.json)))
        }
        group.get("tenant/count") { request, context in
            JSONResponse.count(try await runtime.count(try await query(try QueryParameters(request, allowed: parameters), context)))
        }
        group.on("tenant", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let base = request.uri.path
            var links = [ResourceLink(.get, base, "list"), ResourceLink(.get, base + "/count", "count")]
            if try await access(context).caller?.allows("CREATE", on: .tenant, "*") ?? true { links.append(ResourceLink(.post, base + "/create", "create")) }
            return ResourceLink.options(links)
        }
        group.post("tenant/create") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["id", "name"])
            guard let id = try body.string("id") else { throw RestError.invalid("Expected the tenant's id, but it is missing.") }
            try await access(context).require("CREATE", on: .tenant, "*")
            try await runtime.createTenant(TenantRecord(id: id, name: try body.string("name")))
            return Response(status: .noContent)
        }
        group.get("tenant/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            if let caller = try await access(context).caller, !caller.allows("READ", on: .tenant, id) {
                throw RestError.notFound("Tenant with id \(id) does not exist")
            }
            guard let tenant = try await runtime.tenant(id) else { throw RestError.notFound("Tenant with id \(id) does not exist") }
            return JSONResponse.make(Self.json(tenant))
        }
        group.put("tenant/:id") { request, context in
            let id = try context.pathParameter("id")
            let body = try await body(request, context)
            try body.allowOnly(["id", "name"])
            try await access(context).require("UPDATE", on: .tenant, id)
            if let renamed = try body.string("id"), renamed != id {
                throw RestError.invalid("Expected the tenant's id to be '\(id)', but it is '\(renamed)': a tenant's id cannot change.")
            }
            try await runtime.updateTenant(TenantRecord(id: id, name: try body.string("name")))
            return Response(status: .noContent)
        }
        group.delete("tenant/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            try await access(context).require("DELETE", on: .tenant, id)
            try await runtime.deleteTenant(id)
            // Its members' requests stop being checked against it at once.
            try await directory.changed()
            return Response(status: .noContent)
        }
        group.on("tenant/:id", method: .options) { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            let base = request.uri.path
            let caller = try await access(context).caller
            var links = [ResourceLink(.get, base, "self")]
            if caller?.allows("DELETE", on: .tenant, id) ?? true { links.append(ResourceLink(.delete, base, "delete")) }
            if caller?.allows("UPDATE", on: .tenant, id) ?? true { links.append(ResourceLink(.put, base, "update")) }
            return ResourceLink.options(links)
        }
        for (kind, member) in [("user-members", "userId"), ("group-members", "groupId")] {
            @Sendable func membership(_ request: Request, _ context: BatonRequestContext, _ permission: String) async throws -> (String, String?, String?) {
                _ = try QueryParameters(request, allowed: [])
                let id = try context.pathParameter("id"), memberID = try context.pathParameter(member)
                try await access(context).require(permission, on: .tenantMembership, id)
                return member == "userId" ? (id, memberID, nil) : (id, nil, memberID)
            }
            group.put(RouterPath("tenant/:id/\(kind)/:\(member)")) { request, context in
                let (tenant, user, group) = try await membership(request, context, "CREATE")
                try await runtime.addTenantMember(tenantID: tenant, userID: user, groupID: group)
                try await directory.changed()
                return Response(status: .noContent)
            }
            group.delete(RouterPath("tenant/:id/\(kind)/:\(member)")) { request, context in
                let (tenant, user, group) = try await membership(request, context, "DELETE")
                try await runtime.removeTenantMember(tenantID: tenant, userID: user, groupID: group)
                try await directory.changed()
                return Response(status: .noContent)
            }
            group.on(RouterPath("tenant/:id/\(kind)"), method: .options) { request, context in
                _ = try QueryParameters(request, allowed: [])
                let id = try context.pathParameter("id")
                let base = request.uri.path
                let caller = try await access(context).caller
                var links: [ResourceLink] = []
                if caller?.allows("DELETE", on: .tenantMembership, id) ?? true { links.append(ResourceLink(.delete, base, "delete")) }
                if caller?.allows("CREATE", on: .tenantMembership, id) ?? true { links.append(ResourceLink(.put, base, "create")) }
                return ResourceLink.options(links)
            }
        }
    }

    static func json(_ tenant: TenantRecord) -> JSONValue {
        .object([.init("id", .string(tenant.id)), .init("name", tenant.name.map(JSONValue.string) ?? .null)])
    }
}
