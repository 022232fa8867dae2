/// The memory store's tenants and their members.
extension MemoryTransaction {
    private func tenantRows() -> [TenantRow] {
        data.tenants.values.map { TenantRow(record: $0, users: data.tenantUsers[$0.id] ?? [], groups: data.tenantGroups[$0.id] ?? []) }
    }

    private func matching(_ query: TenantQuery) -> [TenantRow] {
        let userGroups = query.userMember.map { user in Set(data.members.filter { $0.value.contains(user) }.map(\.key)) } ?? []
        return tenantRows().filter { query.matches($0, userGroups: userGroups) }
    }

    func tenants(_ query: TenantQuery, page: Page) -> [TenantRecord] {
        page.apply(matching(query).sorted(by: query.sorting)).map(\.record)
    }

    func count(_ query: TenantQuery) -> Int { matching(query).count }

    func insertTenant(_ tenant: TenantRecord) -> Bool {
        guard data.tenants[tenant.id] == nil else { return false }
        set(\.tenants, tenant.id, tenant)
        return true
    }

    func updateTenant(_ tenant: TenantRecord) -> Bool {
        guard data.tenants[tenant.id] != nil else { return false }
        set(\.tenants, tenant.id, tenant)
        return true
    }

    func deleteTenant(id: String) -> Bool {
        guard data.tenants[id] != nil else { return false }
        set(\.tenants, id, nil)
        set(\.tenantUsers, id, nil)
        set(\.tenantGroups, id, nil)
        return true
    }

    func insertTenantMembership(tenantID: String, userID: String?, groupID: String?) {
        if let userID { set(\.tenantUsers, tenantID, (data.tenantUsers[tenantID] ?? []).union([userID])) }
        if let groupID { set(\.tenantGroups, tenantID, (data.tenantGroups[tenantID] ?? []).union([groupID])) }
    }

    func deleteTenantMembership(tenantID: String, userID: String?, groupID: String?) -> Bool {
        if let userID, let users = data.tenantUsers[tenantID], users.contains(userID) {
            set(\.tenantUsers, tenantID, users.subtracting([userID]))
            return true
        }
        if let groupID, let groups = data.tenantGroups[tenantID], groups.contains(groupID) {
            set(\.tenantGroups, tenantID, groups.subtracting([groupID]))
            return true
        }
        return false
    }
}
