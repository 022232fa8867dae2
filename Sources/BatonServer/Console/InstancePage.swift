import BatonDiagram
import BatonEngine
import BatonModel
import Hummingbird

/// `/console/instances/{id}`: one process instance, running or ended: its diagram (active
/// activities outlined, completed ones shaded, incidents in red), variables (view, and on a
/// running instance edit, add and delete), the activity history as a timeline, incidents with a
/// retry, the calling and called instances, and cancel, suspend and activate.
extension ConsoleRoutes {
    func registerInstances(on group: RouterGroup<BatonRequestContext>) {
        group.get("instances/:id") { request, context in try await instancePage(request, context) }
        group.get("instances/:id/cancel") { request, context in try await cancelConfirmation(request, context) }
        group.post("instances/:id/cancel") { request, context in
            let form = try await form(request, context)
            let instance = try await runningInstance(context, permission: "DELETE_INSTANCE")
            try await runtime.cancel(instance.id, reason: form.text("reason") ?? "Cancelled in the console by \(context.identity?.userID ?? "an operator")")
            return ConsolePage.redirect(to: Self.instancePath(instance.id, notice: "canceled"))
        }
        for (action, suspended) in [("suspend", true), ("activate", false)] {
            group.post("instances/:id/\(action)") { request, context in
                _ = try await form(request, context)
                let instance = try await runtime.instance(try context.pathParameter("id"))
                try await access(context).require("SUSPEND_INSTANCE", or: "UPDATE_INSTANCE", instance: instance.id, processKey: instance.processKey)
                try await runtime.setSuspended(instance.id, suspended)
                return ConsolePage.redirect(to: Self.instancePath(instance.id, notice: suspended ? "suspended" : "activated"))
            }
        }
        group.post("instances/:id/variables") { request, context in
            let form = try await form(request, context)
            let instance = try await runningInstance(context, permission: "UPDATE_INSTANCE")
            guard let name = form.text("name") else { throw RestError.invalid("Expected the variable's name, but it is empty.") }
            let value = try Self.typedValue(type: form.value("type") ?? "String", text: form.value("value") ?? "", name: name)
            try await runtime.updateVariables(of: instance.id, set: [name: value], remove: [])
            return ConsolePage.redirect(to: Self.instancePath(instance.id, notice: "variable-saved"))
        }
        group.post("instances/:id/variables/delete") { request, context in
            let form = try await form(request, context)
            let instance = try await runningInstance(context, permission: "UPDATE_INSTANCE")
            guard let name = form.value("name"), !name.isEmpty else { throw RestError.invalid("Expected the name of the variable to delete.") }
            try await runtime.updateVariables(of: instance.id, set: [:], remove: [name])
            return ConsolePage.redirect(to: Self.instancePath(instance.id, notice: "variable-deleted"))
        }
    }

    static func instancePath(_ id: String, notice: String? = nil) -> String {
        "/console/instances/\(percentEncoded(id))" + consoleQuery([("notice", notice)])
    }

    private static let notices = [
        "started": "The instance was started.", "canceled": "The instance was cancelled.", "suspended": "The instance is suspended.", "activated": "The instance is active again.",
        "variable-saved": "The variable was saved.", "variable-deleted": "The variable was deleted.", "retried": "The job will be retried.",
    ]

    private func runningInstance(_ context: BatonRequestContext, permission: String) async throws -> ProcessInstanceInfo {
        let instance = try await runtime.instance(try context.pathParameter("id"))
        try await access(context).require(permission, instance: instance.id, processKey: instance.processKey)
        guard instance.state == .active else { throw RestError.conflict("Process instance '\(instance.id)' has ended; it cannot be changed.") }
        return instance
    }

    /// A running instance needs `READ_INSTANCE` (or `READ` on it), an ended one `READ_HISTORY`.
    private func readableInstance(_ context: BatonRequestContext) async throws -> ProcessInstanceInfo {
        let instance = try await runtime.instance(try context.pathParameter("id"))
        let access = try await access(context)
        if instance.state == .active {
            try access.require("READ_INSTANCE", instance: instance.id, processKey: instance.processKey)
        } else {
            try access.require("READ_HISTORY", processKey: instance.processKey)
        }
        return instance
    }

    private func instancePage(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["notice"])
        let instance = try await readableInstance(context)
        let running = instance.state == .active
        let activities = try await runtime.activityHistory(of: instance.id)
        let incidents = try await runtime.incidents(of: instance.id)
        let open = incidents.filter { $0.resolvedAt == nil }

