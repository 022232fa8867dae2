/// The memory store's users, groups and memberships.
extension MemoryTransaction {
    private func userRows() -> [UserRow] {
        var groupsOf: [String: Set<String>] = [:]
        for (group, members) in data.members { for user in members { groupsOf[user, default: []].insert(group) } }
        let tenantsOf = Self.invert(data.tenantUsers)
        return data.users.values.map { UserRow(record: $0, groups: groupsOf[$0.id] ?? [], tenants: tenantsOf[$0.id] ?? []) }
    }

    private func groupRows() -> [GroupRow] {
        let tenantsOf = Self.invert(data.tenantGroups)
        return data.groups.values.map { GroupRow(record: $0, members: data.members[$0.id] ?? [], tenants: tenantsOf[$0.id] ?? []) }
    }

    /// Members by tenant turned into tenants by member.
    static func invert(_ membersByTenant: [String: Set<String>]) -> [String: Set<String>] {
        var tenantsOf: [String: Set<String>] = [:]
        for (tenant, members) in membersByTenant { for member in members { tenantsOf[member, default: []].insert(tenant) } }
        return tenantsOf
    }

    func users(_ query: UserQuery, page: Page) -> [UserRecord] { query.answer(userRows(), page: page).map(\.record) }
    func count(_ query: UserQuery) -> Int { userRows().count(where: query.matches) }
    func user(id: String) -> UserRecord? { data.users[id] }

    func insertUser(_ user: UserRecord) -> Bool {
        guard data.users[user.id] == nil else { return false }
        set(\.users, user.id, user)
        return true
    }

    func updateUser(_ user: UserRecord) -> Bool {
        guard data.users[user.id] != nil else { return false }
        set(\.users, user.id, user)
        return true
    }

    func deleteUser(id: String) -> Bool {
        guard data.users[id] != nil else { return false }
        set(\.users, id, nil)
        for (group, members) in data.members where members.contains(id) { set(\.members, group, members.subtracting([id])) }
        for (tenant, users) in data.tenantUsers where users.contains(id) { set(\.tenantUsers, tenant, users.subtracting([id])) }
        return true
    }

    func groups(_ query: GroupQuery, page: Page) -> [GroupRecord] { query.answer(groupRows(), page: page).map(\.record) }
    func count(_ query: GroupQuery) -> Int { groupRows().count(where: query.matches) }

    func insertGroup(_ group: GroupRecord) -> Bool {
        guard data.groups[group.id] == nil else { return false }
        set(\.groups, group.id, group)
        return true
    }

    func updateGroup(_ group: GroupRecord) -> Bool {
        guard data.groups[group.id] != nil else { return false }
        set(\.groups, group.id, group)
        return true
    }

    func deleteGroup(id: String) -> Bool {
        guard data.groups[id] != nil else { return false }
        set(\.groups, id, nil)
        set(\.members, id, nil)
        for (tenant, groups) in data.tenantGroups where groups.contains(id) { set(\.tenantGroups, tenant, groups.subtracting([id])) }
        return true
    }

    func insertMembership(groupID: String, userID: String) {
        set(\.members, groupID, (data.members[groupID] ?? []).union([userID]))
    }

    func deleteMembership(groupID: String, userID: String) -> Bool {
        guard let members = data.members[groupID], members.contains(userID) else { return false }
        set(\.members, groupID, members.subtracting([userID]))
        return true
    }

    func groupIDs(ofUser id: String) -> [String] { data.members.filter { $0.value.contains(id) }.map(\.key).sorted() }
}
