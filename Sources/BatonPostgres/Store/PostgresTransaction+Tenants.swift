import BatonEngine

/// Tenants and their members (migration 029): each list and count one statement.
extension PostgresTransaction {
    private func select(_ query: TenantQuery) -> SQLSelect {
        var select = SQLSelect(from: "identity_tenants")
        select.equal("id", query.id)
        select.equal("name", query.name)
        select.like("name", query.nameLike)
        if let user = query.userMember {
            let placeholder = select.bind(user)
            var ways = ["EXISTS (SELECT 1 FROM identity_tenant_users t WHERE t.user_id = \(placeholder) AND t.tenant_id = identity_tenants.id)"]
            if query.includingGroupsOfUser {
                ways.append(
                    """
                    EXISTS (SELECT 1 FROM identity_tenant_groups t JOIN identity_memberships m ON m.group_id = t.group_id
                        WHERE m.user_id = \(placeholder) AND t.tenant_id = identity_tenants.id)
                    """)
            }
            select.require("(" + ways.joined(separator: " OR ") + ")")
        }
        if let group = query.groupMember {
            select.require("EXISTS (SELECT 1 FROM identity_tenant_groups t WHERE t.group_id = \(select.bind(group)) AND t.tenant_id = identity_tenants.id)")
        }
        if let visible = select.condition("id", in: query.visible) { select.require(visible) }
        return select
    }

    func tenants(_ query: TenantQuery, page: Page) async throws -> [TenantRecord] {
        let statement = select(query).list("id, name", sorting: query.sorting, column: \.rawValue, tieBreakers: ["id"], page: page)
        return try NamedRow.rows(try await read(statement.sql, statement.parameters)).map { row in
            TenantRecord(id: try row.required("id"), name: row.text("name"))
        }
    }

    func count(_ query: TenantQuery) async throws -> Int { try await number(select(query).count()) }

    func insertTenant(_ tenant: TenantRecord) async throws -> Bool {
        try await read("INSERT INTO identity_tenants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", [tenant.id, tenant.name]).affected == 1
    }

    func updateTenant(_ tenant: TenantRecord) async throws -> Bool {
        try await read("UPDATE identity_tenants SET name = $2 WHERE id = $1", [tenant.id, tenant.name]).affected == 1
    }

    func deleteTenant(id: String) async throws -> Bool {
        try await read("DELETE FROM identity_tenants WHERE id = $1", [id]).affected == 1
    }

    func insertTenantMembership(tenantID: String, userID: String?, groupID: String?) async throws {
        if let userID {
            _ = try await read("INSERT INTO identity_tenant_users (tenant_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", [tenantID, userID])
        }
        if let groupID {
            _ = try await read("INSERT INTO identity_tenant_groups (tenant_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", [tenantID, groupID])
        }
    }

    func deleteTenantMembership(tenantID: String, userID: String?, groupID: String?) async throws -> Bool {
        var deleted = false
        if let userID {
            deleted = try await read("DELETE FROM identity_tenant_users WHERE tenant_id = $1 AND user_id = $2", [tenantID, userID]).affected == 1
        }
        if let groupID {
            deleted = try await read("DELETE FROM identity_tenant_groups WHERE tenant_id = $1 AND group_id = $2", [tenantID, groupID]).affected == 1 || deleted
        }
        return deleted
    }
}
