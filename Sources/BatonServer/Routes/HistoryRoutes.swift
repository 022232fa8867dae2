import BatonEngine
import BatonModel
import Hummingbird

/// `/history/…`: what happened, from the history read models, each list and count one query.
extension EngineRestAPI {
    func registerHistory(on group: RouterGroup<BatonRequestContext>) {
        let instanceParameters = Self.historicInstanceQueryParameters
        group.get("history/process-instance") { request, context in
            let query = try QueryParameters(request, allowed: instanceParameters)
            guard let instances = try await scoped(try await historicInstanceQuery(query), "READ_HISTORY", context) else { return JSONResponse.make(.array([])) }
            return JSONResponse.make(.array(try await runtime.instances(instances, page: try query.page()).map(Self.historic)))
        }
        group.get("history/process-instance/count") { request, context in
            let query = try QueryParameters(request, allowed: instanceParameters)
            guard let instances = try await scoped(try await historicInstanceQuery(query), "READ_HISTORY", context) else { return JSONResponse.count(0) }
            return JSONResponse.count(try await runtime.count(instances))
        }
        // Camunda's POST forms: the same parameters as a JSON body, paging in the URL.
        group.post("history/process-instance") { request, context in
            let paging = try QueryParameters(request, allowed: ["firstResult", "maxResults"])
            let query = try QueryParameters(body: try await body(request, context, query: ["firstResult", "maxResults"]), allowed: instanceParameters)
            guard let instances = try await scoped(try await historicInstanceQuery(query), "READ_HISTORY", context) else { return JSONResponse.make(.array([])) }
            return JSONResponse.make(.array(try await runtime.instances(instances, page: try paging.page()).map(Self.historic)))
        }
        group.post("history/process-instance/count") { request, context in
            let query = try QueryParameters(body: try await body(request, context), allowed: instanceParameters)
            guard let instances = try await scoped(try await historicInstanceQuery(query), "READ_HISTORY", context) else { return JSONResponse.count(0) }
            return JSONResponse.count(try await runtime.count(instances))
        }
        group.get("history/process-instance/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let instance = try await runtime.instance(try context.pathParameter("id"))
            try await access(context).require("READ_HISTORY", processKey: instance.processKey)
            return JSONResponse.make(Self.historic(instance))
        }
        let activityParameters: Set<String> = [
            "activityInstanceId", "processInstanceId", "processDefinitionId", "activityId", "activityType", "finished", "unfinished", "canceled", "completeScope",
            "firstResult", "maxResults", "sortBy", "sortOrder", "executionId", "activityName", "taskAssignee", "startedBefore", "startedAfter",
            "finishedBefore", "finishedAfter", "tenantIdIn", "withoutTenantId",
        ]
        group.get("history/activity-instance") { request, context in
            let query = try QueryParameters(request, allowed: activityParameters)
            guard let activities = try await scoped(try await activityQuery(query), "READ_HISTORY", context) else { return JSONResponse.make(.array([])) }
            return JSONResponse.make(.array(try await runtime.activityHistory(activities, page: try query.page()).map(Self.json)))
        }
        group.get("history/activity-instance/count") { request, context in
            let query = try QueryParameters(request, allowed: activityParameters)
            guard let activities = try await scoped(try await activityQuery(query), "READ_HISTORY", context) else { return JSONResponse.count(0) }
            return JSONResponse.count(try await runtime.count(activities))
        }
        group.get("history/activity-instance/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            guard let activity = try await runtime.activityHistory(
                try await scoped(HistoricActivityInstanceQuery(activityInstanceID: id), "READ_HISTORY", context)).first else {
                throw RestError.notFound("Historic activity instance with id \(id) does not exist")
            }
            return JSONResponse.make(Self.json(activity))
        }
        let taskParameters: Set<String> = [
            "processInstanceId", "processDefinitionId", "taskId", "taskDefinitionKey", "taskAssignee", "finished", "unfinished", "firstResult",
            "maxResults", "sortBy", "sortOrder", "taskParentTaskId", "processInstanceBusinessKey", "processInstanceBusinessKeyIn",
            "processInstanceBusinessKeyLike", "executionId", "processDefinitionKey", "processDefinitionName", "activityInstanceIdIn", "taskName",
            "taskNameLike", "taskDefinitionKeyIn", "taskDeleteReason", "taskDeleteReasonLike", "taskAssigneeLike", "taskPriority", "assigned",
            "unassigned", "processFinished", "processUnfinished", "rootProcessInstanceId", "taskDueDate", "taskDueDateBefore", "taskDueDateAfter", "withoutTaskDueDate",
            "startedBefore", "startedAfter", "finishedBefore", "finishedAfter", "tenantIdIn", "withoutTenantId", "caseInstanceId", "caseExecutionId",
            "caseDefinitionId", "caseDefinitionKey", "caseDefinitionName", "taskVariables", "processVariables", "variableNamesIgnoreCase",
            "variableValuesIgnoreCase", "taskOwner", "taskOwnerLike", "taskDescription", "taskDescriptionLike", "taskFollowUpDate",
            "taskFollowUpDateBefore", "taskFollowUpDateAfter", "taskInvolvedUser", "taskInvolvedGroup", "taskHadCandidateUser",
            "taskHadCandidateGroup", "withCandidateGroups", "withoutCandidateGroups",
        ]
        group.get("history/task") { request, context in
            let query = try QueryParameters(request, allowed: taskParameters)
            guard let tasks = try await scoped(try await historicTaskQuery(query), "READ_HISTORY", context) else { return JSONResponse.make(.array([])) }
            return JSONResponse.make(.array(try await runtime.taskHistory(tasks, page: try query.page()).map { task in
                .object([
                    .init("id", .string(task.id)), .init("processInstanceId", .string(task.processInstanceID)),
                    .init("processDefinitionId", .string(task.processDefinitionID)), .init("executionId", .string(task.processInstanceID)),
                    .init("activityInstanceId", .string(task.activityInstanceID)), .init("name", .orNull(task.name)),
                    .init("deleteReason", .orNull(task.deleteReason)), .init("assignee", .orNull(task.assignee)),
                    .init("startTime", TypedValue.date(task.startTime)), .init("endTime", TypedValue.date(task.endTime)),
                    .init("duration", Self.duration(task.startTime, task.endTime)), .init("taskDefinitionKey", .string(task.taskDefinitionKey)),
                    .init("priority", .integer(Int64(task.priority))), .init("due", TypedValue.date(task.due)), .init("tenantId", .orNull(task.tenantID)),
                    .init("owner", .orNull(task.owner)), .init("description", .orNull(task.description)), .init("followUp", TypedValue.date(task.followUp)),
                ])
            }))
        }
        group.get("history/task/count") { request, context in
            let query = try QueryParameters(request, allowed: taskParameters)
            guard let tasks = try await scoped(try await historicTaskQuery(query), "READ_HISTORY", context) else { return JSONResponse.count(0) }
            return JSONResponse.count(try await runtime.count(tasks))
        }
        let variableParameters: Set<String> = [
            "processInstanceId", "processInstanceIdIn", "processDefinitionId", "variableName", "variableNameLike", "includeDeleted", "firstResult",
            "maxResults", "sortBy", "sortOrder", "variableTypeIn", "processDefinitionKey", "executionIdIn", "taskIdIn", "activityInstanceIdIn",
            "variableNameIn", "tenantIdIn", "withoutTenantId", "variableValue", "variableNamesIgnoreCase", "variableValuesIgnoreCase",
            "caseInstanceId", "caseExecutionIdIn", "caseActivityIdIn",
            // Cockpit sends it; Baton's values are JSON already, so it changes nothing.
            "deserializeValues",
        ]
        group.get("history/variable-instance") { request, context in
            let query = try QueryParameters(request, allowed: variableParameters)
            return JSONResponse.make(.array(try await runtime.variableHistory(try await scoped(try await historicVariableQuery(query), "READ_HISTORY", context), page: try query.page()).map(Self.json)))
        }
        group.get("history/variable-instance/count") { request, context in
            let query = try QueryParameters(request, allowed: variableParameters)
            return JSONResponse.count(try await runtime.count(try await scoped(try await historicVariableQuery(query), "READ_HISTORY", context)))
        }
        group.get("history/variable-instance/:id") { request, context in
            _ = try QueryParameters(request, allowed: ["deserializeValues"])
            let id = try context.pathParameter("id")
            guard let variable = try await runtime.variableHistory(try await scoped(HistoricVariableInstanceQuery(id: id), "READ_HISTORY", context)).first else {
                throw RestError.notFound("Historic variable instance with id \(id) does not exist")
            }
            return JSONResponse.make(Self.json(variable))
        }
        let incidentParameters: Set<String> = Set([
            "incidentId", "processInstanceId", "processDefinitionId", "incidentType", "activityId", "open", "resolved", "deleted", "firstResult", "maxResults",
            "sortBy", "sortOrder",
        ]).union(Self.historicIncidentFilterParameters)
        group.get("history/incident") { request, context in
            let query = try QueryParameters(request, allowed: incidentParameters)
            let incidents = try await scoped(try historicIncidentQuery(query), "READ_HISTORY", context)
            return JSONResponse.make(.array(try await runtime.incidents(incidents, page: try query.page()).map { incident in
                .object([
                    .init("id", .string(incident.id)), .init("processInstanceId", .string(incident.processInstanceID)),
                    .init("processDefinitionId", .string(incident.processDefinitionID)),
                    .init("executionId", .string(incident.processInstanceID)), .init("createTime", TypedValue.date(incident.createdAt)),
                    .init("endTime", TypedValue.date(incident.resolvedAt)), .init("incidentType", .string(incident.kind)),
                    .init("activityId", .string(incident.activityID)), .init("configuration", .orNull(incident.jobID)),
                    .init("incidentMessage", .string(incident.message)), .init("open", .bool(incident.resolvedAt == nil)),
                    .init("resolved", .bool(incident.resolvedAt != nil && !incident.deleted)), .init("deleted", .bool(incident.deleted)),
                    .init("tenantId", .orNull(incident.tenantID)),
                ])
            }))
        }
        group.get("history/incident/count") { request, context in
            let query = try QueryParameters(request, allowed: incidentParameters)
            let incidents = try await scoped(try historicIncidentQuery(query), "READ_HISTORY", context)
            return JSONResponse.count(try await runtime.count(incidents))
        }
    }

    /// What `finished` and `unfinished` ask for: one of them, either (neither given), or —
    /// both given, as in Camunda — nothing at all.
    private enum CompletionFilter {
        case matching(Completion?)
        case nothing
    }

    private func completion(_ query: QueryParameters) throws -> CompletionFilter {
        let finished = try query.bool("finished") == true, unfinished = try query.bool("unfinished") == true
        if finished && unfinished { return .nothing }
        return .matching(finished ? .finished : unfinished ? .unfinished : nil)
    }

    /// `/history/process-instance`'s filters, which other bodies (`historicProcessInstanceQuery`) use too.
    static let historicInstanceQueryParameters: Set<String> = [
        "processInstanceId", "processInstanceIds", "processDefinitionId", "processDefinitionKey", "processInstanceBusinessKey",
        "superProcessInstanceId", "finished", "unfinished", "startedBefore", "startedAfter", "firstResult", "maxResults", "sortBy", "sortOrder",
        "processInstanceIdNotIn", "processDefinitionKeyIn", "processDefinitionName", "processDefinitionNameLike", "processDefinitionKeyNotIn",
        "processInstanceBusinessKeyIn", "processInstanceBusinessKeyLike", "rootProcessInstances", "withIncidents", "withRootIncidents",
        "incidentIdIn", "incidentType", "incidentStatus", "incidentMessage", "incidentMessageLike", "finishedBefore", "finishedAfter",
        "subProcessInstanceId", "activityIdIn", "executedActivityIdIn", "activeActivityIdIn", "active", "suspended", "completed",
        "externallyTerminated", "internallyTerminated", "tenantIdIn", "withoutTenantId", "superCaseInstanceId", "subCaseInstanceId", "caseInstanceId",
        "variables", "variableNamesIgnoreCase", "variableValuesIgnoreCase", "rootProcessInstanceId", "startedBy", "withJobsRetrying",
        "executedActivityAfter", "executedActivityBefore", "executedJobAfter", "executedJobBefore",
    ]

    func historicInstanceQuery(_ query: QueryParameters) async throws -> ProcessInstanceQuery? {
        guard case .matching(let completion) = try completion(query) else { return nil }
        var ids = query.list("processInstanceIds")
        if let id = query.string("processInstanceId") { ids = (ids ?? [id]).filter { $0 == id } }
        var instances = ProcessInstanceQuery(
            lifecycle: completion == .finished ? .ended : completion == .unfinished ? .running : .any, ids: ids,
            processDefinitionKey: query.string("processDefinitionKey"), processDefinitionID: query.string("processDefinitionId"),
            businessKey: query.string("processInstanceBusinessKey"), superInstanceID: query.string("superProcessInstanceId"),
            sorting: try query.sorting([Sorting(.startTime)]))
        instances.startedBefore = try query.date("startedBefore")
        instances.startedAfter = try query.date("startedAfter")
        instances.variables = try Self.variableConditions(query, "variables")
        var filters = try await instanceFilters(query, businessKeyLike: "processInstanceBusinessKeyLike", callerOf: "subProcessInstanceId")
        filters.idsExcluded = query.list("processInstanceIdNotIn")
        filters.businessKeys = query.list("processInstanceBusinessKeyIn")
        filters.finishedBefore = try query.date("finishedBefore")
        filters.finishedAfter = try query.date("finishedAfter")
        filters.startedBy = query.string("startedBy")
        filters.withJobsRetrying = try query.bool("withJobsRetrying") == true
        filters.executedActivityAfter = try query.date("executedActivityAfter")
        filters.executedActivityBefore = try query.date("executedActivityBefore")
        filters.executedJobAfter = try query.date("executedJobAfter")
        filters.executedJobBefore = try query.date("executedJobBefore")
        // Camunda's historic states: ACTIVE and SUSPENDED run, COMPLETED ended at an end event,
        // EXTERNALLY_TERMINATED was cancelled, INTERNALLY_TERMINATED ended at a terminate end
        // event; Baton keeps one `terminated` state for both. As in Camunda, the last one given
        // (in that order) is the one that counts.
        for (flag, state, suspended) in [
            ("active", ProcessInstanceInfo.State.active, false as Bool?), ("suspended", .active, true), ("completed", .completed, nil),
            ("externallyTerminated", .terminated, nil), ("internallyTerminated", .terminated, nil),
        ] where try query.bool(flag) == true {
            filters.states = [state]
            instances.suspended = suspended
        }
        let status = query.string("incidentStatus")
        if let status, !["open", "resolved"].contains(status) {
            throw RestError.invalid("Expected 'incidentStatus' to be open or resolved, but it is '\(status)'.")
        }
        if try query.bool("withIncidents") == true || query.bool("withRootIncidents") == true || status != nil
            || ["incidentIdIn", "incidentType", "incidentMessage", "incidentMessageLike"].contains(where: { query.string($0) != nil })
        {
            // Every incident of Baton's is a root incident: none is caused by another's.
            var incidents = ProcessInstanceFilters.IncidentFilter(open: status.map { $0 == "open" })
            incidents.ids = query.list("incidentIdIn")
            incidents.type = query.string("incidentType")
            incidents.message = query.string("incidentMessage")
            incidents.messageLike = query.string("incidentMessageLike")
            filters.incidents = incidents
        }
        filters.activeActivityIDs = query.list("activeActivityIdIn")
        if let active = query.list("activityIdIn") { filters.activeActivityIDs = (filters.activeActivityIDs ?? []) + active }
        filters.executedActivityIDs = query.list("executedActivityIdIn")
        instances.filters = filters
        instances.tenants = try Self.instanceTenants(query)
        return instances
    }

    private func activityQuery(_ query: QueryParameters) async throws -> HistoricActivityInstanceQuery? {
        guard case .matching(let completion) = try completion(query) else { return nil }
        let canceled = try query.bool("canceled") == true, completeScope = try query.bool("completeScope") == true
        // An activity instance that completed its scope was not canceled: Camunda refuses the pair.
        if canceled && completeScope {
            throw RestError.invalid("Invalid query: it is not possible to query by canceled and completeScope at once; an activity instance is never both.")
        }
        // An activity instance's execution is its process instance.
        let instance = query.string("processInstanceId"), execution = query.string("executionId")
        if let instance, let execution, instance != execution { return nil }
        var activities = HistoricActivityInstanceQuery(
            activityInstanceID: query.string("activityInstanceId"), processInstanceID: instance ?? execution,
            processDefinitionID: query.string("processDefinitionId"), activityID: query.string("activityId"), activityType: query.string("activityType"),
            completion: completion, canceled: canceled ? true : nil, completeScope: completeScope ? true : nil, sorting: try query.sorting([Sorting(.startTime)]))
        activities.activityName = query.string("activityName")
        activities.tenants = try query.tenants()
        activities.startedBefore = try query.date("startedBefore")
        activities.startedAfter = try query.date("startedAfter")
        activities.finishedBefore = try query.date("finishedBefore")
        activities.finishedAfter = try query.date("finishedAfter")
        if let assignee = query.string("taskAssignee") {
            activities.taskIDs = try await runtime.taskHistory(HistoricTaskInstanceQuery(processInstanceID: activities.processInstanceID, assignee: assignee)).map(\.id)
        }
        return activities
    }

    /// Camunda's task-history query. A task's execution is its process instance; Baton's tasks
    /// have no parent task or case, so those filters match nothing.
    private func historicTaskQuery(_ query: QueryParameters) async throws -> HistoricTaskInstanceQuery? {
        guard case .matching(let completion) = try completion(query) else { return nil }
        let impossible = ["taskParentTaskId", "caseInstanceId", "caseExecutionId", "caseDefinitionId", "caseDefinitionKey", "caseDefinitionName"]
        if impossible.contains(where: { query.string($0) != nil }) { return nil }
        let processFinished = try query.bool("processFinished") == true, processUnfinished = try query.bool("processUnfinished") == true
        if processFinished && processUnfinished { return nil }
        var tasks = HistoricTaskInstanceQuery(
            taskID: query.string("taskId"), processInstanceID: query.string("processInstanceId"),
            processDefinitionID: query.string("processDefinitionId"), taskDefinitionKey: query.string("taskDefinitionKey"),
            assignee: query.string("taskAssignee"), completion: completion, sorting: try query.sorting([Sorting(.startTime)]))
        var filters = HistoricTaskFilters()
        if let execution = query.string("executionId") { filters.processInstanceIDs = [execution] }
        // Business keys are the instances': they narrow to those instances' ids.
        let businessKey = query.string("processInstanceBusinessKey"), keys = query.list("processInstanceBusinessKeyIn")
        let keyLike = query.string("processInstanceBusinessKeyLike")
        if businessKey != nil || keys != nil || keyLike != nil {
            var instances = ProcessInstanceQuery(lifecycle: .any, businessKey: businessKey)
            instances.filters.businessKeys = keys
            instances.filters.businessKeyLike = keyLike
            let ids = try await runtime.instances(instances).map(\.id)
            filters.processInstanceIDs = filters.processInstanceIDs.map { $0.filter(ids.contains) } ?? ids
        }
        filters.processDefinitionKey = query.string("processDefinitionKey")
        filters.processDefinitionIDs = try await definitionIDs(query)
        filters.activityInstanceIDs = query.list("activityInstanceIdIn")
        filters.name = query.string("taskName")
        filters.nameLike = query.string("taskNameLike")
        filters.taskDefinitionKeys = query.list("taskDefinitionKeyIn")
        filters.deleteReason = query.string("taskDeleteReason")
        filters.deleteReasonLike = query.string("taskDeleteReasonLike")
        filters.assigneeLike = query.string("taskAssigneeLike")
        filters.priority = try query.integer("taskPriority")
        let assigned = try query.bool("assigned") == true, unassigned = try query.bool("unassigned") == true
        if assigned && unassigned { return nil }
        if assigned || unassigned { filters.assigned = assigned }
        filters.dueDate = try query.date("taskDueDate")
        filters.dueBefore = try query.date("taskDueDateBefore")
        filters.dueAfter = try query.date("taskDueDateAfter")
        filters.withoutDueDate = try query.bool("withoutTaskDueDate") == true
        filters.startedBefore = try query.date("startedBefore")
        filters.startedAfter = try query.date("startedAfter")
        filters.finishedBefore = try query.date("finishedBefore")
        filters.finishedAfter = try query.date("finishedAfter")
        filters.rootInstanceID = query.string("rootProcessInstanceId")
        if processFinished { filters.processFinished = true }
        if processUnfinished { filters.processFinished = false }
        filters.processVariables = try Self.variableConditions(query, "processVariables")
        filters.taskVariables = try Self.variableConditions(query, "taskVariables")
        filters.owner = query.string("taskOwner")
        filters.ownerLike = query.string("taskOwnerLike")
        filters.description = query.string("taskDescription")
        filters.descriptionLike = query.string("taskDescriptionLike")
        filters.followUpDate = try query.date("taskFollowUpDate")
        filters.followUpBefore = try query.date("taskFollowUpDateBefore")
        filters.followUpAfter = try query.date("taskFollowUpDateAfter")
        filters.involvedUser = query.string("taskInvolvedUser")
        filters.involvedGroup = query.string("taskInvolvedGroup")
        filters.hadCandidateUser = query.string("taskHadCandidateUser")
        filters.hadCandidateGroup = query.string("taskHadCandidateGroup")
        let withGroups = try query.bool("withCandidateGroups") == true, withoutGroups = try query.bool("withoutCandidateGroups") == true
        if withGroups && withoutGroups { return nil }
        if withGroups || withoutGroups { filters.withCandidateGroups = withGroups }
        tasks.filters = filters
        tasks.tenants = try query.tenants()
        return tasks
    }

    /// Camunda's variable-history query. A variable's execution is its process instance; a task's
    /// variables are those of the task's activity instance.
    private func historicVariableQuery(_ query: QueryParameters) async throws -> HistoricVariableInstanceQuery {
        var ids = query.list("processInstanceIdIn")
        if let id = query.string("processInstanceId") { ids = (ids ?? [id]).filter { $0 == id } }
        if let executions = query.list("executionIdIn") { ids = (ids ?? executions).filter(executions.contains) }
        // No variable of Baton's belongs to a case.
        if ["caseInstanceId", "caseExecutionIdIn", "caseActivityIdIn"].contains(where: { query.list($0) != nil }) { ids = [] }
        var variables = HistoricVariableInstanceQuery(
            processInstanceIDs: ids, processDefinitionID: query.string("processDefinitionId"), variableName: query.string("variableName"),
            variableNameLike: query.string("variableNameLike"), sorting: try query.sorting([Sorting(.createTime)]))
        variables.includeDeleted = try query.bool("includeDeleted") ?? false
        variables.tenants = try query.tenants()
        variables.names = query.list("variableNameIn")
        variables.types = query.list("variableTypeIn")
        variables.processDefinitionKey = query.string("processDefinitionKey")
        var scopes = query.list("activityInstanceIdIn")
        if let taskIDs = query.list("taskIdIn") {
            var taskScopes: [String] = []
            for id in taskIDs { taskScopes += try await runtime.taskHistory(HistoricTaskInstanceQuery(taskID: id)).map(\.activityInstanceID) }
            scopes = scopes.map { $0.filter(taskScopes.contains) } ?? taskScopes
        }
        variables.activityInstanceIDs = scopes
        if let raw = query.string("variableValue") {
            guard let name = query.string("variableName") else {
                throw RestError.invalid("Expected 'variableName' with 'variableValue': a value is compared to the variable of that name.")
            }
            var condition = VariableCondition(name: name, value: Self.untypedValue(raw))
            condition.ignoreNameCase = try query.bool("variableNamesIgnoreCase") == true
            condition.ignoreValueCase = try query.bool("variableValuesIgnoreCase") == true
            variables.valueConditions = [condition]
            // Matched by the condition, which may ignore the name's case.
            variables.variableName = nil
        }
        return variables
    }

    private func historicIncidentQuery(_ query: QueryParameters) throws -> IncidentQuery {
        // Camunda's incident state: each flag names one, and the last it applies wins.
        let deleted = try query.bool("deleted") == true, resolved = try query.bool("resolved") == true, open = try query.bool("open") == true
        var incidents = IncidentQuery(
            incidentID: query.string("incidentId"), open: deleted || resolved ? false : open ? true : nil, processInstanceID: query.string("processInstanceId"),
            processDefinitionID: query.string("processDefinitionId"), incidentType: query.string("incidentType"), activityID: query.string("activityId"),
            sorting: try query.sorting([Sorting(.createTime)]))
        try incidentFilters(query, into: &incidents)
        if deleted || resolved { incidents.filters.deleted = deleted }
        return incidents
    }

    static func json(_ variable: HistoricVariableInstance) -> JSONValue {
        TypedValue.variable(id: variable.id, name: variable.name, value: variable.value, [
            .init("processInstanceId", .string(variable.processInstanceID)), .init("processDefinitionId", .string(variable.processDefinitionID)),
            .init("activityInstanceId", .string(variable.activityInstanceID ?? variable.processInstanceID)),
            .init("createTime", TypedValue.date(variable.createTime)), .init("state", .string(variable.deleted ? "DELETED" : "CREATED")), .init("tenantId", .orNull(variable.tenantID)),
        ])
    }

    static func json(_ activity: HistoricActivityInstance) -> JSONValue {
        .object([
            .init("id", .string(activity.id)), .init("parentActivityInstanceId", .string(activity.parentActivityInstanceID)),
            .init("activityId", .string(activity.activityID)), .init("processDefinitionId", .string(activity.processDefinitionID)),
            .init("activityName", .orNull(activity.activityName)), .init("activityType", .string(activity.activityType)),
            .init("processInstanceId", .string(activity.processInstanceID)), .init("executionId", .string(activity.processInstanceID)),
            .init("taskId", .orNull(activity.taskID)), .init("calledProcessInstanceId", .orNull(activity.calledProcessInstanceID)),
            .init("startTime", TypedValue.date(activity.startTime)), .init("endTime", TypedValue.date(activity.endTime)),
            .init("durationInMillis", Self.duration(activity.startTime, activity.endTime)), .init("canceled", .bool(activity.canceled)),
            .init("completeScope", .bool(activity.completeScope)), .init("tenantId", .orNull(activity.tenantID)),
        ])
    }

    static func historic(_ instance: ProcessInstanceInfo) -> JSONValue {
        let state: String = switch instance.state {
        case .active: "ACTIVE"
        case .completed: "COMPLETED"
        case .terminated: "EXTERNALLY_TERMINATED"
        }
        return .object([
            .init("id", .string(instance.id)), .init("businessKey", .orNull(instance.businessKey)), .init("processDefinitionId", .string(instance.definitionID)),
            .init("processDefinitionKey", .string(instance.processKey)), .init("startTime", TypedValue.date(instance.startedAt)),
            .init("endTime", TypedValue.date(instance.endedAt)), .init("durationInMillis", duration(instance.startedAt, instance.endedAt)),
            .init("superProcessInstanceId", .orNull(instance.superInstanceID)), .init("rootProcessInstanceId", .string(instance.rootInstanceID)),
            .init("startUserId", .orNull(instance.startUserID)), .init("tenantId", .orNull(instance.tenantID)), .init("state", .string(state)),
        ])
    }

    static func duration(_ start: Timestamp, _ end: Timestamp?) -> JSONValue {
        end.map { .integer($0.millisecondsSinceEpoch - start.millisecondsSinceEpoch) } ?? .null
    }
}
