import BatonCore
import BatonEngine
import BatonModel

/// The query side in PostgreSQL: every list and every count is one statement over a read-model
/// table, its filters in `WHERE`, its order in `ORDER BY` (ties broken by a unique key so paging
/// is stable) and its page in `LIMIT`/`OFFSET`. No instance state is read or decoded.
extension PostgresStore {
    /// Runs one statement on a pooled connection, outside any transaction.
    func fetch(_ statement: PostgresStatement) async throws -> [NamedRow] {
        NamedRow.rows(try await postgresRead { try await $0.read(statement.sql, statement.parameters) })
    }

    func number(_ statement: PostgresStatement) async throws -> Int {
        try await fetch(statement).first?.int("count") ?? 0
    }

    // MARK: Tasks

    func select(_ query: TaskQuery) -> SQLSelect {
        var select = SQLSelect(from: "user_tasks")
        select.scope(query)
        select.equal("id", query.taskID)
        select.equal("assignee", query.assignee)
        if query.unassigned { select.require("assignee IS NULL") }
        if let user = query.candidateUser {
            select.require("(candidate_users @> \(select.bind([user])) OR candidate_groups && \(select.bind(query.userGroups)))")
            if !query.includeAssigned { select.require("assignee IS NULL") }
        }
        if !query.candidateGroups.isEmpty {
            select.require("candidate_groups && \(select.bind(query.candidateGroups))")
            if !query.includeAssigned { select.require("assignee IS NULL") }
        }
        select.equal("instance_id", query.processInstanceID)
        select.equal("process_definition_id", query.processDefinitionID)
        select.equal("process_key", query.processDefinitionKey)
        select.equal("task_definition_key", query.taskDefinitionKey)
        select.equal("business_key", query.businessKey)
        select.equal("owner", query.owner)
        select.equal("delegation_state", query.delegationState?.rawValue)
        if let before = query.createdBefore { select.require("created_at < \(select.bind(before.iso8601))::timestamptz") }
        if let after = query.createdAfter { select.require("created_at > \(select.bind(after.iso8601))::timestamptz") }
        if let before = query.dueBefore { select.require("due_at < \(select.bind(before.iso8601))::timestamptz") }
        if let after = query.dueAfter { select.require("due_at > \(select.bind(after.iso8601))::timestamptz") }
        if let suspended = query.suspended { select.require(suspended ? "suspended" : "NOT suspended") }
        select.apply(query.filters)
        if let visibility = query.visibleTo, !visibility.tasks.isAll, let readable = select.condition("process_definition_id", in: visibility.definitions) {
            let user = select.bind(visibility.userID)
            var alternatives = ["assignee = \(user)", "candidate_users @> ARRAY[\(user)::text]", "candidate_groups && \(select.bind(visibility.groups))", readable]
            if visibility.tasks != .only([]) { alternatives.append(select.condition("id", in: visibility.tasks) ?? "true") }
            select.require("(" + alternatives.joined(separator: " OR ") + ")")
        }
        return select
    }

    private static func column(_ key: TaskInfo.SortKey) -> String {
        switch key {
        case .id: "id"
        case .name: "name"
        case .nameCaseInsensitive: "lower(name)"
        case .description: "description"
        case .assignee: "assignee"
        case .created: "created_at"
        case .lastUpdated: "last_updated"
        case .dueDate: "due_at"
        case .followUpDate: "follow_up_at"
        case .priority: "priority"
        case .tenantId: "tenant_id"
        case .instanceId, .executionId, .processInstanceId: "instance_id"
        case .processDefinitionId: "process_definition_id"
        case .taskDefinitionKey: "task_definition_key"
        }
    }

    /// The statement that lists a page of tasks (exposed for the plan tests).
    func statement(_ query: TaskQuery, page: Page) -> PostgresStatement {
        let columns = """
            id, name, assignee, to_json(candidate_users)::text AS candidate_users, to_json(candidate_groups)::text AS candidate_groups,
            \(SQLColumns.millis("created_at", as: "created")), \(SQLColumns.millis("due_at", as: "due")),
            \(SQLColumns.millis("follow_up_at", as: "follow_up")), priority, form_key, description, suspended, instance_id, process_definition_id, process_key,
            task_definition_key, business_key, activity_instance_id, owner, delegation_state, \(SQLColumns.millis("last_updated", as: "last_updated")),
            tenant_id
            """
        return select(query).list(columns, sorting: query.sorting, column: Self.column, tieBreakers: ["id"], page: page)
    }

