import BatonEngine
import BatonModel
import Foundation
import Hummingbird

/// What operators look at and act on: incidents, jobs, variables, event subscriptions, and an
/// instance's activity-instance tree.
extension EngineRestAPI {
    func registerOperations(on group: RouterGroup<BatonRequestContext>) {
        let incidentParameters: Set<String> = Set([
            "incidentId", "processInstanceId", "processDefinitionId", "incidentType", "activityId", "jobId", "firstResult", "maxResults", "sortBy",
            "sortOrder",
        ]).union(Self.incidentFilterParameters)
        @Sendable func incidentQuery(_ query: QueryParameters) throws -> IncidentQuery {
            var incidents = IncidentQuery(
                incidentID: query.string("incidentId"), open: true, processInstanceID: query.string("processInstanceId"),
                processDefinitionID: query.string("processDefinitionId"), incidentType: query.string("incidentType"),
                activityID: query.string("activityId"), jobID: query.string("jobId"), sorting: try query.sorting([Sorting(.incidentTimestamp)]))
            try incidentFilters(query, into: &incidents)
            return incidents
        }
        group.get("incident") { request, context in
            let query = try QueryParameters(request, allowed: incidentParameters)
            return JSONResponse.make(.array(try await runtime.incidents(try await scoped(try incidentQuery(query), "READ_INSTANCE", context), page: try query.page())
                .map(Self.incidentJSON)))
        }
        group.get("incident/count") { request, context in
            let query = try QueryParameters(request, allowed: incidentParameters)
            return JSONResponse.count(try await runtime.count(try await scoped(try incidentQuery(query), "READ_INSTANCE", context)))
        }
        @Sendable func openIncident(_ permission: String, _ context: BatonRequestContext) async throws -> HistoricIncident {
            let id = try context.pathParameter("id")
            guard let incident = try await runtime.incidents(IncidentQuery(incidentID: id, open: true), page: .all).first else {
                throw RestError.notFound("Incident with id \(id) does not exist")
            }
            try await access(context).require(
                permission, instance: incident.processInstanceID, processKey: Access.processKey(ofDefinition: incident.processDefinitionID))
            return incident
        }
        group.get("incident/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(Self.incidentJSON(try await openIncident("READ_INSTANCE", context)))
        }
        // Camunda resolves only incidents raised through its API; Baton raises none that way, and
        // each of its own ends with what caused it, as Camunda's failed-job incidents do.
        group.delete("incident/:id") { request, context -> Response in
            _ = try QueryParameters(request, allowed: [])
            let incident = try await openIncident("UPDATE_INSTANCE", context)
            let remedy = ["failedJob", "failedExternalTask"].contains(incident.kind)
                ? "it is resolved when its job or external task gets retries again"
                : "it is resolved when the activity it stopped is moved on by a modification, or the instance is cancelled"
            throw RestError.invalid("Cannot resolve an incident of type \(incident.kind): \(remedy).")
        }
        let jobParameters: Set<String> = Set([
            "jobId", "processInstanceId", "processDefinitionId", "timers", "messages", "executable", "withRetriesLeft", "noRetriesLeft", "activityId",
            "active", "suspended", "priorityHigherThanOrEquals", "priorityLowerThanOrEquals",
            "firstResult", "maxResults", "sortBy", "sortOrder",
        ]).union(Self.jobFilterParameters)
        @Sendable func jobQuery(_ query: QueryParameters) throws -> JobQuery {
            // External tasks are not jobs in Camunda's API; they have their own endpoints.
            var kinds: Set<JobInfo.Kind> = [.asyncBefore, .asyncAfter, .handler, .timer]
            if try query.bool("timers") == true { kinds = [.timer] }
            if try query.bool("messages") == true { kinds.remove(.timer) }
            let filters = try jobFilters(query, kinds: &kinds)
            var jobs = JobQuery(
                jobID: query.string("jobId"), processInstanceID: query.string("processInstanceId"), processDefinitionID: query.string("processDefinitionId"),
                activityID: query.string("activityId"), kinds: kinds,
                withRetriesLeft: try query.bool("withRetriesLeft") == true || query.bool("executable") == true,
                noRetriesLeft: try query.bool("noRetriesLeft") == true, sorting: try query.jobSorting(\JobSortKey.rowKey))
            jobs.suspended = try query.suspension()
            jobs.filters = filters
            jobs.tenants = try query.tenants(including: "includeJobsWithoutTenantId")
            try query.priorityRange(into: &jobs)
            return jobs
        }
        group.get("job") { request, context in
            let query = try QueryParameters(request, allowed: jobParameters)
            return JSONResponse.make(.array(try await runtime.jobs(try await scoped(try jobQuery(query), "READ_INSTANCE", context), page: try query.page()).map(Self.jobJSON)))
        }
        group.get("job/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(Self.jobJSON(try await job(try context.pathParameter("id"), context)))
        }
        group.get("job/:id/stacktrace") { request, context in
            _ = try QueryParameters(request, allowed: [])
            // Baton's jobs fail with an error, not a JVM stack trace: its message is the trace.
            let job = try await job(try context.pathParameter("id"), context)
            guard let message = job.errorMessage else { throw RestError.notFound("Job with id \(job.id) has no exception stacktrace: it has not failed") }
            return JSONResponse.text(message)
        }
        group.get("job/count") { request, context in
            let query = try QueryParameters(request, allowed: jobParameters)
            return JSONResponse.count(try await runtime.count(try await scoped(try jobQuery(query), "READ_INSTANCE", context)))
        }
        group.post("job/:id/execute") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            try await runtime.executeJob(try context.pathParameter("id"))
            return JSONResponse.noContent()
        }
        group.put("job/:id/retries") { request, context in
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            return try await setRetries(of: try context.pathParameter("id"), request, context)
        }
        group.put("job/:id/priority") { request, context in
            _ = try QueryParameters(request, allowed: [])
            _ = try await job(try context.pathParameter("id"), context)
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            return try await setPriority(of: try context.pathParameter("id"), request, context)
        }
        let variableParameters: Set<String> = [
            "processInstanceIdIn", "activityInstanceIdIn", "variableName", "variableNameLike", "firstResult", "maxResults", "sortBy", "sortOrder",
            "executionIdIn", "taskIdIn", "batchIdIn", "variableScopeIdIn", "tenantIdIn", "variableValues", "variableNamesIgnoreCase",
            "variableValuesIgnoreCase", "caseInstanceIdIn", "caseExecutionIdIn",
            // pycamunda sends it by default; Baton's values are JSON already, so it changes nothing.
            "deserializeValues",
        ]
        /// A variable's execution is its process instance; its scope an element instance's id, or the
        /// process instance's; a task's variables those of its activity instance. No variable of
        /// Baton's belongs to a batch.
        @Sendable func variableQuery(_ query: QueryParameters) async throws -> VariableInstanceQuery {
            var instances = query.list("processInstanceIdIn")
            if let executions = query.list("executionIdIn") { instances = (instances ?? executions).filter(executions.contains) }
            var scopes = query.list("activityInstanceIdIn")
            if let scopeIDs = query.list("variableScopeIdIn") { scopes = (scopes ?? scopeIDs).filter(scopeIDs.contains) }
            if let taskIDs = query.list("taskIdIn") {
                var filters = TaskFilters()
                filters.taskIDs = taskIDs
                var tasks = TaskQuery()
                tasks.filters = filters
                let taskScopes = try await runtime.tasks(tasks).map(\.activityInstanceID)
                scopes = (scopes ?? taskScopes).filter(taskScopes.contains)
            }
            // No variable of Baton's belongs to a batch or a case.
            if ["batchIdIn", "caseInstanceIdIn", "caseExecutionIdIn"].contains(where: { query.list($0) != nil }) { instances = [] }
            var variables = VariableInstanceQuery(
                processInstanceIDs: instances, activityInstanceIDs: scopes, variableName: query.string("variableName"),
                variableNameLike: query.string("variableNameLike"), sorting: try query.sorting([]))
            variables.valueConditions = try Self.variableConditions(query, "variableValues")
            variables.tenants = try query.tenants()
            return variables
        }
        group.get("variable-instance") { request, context in
            let query = try QueryParameters(request, allowed: variableParameters)
            return JSONResponse.make(.array(try await runtime.variableInstances(try await scoped(try await variableQuery(query), "READ_INSTANCE", context), page: try query.page()).map(Self.variableJSON)))
        }
        group.get("variable-instance/count") { request, context in
            let query = try QueryParameters(request, allowed: variableParameters)
            return JSONResponse.count(try await runtime.count(try await scoped(try await variableQuery(query), "READ_INSTANCE", context)))
        }
        group.get("variable-instance/:id") { request, context in
            _ = try QueryParameters(request, allowed: ["deserializeValue"])
            return JSONResponse.make(Self.variableJSON(try await variableInstance(try context.pathParameter("id"), context)))
        }
        // Camunda's POST forms: the same parameters as a JSON body, paging in the URL.
        group.post("variable-instance") { request, context in
            let paging = try QueryParameters(request, allowed: ["firstResult", "maxResults", "deserializeValues"])
            let query = try QueryParameters(body: try await body(request, context, query: ["firstResult", "maxResults", "deserializeValues"]), allowed: variableParameters)
            return JSONResponse.make(.array(try await runtime.variableInstances(try await scoped(try await variableQuery(query), "READ_INSTANCE", context), page: try paging.page()).map(Self.variableJSON)))
        }
        group.post("variable-instance/count") { request, context in
            let query = try QueryParameters(body: try await body(request, context), allowed: variableParameters)
            return JSONResponse.count(try await runtime.count(try await scoped(try await variableQuery(query), "READ_INSTANCE", context)))
        }
        let subscriptionParameters: Set<String> = [
            "eventSubscriptionId", "processInstanceId", "eventType", "eventName", "activityId", "firstResult", "maxResults", "sortBy", "sortOrder",
            "executionId", "tenantIdIn", "withoutTenantId", "includeEventSubscriptionsWithoutTenantId",
        ]
        @Sendable func subscriptionQuery(_ query: QueryParameters) throws -> EventSubscriptionQuery {
            // A subscription's execution is its process instance.
            let instance = query.string("processInstanceId"), execution = query.string("executionId")
            let impossible = instance != nil && execution != nil && instance != execution
            var subscriptions = EventSubscriptionQuery(
                subscriptionID: impossible ? "" : query.string("eventSubscriptionId"), processInstanceID: impossible ? "" : instance ?? execution,
                eventType: query.string("eventType"), eventName: query.string("eventName"), activityID: query.string("activityId"),
                sorting: try query.sorting([Sorting(.created)]))
            subscriptions.tenants = try query.tenants(including: "includeEventSubscriptionsWithoutTenantId")
            return subscriptions
        }
        group.get("event-subscription") { request, context in
            let query = try QueryParameters(request, allowed: subscriptionParameters)
            return JSONResponse.make(.array(try await runtime.eventSubscriptions(try await scoped(try subscriptionQuery(query), "READ_INSTANCE", context), page: try query.page()).map { subscription in
                .object([
                    .init("id", .string(subscription.id)), .init("eventType", .string(subscription.eventType)),
                    .init("eventName", .string(subscription.eventName)), .init("executionId", .string(subscription.processInstanceID)),
                    .init("processInstanceId", .string(subscription.processInstanceID)), .init("activityId", .string(subscription.activityID)),
                    .init("createdDate", TypedValue.date(subscription.created)), .init("tenantId", .orNull(subscription.tenantID)),
                ])
            }))
        }
        group.get("event-subscription/count") { request, context in
            let query = try QueryParameters(request, allowed: subscriptionParameters)
            return JSONResponse.count(try await runtime.count(try await scoped(try subscriptionQuery(query), "READ_INSTANCE", context)))
        }
        let executionParameters: Set<String> = [
            "processInstanceId", "businessKey", "processDefinitionId", "processDefinitionKey", "activityId", "active", "suspended",
            "processVariables", "variableNamesIgnoreCase", "variableValuesIgnoreCase", "variables", "signalEventSubscriptionName",
            "messageEventSubscriptionName", "incidentId", "incidentType", "incidentMessage", "incidentMessageLike", "tenantIdIn",
        ]
        @Sendable func executionQuery(_ query: QueryParameters) throws -> ExecutionQuery {
            var executions = ExecutionQuery(
                processInstanceID: query.string("processInstanceId"), processDefinitionID: query.string("processDefinitionId"),
                processDefinitionKey: query.string("processDefinitionKey"), businessKey: query.string("businessKey"),
                activityID: query.string("activityId"), suspended: try query.suspension(), sorting: try query.sorting([Sorting(.instanceId)]))
            executions.processVariables = try Self.variableConditions(query, "processVariables")
            executions.variables = try Self.variableConditions(query, "variables")
            executions.tenants = try query.tenants()
            var filters = ProcessInstanceFilters()
            filters.messageSubscriptionName = query.string("messageEventSubscriptionName")
            filters.signalSubscriptionName = query.string("signalEventSubscriptionName")
            filters.incidents = Self.openIncidentFilter(query)
            executions.instanceFilters = filters
            return executions
        }
        group.get("execution") { request, context in
            let query = try QueryParameters(request, allowed: executionParameters.union(["sortBy", "sortOrder", "firstResult", "maxResults"]))
            let executions = try await runtime.executions(try await scoped(try executionQuery(query), "READ_INSTANCE", context), page: try query.page())
            return JSONResponse.make(.array(executions.map { execution in
                .object([
                    .init("id", .string(execution.id)), .init("processInstanceId", .string(execution.processInstanceID)),
                    .init("ended", .bool(false)), .init("tenantId", .orNull(execution.tenantID)),
                ])
            }))
        }
        group.get("execution/count") { request, context in
            let query = try QueryParameters(request, allowed: executionParameters)
            return JSONResponse.count(try await runtime.count(try await scoped(try executionQuery(query), "READ_INSTANCE", context)))
        }
        group.post("execution/:id/signal") { request, context in
            let id = try context.pathParameter("id")
            try await requireOnInstance("UPDATE_INSTANCE", ExecutionID(id).instanceID, context)
            let body = try await body(request, context)
            try body.allowOnly(["variables"])
            try await runtime.signal(executionID: id, variables: try body.variables("variables"))
            return JSONResponse.noContent()
        }
        group.post("execution/:id/messageSubscriptions/:name/trigger") { request, context in
            try await requireOnInstance("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            let body = try await body(request, context)
            try body.allowOnly(["variables"])
            // Addressed to one execution, a suspended one is refused, not passed by as correlation does.
            let instance = try await runtime.instance(try context.pathParameter("id"))
            if instance.suspended {
                throw RestError(EngineError(.suspended, "Expected process instance '\(instance.id)' to be active, but it is suspended; activate it first."))
            }
            _ = try await runtime.correlate(MessageCorrelation(
                messageName: try context.pathParameter("name"), processInstanceID: try context.pathParameter("id"),
                variables: try body.variables("variables")))
            return JSONResponse.noContent()
        }
        group.get("process-instance/:id/activity-instances") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try await requireOnInstance("READ_INSTANCE", try context.pathParameter("id"), context)
            return JSONResponse.make(Self.json(try await runtime.activityInstanceTree(of: try context.pathParameter("id")), parent: nil))
        }
    }

    /// The job `id` (not an external task), if the caller may read its instance.
    private func job(_ id: String, _ context: BatonRequestContext) async throws -> JobInfo {
        guard let job = try await runtime.jobs(JobQuery(jobID: id, kinds: [.asyncBefore, .asyncAfter, .handler, .timer])).first else {
            throw RestError.notFound("Job with id \(id) does not exist")
        }
        try await access(context).require("READ_INSTANCE", instance: job.processInstanceID, processKey: Access.processKey(ofDefinition: job.processDefinitionID))
        return job
    }

    static func incidentJSON(_ incident: HistoricIncident) -> JSONValue {
        .object([
            .init("id", .string(incident.id)), .init("processInstanceId", .string(incident.processInstanceID)),
            .init("processDefinitionId", .string(incident.processDefinitionID)),
            .init("executionId", .string(incident.processInstanceID)), .init("incidentTimestamp", TypedValue.date(incident.createdAt)),
            .init("incidentType", .string(incident.kind)), .init("activityId", .string(incident.activityID)),
            .init("causeIncidentId", .string(incident.id)), .init("rootCauseIncidentId", .string(incident.id)),
            .init("configuration", .orNull(incident.jobID)), .init("incidentMessage", .string(incident.message)), .init("tenantId", .orNull(incident.tenantID)),
        ])
    }

    static func variableJSON(_ variable: VariableInstanceInfo) -> JSONValue {
        TypedValue.variable(id: variable.id, name: variable.name, value: variable.value, [
            .init("processInstanceId", .string(variable.processInstanceID)), .init("processDefinitionId", .string(variable.processDefinitionID)),
            .init("executionId", .string(variable.processInstanceID)),
            .init("activityInstanceId", .string(variable.activityInstanceID)), .init("caseInstanceId", .null), .init("caseExecutionId", .null),
            .init("taskId", .null), .init("batchId", .null), .init("tenantId", .orNull(variable.tenantID)), .init("errorMessage", .null),
        ])
    }

    static func jobJSON(_ job: JobInfo) -> JSONValue {
        .object([
            .init("id", .string(job.id)), .init("jobDefinitionId", .string("\(job.activityID):\(job.kind.rawValue)")),
            .init("processInstanceId", .string(job.processInstanceID)), .init("processDefinitionId", .string(job.processDefinitionID)),
            .init("executionId", .string(job.processInstanceID)),
            .init("exceptionMessage", .orNull(job.errorMessage)), .init("failedActivityId", job.errorMessage == nil ? .null : .string(job.activityID)),
            .init("retries", .integer(Int64(job.retries))), .init("dueDate", TypedValue.date(job.dueAt)), .init("suspended", .bool(job.suspended)),
            .init("priority", .integer(job.priority)), .init("tenantId", .orNull(job.tenantID)), .init("createTime", TypedValue.date(job.createTime)),
        ])
    }

    static func json(_ node: ActivityInstanceNode, parent: String?) -> JSONValue {
        .object([
            .init("id", .string(node.id)), .init("parentActivityInstanceId", .orNull(parent)), .init("activityId", .string(node.activityID)),
            .init("activityType", .string(node.activityType)), .init("processInstanceId", .string(node.processInstanceID)),
            .init("processDefinitionId", .string(node.processDefinitionID)),
            .init("name", .orNull(node.activityName)), .init("activityName", .orNull(node.activityName)),
            .init("childActivityInstances", .array(node.children.map { json($0, parent: node.id) })),
            .init("childTransitionInstances", .array(node.transitions.map { json($0, parent: node) })),
            .init("executionIds", .array(node.executionIDs.map(JSONValue.string))),
        ] + incidents(node.incidents))
    }

    static func json(_ transition: TransitionInstanceNode, parent: ActivityInstanceNode) -> JSONValue {
        .object([
            .init("id", .string(transition.id)), .init("parentActivityInstanceId", .string(parent.id)),
            .init("processInstanceId", .string(parent.processInstanceID)), .init("processDefinitionId", .string(parent.processDefinitionID)),
            .init("activityId", .string(transition.activityID)), .init("activityName", .orNull(transition.activityName)),
            .init("activityType", .string(transition.activityType)), .init("executionId", .string(transition.executionID)),
            .init("targetActivityId", .string(transition.activityID)),
        ] + incidents(transition.incidents))
    }

    private static func incidents(_ incidents: [IncidentReference]) -> [JSONValue.Member] {
        [
            .init("incidentIds", .array(incidents.map { .string($0.id) })),
            .init("incidents", .array(incidents.map { .object([.init("id", .string($0.id)), .init("activityId", .string($0.activityID))]) })),
        ]
    }

    /// Variable instance `id` (`<activity instance id>:<name>`), if the caller may read it. The id
    /// is read both ways a name with a colon allows: in the instance's own scope, or in an
    /// element's (`<instance>:<key>:<name>`); only an exact match counts.
    func variableInstance(_ id: String, _ context: BatonRequestContext) async throws -> VariableInstanceInfo {
        let parts = id.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        var scopes: [(scope: String, name: String)] = []
        if parts.count >= 2 { scopes.append((parts[0], parts.dropFirst().joined(separator: ":"))) }
        if parts.count == 3, Int64(parts[1]) != nil { scopes.append((parts[0] + ":" + parts[1], parts[2])) }
        for (scope, name) in scopes {
            let query = VariableInstanceQuery(processInstanceIDs: [parts[0]], activityInstanceIDs: [scope], variableName: name)
            if let found = try await runtime.variableInstances(try await scoped(query, "READ_INSTANCE", context), page: .all).first(where: { $0.id == id }) {
                return found
            }
        }
        throw RestError.notFound("Variable instance with Id '\(id)' does not exist.")
    }
}