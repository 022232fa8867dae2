import BatonEngine
import BatonModel
import Hummingbird

/// `/console/tasks/{id}`: one task with claim and unclaim, the variables it sees, and its form:
/// the `camunda:formData` fields (string, long, boolean, date, enum) with their constraints
/// checked on the server and each refusal shown beside its field, or a generic form for a task
/// without form data.
extension ConsoleRoutes {
    func registerTaskPage(on group: RouterGroup<BatonRequestContext>) {
        group.get("tasks/:id") { request, context in
            _ = try QueryParameters(request, allowed: ["notice"])
            let task = try await readableTask(context)
            let notice: String? = switch request.uri.queryParameters["notice"].map(String.init) {
            case "claimed": "You have claimed the task."
            case "unclaimed": "The task is unassigned again."
            default: nil
            }
            return try await taskPage(task, context, notice: notice)
        }
        group.post("tasks/:id/claim") { request, context in
            _ = try await form(request, context)
            guard let user = context.identity?.userID else { throw RestError.invalid("Claiming needs a signed-in user, and no users are configured.") }
            let task = try await readableTask(context)
            try await runtime.claim(task.id, userID: user, authorize: try await api.mayWork(context))
            return ConsolePage.redirect(to: "/console/tasks/\(percentEncoded(task.id))?notice=claimed")
        }
        group.post("tasks/:id/unclaim") { request, context in
            _ = try await form(request, context)
            let task = try await readableTask(context)
            try await runtime.unclaim(task.id, authorize: try await api.mayWork(context))
            return ConsolePage.redirect(to: "/console/tasks/\(percentEncoded(task.id))?notice=unclaimed")
        }
        group.post("tasks/:id/complete") { request, context in try await complete(request, context) }
    }

    private func readableTask(_ context: BatonRequestContext) async throws -> TaskInfo {
        let task = try await runtime.task(try context.pathParameter("id"))
        try Authorization.requireRead(on: task, context.identity, try await access(context))
        return task
    }

    private func complete(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let form = try await form(request, context)
        let task = try await readableTask(context)
        let (variables, problems) = try Self.submitted(task.formFields, form)
        guard problems.isEmpty else {
            return try await taskPage(task, context, problems: problems, entered: form.entered)
        }
        try await runtime.completeTask(task.id, variables: variables, userID: context.identity?.userID, authorize: try await api.mayWork(context))
        return ConsolePage.redirect(to: "/console/tasks?notice=completed")
    }

    private func taskPage(
        _ task: TaskInfo, _ context: BatonRequestContext, notice: String? = nil, problems: [String: String] = [:], entered: [String: String]? = nil
    ) async throws -> Response {
        let variables = try await runtime.taskVariables(task.id)
        let path = "/console/tasks/\(percentEncoded(task.id))"
        var actions: [HTML] = []
        if let user = context.identity?.userID {
            if task.assignee == nil {
                actions.append(ConsolePage.button("Claim", action: path + "/claim", context: context))
            } else if task.assignee == user || context.identity?.isAdmin == true {
                actions.append(ConsolePage.button("Unclaim", action: path + "/unclaim", context: context))
            }
        }
        let variableRows = variables.keys.sorted().map { name -> HTML in
            "<tr><th scope=\"row\">\(name)</th><td>\(variables[name]!.typeName)</td><td class=\"value\">\(Self.displayText(variables[name]!))</td></tr>"
        }
        let variableTable: HTML = variables.isEmpty ? "<p>No variables.</p>" : """
            <div class="table-wrap"><table class="variables"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Value</th></tr></thead>\
            <tbody>\(variableRows)</tbody></table></div>
            """
        let summary: HTML = problems.isEmpty ? "" : "<p class=\"error\" role=\"alert\">The task was not completed: \(String(problems.count)) field\(problems.count == 1 ? "" : "s") need\(problems.count == 1 ? "s" : "") attention.</p>"
        let fields = Self.fields(task.formFields, values: variables, entered: entered, problems: problems)
        let body: HTML = """
            <dl class="facts"><dt>Process</dt><dd><a href="/console/processes/\(percentEncoded(task.processDefinitionKey))">\(task.processDefinitionKey)</a></dd>\
            <dt>Instance</dt><dd><a href="\(Self.instancePath(task.processInstanceID))">\(task.processInstanceID)</a></dd>\
            <dt>Business key</dt><dd>\(task.businessKey ?? "–")</dd><dt>Assignee</dt><dd class="assignee">\(task.assignee ?? "nobody")</dd>\
            <dt>Candidates</dt><dd>\((task.candidateUsers + task.candidateGroups.map { "group " + $0 }).joined(separator: ", "))</dd>\
            <dt>Created</dt><dd>\(ConsolePage.time(task.created))</dd><dt>Due</dt><dd>\(ConsolePage.time(task.due))</dd></dl>
            \(task.description.map { "<p class=\"description\">\($0)</p>" as HTML } ?? "")
            <div class="actions">\(actions)</div>
            <section class="task-form"><h2>Complete</h2>\(summary)
            <form method="post" action="\(path)/complete" novalidate>\(ConsolePage.csrfField(context))\(fields)
            <button type="submit">Complete task</button></form></section>
            <section class="variables"><h2>Variables</h2>\(variableTable)</section>
            """
        return ConsolePage.render(
            title: task.name ?? task.taskDefinitionKey, section: .tasks, context: context, notice: notice, status: problems.isEmpty ? .ok : .badRequest, body)
    }
}