    public func list(_ query: TaskQuery, page: Page) async throws -> [TaskInfo] {
        try await fetch(statement(query, page: page)).map { row in
            var task = TaskInfo(
                id: try row.required("id"), name: row.text("name"), assignee: row.text("assignee"), candidateUsers: row.textArray("candidate_users"),
                candidateGroups: row.textArray("candidate_groups"), created: try row.requiredTime("created"), due: row.time("due"),
                followUp: row.time("follow_up"), priority: try row.int("priority"), formKey: row.text("form_key"), description: row.text("description"), suspended: row.bool("suspended"), formFields: [],
                processInstanceID: try row.required("instance_id"), processDefinitionID: try row.required("process_definition_id"),
                processDefinitionKey: try row.required("process_key"), taskDefinitionKey: try row.required("task_definition_key"),
                businessKey: row.text("business_key"), activityInstanceID: try row.required("activity_instance_id"))
            task.owner = row.text("owner")
            task.delegationState = row.text("delegation_state").flatMap(DelegationState.init(rawValue:))
            task.lastUpdated = row.time("last_updated")
            task.tenantID = row.text("tenant_id")
            return task
        }
    }

    public func count(_ query: TaskQuery) async throws -> Int { try await number(select(query).count()) }

    public func candidateGroupCounts(_ query: TaskQuery) async throws -> [CandidateGroupCount] {
        // DISTINCT: a group named twice on one task counts the task once.
        let statement = select(query).grouped(
            "g.group_id, count(DISTINCT id) AS tasks", join: "LEFT JOIN LATERAL unnest(candidate_groups) AS g(group_id) ON true", by: "g.group_id",
            orderBy: "g.group_id NULLS LAST")
        return try await fetch(statement).map { row in CandidateGroupCount(group: row.text("group_id"), tasks: try row.int("tasks")) }
    }

    // MARK: Process instances

    private func select(_ query: ProcessInstanceQuery) -> SQLSelect {
        let columns = "id, definition_id, process_key, business_key, status, parent_instance_id, started_at, ended_at, start_user_id, tenant_id"
        // Aliased `i`: the filters' subqueries name the outer instance, and one of them reads
        // history_process_instances itself.
        let source = switch query.lifecycle {
        case .running: "process_instances AS i"
        case .ended: "history_process_instances AS i"
        case .any:
            "(SELECT \(columns), suspended FROM process_instances UNION ALL SELECT \(columns), false AS suspended FROM history_process_instances) AS i"
        }
        var select = SQLSelect(from: source)
        select.apply(query.filters, instance: "i.id")
        select.scope(query, definition: "definition_id", instance: "id")
        select.within("id", query.ids)
        select.equal("process_key", query.processDefinitionKey)
        select.equal("definition_id", query.processDefinitionID)
        select.equal("business_key", query.businessKey)
        select.equal("parent_instance_id", query.superInstanceID)
        if let before = query.startedBefore { select.require("started_at < \(select.bind(before.iso8601))::timestamptz") }
        if let after = query.startedAfter { select.require("started_at > \(select.bind(after.iso8601))::timestamptz") }
        if let suspended = query.suspended {
            // Only a running instance is suspended or active; an ended one is neither.
            select.require(query.lifecycle == .ended ? "false" : "status = 'active' AND \(suspended ? "" : "NOT ")suspended")
        }
        for condition in query.variables {
            // Running instances' values are in `variables`; history_variables keeps the latest of
            // running and ended ones alike.
            let scope = query.lifecycle == .running ? "variables v WHERE v.activity_instance_id = v.instance_id" : "history_variables v WHERE v.activity_instance_id IS NULL"
            select.require("i.id IN (SELECT v.instance_id FROM \(scope) AND \(select.variableCondition(condition)))")
        }
        return select
    }

