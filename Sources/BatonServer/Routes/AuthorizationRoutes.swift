import BatonEngine
import BatonModel
import Hummingbird

/// `/authorization`, as Camunda 7's REST reference describes it: list and count (filtered by
/// id, type, users, groups, resource type and id), create, read, update, delete, and `check`
/// (may the caller, or a named user, do this?). Managing authorizations takes the matching
/// permission on the Authorization resource; the admin group holds them all.
extension EngineRestAPI {
    func registerAuthorizations(on group: RouterGroup<BatonRequestContext>) {
        let listParameters: Set<String> = [
            "id", "type", "userIdIn", "groupIdIn", "resourceType", "resourceId", "firstResult", "maxResults", "sortBy", "sortOrder",
        ]
        group.get("authorization") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.make(.array(try page(try await authorizations(query, context), query).map(Self.json)))
        }
        group.get("authorization/count") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.count(try await authorizations(query, context).count)
        }
        group.get("authorization/check") { request, context in
            let query = try QueryParameters(request, allowed: ["permissionName", "permissionValue", "resourceName", "resourceType", "resourceId", "userId", "groupIds"])
            guard let permission = query.string("permissionName"), let type = try query.integer("resourceType"),
                let resource = AuthorizationResource(rawValue: type)
            else {
                throw RestError.invalid("Expected permissionName and a resourceType Baton knows (4, 6 or 9), but they are missing or unknown.")
            }
            let resourceID = query.string("resourceId") ?? "*"
            var access = try await access(context)
            if let user = query.string("userId"), user != context.identity?.userID {
                try access.require("READ", on: .authorization)  // asking about someone else
                access = Access(caller: try await runtime.authorizations(of: user, groups: query.list("groupIds") ?? []), runtime: runtime)
            }
            let allowed = access.caller?.allows(permission, on: resource, resourceID) ?? true
            return JSONResponse.make(.object([
                .init("permissionName", .string(permission)), .init("resourceName", .string(resource.name)),
                .init("resourceId", .string(resourceID)), .init("isAuthorized", .bool(allowed)),
            ]))
        }
        group.post("authorization/create") { request, context in
            try await access(context).require("CREATE", on: .authorization)
            let created = try await runtime.createAuthorization(try authorization(from: try await body(request, context), id: ""))
            return JSONResponse.make(Self.json(created))
        }
        group.get("authorization/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let found = try await runtime.authorization(try context.pathParameter("id"))
            try await access(context).require("READ", on: .authorization, found.id)
            return JSONResponse.make(Self.json(found))
        }
        group.put("authorization/:id") { request, context in
            let id = try context.pathParameter("id")
            try await access(context).require("UPDATE", on: .authorization, id)
            try await runtime.updateAuthorization(try authorization(from: try await body(request, context), id: id))
            return JSONResponse.noContent()
        }
        group.delete("authorization/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            try await access(context).require("DELETE", on: .authorization, id)
            try await runtime.deleteAuthorization(id)
            return JSONResponse.noContent()
        }
    }

    /// The authorizations the parameters ask for that the caller may read.
    private func authorizations(_ query: QueryParameters, _ context: BatonRequestContext) async throws -> [AuthorizationRecord] {
        let access = try await access(context)
        let users = query.list("userIdIn"), groups = query.list("groupIdIn")
        let type = try query.integer("type"), resourceType = try query.integer("resourceType")
        return try await runtime.authorizations().filter { entry in
            (access.caller?.allows("READ", on: .authorization, entry.id) ?? true)
                && (query.string("id").map { $0 == entry.id } ?? true)
                && (type.map { $0 == entry.kind.rawValue } ?? true)
                && (users.map { list in entry.userID.map(list.contains) ?? false } ?? true)
                && (groups.map { list in entry.groupID.map(list.contains) ?? false } ?? true)
                && (resourceType.map { $0 == entry.resourceType } ?? true)
                && (query.string("resourceId").map { $0 == entry.resourceID } ?? true)
        }
    }

    private func authorization(from body: JSONBody, id: String) throws -> AuthorizationRecord {
        try body.allowOnly(["type", "permissions", "userId", "groupId", "resourceType", "resourceId", "removalTime", "rootProcessInstanceId"])
        guard let type = try body.integer("type"), let kind = AuthorizationRecord.Kind(rawValue: Int(type)) else {
            throw RestError.invalid("Expected 'type' to be 0 (global), 1 (grant) or 2 (revoke).")
        }
        guard let resourceType = try body.integer("resourceType") else { throw RestError.invalid("Expected 'resourceType', but it is missing.") }
        return AuthorizationRecord(
            id: id, kind: kind, userID: try body.string("userId"), groupID: try body.string("groupId"), resourceType: Int(resourceType),
            resourceID: try body.string("resourceId") ?? "*", permissions: try body.strings("permissions") ?? [])
    }

    static func json(_ authorization: AuthorizationRecord) -> JSONValue {
        .object([
            .init("id", .string(authorization.id)), .init("type", .integer(Int64(authorization.kind.rawValue))),
            .init("permissions", .array(authorization.permissions.map(JSONValue.string))), .init("userId", .orNull(authorization.userID)),
            .init("groupId", .orNull(authorization.groupID)), .init("resourceType", .integer(Int64(authorization.resourceType))),
            .init("resourceId", .string(authorization.resourceID)), .init("removalTime", .null), .init("rootProcessInstanceId", .null),
            .init("links", .array([])),
        ])
    }
}
