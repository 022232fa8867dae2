import BatonCore
import BatonEngine
import BatonModel

/// Turns a command's ``ReadModelChanges`` into one SQL statement: a data-modifying CTE per
/// table it touches, each reading its rows from parameters as a relation (``RecordRows``), so a
/// command's read-model writes cost one statement whatever their number. History rows are
/// written to the partition of running instances (removal time 'infinity'); the command that ends
/// the instance moves them to their month (``PostgresTransaction/updateInstance``).
enum ReadModelStatement {
    /// The key of the instance's call hierarchy (migration 033), from the root's id in $2.
    private static let rootKey = "hashtext($2)"

    /// Where new history rows of a running instance go: straight into `table`'s running
    /// partition, which spares PostgreSQL setting up their routing for each statement (about 5%
    /// of the server's instructions per command). A tenant-checked caller's rows go through the
    /// parent: its role reaches partitions only there, under the parent's row-level security
    /// (migration 031).
    static func runningRows(of table: String, throughParent: Bool) -> String { throughParent ? table : table + "_running" }

    static func make(_ changes: ReadModelChanges, throughParents: Bool) -> PostgresStatement? {
        func running(_ table: String) -> String { runningRows(of: table, throughParent: throughParents) }
        var parts: [String] = []
        // $1 is the instance, for the conditions that find its rows by their key's first column;
        // $2 its call hierarchy's root, whose key (033) every new row carries.
        var parameters: [String?] = [changes.instance.id, changes.instance.rootInstanceID]
        func add(_ rows: [[RecordRows.Cell]], _ sql: (String) -> String) {
            guard !rows.isEmpty else { return }
            parts.append("w\(parts.count) AS (\(sql(RecordRows(rows).relation(&parameters))))")
        }
        /// `$n::text[]`, a parameter holding `ids`.
        func add(ids: [String], _ sql: (String) -> String) {
            guard !ids.isEmpty else { return }
            parameters.append(SQLSelect.arrayLiteral(ids))
            parts.append("w\(parts.count) AS (\(sql("$\(parameters.count)::text[]")))")
        }
        if let suspended = changes.suspension {
            // A suspension command changes nothing else, so no other part touches these rows.
            for table in ["process_instances", "user_tasks", "jobs"] {
                parameters.append(suspended ? "true" : "false")
                parts.append(
                    "w\(parts.count) AS (UPDATE \(table) SET suspended = $\(parameters.count)::boolean WHERE \(table == "process_instances" ? "id" : "instance_id") = $1)")
            }
        }
        var taskUpserts: [[RecordRows.Cell]] = [], taskDeletes: [String] = []
        for change in changes.tasks {
            switch change {
            case .upsert(let task): taskUpserts.append(row(task))
            case .delete(let id): taskDeletes.append(id)
            }
        }
        add(ids: taskDeletes) { "DELETE FROM user_tasks WHERE id = ANY(\($0))" }
        add(taskUpserts) {
            """
            INSERT INTO user_tasks (id, instance_id, task_definition_key, name, assignee, candidate_users, candidate_groups, due_at,
                follow_up_at, priority, form_key, description, created_at, process_definition_id, process_key, business_key, activity_instance_id,
                owner, delegation_state, last_updated, tenant_id, root_key)
            SELECT *, \(rootKey) FROM \($0)
            ON CONFLICT (id, root_key) DO UPDATE SET name = excluded.name, assignee = excluded.assignee, candidate_users = excluded.candidate_users,
                candidate_groups = excluded.candidate_groups, due_at = excluded.due_at, follow_up_at = excluded.follow_up_at,
                priority = excluded.priority, form_key = excluded.form_key, description = excluded.description,
                business_key = excluded.business_key, owner = excluded.owner, delegation_state = excluded.delegation_state,
                last_updated = excluded.last_updated
            """
        }

        add(ids: changes.variableScopesEnded) { "DELETE FROM variables WHERE instance_id = $1 AND activity_instance_id = ANY(\($0))" }
        add(changes.variablesRemoved.map { [.init("activity_instance_id", "text", $0.activityInstanceID), .init("name", "text", $0.name)] }) {
            "DELETE FROM variables WHERE instance_id = $1 AND (activity_instance_id, name) IN (SELECT activity_instance_id, name FROM \($0))"
        }
        add(changes.variablesSet.map { variable in
            variableRow(
                instanceID: variable.processInstanceID, definitionID: variable.processDefinitionID, scope: variable.activityInstanceID, name: variable.name,
                value: variable.value, tenantID: variable.tenantID)
        }) {
            """
            INSERT INTO variables (instance_id, process_definition_id, activity_instance_id, name, type, value, serialized, object_type, tenant_id,
                value_key, root_key)
            SELECT *, baton_value_key(value), \(rootKey) FROM \($0)
            ON CONFLICT (instance_id, activity_instance_id, name, root_key) DO UPDATE SET type = excluded.type, value = excluded.value, serialized = excluded.serialized,
                object_type = excluded.object_type, value_key = excluded.value_key
            """
        }

        add(changes.activitiesStarted.map(row)) {
            """
            INSERT INTO \(running("history_activity_instances")) (instance_id, element_key, parent_element_key, process_definition_id, activity_id,
                activity_name, activity_type, task_id, called_instance_id, start_time, end_time, canceled, complete_scope, tenant_id, root_key)
            SELECT *, \(rootKey) FROM \($0)
            """
        }
        add(changes.activitiesEnded.map { end in
            [
                .init("element_key", "bigint", String(end.elementKey)), .init("end_time", "timestamptz", end.endTime.iso8601),
                .init("canceled", "boolean", bool(end.canceled)), .init("complete_scope", "boolean", bool(end.completeScope)),
            ]
        }) {
            """
            UPDATE history_activity_instances h SET end_time = r.end_time, canceled = r.canceled, complete_scope = r.complete_scope
            FROM \($0) WHERE h.instance_id = $1 AND h.element_key = r.element_key AND h.removal_time = 'infinity'
            """
        }
        add(changes.historicTasks.map(row)) {
            """
            INSERT INTO \(running("history_task_instances")) AS h (id, instance_id, process_definition_id, activity_instance_id, task_definition_key, name,
                assignee, priority, due_at, start_time, end_time, delete_reason, owner, description, follow_up_at, candidate_users, candidate_groups,
                tenant_id, root_key)
            SELECT *, \(rootKey) FROM \($0)
            ON CONFLICT (id, instance_id, removal_time, root_key) DO UPDATE SET name = excluded.name, assignee = excluded.assignee, priority = excluded.priority,
                due_at = excluded.due_at, end_time = excluded.end_time, delete_reason = excluded.delete_reason, owner = excluded.owner,
                description = excluded.description, follow_up_at = excluded.follow_up_at,
                candidate_users = h.candidate_users || ARRAY(SELECT u FROM unnest(excluded.candidate_users) AS u WHERE NOT u = ANY(h.candidate_users)),
                candidate_groups = h.candidate_groups || ARRAY(SELECT g FROM unnest(excluded.candidate_groups) AS g WHERE NOT g = ANY(h.candidate_groups))
            """
        }
        add(changes.historicVariables.map { variable in
            variableRow(
                instanceID: variable.processInstanceID, definitionID: variable.processDefinitionID, scope: variable.activityInstanceID,
                name: variable.name, value: variable.value, tenantID: variable.tenantID)
                + [.init("create_time", "timestamptz", variable.createTime.iso8601), .init("deleted", "boolean", bool(variable.deleted))]
        }) {
            """
            INSERT INTO \(running("history_variables")) (instance_id, process_definition_id, activity_instance_id, name, type, value, serialized, object_type,
                tenant_id, create_time, deleted, value_key, root_key)
            SELECT *, baton_value_key(value), \(rootKey) FROM \($0)
            ON CONFLICT (instance_id, activity_instance_id, name, removal_time, root_key) DO UPDATE SET type = excluded.type, value = excluded.value, serialized = excluded.serialized,
                object_type = excluded.object_type, deleted = excluded.deleted, value_key = excluded.value_key
            """
        }
        add(ids: changes.historicVariablesDeleted) {
            """
            UPDATE history_variables SET deleted = true
            WHERE instance_id = $1 AND removal_time = 'infinity' AND \(PostgresStore.historicVariableID) = ANY(\($0))
            """
        }
        add(changes.incidentsRaised.map(row)) {
            """
            INSERT INTO \(running("history_incidents")) (id, instance_id, process_definition_id, kind, activity_id, job_id, message, created_at, resolved_at, deleted,
                tenant_id, root_key)
            SELECT *, \(rootKey) FROM \($0)
            """
        }
        add(changes.incidentsResolved.map { resolution in
            [.init("id", "text", resolution.id), .init("resolved_at", "timestamptz", resolution.resolvedAt.iso8601), .init("deleted", "boolean", bool(resolution.deleted))]
        }) {
            """
            UPDATE history_incidents h SET resolved_at = r.resolved_at, deleted = r.deleted
            FROM \($0) WHERE h.instance_id = $1 AND h.id = r.id AND h.removal_time = 'infinity'
            """
        }
        guard !parts.isEmpty else { return nil }
        return PostgresStatement("WITH " + parts.joined(separator: ",\n") + "\nSELECT $1::text, $2::text", parameters)
    }