    private static func column(_ key: ProcessInstanceInfo.SortKey) -> String {
        switch key {
        case .instanceId: "id"
        case .definitionKey: "process_key"
        case .definitionId: "definition_id"
        case .businessKey: "business_key"
        case .tenantId: "tenant_id"
        case .startTime: "started_at"
        case .endTime: "ended_at"
        case .duration: "(ended_at - started_at)"
        }
    }

    func statement(_ query: ProcessInstanceQuery, page: Page) -> PostgresStatement {
        let columns = """
            id, definition_id, process_key, business_key, status, parent_instance_id, \(SQLColumns.millis("started_at", as: "started")),
            \(SQLColumns.millis("ended_at", as: "ended")), \(query.lifecycle == .ended ? "false AS suspended" : "suspended"), start_user_id, tenant_id,
            \(SQLSelect.rootInstance(id: "id", parent: "parent_instance_id")) AS root_instance_id
            """
        return select(query).list(columns, sorting: query.sorting, column: Self.column, tieBreakers: ["id"], page: page)
    }

    public func list(_ query: ProcessInstanceQuery, page: Page) async throws -> [ProcessInstanceInfo] {
        try await fetch(statement(query, page: page)).map { row in
            var instance = ProcessInstanceInfo(
                id: try row.required("id"), definitionID: try row.required("definition_id"), processKey: try row.required("process_key"),
                businessKey: row.text("business_key"), state: ProcessInstanceInfo.State(rawValue: try row.required("status")) ?? .active,
                startedAt: try row.requiredTime("started"), endedAt: row.time("ended"), superInstanceID: row.text("parent_instance_id"),
                suspended: row.bool("suspended"), startUserID: row.text("start_user_id"), rootInstanceID: row.text("root_instance_id"))
            instance.tenantID = row.text("tenant_id")
            return instance
        }
    }

    public func count(_ query: ProcessInstanceQuery) async throws -> Int { try await number(select(query).count()) }

    // MARK: Jobs

    private func select(_ query: JobQuery) -> SQLSelect {
        var select = SQLSelect(from: "jobs")
        select.scope(query)
        select.equal("id", query.jobID)
        select.equal("instance_id", query.processInstanceID)
        select.equal("process_definition_id", query.processDefinitionID)
        select.equal("element_id", query.activityID)
        select.equal("topic", query.topic)
        let kinds = JobInfo.Kind.allCases.filter(query.kinds.contains)
        if kinds.count < JobInfo.Kind.allCases.count { select.within("kind", kinds.map(\.rawValue)) }
        if query.withRetriesLeft { select.require("retries > 0") }
        if query.noRetriesLeft { select.require("retries = 0") }
        if let suspended = query.suspended { select.require(suspended ? "suspended" : "NOT suspended") }
        if let least = query.priorityAtLeast { select.require("priority >= \(select.bind(String(least)))::bigint") }
        if let most = query.priorityAtMost { select.require("priority <= \(select.bind(String(most)))::bigint") }
        select.apply(query.filters)
        return select
    }

    static func column(_ key: JobInfo.SortKey) -> String {
        switch key {
        case .jobId: "id"
        case .jobDueDate: "due_at"
        case .jobRetries: "retries"
        case .processInstanceId: "instance_id"
        case .processDefinitionId: "process_definition_id"
        case .jobPriority: "priority"
        case .createTime: "created_at"
        case .lockExpirationTime: "lock_expires_at"
        case .tenantId: "tenant_id"
        }
    }

    public func list(_ query: JobQuery, page: Page) async throws -> [JobInfo] {
        let columns = """
            id, kind, instance_id, process_definition_id, element_id, \(SQLColumns.millis("due_at", as: "due")), retries, last_error, topic, suspended,
            priority, \(SQLColumns.millis("created_at", as: "created")), element_key, lock_owner, \(SQLColumns.millis("lock_expires_at", as: "lock_expires")),
            tenant_id
            """
        return try await fetch(select(query).list(columns, sorting: query.sorting, column: Self.column, tieBreakers: ["id"], page: page)).map { row in
            var job = JobInfo(
                id: try row.required("id"), kind: JobInfo.Kind(rawValue: try row.required("kind")) ?? .asyncBefore,
                processInstanceID: try row.required("instance_id"), processDefinitionID: row.text("process_definition_id") ?? "",
                activityID: try row.required("element_id"), dueAt: row.time("due"), retries: try row.int("retries"), errorMessage: row.text("last_error"),
                topic: row.text("topic"), suspended: row.bool("suspended"))
            job.priority = Int64(try row.int("priority"))
            job.createTime = row.time("created")
            job.activityInstanceID = row.text("element_key").map { "\(job.processInstanceID):\($0)" }
            if let owner = row.text("lock_owner"), let expires = row.time("lock_expires") { job.lock = JobLock(workerID: owner, expiresAt: expires) }
            job.tenantID = row.text("tenant_id")
            return job
        }
    }

