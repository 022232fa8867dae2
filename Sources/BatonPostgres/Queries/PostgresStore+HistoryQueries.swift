import BatonEngine
import BatonModel

/// History lists and counts: activity, task and variable instances and incidents, each one
/// statement over its history table.
extension PostgresStore {
    // MARK: Activity instances

    /// An activity instance's id is `<process instance id>:<element key>`; rows store the two parts.
    static let activityInstanceID = "instance_id || ':' || element_key"

    func select(_ query: HistoricActivityInstanceQuery) -> SQLSelect {
        var select = SQLSelect(from: "history_activity_instances")
        select.scope(query)
        if let id = query.activityInstanceID {
            if let colon = id.lastIndex(of: ":"), let key = Int64(id[id.index(after: colon)...]) {
                select.historyOf(instance: String(id[..<colon]))
                select.require("element_key = \(select.bind(String(key)))::bigint")
            } else {
                select.require("false")  // not the id of any activity instance
            }
        }
        select.historyOf(instance: query.processInstanceID)
        select.equal("process_definition_id", query.processDefinitionID)
        select.equal("activity_id", query.activityID)
        select.equal("activity_type", query.activityType)
        select.equal("activity_name", query.activityName)
        select.range("start_time", after: query.startedAfter, before: query.startedBefore)
        select.range("end_time", after: query.finishedAfter, before: query.finishedBefore)
        select.within("task_id", query.taskIDs)
        if let completion = query.completion { select.require(Self.condition(completion)) }
        if let canceled = query.canceled { select.require(canceled ? "canceled" : "NOT canceled") }
        if let completeScope = query.completeScope { select.require(completeScope ? "complete_scope" : "NOT complete_scope") }
        return select
    }

    private static func column(_ key: HistoricActivityInstance.SortKey) -> String {
        switch key {
        case .activityInstanceId: "(\(activityInstanceID))"
        case .instanceId, .executionId: "instance_id"
        case .activityId: "activity_id"
        case .activityName: "activity_name"
        case .activityType: "activity_type"
        case .startTime: "start_time"
        case .endTime: "end_time"
        case .duration: "(end_time - start_time)"
        case .definitionId: "process_definition_id"
        case .tenantId: "tenant_id"
        }
    }

    /// What is unfinished belongs to a running instance, whose history rows stay in the running
    /// partition until it ends: naming that partition keeps the scan off every month of history.
    private static func condition(_ completion: Completion) -> String {
        completion == .finished ? "end_time IS NOT NULL" : "end_time IS NULL AND removal_time = 'infinity'"
    }

    func statement(_ query: HistoricActivityInstanceQuery, page: Page) -> PostgresStatement {
        let columns = """
            \(Self.activityInstanceID) AS id,
            CASE WHEN parent_element_key IS NULL THEN instance_id ELSE instance_id || ':' || parent_element_key END AS parent_activity_instance_id,
            parent_element_key, activity_id, activity_name, activity_type, instance_id, process_definition_id,
            \(SQLColumns.millis("start_time", as: "started")), \(SQLColumns.millis("end_time", as: "ended")), canceled, complete_scope, task_id,
            called_instance_id, element_key, tenant_id
            """
        return select(query).list(columns, sorting: query.sorting, column: Self.column, tieBreakers: ["instance_id", "element_key"], page: page)
    }

    public func list(_ query: HistoricActivityInstanceQuery, page: Page) async throws -> [HistoricActivityInstance] {
        try await fetch(statement(query, page: page)).map { row in
            var activity = HistoricActivityInstance(
                id: try row.required("id"), parentActivityInstanceID: try row.required("parent_activity_instance_id"),
                activityID: try row.required("activity_id"), activityName: row.text("activity_name"), activityType: try row.required("activity_type"),
                processInstanceID: try row.required("instance_id"), processDefinitionID: try row.required("process_definition_id"),
                startTime: try row.requiredTime("started"), endTime: row.time("ended"), canceled: row.bool("canceled"), completeScope: row.bool("complete_scope"), taskID: row.text("task_id"),
                calledProcessInstanceID: row.text("called_instance_id"), elementKey: Int64(try row.int("element_key")),
                parentElementKey: row.text("parent_element_key").flatMap { Int64($0) })
            activity.tenantID = row.text("tenant_id")
            return activity
        }
    }

