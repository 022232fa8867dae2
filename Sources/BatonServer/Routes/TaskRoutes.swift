import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    func registerTasks<Context: RequestContext>(on group: RouterGroup<Context>) {
        let listParameters: Set<String> = [
            "taskId", "assignee", "candidateUser", "candidateGroup", "candidateGroups", "includeAssignedTasks", "unassigned",
            "processInstanceId", "processDefinitionKey", "processDefinitionId", "taskDefinitionKey", "sortBy", "sortOrder", "firstResult",
            "maxResults",
        ]
        group.get("task") { request, _ in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.make(.array(try await tasks(query, paged: true).map(Self.json)))
        }
        group.get("task/count") { request, _ in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.make(.object([.init("count", .integer(Int64(try await tasks(query, paged: false).count)))]))
        }
        group.get("task/:id") { _, context in JSONResponse.make(Self.json(try await runtime.task(try context.parameters.require("id")))) }
        group.get("task/:id/form") { _, context in
            let task = try await runtime.task(try context.parameters.require("id"))
            return JSONResponse.make(.object([
                .init("key", task.formKey.map { .string($0) } ?? .null), .init("camundaFormRef", .null), .init("contextPath", .null),
            ]))
        }
        group.post("task/:id/claim") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["userId"])
            guard let user = try body.string("userId"), !user.isEmpty else { throw RestError.invalid("Expected 'userId' to name the user claiming the task, but it is missing.") }
            try await runtime.claim(try context.parameters.require("id"), userID: user)
            return JSONResponse.noContent()
        }
        group.post("task/:id/unclaim") { _, context in
            try await runtime.unclaim(try context.parameters.require("id"))
            return JSONResponse.noContent()
        }
        group.post("task/:id/assignee") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["userId"])
            try await runtime.setAssignee(try context.parameters.require("id"), to: try body.string("userId"))
            return JSONResponse.noContent()
        }
        group.post("task/:id/complete") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["variables", "withVariablesInReturn"])
            let instance = try await runtime.complete(try context.parameters.require("id"), variables: try body.variables("variables"))
            guard try body.bool("withVariablesInReturn") == true else { return JSONResponse.noContent() }
            let variables = try await runtime.variables(of: instance.id)
            return JSONResponse.make(.object(variables.map { .init($0.name, TypedValue.encode($0.value)) }))
        }
        group.get("task/:id/variables") { _, context in
            JSONResponse.make(TypedValue.encode(try await runtime.taskVariables(try context.parameters.require("id"))))
        }
        group.get("task/:id/form-variables") { _, context in
            let id = try context.parameters.require("id")
            let task = try await runtime.task(id)
            let variables = try await runtime.taskVariables(id)
            // Declared form fields with their current values; without a form, every variable.
            if task.formFields.isEmpty { return JSONResponse.make(TypedValue.encode(variables)) }
            return JSONResponse.make(.object(task.formFields.map { field in
                .init(field.id, TypedValue.encode(variables[field.id] ?? .null))
            }))
        }
    }

    private func tasks(_ query: QueryParameters, paged: Bool) async throws -> [TaskInfo] {
        let sort: TaskQuery.SortKey
        switch query.string("sortBy") {
        case nil, "created": sort = .created
        case "priority": sort = .priority
        case "name": sort = .name
        case "dueDate": sort = .dueDate
        case "id": sort = .id
        case let other?: throw RestError.invalid("Expected 'sortBy' to be one of created, priority, name, dueDate, id, but it is '\(other)'.")
        }
        let ascending: Bool
        switch query.string("sortOrder") {
        case nil, "asc": ascending = true
        case "desc": ascending = false
        case let other?: throw RestError.invalid("Expected 'sortOrder' to be asc or desc, but it is '\(other)'.")
        }
        let groups = (query.list("candidateGroups") ?? []) + (query.string("candidateGroup").map { [$0] } ?? [])
        var result = try await runtime.tasks(TaskQuery(
            assignee: query.string("assignee"), candidateUser: query.string("candidateUser"), candidateGroups: groups,
            includeAssigned: try query.bool("includeAssignedTasks") ?? false, unassigned: try query.bool("unassigned") ?? false,
            processInstanceID: query.string("processInstanceId"), processDefinitionKey: query.string("processDefinitionKey"),
            taskDefinitionKey: query.string("taskDefinitionKey"), sortBy: sort, ascending: ascending))
        if let id = query.string("taskId") { result = result.filter { $0.id == id } }
        if let definition = query.string("processDefinitionId") { result = result.filter { $0.processDefinitionID == definition } }
        return paged ? try page(result, query) : result
    }

    static func json(_ task: TaskInfo) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        return .object([
            .init("id", .string(task.id)), .init("name", text(task.name)), .init("assignee", text(task.assignee)),
            .init("created", TypedValue.date(task.created)), .init("due", TypedValue.date(task.due)), .init("followUp", TypedValue.date(task.followUp)),
            .init("lastUpdated", .null), .init("delegationState", .null), .init("description", .null), .init("executionId", .string(task.processInstanceID)),
            .init("owner", .null), .init("parentTaskId", .null), .init("priority", .integer(Int64(task.priority))),
            .init("processDefinitionId", .string(task.processDefinitionID)), .init("processInstanceId", .string(task.processInstanceID)),
            .init("taskDefinitionKey", .string(task.taskDefinitionKey)), .init("caseExecutionId", .null), .init("caseInstanceId", .null),
            .init("caseDefinitionId", .null), .init("suspended", .bool(false)), .init("formKey", text(task.formKey)),
            .init("camundaFormRef", .null), .init("tenantId", .null),
        ])
    }
}
