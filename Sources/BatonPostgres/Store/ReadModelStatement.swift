import BatonCore
import BatonEngine
import BatonModel
import Synchronization

/// Turns a command's ``ReadModelChanges`` into one SQL statement: a data-modifying CTE per
/// table it touches, each reading its rows from parameters as a relation (``RecordShape``), so a
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

    /// Statement texts by their layout: whether rows go through the parents, then for each part in
    /// order whether it is there and how its rows are laid out (``RecordShape/layout(rows:)``),
    /// which fixes every parameter's number. A command's parameters change, its text seldom does;
    /// building it anew (a few kilobytes of SQL) was about half of this statement's cost to Baton.
    private static let texts = Mutex<[[Int]: String]>([:])
    /// More layouts than any process has are a sign of something unforeseen: the cache starts over.
    private static let textsKept = 4_096

    static func make(_ changes: ReadModelChanges, throughParents: Bool) -> PostgresStatement? {
        func running(_ table: String) -> String { runningRows(of: table, throughParent: throughParents) }
        var layout = [throughParents ? 1 : 0]
        /// Each part's text, built only when its layout is new.
        var parts: [() -> String] = []
        // $1 is the instance, for the conditions that find its rows by their key's first column;
        // $2 its call hierarchy's root, whose key (033) every new row carries.
        var parameters: [String?] = [changes.instance.id, changes.instance.rootInstanceID]
        func add(_ shape: RecordShape, _ rows: [[String?]], _ sql: @escaping (String) -> String) {
            guard !rows.isEmpty else { return layout.append(-1) }
            let first = shape.append(rows, to: &parameters)
            layout.append(RecordShape.layout(rows: rows.count))
            let count = rows.count
            parts.append { sql(shape.relation(first: first, rows: count)) }
        }
        /// `$n::text[]`, a parameter holding `ids`.
        func add(ids: [String], _ sql: @escaping (String) -> String) {
            guard !ids.isEmpty else { return layout.append(-1) }
            parameters.append(SQLSelect.arrayLiteral(ids))
            let number = parameters.count
            layout.append(1)
            parts.append { sql("$\(number)::text[]") }
        }
        layout.append(changes.suspension == nil ? -1 : 1)
        if let suspended = changes.suspension {
            // A suspension command changes nothing else, so no other part touches these rows.
            for table in ["process_instances", "user_tasks", "jobs"] {
                parameters.append(suspended ? "true" : "false")
                let number = parameters.count
                parts.append { "UPDATE \(table) SET suspended = $\(number)::boolean WHERE \(table == "process_instances" ? "id" : "instance_id") = $1" }
            }
        }
        // Rows of tasks this command created are inserted without ON CONFLICT: PostgreSQL sets up
        // the conflict's update for every execution, whether a row conflicts or not.
        var taskInserts: [[String?]] = [], taskUpserts: [[String?]] = [], taskDeletes: [String] = []
        for change in changes.tasks {
            switch change {
            case .upsert(let task) where changes.tasksCreated.contains(task.id): taskInserts.append(row(task))
            case .upsert(let task): taskUpserts.append(row(task))
            case .delete(let id): taskDeletes.append(id)
            }
        }
        add(ids: taskDeletes) { "DELETE FROM user_tasks WHERE id = ANY(\($0))" }
        add(Shapes.task, taskInserts) { "\(Self.insertTasks) SELECT *, \(rootKey) FROM \($0)" }
        add(Shapes.task, taskUpserts) {
            """
            \(Self.insertTasks) SELECT *, \(rootKey) FROM \($0)
            ON CONFLICT (id, root_key) DO UPDATE SET name = excluded.name, assignee = excluded.assignee, candidate_users = excluded.candidate_users,
                candidate_groups = excluded.candidate_groups, due_at = excluded.due_at, follow_up_at = excluded.follow_up_at,
                priority = excluded.priority, form_key = excluded.form_key, description = excluded.description,
                business_key = excluded.business_key, owner = excluded.owner, delegation_state = excluded.delegation_state,
                last_updated = excluded.last_updated
            """
        }

        add(ids: changes.variableScopesEnded) { "DELETE FROM variables WHERE instance_id = $1 AND activity_instance_id = ANY(\($0))" }
        add(Shapes.variableName, changes.variablesRemoved.map { [$0.activityInstanceID, $0.name] }) {
            "DELETE FROM variables WHERE instance_id = $1 AND (activity_instance_id, name) IN (SELECT activity_instance_id, name FROM \($0))"
        }
        add(Shapes.variable, changes.variablesSet.map { variable in
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

        add(Shapes.activity, changes.activitiesStarted.map(row)) {
            """
            INSERT INTO \(running("history_activity_instances")) (instance_id, element_key, parent_element_key, process_definition_id, activity_id,
                activity_name, activity_type, task_id, called_instance_id, start_time, end_time, canceled, complete_scope, tenant_id, root_key)
            SELECT *, \(rootKey) FROM \($0)
            """
        }
        add(Shapes.activityEnd, changes.activitiesEnded.map { [String($0.elementKey), $0.endTime.iso8601, bool($0.canceled), bool($0.completeScope)] }) {
            """
            UPDATE history_activity_instances h SET end_time = r.end_time, canceled = r.canceled, complete_scope = r.complete_scope
            FROM \($0) WHERE h.instance_id = $1 AND h.element_key = r.element_key AND h.removal_time = 'infinity'
            """
        }
        let historicTasksCreated = changes.historicTasks.filter { changes.tasksCreated.contains($0.id) }
        add(Shapes.historicTask, historicTasksCreated.map(row)) {
            "\(Self.insertHistoricTasks(into: running("history_task_instances"))) SELECT *, \(rootKey) FROM \($0)"
        }
        add(Shapes.historicTask, changes.historicTasks.filter { !changes.tasksCreated.contains($0.id) }.map(row)) {
            """
            \(Self.insertHistoricTasks(into: running("history_task_instances"))) SELECT *, \(rootKey) FROM \($0)
            ON CONFLICT (id, instance_id, removal_time, root_key) DO UPDATE SET name = excluded.name, assignee = excluded.assignee, priority = excluded.priority,
                due_at = excluded.due_at, end_time = excluded.end_time, delete_reason = excluded.delete_reason, owner = excluded.owner,
                description = excluded.description, follow_up_at = excluded.follow_up_at,
                candidate_users = h.candidate_users || ARRAY(SELECT u FROM unnest(excluded.candidate_users) AS u WHERE NOT u = ANY(h.candidate_users)),
                candidate_groups = h.candidate_groups || ARRAY(SELECT g FROM unnest(excluded.candidate_groups) AS g WHERE NOT g = ANY(h.candidate_groups))
            """
        }
        add(Shapes.historicVariable, changes.historicVariables.map { variable in
            variableRow(
                instanceID: variable.processInstanceID, definitionID: variable.processDefinitionID, scope: variable.activityInstanceID,
                name: variable.name, value: variable.value, tenantID: variable.tenantID)
                + [variable.createTime.iso8601, bool(variable.deleted)]
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
        add(Shapes.incident, changes.incidentsRaised.map(row)) {
            """
            INSERT INTO \(running("history_incidents")) (id, instance_id, process_definition_id, kind, activity_id, job_id, message, created_at, resolved_at, deleted,
                tenant_id, root_key)
            SELECT *, \(rootKey) FROM \($0)
            """
        }
        add(Shapes.incidentResolution, changes.incidentsResolved.map { [$0.id, $0.resolvedAt.iso8601, bool($0.deleted)] }) {
            """
            UPDATE history_incidents h SET resolved_at = r.resolved_at, deleted = r.deleted
            FROM \($0) WHERE h.instance_id = $1 AND h.id = r.id AND h.removal_time = 'infinity'
            """
        }
        guard !parts.isEmpty else { return nil }
        if let text = texts.withLock({ $0[layout] }) { return PostgresStatement(text, parameters) }
        let text = "WITH " + parts.enumerated().map { "w\($0.offset) AS (\($0.element()))" }.joined(separator: ",\n") + "\nSELECT $1::text, $2::text"
        texts.withLock { texts in
            if texts.count >= textsKept { texts.removeAll() }
            texts[layout] = text
        }
        return PostgresStatement(text, parameters)
    }

    private static let insertTasks = """
        INSERT INTO user_tasks (id, instance_id, task_definition_key, name, assignee, candidate_users, candidate_groups, due_at,
            follow_up_at, priority, form_key, description, created_at, process_definition_id, process_key, business_key, activity_instance_id,
            owner, delegation_state, last_updated, tenant_id, root_key)
        """

    private static func insertHistoricTasks(into table: String) -> String {
        """
        INSERT INTO \(table) AS h (id, instance_id, process_definition_id, activity_instance_id, task_definition_key, name,
            assignee, priority, due_at, start_time, end_time, delete_reason, owner, description, follow_up_at, candidate_users, candidate_groups,
            tenant_id, root_key)
        """
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

    // MARK: Rows, each in its shape's column order

    /// The columns of each table's rows, in the order of the statements' column lists.
    enum Shapes {
        static let task = RecordShape([
            "id": "text", "instance_id": "text", "task_definition_key": "text", "name": "text", "assignee": "text", "candidate_users": "text[]",
            "candidate_groups": "text[]", "due_at": "timestamptz", "follow_up_at": "timestamptz", "priority": "integer", "form_key": "text",
            "description": "text", "created_at": "timestamptz", "process_definition_id": "text", "process_key": "text", "business_key": "text",
            "activity_instance_id": "text", "owner": "text", "delegation_state": "text", "last_updated": "timestamptz", "tenant_id": "text",
        ])
        static let variableName = RecordShape(["activity_instance_id": "text", "name": "text"])
        static let variable = RecordShape(variableColumns)
        static let historicVariable = RecordShape(Array(variableColumns) + [("create_time", "timestamptz"), ("deleted", "boolean")])
        static let activity = RecordShape([
            "instance_id": "text", "element_key": "bigint", "parent_element_key": "bigint", "process_definition_id": "text", "activity_id": "text",
            "activity_name": "text", "activity_type": "text", "task_id": "text", "called_instance_id": "text", "start_time": "timestamptz",
            "end_time": "timestamptz", "canceled": "boolean", "complete_scope": "boolean", "tenant_id": "text",
        ])
        static let activityEnd = RecordShape(["element_key": "bigint", "end_time": "timestamptz", "canceled": "boolean", "complete_scope": "boolean"])
        static let historicTask = RecordShape([
            "id": "text", "instance_id": "text", "process_definition_id": "text", "activity_instance_id": "text", "task_definition_key": "text",
            "name": "text", "assignee": "text", "priority": "integer", "due_at": "timestamptz", "start_time": "timestamptz", "end_time": "timestamptz",
            "delete_reason": "text", "owner": "text", "description": "text", "follow_up_at": "timestamptz", "candidate_users": "text[]",
            "candidate_groups": "text[]", "tenant_id": "text",
        ])
        static let incident = RecordShape([
            "id": "text", "instance_id": "text", "process_definition_id": "text", "kind": "text", "activity_id": "text", "job_id": "text",
            "message": "text", "created_at": "timestamptz", "resolved_at": "timestamptz", "deleted": "boolean", "tenant_id": "text",
        ])
        static let incidentResolution = RecordShape(["id": "text", "resolved_at": "timestamptz", "deleted": "boolean"])

        private static let variableColumns: KeyValuePairs<String, String> = [
            "instance_id": "text", "process_definition_id": "text", "activity_instance_id": "text", "name": "text", "type": "text", "value": "jsonb",
            "serialized": "text", "object_type": "text", "tenant_id": "text",
        ]
    }

    private static func bool(_ value: Bool) -> String { value ? "true" : "false" }
    private static func time(_ value: Timestamp?) -> String? { value?.iso8601 }
    private static func array(_ values: [String]) -> String { SQLSelect.arrayLiteral(values) }

    private static func row(_ task: TaskInfo) -> [String?] {
        [
            task.id, task.processInstanceID, task.taskDefinitionKey, task.name, task.assignee, array(task.candidateUsers), array(task.candidateGroups),
            time(task.due), time(task.followUp), String(task.priority), task.formKey, task.description, time(task.created), task.processDefinitionID,
            task.processDefinitionKey, task.businessKey, task.activityInstanceID, task.owner, task.delegationState?.rawValue, time(task.lastUpdated),
            task.tenantID,
        ]
    }

    /// A variable's value as `variables.value` holds it: JSON, and JSON null for a Null-typed one.
    private static func variableRow(
        instanceID: String, definitionID: String, scope: String?, name: String, value: VariableValue, tenantID: String?
    ) -> [String?] {
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
            instanceID, definitionID, scope, name, value.typeName, JSONText.render(PostgresTransaction.plainJSONValue(value)), serialized, objectType,
            tenantID,
        ]
    }

    private static func row(_ activity: HistoricActivityInstance) -> [String?] {
        [
            activity.processInstanceID, String(activity.elementKey), activity.parentElementKey.map { String($0) }, activity.processDefinitionID,
            activity.activityID, activity.activityName, activity.activityType, activity.taskID, activity.calledProcessInstanceID,
            time(activity.startTime), time(activity.endTime), bool(activity.canceled), bool(activity.completeScope), activity.tenantID,
        ]
    }

    private static func row(_ task: HistoricTaskInstance) -> [String?] {
        [
            task.id, task.processInstanceID, task.processDefinitionID, task.activityInstanceID, task.taskDefinitionKey, task.name, task.assignee,
            String(task.priority), time(task.due), time(task.startTime), time(task.endTime), task.deleteReason, task.owner, task.description,
            time(task.followUp), array(task.candidateUsers), array(task.candidateGroups), task.tenantID,
        ]
    }

    private static func row(_ incident: HistoricIncident) -> [String?] {
        [
            incident.id, incident.processInstanceID, incident.processDefinitionID, incident.kind, incident.activityID, incident.jobID, incident.message,
            time(incident.createdAt), time(incident.resolvedAt), bool(incident.deleted), incident.tenantID,
        ]
    }
}