    public func count(_ query: JobQuery) async throws -> Int { try await number(select(query).count()) }

    // MARK: Variables

    private func select(_ query: VariableInstanceQuery) -> SQLSelect {
        var select = SQLSelect(from: "variables")
        for condition in query.valueConditions { select.require(select.variableCondition(condition, alias: "variables")) }
        select.scope(query)
        select.within("instance_id", query.processInstanceIDs)
        select.within("activity_instance_id", query.activityInstanceIDs)
        select.equal("name", query.variableName)
        select.like("name", query.variableNameLike)
        return select
    }

    private static func column(_ key: VariableInstanceInfo.SortKey) -> String {
        switch key {
        case .variableName: "name"
        case .variableType: "type"
        case .activityInstanceId: "activity_instance_id"
        case .processInstanceId: "instance_id"
        case .tenantId: "tenant_id"
        }
    }

    public func list(_ query: VariableInstanceQuery, page: Page) async throws -> [VariableInstanceInfo] {
        let columns = "name, type, value::text AS value, serialized, object_type, instance_id, process_definition_id, activity_instance_id, tenant_id"
        let statement = select(query).list(
            columns, sorting: query.sorting, column: Self.column, tieBreakers: ["activity_instance_id", "name"], page: page)
        return try await fetch(statement).map { row in
            var variable = VariableInstanceInfo(
                name: try row.required("name"), value: try row.variableValue(), processInstanceID: try row.required("instance_id"),
                processDefinitionID: try row.required("process_definition_id"), activityInstanceID: try row.required("activity_instance_id"))
            variable.tenantID = row.text("tenant_id")
            return variable
        }
    }

    public func count(_ query: VariableInstanceQuery) async throws -> Int { try await number(select(query).count()) }

    // MARK: Event subscriptions

    private func select(_ query: EventSubscriptionQuery) -> SQLSelect {
        var select = SQLSelect(from: "message_subscriptions s")
        select.scope(query, definition: "(SELECT definition_id FROM process_instances i WHERE i.id = s.instance_id)")
        select.equal("id", query.subscriptionID)
        select.equal("instance_id", query.processInstanceID)
        select.equal("event_type", query.eventType)
        select.equal("message_name", query.eventName)
        select.equal("activity_id", query.activityID)
        return select
    }

    private static func column(_ key: EventSubscriptionInfo.SortKey) -> String {
        switch key {
        case .created: "created_at"
        case .eventName: "message_name"
        case .processInstanceId: "instance_id"
        case .tenantId: "tenant_id"
        }
    }

    public func list(_ query: EventSubscriptionQuery, page: Page) async throws -> [EventSubscriptionInfo] {
        let columns = """
            id, event_type, message_name, instance_id, activity_id, \(SQLColumns.millis("created_at", as: "created")),
            (SELECT definition_id FROM process_instances i WHERE i.id = s.instance_id) AS process_definition_id, tenant_id
            """
        return try await fetch(select(query).list(columns, sorting: query.sorting, column: Self.column, tieBreakers: ["id"], page: page)).map { row in
            var subscription = EventSubscriptionInfo(
                id: try row.required("id"), eventType: try row.required("event_type"), eventName: try row.required("message_name"),
                processInstanceID: try row.required("instance_id"), processDefinitionID: row.text("process_definition_id") ?? "",
                activityID: row.text("activity_id") ?? "", created: try row.requiredTime("created"))
            subscription.tenantID = row.text("tenant_id")
            return subscription
        }
    }

    public func count(_ query: EventSubscriptionQuery) async throws -> Int { try await number(select(query).count()) }
}
