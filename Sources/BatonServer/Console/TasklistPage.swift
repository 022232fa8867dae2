import BatonEngine
import BatonModel
import Hummingbird

/// `/console/tasks`: the caller's tasks, their groups' open tasks, or every task they may see,
/// filtered by process and due date, with paging.
extension ConsoleRoutes {
    func registerTasks(on group: RouterGroup<BatonRequestContext>) {
        group.get("tasks") { request, context in try await tasklist(request, context) }
        registerTaskPage(on: group)
    }

    private func tasklist(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["list", "definition", "dueBefore", "first", "notice"])
        let identity = context.identity
        let list = query.string("list") ?? (identity == nil ? "all" : "mine")
        var tasks = TaskQuery(
            processDefinitionKey: query.string("definition"),
            visibleTo: try await Authorization.taskVisibility(identity, try await access(context)), sorting: [Sorting(.created), Sorting(.dueDate)])
        switch (list, identity) {
        case ("mine", let identity?): tasks.assignee = identity.userID
        case ("groups", let identity?):
            tasks.candidateGroups = identity.groups
            tasks.unassigned = true
        case ("all", _): break
        default: throw RestError.invalid("Expected 'list' to be mine, groups or all (mine and groups need a signed-in user), but it is '\(list)'.")
        }
        tasks.dueBefore = try Self.day(query, "dueBefore").map { $0.adding(milliseconds: 86_400_000) }
        let first = max(0, try query.integer("first") ?? 0)
        // A user in no group has no group tasks (an empty group filter would mean no filter).
        let none = list == "groups" && tasks.candidateGroups.isEmpty
        let rows = none ? [] : try await runtime.tasks(tasks, page: Page(firstResult: first, maxResults: Self.pageSize))
        let total = none ? 0 : try await runtime.count(tasks)

        let lists = (identity == nil ? [("all", "All tasks")] : [("mine", "My tasks"), ("groups", "My groups' tasks"), ("all", "All tasks")]).map { item -> HTML in
            let current: HTML = item.0 == list ? #" aria-current="page""# : ""
            return "<li><a href=\"/console/tasks\(consoleQuery([("list", item.0)]))\"\(current)>\(item.1)</a></li>"
        }
        let access = try await access(context)
        let keys = Set(try await runtime.definitionReferences().map(\.key)).filter { access.allows("READ", processKey: $0) }.sorted()
        let options = ([("", "All processes")] + keys.map { ($0, $0) }).map { option -> HTML in
            "<option value=\"\(option.0)\"\(option.0 == (query.string("definition") ?? "") ? HTML(" selected") : "")>\(option.1)</option>"
        }
        let tableRows = rows.map { task -> HTML in
            """
            <tr><td><a href="/console/tasks/\(percentEncoded(task.id))">\(task.name ?? task.taskDefinitionKey)</a></td><td>\(task.processDefinitionKey)</td>\
            <td>\(task.businessKey ?? "–")</td><td>\(task.assignee ?? "–")</td><td>\(ConsolePage.time(task.created))</td><td>\(ConsolePage.time(task.due))</td></tr>
            """
        }
        let table: HTML = rows.isEmpty ? "<p>No task matches.</p>" : """
            <div class="table-wrap"><table class="tasks"><thead><tr><th scope="col">Task</th><th scope="col">Process</th><th scope="col">Business key</th>\
            <th scope="col">Assignee</th><th scope="col">Created</th><th scope="col">Due</th></tr></thead><tbody>\(tableRows)</tbody></table></div>
            """
        let filters: [(String, String?)] = [("list", list), ("definition", query.string("definition")), ("dueBefore", query.string("dueBefore"))]
        let body: HTML = """
            <nav class="lists" aria-label="Task lists"><ul>\(lists)</ul></nav>
            <form class="filters" method="get" action="/console/tasks"><input type="hidden" name="list" value="\(list)">
            <label for="t-definition">Process</label><select id="t-definition" name="definition">\(options)</select>
            <label for="t-due">Due by</label><input id="t-due" name="dueBefore" type="date" value="\(query.string("dueBefore"))">
            <button type="submit">Filter</button></form>
            \(table)\(ConsolePage.pager(path: "/console/tasks", query: filters, first: first, pageSize: Self.pageSize, shown: rows.count, total: total))
            """
        let notice = query.string("notice") == "completed" ? "The task was completed." : nil
        return ConsolePage.render(title: "Tasks", section: .tasks, context: context, notice: notice, body)
    }
}