    public func count(_ query: HistoricActivityInstanceQuery) async throws -> Int { try await number(select(query).count()) }

    // MARK: Task instances

    private func select(_ query: HistoricTaskInstanceQuery) -> SQLSelect {
        var select = SQLSelect(from: "history_task_instances")
        select.scope(query)
        select.equal("id", query.taskID)
        select.historyOf(instance: query.processInstanceID)
        select.equal("process_definition_id", query.processDefinitionID)
        select.equal("task_definition_key", query.taskDefinitionKey)
        select.equal("assignee", query.assignee)
        if let completion = query.completion { select.require(Self.condition(completion)) }
        select.apply(query.filters)
        return select
    }

    private static func column(_ key: HistoricTaskInstance.SortKey) -> String {
        switch key {
        case .taskId: "id"
        case .activityInstanceId: "activity_instance_id"
        case .processInstanceId, .executionId: "instance_id"
        case .processDefinitionId: "process_definition_id"
        case .taskName: "name"
        case .taskDescription: "description"
        case .taskDefinitionKey: "task_definition_key"
        case .assignee: "assignee"
        case .owner: "owner"
        case .priority: "priority"
        case .dueDate: "due_at"
        case .followUpDate: "follow_up_at"
        case .startTime: "start_time"
        case .endTime: "end_time"
        case .duration: "(end_time - start_time)"
        case .deleteReason: "delete_reason"
        case .tenantId: "tenant_id"
        }
    }

    public func list(_ query: HistoricTaskInstanceQuery, page: Page) async throws -> [HistoricTaskInstance] {
        let columns = """
            id, name, task_definition_key, instance_id, process_definition_id, activity_instance_id, assignee, priority,
            \(SQLColumns.millis("due_at", as: "due")), \(SQLColumns.millis("start_time", as: "started")),
            \(SQLColumns.millis("end_time", as: "ended")), delete_reason, owner, description, \(SQLColumns.millis("follow_up_at", as: "follow_up")),
            to_json(candidate_users)::text AS candidate_users, to_json(candidate_groups)::text AS candidate_groups, tenant_id
            """
        return try await fetch(select(query).list(columns, sorting: query.sorting, column: Self.column, tieBreakers: ["id"], page: page)).map { row in
            var task = HistoricTaskInstance(
                id: try row.required("id"), name: row.text("name"), taskDefinitionKey: try row.required("task_definition_key"),
                processInstanceID: try row.required("instance_id"), processDefinitionID: try row.required("process_definition_id"),
                activityInstanceID: try row.required("activity_instance_id"), assignee: row.text("assignee"), priority: try row.int("priority"),
                due: row.time("due"), startTime: try row.requiredTime("started"), endTime: row.time("ended"), deleteReason: row.text("delete_reason"))
            task.owner = row.text("owner")
            task.description = row.text("description")
            task.followUp = row.time("follow_up")
            task.candidateUsers = row.textArray("candidate_users")
            task.candidateGroups = row.textArray("candidate_groups")
            task.tenantID = row.text("tenant_id")
            return task
        }
    }

    public func count(_ query: HistoricTaskInstanceQuery) async throws -> Int { try await number(select(query).count()) }

    // MARK: Variable instances

    /// Camunda's historic variable id, `<instance>:<activity instance or empty>:<name>`: rows store the parts.
    static let historicVariableID = "instance_id || ':' || coalesce(activity_instance_id, '') || ':' || name"

