import BatonEngine

/// Authorizations: a small table an administrator keeps, read per caller by user and groups.
extension PostgresTransaction {
    private static let columns = "id, type, user_id, group_id, resource_type, resource_id, to_json(permissions)::text AS permissions"

    private func authorizationRows(_ sql: String, _ parameters: [String?]) async throws -> [AuthorizationRecord] {
        try NamedRow.rows(try await read(sql, parameters)).map { row in
            guard let kind = AuthorizationRecord.Kind(rawValue: try row.int("type")) else {
                throw PostgresError(.client, message: "expected an authorization type 0, 1 or 2, but it is \(try row.int("type"))")
            }
            return AuthorizationRecord(
                id: try row.required("id"), kind: kind, userID: row.text("user_id"), groupID: row.text("group_id"),
                resourceType: try row.int("resource_type"), resourceID: try row.required("resource_id"), permissions: row.textArray("permissions"))
        }
    }

    func authorizations() async throws -> [AuthorizationRecord] {
        try await authorizationRows("SELECT \(Self.columns) FROM authorizations ORDER BY id", [])
    }

    func authorizations(userID: String, groups: [String]) async throws -> [AuthorizationRecord] {
        try await authorizationRows(
            "SELECT \(Self.columns) FROM authorizations WHERE user_id = $1 OR user_id = '*' OR group_id = ANY($2::text[]) ORDER BY id",
            [userID, array(groups)])
    }

    private func parameters(_ authorization: AuthorizationRecord) -> [String?] {
        [
            authorization.id, String(authorization.kind.rawValue), authorization.userID, authorization.groupID, String(authorization.resourceType),
            authorization.resourceID, array(authorization.permissions),
        ]
    }

    func insertAuthorization(_ authorization: AuthorizationRecord) async throws {
        write(
            """
            INSERT INTO authorizations (id, type, user_id, group_id, resource_type, resource_id, permissions)
            VALUES ($1, $2::integer, $3, $4, $5::integer, $6, $7::text[])
            """, parameters(authorization))
    }

    func updateAuthorization(_ authorization: AuthorizationRecord) async throws -> Bool {
        try await read(
            """
            UPDATE authorizations SET type = $2::integer, user_id = $3, group_id = $4, resource_type = $5::integer, resource_id = $6,
                permissions = $7::text[]
            WHERE id = $1 RETURNING id
            """, parameters(authorization)
        ).rows.count == 1
    }

    func deleteAuthorization(id: String) async throws -> Bool {
        try await read("DELETE FROM authorizations WHERE id = $1 RETURNING id", [id]).rows.count == 1
    }
}
