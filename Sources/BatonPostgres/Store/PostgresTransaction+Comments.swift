import BatonEngine

/// Task comments: history rows beside their instance's, found by task.
extension PostgresTransaction {
    func insertComment(_ comment: TaskComment) async throws {
        // The comment belongs to its instance's tenant and call hierarchy. A running instance's
        // row learns that history_comments holds a row of it (migration 034), for its end to move.
        write(
            """
            WITH running AS (
                UPDATE process_instances SET history_tables = history_tables | \(InstanceTables.comments.rawValue) WHERE id = $3 RETURNING tenant_id, root_key)
            INSERT INTO history_comments (id, task_id, instance_id, user_id, time, message, tenant_id, root_key)
            SELECT $1, $2, $3, $4, $5::timestamptz, $6, owner.tenant_id, coalesce(owner.root_key, hashtext($3))
            FROM (SELECT) AS comment LEFT JOIN LATERAL (
                SELECT tenant_id, root_key FROM running
                UNION ALL SELECT tenant_id, root_key FROM history_process_instances WHERE id = $3 LIMIT 1) AS owner ON true
            """,
            [comment.id, comment.taskID, comment.processInstanceID, comment.userID, time(comment.time), comment.message])
        historyFacts[comment.processInstanceID]?.tables?.insert(.comments)
    }

    func comments(taskID: String) async throws -> [TaskComment] {
        try await comments(where: "task_id = $1", taskID)
    }

    /// An instance's comments, from the partition of its removal time.
    func comments(instanceID: String) async throws -> [TaskComment] {
        try await comments(where: "instance_id = $1 AND \(SQLSelect.removalTime(ofInstance: "$1"))", instanceID)
    }

    private func comments(where condition: String, _ value: String) async throws -> [TaskComment] {
        let rows = try await read(
            """
            SELECT id, task_id, instance_id, user_id, \(SQLColumns.millis("time", as: "written")), message
            FROM history_comments WHERE \(condition) ORDER BY time DESC, id DESC
            """, [value])
        return try NamedRow.rows(rows).map { row in
            TaskComment(
                id: try row.required("id"), taskID: try row.required("task_id"), processInstanceID: try row.required("instance_id"),
                userID: row.text("user_id"), time: try row.requiredTime("written"), message: try row.required("message"))
        }
    }

    func updateComment(_ id: String, taskID: String, message: String) async throws -> Bool {
        try await read("UPDATE history_comments SET message = $3 WHERE task_id = $2 AND id = $1 RETURNING id", [id, taskID, message]).rows.count == 1
    }

    func deleteComments(_ id: String?, taskID: String) async throws {
        write("DELETE FROM history_comments WHERE task_id = $1 AND ($2::text IS NULL OR id = $2)", [taskID, id])
    }
}