    private func select(_ query: HistoricVariableInstanceQuery) -> SQLSelect {
        var select = SQLSelect(from: "history_variables")
        select.scope(query)
        for condition in query.valueConditions { select.require(select.variableCondition(condition, alias: "history_variables")) }
        if let id = query.id {
            // The id is derived from the row (see `historicVariableID`); its instance part,
            // before the first colon, finds the instance's rows by the key.
            select.historyOf(instance: String(id.prefix { $0 != ":" }))
            select.require("\(Self.historicVariableID) = \(select.bind(id))")
        }
        select.within("instance_id", query.processInstanceIDs)
        select.equal("process_definition_id", query.processDefinitionID)
        select.equal("name", query.variableName)
        select.like("name", query.variableNameLike)
        if !query.includeDeleted, query.id == nil { select.require("NOT deleted") }
        select.within("name", query.names)
        if let types = query.types { select.require("lower(type) = ANY(\(select.bind(types.map { $0.lowercased() })))") }
        select.definitionKeys(query.processDefinitionKey.map { [$0] })
        if let scopes = query.activityInstanceIDs { select.require("COALESCE(activity_instance_id, instance_id) = ANY(\(select.bind(scopes)))") }
        return select
    }

    private static func column(_ key: HistoricVariableInstance.SortKey) -> String {
        switch key {
        case .instanceId: "instance_id"
        case .variableName: "name"
        case .createTime: "create_time"
        case .tenantId: "tenant_id"
        }
    }

    public func list(_ query: HistoricVariableInstanceQuery, page: Page) async throws -> [HistoricVariableInstance] {
        let columns = """
            name, type, value::text AS value, serialized, object_type, instance_id, process_definition_id, activity_instance_id, deleted,
            \(SQLColumns.millis("create_time", as: "created")), tenant_id
            """
        return try await fetch(select(query).list(columns, sorting: query.sorting, column: Self.column, tieBreakers: ["instance_id", "coalesce(activity_instance_id, '')", "name"], page: page)).map { row in
            var variable = HistoricVariableInstance(
                name: try row.required("name"), value: try row.variableValue(), processInstanceID: try row.required("instance_id"),
                processDefinitionID: try row.required("process_definition_id"), activityInstanceID: row.text("activity_instance_id"),
                createTime: try row.requiredTime("created"))
            variable.deleted = row.bool("deleted")
            variable.tenantID = row.text("tenant_id")
            return variable
        }
    }

    public func count(_ query: HistoricVariableInstanceQuery) async throws -> Int { try await number(select(query).count()) }

    // MARK: Incidents

    private func select(_ query: IncidentQuery) -> SQLSelect {
        var select = SQLSelect(from: "history_incidents")
        select.scope(query)
        select.equal("id", query.incidentID)
        if let open = query.open { select.require(open ? "resolved_at IS NULL" : "resolved_at IS NOT NULL") }
        select.historyOf(instance: query.processInstanceID)
        select.equal("process_definition_id", query.processDefinitionID)
        select.equal("kind", query.incidentType)
        select.equal("activity_id", query.activityID)
        select.equal("job_id", query.jobID)
        select.apply(query.filters)
        return select
    }

    private static func column(_ key: HistoricIncident.SortKey) -> String {
        switch key {
        case .incidentId: "id"
        case .incidentMessage: "message"
        case .incidentTimestamp, .createTime: "created_at"
        case .endTime: "resolved_at"
        case .incidentType: "kind"
        case .activityId: "activity_id"
        case .processInstanceId, .executionId: "instance_id"
        case .processDefinitionId: "process_definition_id"
        case .tenantId: "tenant_id"
        }
    }

    func statement(_ query: IncidentQuery, page: Page) -> PostgresStatement {
        let columns = """
            id, kind, message, instance_id, process_definition_id, activity_id, job_id, \(SQLColumns.millis("created_at", as: "created")),
            \(SQLColumns.millis("resolved_at", as: "resolved")), deleted, tenant_id
            """
        return select(query).list(columns, sorting: query.sorting, column: Self.column, tieBreakers: ["id"], page: page)
    }