    /// Element ids and definitions for the command side's job and subscription rows of an
    /// instance whose rows 001 wrote with node positions.
    static func elementIDs(_ changes: ReadModelChanges) -> PostgresStatement? {
        var jobs: [JSONValue] = [], subscriptions: [JSONValue] = []
        for case .upsert(let job) in changes.jobs {
            jobs.append(.object([
                .init("id", .string(job.id)), .init("element_id", .string(job.activityID)), .init("process_definition_id", .string(job.processDefinitionID)),
            ]))
        }
        for case .upsert(let subscription) in changes.subscriptions {
            subscriptions.append(.object([.init("id", .string(subscription.id)), .init("activity_id", .string(subscription.activityID))]))
        }
        guard !jobs.isEmpty || !subscriptions.isEmpty else { return nil }
        return PostgresStatement(
            """
            WITH jobs AS (
                UPDATE jobs j SET element_id = r.element_id, process_definition_id = r.process_definition_id
                FROM jsonb_to_recordset($1::jsonb) AS r(id text, element_id text, process_definition_id text) WHERE j.id = r.id)
            UPDATE message_subscriptions s SET activity_id = r.activity_id
            FROM jsonb_to_recordset($2::jsonb) AS r(id text, activity_id text) WHERE s.id = r.id
            """, [JSONText.render(.array(jobs)), JSONText.render(.array(subscriptions))])
    }

