import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    /// Camunda's longest long poll (30 minutes).
    static let longestLongPoll: Int64 = 1_800_000

    /// The external task `id`, if the caller may read its instance (404 when there is none).
    private func externalTask(_ id: String, _ context: BatonRequestContext) async throws -> JobInfo {
        guard let task = try await runtime.jobs(JobQuery(jobID: id, kinds: [.external])).first else {
            throw RestError.notFound("External task with id \(id) does not exist")
        }
        try await access(context).require("READ_INSTANCE", instance: task.processInstanceID, processKey: Access.processKey(ofDefinition: task.processDefinitionID))
        return task
    }

    static func externalTaskJSON(_ job: JobInfo) -> JSONValue {
        .object([
            .init("id", .string(job.id)), .init("activityId", .string(job.activityID)), .init("processInstanceId", .string(job.processInstanceID)),
            .init("processDefinitionId", .string(job.processDefinitionID)),
            .init("executionId", .string(job.processInstanceID)), .init("topicName", .orNull(job.topic)),
            .init("retries", .integer(Int64(job.retries))), .init("errorMessage", .orNull(job.errorMessage)),
            .init("suspended", .bool(job.suspended)), .init("tenantId", .orNull(job.tenantID)), .init("priority", .integer(job.priority)),
            .init("createTime", TypedValue.date(job.createTime)), .init("activityInstanceId", .orNull(job.activityInstanceID)),
            .init("processDefinitionKey", .string(Access.processKey(ofDefinition: job.processDefinitionID))), .init("processDefinitionVersionTag", .null),
            .init("workerId", .orNull(job.lock?.workerID)), .init("lockExpirationTime", TypedValue.date(job.lock?.expiresAt)), .init("businessKey", .null),
        ])
    }

    func registerExternalTasks(on group: RouterGroup<BatonRequestContext>) {
        let listParameters: Set<String> = Set([
            "externalTaskId", "topicName", "processInstanceId", "processDefinitionId", "activityId", "withRetriesLeft", "noRetriesLeft", "firstResult",
            "maxResults", "sortBy", "sortOrder", "priorityHigherThanOrEquals", "priorityLowerThanOrEquals",
        ]).union(Self.externalTaskFilterParameters)
        @Sendable func externalTaskQuery(_ query: QueryParameters) async throws -> JobQuery {
            var tasks = JobQuery(
                jobID: query.string("externalTaskId"), processInstanceID: query.string("processInstanceId"),
                processDefinitionID: query.string("processDefinitionId"), activityID: query.string("activityId"), topic: query.string("topicName"),
                kinds: [.external], withRetriesLeft: try query.bool("withRetriesLeft") == true, noRetriesLeft: try query.bool("noRetriesLeft") == true,
                sorting: try query.jobSorting(\ExternalTaskSortKey.rowKey))
            try query.priorityRange(into: &tasks)
            tasks.suspended = try query.suspension()
            tasks.filters = try await externalTaskFilters(query)
            tasks.tenants = try query.tenants()
            return tasks
        }
        group.get("external-task") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.make(.array(try await runtime.jobs(try await scoped(try await externalTaskQuery(query), "READ_INSTANCE", context), page: try query.page()).map(Self.externalTaskJSON)))
        }
        group.get("external-task/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(Self.externalTaskJSON(try await externalTask(try context.pathParameter("id"), context)))
        }
        group.get("external-task/:id/errorDetails") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let task = try await externalTask(try context.pathParameter("id"), context)
            return JSONResponse.text(try await runtime.externalTaskErrorDetails(task.id) ?? "")
        }
        group.put("external-task/:id/retries") { request, context in
            _ = try QueryParameters(request, allowed: [])  // before any lookup: a bad request is a 400 whatever it names
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            _ = try await externalTask(try context.pathParameter("id"), context)
            return try await setRetries(of: try context.pathParameter("id"), request, context)
        }
        group.put("external-task/:id/priority") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            _ = try await externalTask(try context.pathParameter("id"), context)
            return try await setPriority(of: try context.pathParameter("id"), request, context)
        }
        /// Camunda's bulk retries body: the retries, and the tasks named, those of the instances
        /// named, and those the queries find, each checked for the caller's permission.
        @Sendable func bulkRetries(_ request: Request, _ context: BatonRequestContext) async throws -> (retries: Int, ids: [String]) {
            let body = try await body(request, context)
            try body.allowOnly(["retries", "externalTaskIds", "processInstanceIds", "externalTaskQuery", "processInstanceQuery", "historicProcessInstanceQuery"])
            guard let retries = try body.integer("retries"), retries >= 0 else {
                throw RestError.invalid("Expected 'retries' to be zero or more, but it is missing or negative.")
            }
            var ids = try body.strings("externalTaskIds") ?? []
            var instances = try body.strings("processInstanceIds") ?? []
            if let queryBody = try body.object("processInstanceQuery") {
                let query = try await instanceQuery(try QueryParameters(body: queryBody, allowed: Self.instanceQueryParameters))
                instances += try await runtime.instances(try await scoped(query, "READ_INSTANCE", context)).map(\.id)
            }
            if let queryBody = try body.object("historicProcessInstanceQuery"),
                let query = try await historicInstanceQuery(try QueryParameters(body: queryBody, allowed: Self.historicInstanceQueryParameters))
            {
                instances += try await runtime.instances(try await scoped(query, "READ_HISTORY", context)).map(\.id)
            }
            for instance in Set(instances) {
                ids += try await runtime.jobs(try await scoped(JobQuery(processInstanceID: instance, kinds: [.external]), "READ_INSTANCE", context)).map(\.id)
            }
            if let queryBody = try body.object("externalTaskQuery") {
                let query = try await externalTaskQuery(try QueryParameters(body: queryBody, allowed: listParameters.subtracting(["firstResult", "maxResults"])))
                ids += try await runtime.jobs(try await scoped(query, "READ_INSTANCE", context)).map(\.id)
            }
            guard !ids.isEmpty else { throw RestError.invalid("externalTaskIds is empty: no external task is named or found.") }
            for id in Set(ids) {
                let task = try await externalTask(id, context)
                try await requireOnJob("UPDATE_INSTANCE", task.id, context)
            }
            return (Int(clamping: retries), ids)
        }
        // All set in one transaction (or none, with a 4xx).
        group.put("external-task/retries") { request, context in
            let (retries, ids) = try await bulkRetries(request, context)
            try await runtime.setJobRetries(ids, retries: retries)
            return JSONResponse.noContent()
        }
        // The same as a batch the job worker runs, a task at a time.
        group.post("external-task/retries-async") { request, context in
            let (retries, ids) = try await bulkRetries(request, context)
            let batch = try await runtime.setExternalTaskRetriesInBatch(ids, retries: retries, createdBy: context.identity?.userID)
            return JSONResponse.make(Self.json(batch))
        }
        group.get("external-task/count") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.count(try await runtime.count(try await scoped(try await externalTaskQuery(query), "READ_INSTANCE", context)))
        }
        group.post("external-task/fetchAndLock") { request, context in try await fetchAndLock(request, context) }
        group.post("external-task/:id/complete") { request, context in
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            let body = try await body(request, context)
            try body.allowOnly(["workerId", "variables", "localVariables"])
            if !(try body.variables("localVariables")).isEmpty { throw RestError.invalid("Baton sets external-task results as process variables; 'localVariables' is not supported.") }
            try await runtime.completeExternalTask(try context.pathParameter("id"), workerID: try worker(body), variables: try body.variables("variables"))
            return JSONResponse.noContent()
        }
        group.post("external-task/:id/failure") { request, context in
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            let body = try await body(request, context)
            try body.allowOnly(["workerId", "errorMessage", "errorDetails", "retries", "retryTimeout", "variables", "localVariables"])
            guard let retries = try body.integer("retries") else { throw RestError.invalid("Expected 'retries' to say how many retries are left, but it is missing.") }
            try await runtime.handleExternalTaskFailure(
                try context.pathParameter("id"), workerID: try worker(body), errorMessage: try body.string("errorMessage") ?? "",
                errorDetails: try body.string("errorDetails"), retries: Int(clamping: retries), retryTimeout: try body.integer("retryTimeout") ?? 0)
            return JSONResponse.noContent()
        }
        group.post("external-task/:id/bpmnError") { request, context in
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            let body = try await body(request, context)
            try body.allowOnly(["workerId", "errorCode", "errorMessage", "variables"])
            guard let code = try body.string("errorCode"), !code.isEmpty else { throw RestError.invalid("Expected 'errorCode' to name the BPMN error, but it is missing.") }
            try await runtime.handleExternalTaskBpmnError(
                try context.pathParameter("id"), workerID: try worker(body), errorCode: code, errorMessage: try body.string("errorMessage"),
                variables: try body.variables("variables"))
            return JSONResponse.noContent()
        }
        group.post("external-task/:id/extendLock") { request, context in
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            let body = try await body(request, context)
            try body.allowOnly(["workerId", "newDuration"])
            guard let duration = try body.integer("newDuration"), duration > 0 else {
                throw RestError.invalid("Expected 'newDuration' to be a positive number of milliseconds, but it is missing or not positive.")
            }
            try await runtime.extendLock(try context.pathParameter("id"), workerID: try worker(body), newDuration: duration)
            return JSONResponse.noContent()
        }
        group.post("external-task/:id/unlock") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try await requireOnJob("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            try await runtime.unlock(try context.pathParameter("id"))
            return JSONResponse.noContent()
        }
    }

    private func worker(_ body: JSONBody) throws -> String {
        guard let worker = try body.string("workerId"), !worker.isEmpty else { throw RestError.invalid("Expected 'workerId' to name the worker, but it is missing.") }
        return worker
    }

    /// fetchAndLock's `usePriority` (highest first) and `sorting`, whose one criterion Camunda
    /// defines is `createTime` (`[{"sortBy": "createTime", "sortOrder": "asc"}]`), after the priority.
    static func fetchOrder(_ body: JSONBody) throws -> ExternalTaskFetchOrder {
        var order = ExternalTaskFetchOrder(usePriority: try body.bool("usePriority") ?? false)
        let criteria = try body.array("sorting") ?? []
        guard criteria.count <= 1 else { throw RestError.invalid("Expected 'sorting' to hold at most one criterion (createTime), but it holds \(criteria.count).") }
        for criterion in criteria {
            try criterion.allowOnly(["sortBy", "sortOrder"])
            guard try criterion.string("sortBy") == "createTime" else {
                throw RestError.invalid("Expected '\(criterion.path).sortBy' to be createTime, the one criterion fetchAndLock sorts by, but it is \(try criterion.string("sortBy").map { "'\($0)'" } ?? "missing").")
            }
            switch try criterion.string("sortOrder") ?? "asc" {
            case "asc": order.createTimeAscending = true
            case "desc": order.createTimeAscending = false
            case let other: throw RestError.invalid("Expected '\(criterion.path).sortOrder' to be asc or desc, but it is '\(other)'.")
            }
        }
        return order
    }

    /// `POST /external-task/fetchAndLock`, with long polling: with `asyncResponseTimeout` the
    /// request waits (polling the store) until a task can be locked or the timeout passes.
    private func fetchAndLock(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let body = try await body(request, context)
        try body.allowOnly(["workerId", "maxTasks", "usePriority", "asyncResponseTimeout", "topics", "sorting"])
        let workerID = try worker(body)
        let maxTasks = Int(clamping: try body.integer("maxTasks") ?? 10)
        guard maxTasks > 0 else { throw RestError.invalid("Expected 'maxTasks' to be at least 1, but it is \(maxTasks).") }
        var topics: [FetchTopic] = []
        for topic in try body.array("topics") ?? [] {
            try topic.allowOnly([
                "topicName", "lockDuration", "variables", "localVariables", "deserializeValues", "includeExtensionProperties", "businessKey",
                "processDefinitionId", "processDefinitionIdIn", "processDefinitionKey", "processDefinitionKeyIn", "processDefinitionVersionTag",
                "tenantIdIn", "withoutTenantId", "processVariables",
            ])
            guard let name = try topic.string("topicName") else { throw RestError.invalid("Expected '\(topic.path).topicName', but it is missing.") }
            guard let duration = try topic.integer("lockDuration"), duration > 0 else {
                throw RestError.invalid("Expected '\(topic.path).lockDuration' to be a positive number of milliseconds, but it is missing or not positive.")
            }
            // Camunda's topic filters: a single value and a list of them narrow alike.
            func either(_ single: String, _ list: String) throws -> [String]? {
                let values = (try topic.string(single).map { [$0] } ?? []) + (try topic.strings(list) ?? [])
                return values.isEmpty ? nil : values
            }
            var processVariables: [String: VariableValue] = [:]
            if let filter = try topic.object("processVariables"), case .object(let members) = filter.value {
                for member in members { processVariables[member.key] = VariableValue(member.value) }
            }
            var fetch = FetchTopic(
                name: name, lockDuration: duration, variables: try topic.strings("variables"),
                processDefinitionIDs: try either("processDefinitionId", "processDefinitionIdIn"),
                processDefinitionKeys: try either("processDefinitionKey", "processDefinitionKeyIn"),
                processDefinitionVersionTag: try topic.string("processDefinitionVersionTag"), businessKey: try topic.string("businessKey"),
                processVariables: processVariables, tenants: try Self.tenants(topic))
            fetch.localVariables = try topic.bool("localVariables") ?? false
            fetch.includeExtensionProperties = try topic.bool("includeExtensionProperties") ?? false
            topics.append(fetch)
        }
        let order = try Self.fetchOrder(body)
        let timeout = min(max(0, try body.integer("asyncResponseTimeout") ?? 0), Self.longestLongPoll)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeout))
        // Only tasks of definitions the worker may read and update instances of.
        let access = try await access(context)
        let definitions = try await access.definitions("READ_INSTANCE").intersection(try await access.definitions("UPDATE_INSTANCE"))
        var locked = try await runtime.fetchAndLock(workerID: workerID, maxTasks: maxTasks, topics: topics, definitions: definitions, order: order)
        while locked.isEmpty, clock.now < deadline {
            try await Task.sleep(for: min(.milliseconds(250), clock.now.duration(to: deadline)))
            locked = try await runtime.fetchAndLock(workerID: workerID, maxTasks: maxTasks, topics: topics, definitions: definitions, order: order)
        }
        return JSONResponse.make(.array(locked.map { task in
            .object([
                .init("activityId", .string(task.activityID)), .init("activityInstanceId", .string(task.activityInstanceID)),
                .init("errorMessage", .orNull(task.errorMessage)), .init("errorDetails", .orNull(task.errorDetails)),
                .init("executionId", .string(task.activityInstanceID)), .init("id", .string(task.id)),
                .init("lockExpirationTime", TypedValue.date(task.lockExpirationTime)), .init("processDefinitionId", .string(task.processDefinitionID)),
                .init("processDefinitionKey", .string(task.processDefinitionKey)),
                .init("processDefinitionVersionTag", .orNull(task.processDefinitionVersionTag)),
                .init("processInstanceId", .string(task.processInstanceID)), .init("retries", task.errorMessage != nil ? .integer(Int64(task.retries)) : .null),
                .init("suspended", .bool(false)), .init("workerId", .string(task.workerID)), .init("topicName", .string(task.topicName)),
                .init("tenantId", .orNull(task.tenantID)), .init("variables", TypedValue.encode(task.variables)), .init("priority", .integer(task.priority)),
                .init("createTime", TypedValue.date(task.createTime)),
                .init("businessKey", .orNull(task.businessKey)),
                .init("extensionProperties", .object(task.extensionProperties.keys.sorted().map { .init($0, .string(task.extensionProperties[$0]!)) })),
            ])
        }))
    }
}

extension EngineRestAPI {
    /// A fetch topic's `tenantIdIn` and `withoutTenantId`: either narrows, and together they
    /// take tasks of both, as Camunda's topic filters do.
    static func tenants(_ topic: JSONBody) throws -> TenantFilter {
        let ids = try topic.strings("tenantIdIn"), without = try topic.bool("withoutTenantId") == true
        guard ids != nil || without else { return .any }
        return TenantFilter(tenantIDs: Set(ids ?? []), withoutTenant: without)
    }
}
