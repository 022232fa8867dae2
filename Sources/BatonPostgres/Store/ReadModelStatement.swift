import BatonCore
import BatonEngine
import BatonModel

/// Turns a command's ``ReadModelChanges`` into one SQL statement: a data-modifying CTE per
/// table it touches, each reading its rows from one JSONB parameter (`jsonb_to_recordset`), so a
/// command's read-model writes cost one statement whatever their number, and the SQL text (and
/// so its prepared plan) depends only on which tables change. History rows are written to the
/// partition of running instances (removal time 'infinity'); the command that ends the instance
/// moves them to their month (``PostgresTransaction/updateInstance``).
enum ReadModelStatement {
    /// A variable's value column as stored: JSON null (a Null-typed variable) is JSON, not SQL
    /// NULL, which is what `jsonb_to_recordset` makes of it.
    private static let storedValue = "coalesce(value, 'null'::jsonb)"
    /// The key of the instance's call hierarchy (migration 033), from the root's id in $2.
    private static let rootKey = "hashtext($2)"

    static func make(_ changes: ReadModelChanges) -> PostgresStatement? {
        var parts: [String] = []
        // $1 is the instance, for the conditions that find its rows by their key's first column;
        // $2 its call hierarchy's root, whose key (033) every new row carries.
        var parameters: [String?] = [changes.instance.id, changes.instance.rootInstanceID]
        func add(_ rows: [JSONValue], _ sql: (String) -> String) {
            guard !rows.isEmpty else { return }
            parameters.append(JSONText.render(.array(rows)))
            parts.append("w\(parts.count) AS (\(sql("$\(parameters.count)::jsonb")))")
        }
        if let suspended = changes.suspension {
            // A suspension command changes nothing else, so no other part touches these rows.
            for table in ["process_instances", "user_tasks", "jobs"] {
                add([.bool(suspended)]) { "UPDATE \(table) SET suspended = (\($0)->>0)::boolean WHERE \(table == "process_instances" ? "id" : "instance_id") = $1" }
            }
        }
        var taskUpserts: [JSONValue] = [], taskDeletes: [JSONValue] = []
        for change in changes.tasks {
            switch change {
            case .upsert(let task): taskUpserts.append(row(task))
            case .delete(let id): taskDeletes.append(.string(id))
            }
        }
        add(taskDeletes) { "DELETE FROM user_tasks WHERE id IN (SELECT jsonb_array_elements_text(\($0)))" }
        add(taskUpserts) {
            """
            INSERT INTO user_tasks (id, instance_id, task_definition_key, name, assignee, candidate_users, candidate_groups, due_at,
                follow_up_at, priority, form_key, description, created_at, process_definition_id, process_key, business_key, activity_instance_id,
                owner, delegation_state, last_updated, tenant_id, root_key)
            SELECT id, instance_id, task_definition_key, name, assignee, candidate_users, candidate_groups, due_at, follow_up_at,
                priority, form_key, description, created_at, process_definition_id, process_key, business_key, activity_instance_id, owner,
                delegation_state, last_updated, tenant_id, \(rootKey)
            FROM jsonb_to_recordset(\($0)) AS r(id text, instance_id text, task_definition_key text, name text, assignee text,
                candidate_users text[], candidate_groups text[], due_at timestamptz, follow_up_at timestamptz, priority integer, form_key text,
                description text, created_at timestamptz, process_definition_id text, process_key text, business_key text, activity_instance_id text,
                owner text, delegation_state text, last_updated timestamptz, tenant_id text)
            ON CONFLICT (id, root_key) DO UPDATE SET name = excluded.name, assignee = excluded.assignee, candidate_users = excluded.candidate_users,
                candidate_groups = excluded.candidate_groups, due_at = excluded.due_at, follow_up_at = excluded.follow_up_at,
                priority = excluded.priority, form_key = excluded.form_key, description = excluded.description,
                business_key = excluded.business_key, owner = excluded.owner, delegation_state = excluded.delegation_state,
                last_updated = excluded.last_updated
            """
        }

        add(changes.variableScopesEnded.map(JSONValue.string)) {
            "DELETE FROM variables WHERE instance_id = $1 AND activity_instance_id IN (SELECT jsonb_array_elements_text(\($0)))"
        }
        add(changes.variablesRemoved.map { .object([.init("activity_instance_id", .string($0.activityInstanceID)), .init("name", .string($0.name))]) }) {
            """
            DELETE FROM variables WHERE instance_id = $1 AND (activity_instance_id, name) IN
                (SELECT activity_instance_id, name FROM jsonb_to_recordset(\($0)) AS r(activity_instance_id text, name text))
            """
        }
        add(changes.variablesSet.map { variable in
            variableRow(
                instanceID: variable.processInstanceID, definitionID: variable.processDefinitionID, scope: variable.activityInstanceID, name: variable.name,
                value: variable.value, tenantID: variable.tenantID, extra: [])
        }) {
            """
            INSERT INTO variables (instance_id, process_definition_id, activity_instance_id, name, type, value, serialized, object_type, tenant_id,
                value_key, root_key)
            SELECT instance_id, process_definition_id, activity_instance_id, name, type, \(storedValue), serialized, object_type, tenant_id,
                baton_value_key(\(storedValue)), \(rootKey)
            FROM jsonb_to_recordset(\($0)) AS r(instance_id text, process_definition_id text, activity_instance_id text, name text, type text,
                value jsonb, serialized text, object_type text, tenant_id text)
            ON CONFLICT (instance_id, activity_instance_id, name, root_key) DO UPDATE SET type = excluded.type, value = excluded.value, serialized = excluded.serialized,
                object_type = excluded.object_type, value_key = excluded.value_key
            """
        }

        add(changes.activitiesStarted.map(row)) {
            """
            INSERT INTO history_activity_instances (instance_id, element_key, parent_element_key, process_definition_id, activity_id,
                activity_name, activity_type, task_id, called_instance_id, start_time, end_time, canceled, complete_scope, tenant_id, root_key)
            SELECT *, \(rootKey) FROM jsonb_to_recordset(\($0)) AS r(instance_id text, element_key bigint, parent_element_key bigint, process_definition_id text,
                activity_id text, activity_name text, activity_type text, task_id text, called_instance_id text,
                start_time timestamptz, end_time timestamptz, canceled boolean, complete_scope boolean, tenant_id text)
            """
        }
        add(changes.activitiesEnded.map { end in
            .object([
                .init("element_key", .integer(end.elementKey)), .init("end_time", .string(end.endTime.iso8601)), .init("canceled", .bool(end.canceled)),
                .init("complete_scope", .bool(end.completeScope)),
            ])
        }) {
            """
            UPDATE history_activity_instances h SET end_time = r.end_time, canceled = r.canceled, complete_scope = r.complete_scope
            FROM jsonb_to_recordset(\($0)) AS r(element_key bigint, end_time timestamptz, canceled boolean, complete_scope boolean)
            WHERE h.instance_id = $1 AND h.element_key = r.element_key AND h.removal_time = 'infinity'
            """
        }
        add(changes.historicTasks.map(row)) {
            """
            INSERT INTO history_task_instances AS h (id, instance_id, process_definition_id, activity_instance_id, task_definition_key, name, assignee,
                priority, due_at, start_time, end_time, delete_reason, owner, description, follow_up_at, candidate_users, candidate_groups, tenant_id,
                root_key)
            SELECT *, \(rootKey) FROM jsonb_to_recordset(\($0)) AS r(id text, instance_id text, process_definition_id text, activity_instance_id text,
                task_definition_key text, name text, assignee text, priority integer, due_at timestamptz, start_time timestamptz,
                end_time timestamptz, delete_reason text, owner text, description text, follow_up_at timestamptz, candidate_users text[],
                candidate_groups text[], tenant_id text)
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
                name: variable.name, value: variable.value, tenantID: variable.tenantID,
                extra: [.init("create_time", .string(variable.createTime.iso8601)), .init("deleted", .bool(variable.deleted))])
        }) {
            """
            INSERT INTO history_variables (instance_id, process_definition_id, activity_instance_id, name, type, value, serialized, object_type,
                create_time, deleted, tenant_id, value_key, root_key)
            SELECT instance_id, process_definition_id, activity_instance_id, name, type, \(storedValue), serialized, object_type, create_time, deleted,
                tenant_id, baton_value_key(\(storedValue)), \(rootKey)
            FROM jsonb_to_recordset(\($0)) AS r(instance_id text, process_definition_id text, activity_instance_id text, name text,
                type text, value jsonb, serialized text, object_type text, create_time timestamptz, deleted boolean, tenant_id text)
            ON CONFLICT (instance_id, activity_instance_id, name, removal_time, root_key) DO UPDATE SET type = excluded.type, value = excluded.value, serialized = excluded.serialized,
                object_type = excluded.object_type, deleted = excluded.deleted, value_key = excluded.value_key
            """
        }
        add(changes.historicVariablesDeleted.map(JSONValue.string)) {
            """
            UPDATE history_variables SET deleted = true
            WHERE instance_id = $1 AND removal_time = 'infinity' AND \(PostgresStore.historicVariableID) IN (SELECT jsonb_array_elements_text(\($0)))
            """
        }
        add(changes.incidentsRaised.map(row)) {
            """
            INSERT INTO history_incidents (id, instance_id, process_definition_id, kind, activity_id, job_id, message, created_at, resolved_at, deleted,
                tenant_id, root_key)
            SELECT *, \(rootKey) FROM jsonb_to_recordset(\($0)) AS r(id text, instance_id text, process_definition_id text, kind text, activity_id text,
                job_id text, message text, created_at timestamptz, resolved_at timestamptz, deleted boolean, tenant_id text)
            """
        }
        add(changes.incidentsResolved.map { resolution in
            .object([
                .init("id", .string(resolution.id)), .init("resolved_at", .string(resolution.resolvedAt.iso8601)), .init("deleted", .bool(resolution.deleted)),
            ])
        }) {
            """
            UPDATE history_incidents h SET resolved_at = r.resolved_at, deleted = r.deleted
            FROM jsonb_to_recordset(\($0)) AS r(id text, resolved_at timestamptz, deleted boolean) WHERE h.instance_id = $1 AND h.id = r.id AND h.removal_time = 'infinity'
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

    // MARK: Rows as JSON objects, members named as the recordset columns

    private static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func time(_ value: Timestamp?) -> JSONValue { value.map { .string($0.iso8601) } ?? .null }

    private static func row(_ task: TaskInfo) -> JSONValue {
        .object([
            .init("id", .string(task.id)), .init("instance_id", .string(task.processInstanceID)),
            .init("task_definition_key", .string(task.taskDefinitionKey)), .init("name", text(task.name)), .init("assignee", text(task.assignee)),
            .init("candidate_users", .array(task.candidateUsers.map(JSONValue.string))),
            .init("candidate_groups", .array(task.candidateGroups.map(JSONValue.string))), .init("due_at", time(task.due)),
            .init("follow_up_at", time(task.followUp)), .init("priority", .integer(Int64(task.priority))), .init("form_key", text(task.formKey)),
            .init("description", text(task.description)),
            .init("created_at", time(task.created)), .init("process_definition_id", .string(task.processDefinitionID)),
            .init("process_key", .string(task.processDefinitionKey)), .init("business_key", text(task.businessKey)),
            .init("activity_instance_id", .string(task.activityInstanceID)), .init("owner", text(task.owner)),
            .init("delegation_state", text(task.delegationState?.rawValue)), .init("last_updated", time(task.lastUpdated)),
            .init("tenant_id", text(task.tenantID)),
        ])
    }

    private static func variableRow(
        instanceID: String, definitionID: String, scope: String?, name: String, value: VariableValue, tenantID: String?, extra: [JSONValue.Member]
    ) -> JSONValue {
        var serialized: JSONValue = .null, objectType: JSONValue = .null
        switch value {
        case .json(let document): serialized = .string(JSONText.render(document))
        case .object(let document, let typeName):
            serialized = .string(JSONText.render(document))
            objectType = text(typeName)
        case .file(let file): serialized = .string(JSONText.render(file.valueInfo))
        default: break
        }
        return .object(
            extra + [
                .init("instance_id", .string(instanceID)), .init("process_definition_id", .string(definitionID)),
                .init("activity_instance_id", text(scope)), .init("name", .string(name)), .init("type", .string(value.typeName)),
                .init("value", PostgresTransaction.plainJSONValue(value)), .init("serialized", serialized), .init("object_type", objectType),
                .init("tenant_id", text(tenantID)),
            ])
    }

    private static func row(_ activity: HistoricActivityInstance) -> JSONValue {
        .object([
            .init("instance_id", .string(activity.processInstanceID)), .init("element_key", .integer(activity.elementKey)),
            .init("parent_element_key", activity.parentElementKey.map(JSONValue.integer) ?? .null),
            .init("process_definition_id", .string(activity.processDefinitionID)),
            .init("activity_id", .string(activity.activityID)), .init("activity_name", text(activity.activityName)),
            .init("activity_type", .string(activity.activityType)), .init("task_id", text(activity.taskID)),
            .init("called_instance_id", text(activity.calledProcessInstanceID)), .init("start_time", time(activity.startTime)),
            .init("end_time", time(activity.endTime)), .init("canceled", .bool(activity.canceled)),
            .init("complete_scope", .bool(activity.completeScope)), .init("tenant_id", text(activity.tenantID)),
        ])
    }

    private static func row(_ task: HistoricTaskInstance) -> JSONValue {
        .object([
            .init("id", .string(task.id)), .init("instance_id", .string(task.processInstanceID)),
            .init("process_definition_id", .string(task.processDefinitionID)), .init("activity_instance_id", .string(task.activityInstanceID)),
            .init("task_definition_key", .string(task.taskDefinitionKey)), .init("name", text(task.name)), .init("assignee", text(task.assignee)),
            .init("priority", .integer(Int64(task.priority))), .init("due_at", time(task.due)), .init("start_time", time(task.startTime)),
            .init("end_time", time(task.endTime)), .init("delete_reason", text(task.deleteReason)), .init("owner", text(task.owner)),
            .init("description", text(task.description)), .init("follow_up_at", time(task.followUp)),
            .init("candidate_users", .array(task.candidateUsers.map(JSONValue.string))),
            .init("candidate_groups", .array(task.candidateGroups.map(JSONValue.string))), .init("tenant_id", text(task.tenantID)),
        ])
    }

    private static func row(_ incident: HistoricIncident) -> JSONValue {
        .object([
            .init("id", .string(incident.id)), .init("instance_id", .string(incident.processInstanceID)),
            .init("process_definition_id", .string(incident.processDefinitionID)), .init("kind", .string(incident.kind)),
            .init("activity_id", .string(incident.activityID)), .init("job_id", text(incident.jobID)), .init("message", .string(incident.message)),
            .init("created_at", time(incident.createdAt)), .init("resolved_at", time(incident.resolvedAt)), .init("deleted", .bool(incident.deleted)),
            .init("tenant_id", text(incident.tenantID)),
        ])
    }
}