        var overlay = DiagramOverlay()
        for activity in activities {
            let id = ElementID(activity.activityID)
            if activity.endTime == nil {
                overlay.states[id, default: []].insert(.active)
            } else if !activity.canceled {
                overlay.states[id, default: []].insert(.completed)
            }
        }
        for incident in open { overlay.states[ElementID(incident.activityID), default: []].insert(.incident) }
        guard let definition = try await versions(of: instance.processKey).first(where: { $0.id == instance.definitionID }) else {
            throw RestError.notFound("Process definition '\(instance.definitionID)' of instance '\(instance.id)' is no longer deployed.")
        }
        let processName = try await name(of: definition)
        let diagram: HTML = try await diagrams.definitions(of: instance.definitionID, runtime: runtime).map {
            Self.diagram($0, overlay: overlay, title: processName ?? definition.key, process: definition.key)
        } ?? "<p>The BPMN of this version does not read.</p>"

        let state: String = instance.suspended ? "suspended" : running ? "running" : instance.state == .completed ? "completed" : "cancelled"
        var actions: [HTML] = []
        if running {
            actions.append(ConsolePage.button(
                instance.suspended ? "Activate" : "Suspend", action: "/console/instances/\(percentEncoded(instance.id))/\(instance.suspended ? "activate" : "suspend")",
                context: context))
            actions.append("<a class=\"button danger\" href=\"/console/instances/\(percentEncoded(instance.id))/cancel\">Cancel instance…</a>")
        }
        let superLink: HTML = instance.superInstanceID.map { "<dt>Called by</dt><dd><a href=\"\(Self.instancePath($0))\">\($0)</a></dd>" } ?? ""
        let called = try await runtime.instances(
            try await api.scoped(ProcessInstanceQuery(lifecycle: .any, superInstanceID: instance.id), "READ_HISTORY", context), page: Page(maxResults: 50))
        let calledList: HTML = called.isEmpty ? "" : "<dt>Calls</dt><dd><ul>\(called.map { "<li><a href=\"\(Self.instancePath($0.id))\">\($0.id)</a> (\($0.processKey))</li>" as HTML })</ul></dd>"

        let body: HTML = """
            <dl class="facts"><dt>Process</dt><dd><a href="/console/processes/\(percentEncoded(instance.processKey))\(consoleQuery([("version", String(definition.version))]))">\(processName ?? instance.processKey)</a> v\(definition.version)</dd>\
            <dt>Business key</dt><dd>\(instance.businessKey ?? "–")</dd><dt>State</dt><dd class="state-\(state)">\(state)</dd>\
            <dt>Started</dt><dd>\(ConsolePage.time(instance.startedAt))</dd><dt>Ended</dt><dd>\(ConsolePage.time(instance.endedAt))</dd>\(superLink)\(calledList)</dl>
            <div class="actions">\(actions)</div>
            <section class="diagram-section"><h2>Diagram</h2>\(diagram)</section>
            \(incidentSection(open, context: context))
            \(try await variableSection(instance, running: running, context: context))
            \(Self.timeline(activities))
            """
        return ConsolePage.render(
            title: "Instance \(instance.id)", section: .dashboard, context: context, notice: query.string("notice").flatMap { Self.notices[$0] }, body)
    }

    private func incidentSection(_ incidents: [HistoricIncident], context: BatonRequestContext) -> HTML {
        guard !incidents.isEmpty else { return "" }
        let rows = incidents.map { incident -> HTML in
            let retry: HTML = incident.jobID == nil ? "" : ConsolePage.button(
                "Retry", action: "/console/incidents/retry", context: context,
                fields: [("incident", incident.id), ("back", Self.instancePath(incident.processInstanceID, notice: "retried"))])
            return "<tr><td>\(incident.activityID)</td><td>\(incident.kind)</td><td class=\"message\">\(incident.message)</td><td>\(ConsolePage.time(incident.createdAt))</td><td>\(retry)</td></tr>"
        }
        return """
            <section class="incidents"><h2>Open incidents</h2><div class="table-wrap"><table><thead><tr><th scope="col">Activity</th><th scope="col">Type</th>\
            <th scope="col">Message</th><th scope="col">Since</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>\(rows)</tbody></table></div></section>
            """
    }

    private func variableSection(_ instance: ProcessInstanceInfo, running: Bool, context: BatonRequestContext) async throws -> HTML {
        let variables: [(name: String, value: VariableValue)]
        if running {
            variables = try await runtime.variables(of: instance.id).sorted { $0.name < $1.name }
        } else {
            variables = try await runtime.variableHistory(HistoricVariableInstanceQuery(processInstanceIDs: [instance.id]))
                .filter { $0.activityInstanceID == nil && !$0.deleted }.map { ($0.name, $0.value) }.sorted { $0.name < $1.name }
        }
        let path = "/console/instances/\(percentEncoded(instance.id))/variables"
        let rows = variables.map { variable -> HTML in
            let delete: HTML = running ? ConsolePage.button("Delete", action: path + "/delete", context: context, fields: [("name", variable.name)]) : ""
            return "<tr><th scope=\"row\">\(variable.name)</th><td>\(variable.value.typeName)</td><td class=\"value\">\(Self.displayText(variable.value))</td><td>\(delete)</td></tr>"
        }
        let table: HTML = variables.isEmpty ? "<p>No variables.</p>" : """
            <div class="table-wrap"><table class="variables"><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Value</th>\
            <th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let types = ["String", "Boolean", "Long", "Integer", "Double", "Date", "Json", "Null"].map { type -> HTML in "<option>\(type)</option>" }
        let editor: HTML = running ? """
            <form class="variable-editor" method="post" action="\(path)">\(ConsolePage.csrfField(context))
            <label for="v-name">Name</label><input id="v-name" name="name" required>
            <label for="v-type">Type</label><select id="v-type" name="type">\(types)</select>
            <label for="v-value">Value</label><input id="v-value" name="value">
            <button type="submit">Save variable</button></form>
            <p class="hint">Saving a name that exists changes its value and type.</p>
            """ : ""
        return "<section class=\"variables\"><h2>Variables</h2>\(table)\(editor)</section>"
    }

    /// The activity history, oldest first, as a list of start, end and duration.
    static func timeline(_ activities: [HistoricActivityInstance]) -> HTML {
        let items = activities.map { activity -> HTML in
            let state: String = activity.endTime == nil ? "active" : activity.canceled ? "canceled" : "completed"
            let duration = activity.endTime.map { ConsolePage.duration(milliseconds: $0.millisecondsSinceEpoch - activity.startTime.millisecondsSinceEpoch) } ?? "running"
            let called: HTML = activity.calledProcessInstanceID.map { " → <a href=\"\(instancePath($0))\">called instance</a>" } ?? ""
            return """
                <li class="timeline-\(state)"><span class="when">\(ConsolePage.time(activity.startTime))</span> <strong>\(activity.activityName ?? activity.activityID)</strong> \
                <span class="key">\(activity.activityType) · \(activity.activityID)</span> <span class="duration">\(duration)</span>\(called)</li>
                """
        }
        return "<section class=\"timeline\"><h2>Activity history</h2><ol class=\"timeline\">\(items)</ol></section>"
    }

    /// A value as text: strings as they are, JSON as JSON, dates in ISO 8601.
    static func displayText(_ value: VariableValue) -> String {
        switch TypedValue.encode(value)["value"] {
        case .string(let text)?: text
        case .null?, nil: "null"
        case let other?: JSONText.render(other)
        }
    }

    /// The typed value a console form gives (a type and the text typed), read as the REST API
    /// reads `{"type", "value"}`, so both accept and refuse the same.
    static func typedValue(type: String, text: String, name: String) throws -> VariableValue {
        let value: JSONValue
        switch type {
        case "Boolean":
            guard ["true", "false"].contains(text.lowercased()) else { throw RestError.invalid("Expected true or false for '\(name)', but it is '\(text)'.") }
            value = .bool(text.lowercased() == "true")
        case "Long", "Integer":
            guard let number = Int64(text.trimmingASCIIWhitespace()) else { throw RestError.invalid("Expected a whole number for '\(name)', but it is '\(text)'.") }
            value = .integer(number)
        case "Double":
            guard let number = Double(text.trimmingASCIIWhitespace()) else { throw RestError.invalid("Expected a number for '\(name)', but it is '\(text)'.") }
            value = .double(number)
        case "Null": value = .null
        case "String", "Date", "Json": value = .string(text)
        default: throw RestError.invalid("Expected a variable type of String, Boolean, Long, Integer, Double, Date, Json or Null, but it is '\(type)'.")
        }
        return try TypedValue.decode(.object([.init("type", .string(type)), .init("value", value)]), path: name)
    }

    private func cancelConfirmation(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let instance = try await runningInstance(context, permission: "DELETE_INSTANCE")
        return ConsolePage.render(title: "Cancel instance \(instance.id)?", section: .dashboard, context: context, """
            <p>Cancelling ends the instance of <strong>\(instance.processKey)</strong> (business key \(instance.businessKey ?? "none")) now: \
            its open tasks, jobs and subscriptions are removed. This cannot be undone.</p>
            <form method="post" action="/console/instances/\(percentEncoded(instance.id))/cancel">\(ConsolePage.csrfField(context))
            <label for="reason">Reason</label><input id="reason" name="reason">
            <button type="submit" class="danger">Cancel the instance</button> <a href="\(Self.instancePath(instance.id))">Keep it running</a></form>
            """)
    }
}