    // MARK: Rows, columns in the order of the statements' column lists

    private static func bool(_ value: Bool) -> String { value ? "true" : "false" }
    private static func time(_ value: Timestamp?) -> String? { value?.iso8601 }
    private static func array(_ values: [String]) -> String { SQLSelect.arrayLiteral(values) }

    private static func row(_ task: TaskInfo) -> [RecordRows.Cell] {
        [
            .init("id", "text", task.id), .init("instance_id", "text", task.processInstanceID),
            .init("task_definition_key", "text", task.taskDefinitionKey), .init("name", "text", task.name), .init("assignee", "text", task.assignee),
            .init("candidate_users", "text[]", array(task.candidateUsers)), .init("candidate_groups", "text[]", array(task.candidateGroups)),
            .init("due_at", "timestamptz", time(task.due)), .init("follow_up_at", "timestamptz", time(task.followUp)),
            .init("priority", "integer", String(task.priority)), .init("form_key", "text", task.formKey), .init("description", "text", task.description),
            .init("created_at", "timestamptz", time(task.created)), .init("process_definition_id", "text", task.processDefinitionID),
            .init("process_key", "text", task.processDefinitionKey), .init("business_key", "text", task.businessKey),
            .init("activity_instance_id", "text", task.activityInstanceID), .init("owner", "text", task.owner),
            .init("delegation_state", "text", task.delegationState?.rawValue), .init("last_updated", "timestamptz", time(task.lastUpdated)),
            .init("tenant_id", "text", task.tenantID),
        ]
    }

