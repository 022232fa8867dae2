import BatonCore
import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    /// `/task`'s parameters, which a saved filter's query holds too.
    static let taskQueryParameters = Set([
        "taskId", "assignee", "candidateUser", "candidateGroup", "candidateGroups", "includeAssignedTasks", "unassigned",
        "processInstanceId", "processDefinitionKey", "processDefinitionId", "taskDefinitionKey", "active", "suspended", "owner",
        "delegationState", "createdBefore", "createdAfter", "dueBefore", "dueAfter", "sortBy", "sortOrder", "firstResult", "maxResults",
    ]).union(taskFilterParameters)

    func registerTasks(on group: RouterGroup<BatonRequestContext>) {
        let listParameters = Self.taskQueryParameters
        group.get("task") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return try await taskList(query, page: try query.page(), context)
        }
        // Camunda's POST queries: the same parameters in a JSON body, paging in the URL.
        group.post("task") { request, context in
            let paging = try QueryParameters(request, allowed: ["firstResult", "maxResults"])
            let query = try QueryParameters(body: try await body(request, context, query: ["firstResult", "maxResults"]), allowed: listParameters)
            return try await taskList(query, page: try paging.page(), context)
        }
        group.post("task/count") { request, context in
            let query = try QueryParameters(body: try await body(request, context), allowed: listParameters)
            return JSONResponse.count(try await runtime.count(try await taskQuery(query, context)))
        }
        group.get("task/count") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.count(try await runtime.count(try await taskQuery(query, context)))
        }
        group.get("task/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            return JSONResponse.make(Self.json(try await authorizedTask(context)))
        }
        group.put("task/:id") { request, context in
            let id = try context.pathParameter("id")
            let body = try await body(request, context)
            let update = try Self.taskUpdate(id, body)
            let tenant = try body.string("tenantId")
            let identity = context.identity, access = try await access(context)
            try await runtime.updateTask(update) { task in
                try Authorization.requireWork(on: task, identity, access)
                // A task belongs to its instance's tenant: the task JSON may send it back, not change it.
                if let tenant, tenant != task.tenantID { throw RestError.invalid("Cannot change the tenant of task '\(task.id)' to '\(tenant)': a process task belongs to its instance's tenant.") }
                // Handing the task to someone else, or changing its owner, is an assignment.
                if update.owner != task.owner || (update.assignee != task.assignee && update.assignee != identity?.userID) {
                    try Authorization.requireAssign(on: task, identity, access)
                }
            }
            return JSONResponse.noContent()
        }
        group.get("task/:id/form") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let task = try await authorizedTask(context)
            return JSONResponse.make(.object([
                .init("key", .orNull(task.formKey)), .init("camundaFormRef", .null), .init("contextPath", .null),
            ]))
        }
        group.post("task/:id/claim") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["userId"])
            guard let user = try body.string("userId"), !user.isEmpty else { throw RestError.invalid("Expected 'userId' to name the user claiming the task, but it is missing.") }
            try Authorization.requireSelf(user, context.identity)
            try await runtime.claim(try context.pathParameter("id"), userID: user, authorize: try await mayWork(context))
            return JSONResponse.noContent()
        }
        group.post("task/:id/unclaim") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try await runtime.unclaim(try context.pathParameter("id"), authorize: try await mayWork(context))
            return JSONResponse.noContent()
        }
        group.post("task/:id/assignee") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["userId"])
            let user = try body.string("userId")
            let identity = context.identity, access = try await access(context)
            try await runtime.setAssignee(try context.pathParameter("id"), to: user) { task in
                // Taking a task or letting it go is working on it; handing it to someone else is
                // assigning it, which TASK_ASSIGN allows (Camunda's setAssignee).
                if user == nil || user == identity?.userID {
                    try Authorization.requireWork(on: task, identity, access)
                } else {
                    try Authorization.requireAssign(on: task, identity, access)
                }
            }
            return JSONResponse.noContent()
        }
        // A generated or embedded form's submission completes the task with its values, as
        // completing it does.
        for action in ["complete", "submit-form"] {
            group.post("task/:id/\(action)") { request, context in
                let body = try await body(request, context)
                try body.allowOnly(["variables", "withVariablesInReturn"])
                let variables = try body.variables("variables")
                if action == "submit-form" { try await checkTaskForm(try context.pathParameter("id"), variables) }
                let completion = try await runtime.completeTask(
                    try context.pathParameter("id"), variables: variables, userID: context.identity?.userID,
                    authorize: try await mayWork(context))
                guard try body.bool("withVariablesInReturn") == true else { return JSONResponse.noContent() }
                return JSONResponse.make(.object(completion.variables.map { .init($0.name, TypedValue.encode($0.value)) }))
            }
        }
        group.post("task/:id/delegate") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["userId"])
            guard let user = try body.string("userId"), !user.isEmpty else {
                throw RestError.invalid("Expected 'userId' to name the user the task is delegated to, but it is missing.")
            }
            let access = try await access(context), identity = context.identity
            try await runtime.delegate(try context.pathParameter("id"), to: user, authorize: { task in try Authorization.requireAssign(on: task, identity, access) })
            return JSONResponse.noContent()
        }
        group.post("task/:id/resolve") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["variables"])
            try await runtime.resolve(try context.pathParameter("id"), variables: try body.variables("variables"), authorize: try await mayWork(context))
            return JSONResponse.noContent()
        }
        group.get("task/report/candidate-group-count") { request, context in
            // Counted over the tasks the caller may see, as the task list is.
            _ = try QueryParameters(request, allowed: [])
            let visible = TaskQuery(visibleTo: try await Authorization.taskVisibility(context.identity, try await access(context)))
            return JSONResponse.make(.array(try await runtime.candidateGroupCounts(visible).map { line in
                .object([.init("groupName", line.group.map(JSONValue.string) ?? .null), .init("taskCount", .integer(Int64(line.tasks)))])
            }))
        }
        registerTaskVariables(on: group)
        registerIdentityLinks(on: group)
        registerTaskComments(on: group)
        group.get("task/:id/form-variables") { request, context in
            // Every variable the task sees, and each declared field with its value or default.
            let query = try QueryParameters(request, allowed: ["variableNames", "deserializeValues"])
            let task = try await authorizedTask(context)
            return JSONResponse.make(TypedValue.encode(try await runtime.taskFormVariables(task.id, names: query.list("variableNames"))))
        }
    }

    /// `/task/{id}/variables…` and `/task/{id}/localVariables…`: what the task sees, or only its
    /// own scope; reading needs the task to be the caller's to work on, and so does writing, checked
    /// on the locked task.
    private func registerTaskVariables(on group: RouterGroup<BatonRequestContext>) {
        for (path, local) in [("variables", false), ("localVariables", true)] {
            let kind = local ? "task local variable" : "task variable"
            group.get("task/:id/\(path)") { request, context in
                _ = try QueryParameters(request, allowed: ["deserializeValues"])
                return JSONResponse.make(TypedValue.encode(try await runtime.taskVariables(try await authorizedTask(context).id, local: local)))
            }
            group.get("task/:id/\(path)/:name") { request, context in
                _ = try QueryParameters(request, allowed: ["deserializeValue"])
                let name = try context.pathParameter("name")
                guard let value = try await runtime.taskVariables(try await authorizedTask(context).id, local: local)[name] else {
                    throw RestError.notFound("\(kind) with name \(name) does not exist")
                }
                return JSONResponse.make(TypedValue.encode(value))
            }
            group.put("task/:id/\(path)/:name") { request, context in
                let name = try context.pathParameter("name")
                let value = try TypedValue.decode(try await body(request, context).value, path: name)
                try await runtime.updateTaskVariables(try context.pathParameter("id"), set: [name: value], remove: [], local: local, authorize: try await mayWork(context))
                return JSONResponse.noContent()
            }
            group.delete("task/:id/\(path)/:name") { request, context in
                _ = try QueryParameters(request, allowed: [])
                try await runtime.updateTaskVariables(
                    try context.pathParameter("id"), set: [:], remove: [try context.pathParameter("name")], local: local, authorize: try await mayWork(context))
                return JSONResponse.noContent()
            }
            group.post("task/:id/\(path)") { request, context in
                let body = try await body(request, context)
                try body.allowOnly(["modifications", "deletions"])
                try await runtime.updateTaskVariables(
                    try context.pathParameter("id"), set: try body.variables("modifications"), remove: try body.strings("deletions") ?? [], local: local,
                    authorize: try await mayWork(context))
                return JSONResponse.noContent()
            }
        }
    }

    /// `/task/{id}/identity-links`: who a task is assigned and offered to, as Camunda lists them
    /// (`assignee`, and a `candidate` link per user and group), added to and removed from.
    private func registerIdentityLinks(on group: RouterGroup<BatonRequestContext>) {
        group.get("task/:id/identity-links") { request, context in
            let query = try QueryParameters(request, allowed: ["type"])
            let task = try await authorizedTask(context)
            func link(user: String?, group: String?, _ type: String) -> JSONValue {
                .object([.init("userId", .orNull(user)), .init("groupId", .orNull(group)), .init("type", .string(type))])
            }
            var links = task.assignee.map { [link(user: $0, group: nil, "assignee")] } ?? []
            if let owner = task.owner { links.append(link(user: owner, group: nil, "owner")) }
            links += task.candidateUsers.map { link(user: $0, group: nil, "candidate") } + task.candidateGroups.map { link(user: nil, group: $0, "candidate") }
            if let type = query.string("type") { links = links.filter { $0["type"] == .string(type) } }
            return JSONResponse.make(.array(links))
        }
        for (path, adding) in [("task/:id/identity-links", true), ("task/:id/identity-links/delete", false)] {
            group.post(RouterPath(path)) { request, context in
                let body = try await body(request, context)
                try body.allowOnly(["userId", "groupId", "type"])
                let user = try body.string("userId"), groupID = try body.string("groupId")
                guard (user == nil) != (groupID == nil) else {
                    throw RestError.invalid("Expected exactly one of 'userId' and 'groupId' to say who the link is for.")
                }
                let id = try context.pathParameter("id"), access = try await access(context), identity = context.identity
                let authorize: Runtime.TaskAuthorization = { task in try Authorization.requireAssign(on: task, identity, access) }
                switch try body.string("type") {
                case "candidate":
                    if adding {
                        try await runtime.addCandidates(id, users: user.map { [$0] } ?? [], groups: groupID.map { [$0] } ?? [], authorize: authorize)
                    } else {
                        try await runtime.removeCandidates(id, users: user.map { [$0] } ?? [], groups: groupID.map { [$0] } ?? [], authorize: authorize)
                    }
                case "assignee" where user != nil:
                    if adding {
                        try await runtime.setAssignee(id, to: user, authorize: authorize)
                    } else if try await runtime.task(id).assignee == user {
                        try await runtime.setAssignee(id, to: nil, authorize: authorize)
                    }
                case let type:
                    throw RestError.invalid(
                        "Expected 'type' to be 'candidate' (a user or a group) or 'assignee' (a user), but it is \(type.map { "'\($0)'" } ?? "missing"); the owner is set by delegating the task, and Baton keeps no custom link types.")
                }
                return JSONResponse.noContent()
            }
        }
    }

    /// Submitting a task's generated form checks its fields' constraints, as Camunda's form
    /// service does: a field not submitted is checked with the value the task already sees.
    private func checkTaskForm(_ taskID: String, _ variables: [String: VariableValue]) async throws {
        let fields = try await runtime.task(taskID).formFields.filter { !$0.isReadOnly }
        guard !fields.isEmpty else { return }
        let existing = try await runtime.taskVariables(taskID)
        for field in fields {
            do {
                try field.check(variables[field.id] ?? existing[field.id])
            } catch {
                throw RestError.invalid("Cannot submit task form \(taskID): \(error.message)")
            }
        }
    }

    /// The check a command makes on the task it locked: 403 unless the caller may work on it.
    func mayWork(_ context: BatonRequestContext) async throws -> Runtime.TaskAuthorization {
        let identity = context.identity, access = try await access(context)
        return { task in try Authorization.requireWork(on: task, identity, access) }
    }

    /// The task the path names, if the caller may see it (403 otherwise).
    private func authorizedTask(_ context: BatonRequestContext) async throws -> TaskInfo {
        let task = try await runtime.task(try context.pathParameter("id"))
        try Authorization.requireRead(on: task, context.identity, try await access(context))
        return task
    }

    /// A page of the task list, with what Camunda's `with…InReturn` and `withCommentAttachmentInfo`
    /// ask to add to each task (read for the page's tasks only).
    func taskList(_ query: QueryParameters, page: Page, _ context: BatonRequestContext) async throws -> Response {
        let tasks = try await runtime.tasks(try await taskQuery(query, context), page: page)
        let variables = try query.bool("withTaskVariablesInReturn") == true, local = try query.bool("withTaskLocalVariablesInReturn") == true
        let comments = try query.bool("withCommentAttachmentInfo") == true
        var items: [JSONValue] = []
        for task in tasks {
            guard case .object(var members) = Self.json(task) else { continue }
            if variables || local {
                members.append(.init("variables", TypedValue.encode(try await runtime.taskVariables(task.id, local: !variables))))
            }
            if comments {
                members.append(.init("attachment", .bool(false)))
                members.append(.init("comment", .bool(!(try await runtime.comments(ofTask: task.id)).isEmpty)))
            }
            items.append(.object(members))
        }
        return JSONResponse.make(.array(items))
    }

    /// Camunda's task filters beyond the basic ones (see ``TaskFilters``), and those that have no
    /// meaning for Baton's tasks: case (CMMN) filters match nothing, and the `…Expression` forms
    /// are refused as Camunda refuses them by default.
    static let taskFilterParameters = Set([
        "taskIdIn", "processInstanceIdIn", "processInstanceBusinessKey", "processInstanceBusinessKeyIn", "processInstanceBusinessKeyLike",
        "processDefinitionKeyIn", "processDefinitionName", "processDefinitionNameLike", "executionId", "activityInstanceIdIn", "assigneeLike",
        "assigneeIn", "assigneeNotIn", "candidateGroupLike", "involvedUser", "assigned", "taskDefinitionKeyIn", "taskDefinitionKeyNotIn",
        "taskDefinitionKeyLike", "name", "nameNotEqual", "nameLike", "nameNotLike", "description", "descriptionLike", "priority", "maxPriority",
        "minPriority", "dueDate", "withoutDueDate", "followUpDate", "followUpAfter", "followUpBefore", "followUpBeforeOrNotExistent", "createdOn", "updatedAfter",
        "withCandidateGroups", "withoutCandidateGroups", "withCandidateUsers", "withoutCandidateUsers", "parentTaskId", "withCommentAttachmentInfo",
        "withTaskVariablesInReturn", "withTaskLocalVariablesInReturn", "tenantIdIn", "withoutTenantId", "processVariables", "taskVariables",
        "variableNamesIgnoreCase", "variableValuesIgnoreCase",
    ]).union(caseParameters).union(expressionParameters)

    static let caseParameters: Set<String> = [
        "caseInstanceId", "caseInstanceBusinessKey", "caseInstanceBusinessKeyLike", "caseDefinitionId", "caseDefinitionKey", "caseDefinitionName",
        "caseDefinitionNameLike", "caseExecutionId", "caseInstanceVariables",
    ]

    static let expressionParameters: Set<String> = [
        "processInstanceBusinessKeyExpression", "processInstanceBusinessKeyLikeExpression", "assigneeExpression", "assigneeLikeExpression",
        "ownerExpression", "candidateGroupExpression", "candidateUserExpression", "involvedUserExpression", "dueDateExpression", "dueAfterExpression",
        "dueBeforeExpression", "followUpDateExpression", "followUpAfterExpression", "followUpBeforeExpression", "followUpBeforeOrNotExistentExpression",
        "createdOnExpression", "createdAfterExpression", "createdBeforeExpression", "updatedAfterExpression", "candidateGroupsExpression",
    ]

    private func taskFilters(_ query: QueryParameters) async throws -> TaskFilters {
        if let expression = Self.expressionParameters.sorted().first(where: { query.string($0) != nil }) {
            throw RestError.invalid(
                "Expressions are forbidden in adhoc queries ('\(expression)'). This behavior can be toggled in the process engine configuration; Baton keeps it off.")
        }
        var filters = TaskFilters()
        filters.matchesNothing = Self.caseParameters.contains { query.string($0) != nil } || query.string("parentTaskId") != nil
        filters.taskIDs = query.list("taskIdIn")
        filters.processInstanceIDs = query.list("processInstanceIdIn")
        filters.executionID = query.string("executionId")
        filters.activityInstanceIDs = query.list("activityInstanceIdIn")
        filters.processDefinitionKeys = query.list("processDefinitionKeyIn")
        filters.businessKeys = query.list("processInstanceBusinessKeyIn")
        filters.businessKeyLike = query.string("processInstanceBusinessKeyLike")
        filters.assigneeLike = query.string("assigneeLike")
        filters.assignees = query.list("assigneeIn")
        filters.assigneesExcluded = query.list("assigneeNotIn")
        filters.assigned = try query.bool("assigned") == true
        filters.candidateGroupLike = query.string("candidateGroupLike")
        filters.involvedUser = query.string("involvedUser")
        filters.taskDefinitionKeys = query.list("taskDefinitionKeyIn")
        filters.taskDefinitionKeysExcluded = query.list("taskDefinitionKeyNotIn")
        filters.taskDefinitionKeyLike = query.string("taskDefinitionKeyLike")
        filters.name = query.string("name")
        filters.nameNotEqual = query.string("nameNotEqual")
        filters.nameLike = query.string("nameLike")
        filters.nameNotLike = query.string("nameNotLike")
        filters.description = query.string("description")
        filters.descriptionLike = query.string("descriptionLike")
        filters.priority = try query.integer("priority")
        filters.minPriority = try query.integer("minPriority")
        filters.maxPriority = try query.integer("maxPriority")
        filters.dueDate = try query.date("dueDate")
        filters.withoutDueDate = try query.bool("withoutDueDate") == true
        filters.followUpDate = try query.date("followUpDate")
        filters.followUpBefore = try query.date("followUpBefore")
        filters.followUpAfter = try query.date("followUpAfter")
        filters.followUpBeforeOrNotExistent = try query.date("followUpBeforeOrNotExistent")
        filters.createdOn = try query.date("createdOn")
        filters.updatedAfter = try query.date("updatedAfter")
        filters.withCandidateGroups = try query.bool("withCandidateGroups") == true
        filters.withoutCandidateGroups = try query.bool("withoutCandidateGroups") == true
        filters.withCandidateUsers = try query.bool("withCandidateUsers") == true
        filters.withoutCandidateUsers = try query.bool("withoutCandidateUsers") == true
        filters.processDefinitionIDs = try await definitionIDs(query)
        filters.processVariables = try Self.variableConditions(query, "processVariables")
        filters.taskVariables = try Self.variableConditions(query, "taskVariables")
        return filters
    }

    /// The task query the parameters ask for, limited to the tasks the caller may work on (in
    /// the query itself, so paging and counts stay right).
    func taskQuery(_ query: QueryParameters, _ context: BatonRequestContext) async throws -> TaskQuery {
        let identity = context.identity
        let groups = (query.list("candidateGroups") ?? []) + (query.string("candidateGroup").map { [$0] } ?? [])
        let candidateUser = query.string("candidateUser")
        // As in Camunda, a candidate user's tasks include those offered to their groups.
        var candidateUserGroups: [String] = []
        if let candidateUser { candidateUserGroups = try await runtime.groupIDs(ofUser: candidateUser) }
        var tasks = TaskQuery(
            taskID: query.string("taskId"), assignee: query.string("assignee"), candidateUser: candidateUser,
            userGroups: candidateUserGroups, candidateGroups: groups,
            includeAssigned: try query.bool("includeAssignedTasks") ?? false, unassigned: try query.bool("unassigned") ?? false,
            processInstanceID: query.string("processInstanceId"), processDefinitionID: query.string("processDefinitionId"),
            processDefinitionKey: query.string("processDefinitionKey"), taskDefinitionKey: query.string("taskDefinitionKey"),
            visibleTo: try await Authorization.taskVisibility(identity, try await access(context)), sorting: try query.sorting([Sorting(.created)]))
        tasks.suspended = try query.suspension()
        tasks.createdBefore = try query.date("createdBefore")
        tasks.createdAfter = try query.date("createdAfter")
        tasks.dueBefore = try query.date("dueBefore")
        tasks.dueAfter = try query.date("dueAfter")
        tasks.owner = query.string("owner")
        tasks.businessKey = query.string("processInstanceBusinessKey")
        tasks.filters = try await taskFilters(query)
        tasks.tenants = try query.tenants().intersection(TenantCheck.filter)
        if let state = query.string("delegationState") {
            guard let parsed = DelegationState(rawValue: state) else {
                throw RestError.invalid("Expected 'delegationState' to be PENDING or RESOLVED, but it is '\(state)'.")
            }
            tasks.delegationState = parsed
        }
        return tasks
    }

    /// A task update from the body of `PUT /task/{id}`: Camunda's task JSON, as `GET /task/{id}`
    /// answers it. As in Camunda, each property Baton's tasks have is set from it, a missing one
    /// to null (priority to 0), and the others are read and passed by; a parent task or a case
    /// instance, which Baton's tasks have not, are refused.
    static func taskUpdate(_ id: String, _ body: JSONBody) throws -> UserTaskUpdate {
        try body.allowOnly([
            "id", "name", "assignee", "created", "lastUpdated", "due", "followUp", "delegationState", "description", "executionId", "owner",
            "parentTaskId", "priority", "processDefinitionId", "processInstanceId", "taskDefinitionKey", "caseExecutionId", "caseInstanceId",
            "caseDefinitionId", "suspended", "formKey", "camundaFormRef", "tenantId", "taskState", "attachment", "comment",
        ])
        for key in ["parentTaskId", "caseInstanceId"] {
            if let value = try body.string(key) { throw RestError.invalid("Baton's tasks have no \(key); it must be null, but it is '\(value)'.") }
        }
        func date(_ key: String) throws -> Timestamp? {
            guard let text = try body.string(key) else { return nil }
            guard let date = TypedValue.parseDate(text) else {
                throw RestError.invalid("Expected '\(key)' to be a date such as 2026-01-31T09:30:00.000+0000, but it is '\(text)'.")
            }
            return date
        }
        var delegation: DelegationState?
        if let state = try body.string("delegationState") {
            guard let parsed = DelegationState(rawValue: state.uppercased()) else {
                throw RestError.invalid("Expected 'delegationState' to be PENDING, RESOLVED or null, but it is '\(state)'.")
            }
            delegation = parsed
        }
        // The query side keeps priorities as 32-bit integers, as Camunda does.
        guard let priority = Int32(exactly: try body.integer("priority") ?? 0) else { throw RestError.invalid("Expected 'priority' to be a 32-bit integer.") }
        return UserTaskUpdate(
            taskID: id, name: try body.string("name"), description: try body.string("description"), assignee: try body.string("assignee"),
            owner: try body.string("owner"), delegationState: delegation, dueDate: try date("due"), followUpDate: try date("followUp"), priority: Int(priority))
    }

    static func json(_ task: TaskInfo) -> JSONValue {
        .object([
            .init("id", .string(task.id)), .init("name", .orNull(task.name)), .init("assignee", .orNull(task.assignee)),
            .init("created", TypedValue.date(task.created)), .init("due", TypedValue.date(task.due)), .init("followUp", TypedValue.date(task.followUp)),
            .init("lastUpdated", TypedValue.date(task.lastUpdated)), .init("delegationState", .orNull(task.delegationState?.rawValue)), .init("description", .orNull(task.description)), .init("executionId", .string(task.processInstanceID)),
            .init("owner", .orNull(task.owner)), .init("parentTaskId", .null), .init("priority", .integer(Int64(task.priority))),
            .init("processDefinitionId", .string(task.processDefinitionID)), .init("processInstanceId", .string(task.processInstanceID)),
            .init("taskDefinitionKey", .string(task.taskDefinitionKey)), .init("caseExecutionId", .null), .init("caseInstanceId", .null),
            .init("caseDefinitionId", .null), .init("suspended", .bool(task.suspended)), .init("formKey", .orNull(task.formKey)),
            .init("camundaFormRef", .null), .init("tenantId", .orNull(task.tenantID)),
        ])
    }
}
