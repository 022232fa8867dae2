/// Camunda's tenants (`/tenant`) and who belongs to them. A deployment's tenant is the one its
/// definitions, their instances and every row derived from them carry (``TenantFilter``).
extension Runtime {
    public func tenants(_ query: TenantQuery, page: Page = .all) async throws -> [TenantRecord] {
        try await store.read { try await $0.tenants(query, page: page) }
    }

    public func count(_ query: TenantQuery) async throws -> Int { try await store.read { try await $0.count(query) } }

    public func tenant(_ id: String) async throws -> TenantRecord? {
        var query = TenantQuery()
        query.id = id
        return try await tenants(query).first
    }

    public func createTenant(_ tenant: TenantRecord) async throws {
        try IdentityID.validate(tenant.id, of: "tenant")
        guard try await store.transaction({ try await $0.insertTenant(tenant) }) else {
            throw EngineError(.conflict, "The tenant with id '\(tenant.id)' already exists.")
        }
    }

    public func updateTenant(_ tenant: TenantRecord) async throws {
        guard try await store.transaction({ try await $0.updateTenant(tenant) }) else { throw Self.noTenant(tenant.id) }
    }

    /// Deletes a tenant, its memberships and the authorizations on it; nothing if there is none.
    public func deleteTenant(_ id: String) async throws {
        try await store.transaction { transaction in
            guard try await transaction.deleteTenant(id: id) else { return }
            try await Self.deleteAuthorizations(on: .tenant, id, in: transaction)
        }
    }

    /// Makes a user or a group a member of a tenant; both must exist. Nothing if it is one.
    public func addTenantMember(tenantID: String, userID: String? = nil, groupID: String? = nil) async throws {
        try await store.transaction { transaction in
            var tenants = TenantQuery()
            tenants.id = tenantID
            guard try await transaction.count(tenants) == 1 else { throw Self.noTenant(tenantID) }
            if let userID, try await transaction.user(id: userID) == nil { throw Self.noUser(userID) }
            if let groupID {
                var groups = GroupQuery()
                groups.id = groupID
                guard try await transaction.count(groups) == 1 else { throw Self.noGroup(groupID) }
            }
            try await transaction.insertTenantMembership(tenantID: tenantID, userID: userID, groupID: groupID)
        }
    }

    /// Ends a membership; nothing if there is none (as in Camunda).
    public func removeTenantMember(tenantID: String, userID: String? = nil, groupID: String? = nil) async throws {
        _ = try await store.transaction { try await $0.deleteTenantMembership(tenantID: tenantID, userID: userID, groupID: groupID) }
    }

    static func noTenant(_ id: String) -> EngineError { EngineError(.notFound, "Tenant with id \(id) does not exist") }
}