    public func list(_ query: IncidentQuery, page: Page) async throws -> [HistoricIncident] {
        try await fetch(statement(query, page: page)).map { row in
            var incident = HistoricIncident(
                id: try row.required("id"), kind: try row.required("kind"), message: try row.required("message"),
                processInstanceID: try row.required("instance_id"), processDefinitionID: try row.required("process_definition_id"),
                activityID: try row.required("activity_id"), jobID: row.text("job_id"), createdAt: try row.requiredTime("created"),
                resolvedAt: row.time("resolved"), deleted: row.bool("deleted"))
            incident.tenantID = row.text("tenant_id")
            return incident
        }
    }

    public func count(_ query: IncidentQuery) async throws -> Int { try await number(select(query).count()) }

    // MARK: Statistics

    /// The statement of ``activityStatistics(definitionID:)`` (exposed for the plan tests).
    func activityStatisticsStatement(definitionID: String) -> PostgresStatement {
        PostgresStatement(
            """
            SELECT activity_id, sum(instances)::bigint AS instances, kind, sum(incidents)::bigint AS incidents, sum(failed_jobs)::bigint AS failed_jobs
            FROM (
                SELECT activity_id, count(*) AS instances, NULL::text AS kind, 0 AS incidents, 0 AS failed_jobs
                FROM history_activity_instances
                WHERE removal_time = 'infinity' AND process_definition_id = $1 AND end_time IS NULL AND activity_type <> 'multiInstanceBody'
                GROUP BY activity_id
                UNION ALL
                SELECT activity_id, 0, kind, count(*), count(job_id) FILTER (WHERE kind = 'failedJob')
                FROM history_incidents WHERE removal_time = 'infinity' AND process_definition_id = $1 AND resolved_at IS NULL
                GROUP BY activity_id, kind
            ) counts
            GROUP BY activity_id, kind ORDER BY activity_id, kind NULLS FIRST
            """, [definitionID])
    }

    /// From the running partition of activity history and open incidents: never an ended
    /// instance's rows.
    public func activityStatistics(definitionID: String) async throws -> [ActivityStatistics] {
        var result: [ActivityStatistics] = []
        for row in try await fetch(activityStatisticsStatement(definitionID: definitionID)) {
            let activity = try row.required("activity_id")
            if result.last?.activityID != activity { result.append(ActivityStatistics(activityID: activity, instances: 0, openIncidents: [])) }
            result[result.count - 1].instances += try row.int("instances")
            if let kind = row.text("kind") {
                result[result.count - 1].openIncidents.append(.init(kind: kind, count: try row.int("incidents"), failedJobs: try row.int("failed_jobs")))
            }
        }
        return result
    }

    /// Counts over running instances and open incidents only, never history.
    public func definitionStatistics() async throws -> [DefinitionStatistics] {
        let rows = try await fetch(PostgresStatement(
            """
            SELECT d.id, coalesce(r.running, 0) AS running, i.kind, coalesce(i.incidents, 0) AS incidents, coalesce(i.failed_jobs, 0) AS failed_jobs
            FROM process_definitions d
            LEFT JOIN (SELECT definition_id, count(*) AS running FROM process_instances GROUP BY definition_id) r ON r.definition_id = d.id
            LEFT JOIN (
                SELECT process_definition_id, kind, count(*) AS incidents, count(job_id) FILTER (WHERE kind = 'failedJob') AS failed_jobs
                FROM history_incidents WHERE resolved_at IS NULL GROUP BY process_definition_id, kind
            ) i ON i.process_definition_id = d.id
            ORDER BY d.key, d.version, i.kind
            """))
        var result: [DefinitionStatistics] = []
        for row in rows {
            let id = try row.required("id")
            if result.last?.definitionID != id { result.append(DefinitionStatistics(definitionID: id, runningInstances: try row.int("running"), openIncidents: [])) }
            if let kind = row.text("kind") {
                result[result.count - 1].openIncidents.append(.init(kind: kind, count: try row.int("incidents"), failedJobs: try row.int("failed_jobs")))
            }
        }
        return result
    }
}