    /// A variable's value as `variables.value` holds it: JSON, and JSON null for a Null-typed one.
    private static func variableRow(
        instanceID: String, definitionID: String, scope: String?, name: String, value: VariableValue, tenantID: String?
    ) -> [RecordRows.Cell] {
        var serialized: String?, objectType: String?
        switch value {
        case .json(let document): serialized = JSONText.render(document)
        case .object(let document, let typeName):
            serialized = JSONText.render(document)
            objectType = typeName
        case .file(let file): serialized = JSONText.render(file.valueInfo)
        default: break
        }
        return [
            .init("instance_id", "text", instanceID), .init("process_definition_id", "text", definitionID), .init("activity_instance_id", "text", scope),
            .init("name", "text", name), .init("type", "text", value.typeName),
            .init("value", "jsonb", JSONText.render(PostgresTransaction.plainJSONValue(value))), .init("serialized", "text", serialized),
            .init("object_type", "text", objectType), .init("tenant_id", "text", tenantID),
        ]
    }

    private static func row(_ activity: HistoricActivityInstance) -> [RecordRows.Cell] {
        [
            .init("instance_id", "text", activity.processInstanceID), .init("element_key", "bigint", String(activity.elementKey)),
            .init("parent_element_key", "bigint", activity.parentElementKey.map { String($0) }),
            .init("process_definition_id", "text", activity.processDefinitionID), .init("activity_id", "text", activity.activityID),
            .init("activity_name", "text", activity.activityName), .init("activity_type", "text", activity.activityType),
            .init("task_id", "text", activity.taskID), .init("called_instance_id", "text", activity.calledProcessInstanceID),
            .init("start_time", "timestamptz", time(activity.startTime)), .init("end_time", "timestamptz", time(activity.endTime)),
            .init("canceled", "boolean", bool(activity.canceled)), .init("complete_scope", "boolean", bool(activity.completeScope)),
            .init("tenant_id", "text", activity.tenantID),
        ]
    }

    private static func row(_ task: HistoricTaskInstance) -> [RecordRows.Cell] {
        [
            .init("id", "text", task.id), .init("instance_id", "text", task.processInstanceID),
            .init("process_definition_id", "text", task.processDefinitionID), .init("activity_instance_id", "text", task.activityInstanceID),
            .init("task_definition_key", "text", task.taskDefinitionKey), .init("name", "text", task.name), .init("assignee", "text", task.assignee),
            .init("priority", "integer", String(task.priority)), .init("due_at", "timestamptz", time(task.due)),
            .init("start_time", "timestamptz", time(task.startTime)), .init("end_time", "timestamptz", time(task.endTime)),
            .init("delete_reason", "text", task.deleteReason), .init("owner", "text", task.owner), .init("description", "text", task.description),
            .init("follow_up_at", "timestamptz", time(task.followUp)), .init("candidate_users", "text[]", array(task.candidateUsers)),
            .init("candidate_groups", "text[]", array(task.candidateGroups)), .init("tenant_id", "text", task.tenantID),
        ]
    }

    private static func row(_ incident: HistoricIncident) -> [RecordRows.Cell] {
        [
            .init("id", "text", incident.id), .init("instance_id", "text", incident.processInstanceID),
            .init("process_definition_id", "text", incident.processDefinitionID), .init("kind", "text", incident.kind),
            .init("activity_id", "text", incident.activityID), .init("job_id", "text", incident.jobID), .init("message", "text", incident.message),
            .init("created_at", "timestamptz", time(incident.createdAt)), .init("resolved_at", "timestamptz", time(incident.resolvedAt)),
            .init("deleted", "boolean", bool(incident.deleted)), .init("tenant_id", "text", incident.tenantID),
        ]
    }
}
