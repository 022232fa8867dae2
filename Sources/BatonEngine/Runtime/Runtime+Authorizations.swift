import BatonCore
import BatonModel

/// Authorizations as Camunda 7 keeps them: created, changed and deleted by administrators,
/// decided per caller by ``CallerAuthorizations``.
extension Runtime {
    public func authorizations() async throws -> [AuthorizationRecord] { try await store.read { try await $0.authorizations() } }

    public func authorization(_ id: String) async throws -> AuthorizationRecord {
        guard let found = try await authorizations().first(where: { $0.id == id }) else {
            throw EngineError(.notFound, "Authorization with id \(id) does not exist.")
        }
        return found
    }

    /// What `userID` in `groups` is authorized to do.
    public func authorizations(of userID: String, groups: [String]) async throws -> CallerAuthorizations {
        CallerAuthorizations(userID: userID, groups: groups, authorizations: try await store.read { try await $0.authorizations(userID: userID, groups: groups) })
    }

    /// Creates an authorization (its `id` is assigned) after checking it as Camunda does.
    public func createAuthorization(_ authorization: AuthorizationRecord) async throws -> AuthorizationRecord {
        var created = authorization
        created.id = ids.next()
        try Self.validate(created)
        try await store.transaction { try await $0.insertAuthorization(created) }
        return created
    }

    public func updateAuthorization(_ authorization: AuthorizationRecord) async throws {
        try Self.validate(authorization)
        guard try await store.transaction({ try await $0.updateAuthorization(authorization) }) else {
            throw EngineError(.notFound, "Authorization with id \(authorization.id) does not exist.")
        }
    }

    public func deleteAuthorization(_ id: String) async throws {
        guard try await store.transaction({ try await $0.deleteAuthorization(id: id) }) else {
            throw EngineError(.notFound, "Authorization with id \(id) does not exist.")
        }
    }

    /// Every deployed definition's id and key, without its XML.
    public func definitionReferences() async throws -> [DefinitionReference] {
        try await store.read { try await $0.definitionReferences() }
    }

    /// The definition ids of the process definition keys in `keys`, in the same shape.
    public func definitionIDs(of keys: ResourceScope) async throws -> ResourceScope {
        let definitions = try await definitionReferences()
        func ids(_ keys: Set<String>) -> Set<String> { Set(definitions.filter { keys.contains($0.key) }.map(\.id)) }
        switch keys {
        case .only(let keys): return .only(ids(keys))
        case .allExcept(let keys): return .allExcept(ids(keys))
        }
    }

    static func validate(_ authorization: AuthorizationRecord) throws {
        guard (authorization.userID == nil) != (authorization.groupID == nil) else {
            throw EngineError(.invalidArgument, "Expected an authorization for exactly one of a user (userId) or a group (groupId), but it names \(authorization.userID == nil ? "neither" : "both").")
        }
        if authorization.kind == .global, authorization.userID != "*" {
            throw EngineError(.invalidArgument, "Expected a global authorization (type 0) to have userId '*', but it has \(authorization.userID.map { "'\($0)'" } ?? "a group").")
        }
        if authorization.kind != .global, authorization.userID == "*" || authorization.groupID == "*" {
            throw EngineError(.invalidArgument, "Expected '*' as userId only on a global authorization (type 0), but this one has type \(authorization.kind.rawValue).")
        }
        guard let resource = AuthorizationResource(rawValue: authorization.resourceType) else {
            let known = AuthorizationResource.allCases.map { "\($0.rawValue) (\($0.name))" }.joined(separator: ", ")
            throw EngineError(.invalidArgument, "Expected resourceType to be one of \(known), but it is \(authorization.resourceType).")
        }
        guard !authorization.resourceID.isEmpty else { throw EngineError(.invalidArgument, "Expected a resourceId (or '*'), but it is empty.") }
        guard !authorization.permissions.isEmpty else { throw EngineError(.invalidArgument, "Expected at least one permission, but there is none.") }
        let allowed = Set(resource.permissions + ["ALL", "NONE"])
        if let unknown = authorization.permissions.first(where: { !allowed.contains($0) }) {
            throw EngineError(
                .invalidArgument,
                "The permission '\(unknown)' is not valid for '\(resource.name)' resource type; expected one of \(resource.permissions.joined(separator: ", ")), ALL.")
        }
    }
}
