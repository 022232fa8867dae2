import BatonEngine

/// Users, groups and memberships: each list and count one statement, membership filters as
/// `EXISTS` over the membership table's keys.
extension PostgresTransaction {
    private static let userColumns = "id, first_name, last_name, email, password_hash"

    private func user(_ row: NamedRow) throws -> UserRecord {
        UserRecord(
            id: try row.required("id"), firstName: row.text("first_name"), lastName: row.text("last_name"), email: row.text("email"),
            passwordHash: try row.required("password_hash"))
    }

    private func select(_ query: UserQuery) -> SQLSelect {
        var select = SQLSelect(from: "identity_users")
        select.equal("id", query.id)
        select.within("id", query.ids)
        select.equal("first_name", query.firstName)
        select.like("first_name", query.firstNameLike)
        select.equal("last_name", query.lastName)
        select.like("last_name", query.lastNameLike)
        select.equal("email", query.email)
        select.like("email", query.emailLike)
        if let group = query.memberOfGroup {
            select.require("EXISTS (SELECT 1 FROM identity_memberships m WHERE m.group_id = \(select.bind(group)) AND m.user_id = identity_users.id)")
        }
        if let tenant = query.memberOfTenant {
            select.require("EXISTS (SELECT 1 FROM identity_tenant_users t WHERE t.tenant_id = \(select.bind(tenant)) AND t.user_id = identity_users.id)")
        }
        if let starters = query.potentialStarter {
            select.require(
                "(id = ANY(\(select.bind(starters.users))) OR EXISTS (SELECT 1 FROM identity_memberships m WHERE m.user_id = identity_users.id AND m.group_id = ANY(\(select.bind(starters.groups)))))")
        }
        if let visible = select.condition("id", in: query.visible) { select.require(visible) }
        return select
    }

    func users(_ query: UserQuery, page: Page) async throws -> [UserRecord] {
        let columns: [UserQuery.SortKey: String] = [.userId: "id", .firstName: "first_name", .lastName: "last_name", .email: "email"]
        let statement = select(query).list(Self.userColumns, sorting: query.sorting, column: { columns[$0]! }, tieBreakers: ["id"], page: page)
        return try NamedRow.rows(try await read(statement.sql, statement.parameters)).map(user)
    }

    func count(_ query: UserQuery) async throws -> Int { try await number(select(query).count()) }

    func user(id: String) async throws -> UserRecord? {
        try NamedRow.rows(try await read("SELECT \(Self.userColumns) FROM identity_users WHERE id = $1", [id])).first.map(user)
    }

    private func parameters(_ user: UserRecord) -> [String?] { [user.id, user.firstName, user.lastName, user.email, user.passwordHash] }

    func insertUser(_ user: UserRecord) async throws -> Bool {
        try await read(
            """
            INSERT INTO identity_users (id, first_name, last_name, email, password_hash) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO NOTHING
            """, parameters(user)
        ).affected == 1
    }

    func updateUser(_ user: UserRecord) async throws -> Bool {
        try await read(
            "UPDATE identity_users SET first_name = $2, last_name = $3, email = $4, password_hash = $5 WHERE id = $1", parameters(user)
        ).affected == 1
    }

    func deleteUser(id: String) async throws -> Bool {
        try await read("DELETE FROM identity_users WHERE id = $1", [id]).affected == 1
    }

    private func select(_ query: GroupQuery) -> SQLSelect {
        var select = SQLSelect(from: "identity_groups")
        select.equal("id", query.id)
        select.within("id", query.ids)
        select.equal("name", query.name)
        select.like("name", query.nameLike)
        select.equal("type", query.type)
        if let member = query.member {
            select.require("EXISTS (SELECT 1 FROM identity_memberships m WHERE m.user_id = \(select.bind(member)) AND m.group_id = identity_groups.id)")
        }
        if let tenant = query.memberOfTenant {
            select.require("EXISTS (SELECT 1 FROM identity_tenant_groups t WHERE t.tenant_id = \(select.bind(tenant)) AND t.group_id = identity_groups.id)")
        }
        if let visible = select.condition("id", in: query.visible) { select.require(visible) }
        return select
    }

    func groups(_ query: GroupQuery, page: Page) async throws -> [GroupRecord] {
        let statement = select(query).list("id, name, type", sorting: query.sorting, column: \.rawValue, tieBreakers: ["id"], page: page)
        return try NamedRow.rows(try await read(statement.sql, statement.parameters)).map { row in
            GroupRecord(id: try row.required("id"), name: row.text("name"), type: row.text("type"))
        }
    }

    func count(_ query: GroupQuery) async throws -> Int { try await number(select(query).count()) }

    func insertGroup(_ group: GroupRecord) async throws -> Bool {
        try await read("INSERT INTO identity_groups (id, name, type) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING", [group.id, group.name, group.type])
            .affected == 1
    }

    func updateGroup(_ group: GroupRecord) async throws -> Bool {
        try await read("UPDATE identity_groups SET name = $2, type = $3 WHERE id = $1", [group.id, group.name, group.type]).affected == 1
    }

    func deleteGroup(id: String) async throws -> Bool {
        try await read("DELETE FROM identity_groups WHERE id = $1", [id]).affected == 1
    }

    func insertMembership(groupID: String, userID: String) async throws {
        _ = try await read("INSERT INTO identity_memberships (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", [groupID, userID])
    }

    func deleteMembership(groupID: String, userID: String) async throws -> Bool {
        try await read("DELETE FROM identity_memberships WHERE group_id = $1 AND user_id = $2", [groupID, userID]).affected == 1
    }

    /// The one number a `count(*)` statement answers.
    func number(_ statement: PostgresStatement) async throws -> Int {
        Int(try await read(statement.sql, statement.parameters).rows.first?.first.flatMap { $0 } ?? "0") ?? 0
    }

    func groupIDs(ofUser id: String) async throws -> [String] {
        try await read("SELECT group_id FROM identity_memberships WHERE user_id = $1 ORDER BY group_id", [id]).rows.compactMap { $0.first ?? nil }
    }
}
