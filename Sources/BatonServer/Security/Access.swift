import BatonEngine

/// What the caller of one request may do under Camunda 7's authorizations. Without credentials
/// configured, and for the admin group, everything; for anyone else, what their own, their
/// groups' and global authorizations grant on process definitions (by key), deployments and
/// authorizations, read once per request. Lists are narrowed in their query (never fetched and
/// then filtered), so paging and counts stay right; a write outside the grants answers 403 and
/// changes nothing.
struct Access: Sendable {
    let caller: CallerAuthorizations?
    let runtime: Runtime

    static func of(_ identity: Identity?, _ runtime: Runtime) async throws -> Access {
        guard let identity, !identity.isAdmin else { return Access(caller: nil, runtime: runtime) }
        return Access(caller: try await runtime.authorizations(of: identity.userID, groups: identity.groups), runtime: runtime)
    }

    /// The process definitions (by id) whose instances, history or rows `permission` lets the
    /// caller see.
    func definitions(_ permission: String) async throws -> ResourceScope {
        guard let caller else { return .all }
        return try await runtime.definitionIDs(of: caller.scope(of: permission, on: .processDefinition))
    }

    /// The single process instances on which the caller holds the instance counterpart of
    /// definition permission `permission` (Camunda's ProcessInstance resource); none for a
    /// permission that has none.
    func instances(_ permission: String) -> ResourceScope {
        guard let caller else { return .all }
        guard let onInstance = AuthorizationResource.instancePermission(for: permission) else { return .only([]) }
        return caller.scope(of: onInstance, on: .processInstance)
    }

    /// `permission` (a definition permission such as `UPDATE_INSTANCE`) on the instance's
    /// definition, or its counterpart (`UPDATE`) on the instance itself.
    func allows(_ permission: String, instance id: String, processKey: String) -> Bool {
        guard let caller else { return true }
        if caller.allows(permission, on: .processDefinition, processKey) { return true }
        return AuthorizationResource.instancePermission(for: permission).map { caller.allows($0, on: .processInstance, id) } ?? false
    }

    func require(_ permission: String, instance id: String, processKey: String) throws {
        guard let caller, !allows(permission, instance: id, processKey: processKey) else { return }
        let onInstance = AuthorizationResource.instancePermission(for: permission).map { " or '\($0)' permission on resource '\(id)' of type 'ProcessInstance'" } ?? ""
        throw RestError.forbidden(
            "The user with id '\(caller.userID)' does not have '\(permission)' permission on resource '\(processKey)' of type 'ProcessDefinition'\(onInstance).")
    }

    /// Either permission will do on the instance (Camunda's SUSPEND_INSTANCE or UPDATE_INSTANCE).
    func require(_ permission: String, or alternative: String, instance id: String, processKey: String) throws {
        guard !allows(alternative, instance: id, processKey: processKey) else { return }
        try require(permission, instance: id, processKey: processKey)
    }

    /// A definition id is `<key>:<version>:<uuid>`, and a key (an XML NCName) holds no colon.
    static func processKey(ofDefinition id: String) -> String { BatonEngine.processKey(ofDefinition: id) }

    func allows(_ permission: String, processKey: String) -> Bool {
        caller?.allows(permission, on: .processDefinition, processKey) ?? true
    }

    func require(_ permission: String, processKey: String) throws {
        try require(permission, on: .processDefinition, processKey)
    }

    /// Either permission will do (Camunda's SUSPEND or UPDATE, say); the refusal names the first.
    func require(_ permission: String, or alternative: String, processKey: String) throws {
        guard !allows(alternative, processKey: processKey) else { return }
        try require(permission, processKey: processKey)
    }

    /// `permission` on one task (Camunda's Task resource).
    func allows(_ permission: String, onTask id: String) -> Bool {
        caller?.allows(permission, on: .task, id) ?? true
    }

    func require(_ permission: String, on resource: AuthorizationResource, _ id: String = "*") throws {
        guard let caller, !caller.allows(permission, on: resource, id) else { return }
        throw RestError.forbidden(
            "The user with id '\(caller.userID)' does not have '\(permission)' permission on resource '\(id)' of type '\(resource.name)'.")
    }

    /// For ``Runtime/correlate(_:authorize:)``: the check, on each locked target.
    var correlationCheck: (@Sendable (String, String) throws -> Void)? {
        guard caller != nil else { return nil }
        let access = self
        return { key, permission in try access.require(permission, processKey: key) }
    }
}
