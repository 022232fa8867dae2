import BatonBPMN
import BatonDiagram
import BatonEngine
import BatonModel
import Hummingbird

/// `/console/processes/{key}`: a process's versions, the diagram of one with per-activity badges
/// (running instances, open incidents) or a heat map from history (instances that passed and their
/// mean duration over the last 1, 7 or 30 days), and its instances with filters and paging.
extension ConsoleRoutes {
    static let pageSize = 25
    /// The heat map's windows, in days: its cost follows the instances that ended in the window.
    private static let heatWindows = [1, 7, 30]

    func registerDefinitions(on group: RouterGroup<BatonRequestContext>) {
        group.get("processes/:key") { request, context in try await definitionPage(request, context) }
        group.post("deploy") { request, context in try await deploy(request, context) }
        registerStartPage(on: group)
        for (action, suspended) in [("suspend", true), ("activate", false)] {
            // A version, and with `instances` its running instances too, as PUT
            // /process-definition/{id}/suspended with includeProcessInstances does.
            group.post("processes/:key/\(action)") { request, context in
                let form = try await form(request, context)
                let key = try context.pathParameter("key")
                guard let number = form.text("version").flatMap(Int.init),
                    let version = try await versions(of: key).first(where: { $0.version == number })
                else { throw RestError.notFound("Process '\(key)' has no version '\(form.value("version") ?? "")'.") }
                let withInstances = form.value("instances") == "true"
                let access = try await access(context)
                try access.require("SUSPEND", or: "UPDATE", processKey: key)
                if withInstances { try access.require("SUSPEND_INSTANCE", or: "UPDATE_INSTANCE", processKey: key) }
                try await runtime.setDefinitionsSuspended([version.id], suspended, includeInstances: withInstances)
                return ConsolePage.redirect(to: "/console/processes/\(percentEncoded(key))" + consoleQuery([("version", String(number))]))
            }
        }
    }

    private func definitionPage(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let key = try context.pathParameter("key")
        let query = try QueryParameters(
            request, allowed: ["version", "view", "days", "businessKey", "variableName", "variableValue", "state", "startedAfter", "startedBefore", "first"])
        let access = try await access(context)
        let versions = try await versions(of: key)
        guard let newest = versions.first else { throw RestError.notFound("No process definition with key '\(key)' is deployed.") }
        try access.require("READ", processKey: key)
        let wanted = try query.integer("version")
        guard let shown = wanted.map({ version in versions.first { $0.version == version } }) ?? newest else {
            throw RestError.notFound("Process '\(key)' has no version \(wanted ?? 0).")
        }
        let heat = query.string("view") == "heat"
        let days = try query.integer("days") ?? 7
        guard Self.heatWindows.contains(days) else { throw RestError.invalid("Expected 'days' to be 1, 7 or 30, but it is \(days).") }
        let versionLinks = versions.map { version -> HTML in
            let current: HTML = version.id == shown.id ? #" aria-current="page""# : ""
            let suspended: HTML = version.suspended ? " (suspended)" : ""
            return "<li><a href=\"/console/processes/\(percentEncoded(key))\(consoleQuery([("version", String(version.version))]))\"\(current)>v\(version.version)\(version.versionTag.map { " · \($0)" } ?? "")</a>\(suspended)</li>"
        }
        let viewQuery: [(String, String?)] = [("version", String(shown.version))]
        let path = "/console/processes/\(percentEncoded(key))"
        let toggle: HTML = heat
            ? HTML.join(
                ["<a href=\"\(path + consoleQuery(viewQuery))\">Show running instances</a>"]
                    + Self.heatWindows.filter { $0 != days }.map { window -> HTML in
                        "<a href=\"\(path + consoleQuery(viewQuery + [("view", "heat"), ("days", String(window))]))\">Last \(window == 1 ? "day" : "\(window) days")</a>"
                    }, separator: " · ")
            : "<a href=\"\(path + consoleQuery(viewQuery + [("view", "heat")]))\">Show heat map (last 7 days)</a>"
        let diagram = try await definitionDiagram(shown, heatDays: heat ? days : nil, access: access)
        let instances = try await instanceList(key: key, version: shown, query: query, context)
        var actions: [HTML] = []
        if access.allows("CREATE_INSTANCE", processKey: key) {
            actions.append("<a class=\"button\" href=\"/console/processes/\(percentEncoded(key))/start\(consoleQuery(viewQuery))\">Start an instance of v\(shown.version)…</a>")
        }
        if access.allows("SUSPEND", processKey: key) || access.allows("UPDATE", processKey: key) {
            let action = shown.suspended ? "activate" : "suspend", label = shown.suspended ? "Activate" : "Suspend"
            let fields = [("version", String(shown.version))]
            actions.append(ConsolePage.button("\(label) v\(shown.version)", action: "/console/processes/\(percentEncoded(key))/\(action)", context: context, fields: fields))
            actions.append(ConsolePage.button(
                "\(label) v\(shown.version) and its instances", action: "/console/processes/\(percentEncoded(key))/\(action)", context: context,
                fields: fields + [("instances", "true")]))
        }
        let state: HTML = shown.suspended ? "<p class=\"warning\">Version \(shown.version) is suspended: no instance of it starts.</p>" : ""
        let startLink: HTML = "\(state)<div class=\"actions\">\(actions)</div>"
        let body: HTML = """
            <nav class="versions" aria-label="Versions"><ul>\(versionLinks)</ul></nav>\(startLink)
            <section class="diagram-section"><h2>\(heat ? "Heat map of version \(shown.version), last \(days == 1 ? "day" : "\(days) days")" : "Diagram of version \(shown.version)")</h2><p>\(toggle)</p>\(diagram)</section>
            \(instances)
            """
        return ConsolePage.render(title: try await name(of: shown) ?? key, section: .dashboard, context: context, body)
    }

    private func definitionDiagram(_ definition: ConsoleVersion, heatDays: Int?, access: Access) async throws -> HTML {
        guard let definitions = try await diagrams.definitions(of: definition.id, runtime: runtime) else { return "<p>The BPMN of this version does not read.</p>" }
        var overlay = DiagramOverlay()
        if let heatDays {
            let now = runtime.clock.now()
            let readable = try await access.definitions("READ_HISTORY")
            let analytics = try await runtime.analytics(AnalyticsQuery(
                definitions: ResourceScope.only([definition.id]).intersection(readable), from: now.adding(milliseconds: -Int64(heatDays) * 86_400_000), to: now,
                activitiesOnly: true))
            let busiest = max(1, analytics.activities.map(\.count).max() ?? 1)
            for activity in analytics.activities where activity.count > 0 {
                let label = "\(activity.count) passed, mean \(ConsolePage.duration(milliseconds: activity.meanMillis))"
                overlay.heat[ElementID(activity.activityID)] = DiagramHeat(level: Double(activity.count) / Double(busiest), label: label)
                overlay.badges[ElementID(activity.activityID)] = [DiagramBadge(kind: .passed, count: activity.count, title: label)]
            }
        } else if access.allows("READ_INSTANCE", processKey: definition.key) {
            for activity in try await runtime.activityStatistics(definitionID: definition.id) {
                var badges: [DiagramBadge] = []
                if activity.instances > 0 {
                    badges.append(DiagramBadge(kind: .running, count: activity.instances, title: "\(activity.instances) running here"))
                }
                let incidents = activity.openIncidents.reduce(0) { $0 + $1.count }
                if incidents > 0 { badges.append(DiagramBadge(kind: .incidents, count: incidents, title: "\(incidents) open incidents")) }
                if !badges.isEmpty { overlay.badges[ElementID(activity.activityID)] = badges }
            }
        }
        return Self.diagram(definitions, overlay: overlay, title: try await name(of: definition) ?? definition.key, process: definition.key)
    }

    /// The SVG, or the process's elements as a list when the file has no diagram.
    static func diagram(_ definitions: Definitions, overlay: DiagramOverlay, title: String, process key: String) -> HTML {
        if let svg = DiagramRenderer.svg(definitions, overlay: overlay, title: title) {
            return "<figure class=\"diagram\">\(HTML.trusted(svg))</figure>"
        }
        let process = definitions.processes.first { $0.id.rawValue == key } ?? definitions.processes.first
        let items = (process?.flowNodes ?? []).map { node -> HTML in
            let states = overlay.states[node.id] ?? []
            let marks = ElementState.allCases.filter { states.contains($0) }.map { state -> HTML in " <span class=\"mark state-\(state.rawValue)\">\(state.rawValue)</span>" }
            let badges = (overlay.badges[node.id] ?? []).map { badge -> HTML in " <span class=\"badge-text badge-\(badge.kind.rawValue)\" title=\"\(badge.title)\">\(badge.count)</span>" }
            return "<li data-element-id=\"\(node.id.rawValue)\">\(node.name ?? node.id.rawValue) <span class=\"key\">\(node.kind.elementName) · \(node.id.rawValue)</span>\(marks)\(badges)</li>"
        }
        return "<p class=\"warning\">This file has no diagram (BPMN DI); its elements are listed instead.</p><ul class=\"elements\">\(items)</ul>"
    }

    private func instanceList(key: String, version: ConsoleVersion, query: QueryParameters, _ context: BatonRequestContext) async throws -> HTML {
        let state = query.string("state") ?? "running"
        let lifecycle: ProcessInstanceQuery.Lifecycle
        switch state {
        case "running": lifecycle = .running
        case "ended": lifecycle = .ended
        case "all": lifecycle = .any
        default: throw RestError.invalid("Expected 'state' to be running, ended or all, but it is '\(state)'.")
        }
        var instances = ProcessInstanceQuery(
            lifecycle: lifecycle, processDefinitionID: version.id, businessKey: query.string("businessKey"),
            sorting: lifecycle == .ended ? [Sorting(.endTime, ascending: false), Sorting(.instanceId)] : [Sorting(.startTime, ascending: false), Sorting(.instanceId)])
        let variableName = query.string("variableName"), variableValue = query.string("variableValue")
        if let variableName { instances.variables = [VariableCondition(name: variableName, value: EngineRestAPI.untypedValue(variableValue ?? ""))] }
        instances.startedAfter = try Self.day(query, "startedAfter")
        instances.startedBefore = try Self.day(query, "startedBefore").map { $0.adding(milliseconds: 86_400_000) }
        let scoped = try await api.scoped(instances, lifecycle == .running ? "READ_INSTANCE" : "READ_HISTORY", context)
        let first = max(0, try query.integer("first") ?? 0)
        // Counting running instances reads the running ones only; counting ended ones would read
        // the whole history, so their pages only know whether one more row follows.
        let fetched = try await runtime.instances(scoped, page: Page(firstResult: first, maxResults: Self.pageSize + 1))
        let rows = Array(fetched.prefix(Self.pageSize))
        let total = lifecycle == .running ? try await runtime.count(scoped) : nil
        let filters: [(String, String?)] = [
            ("version", String(version.version)), ("businessKey", query.string("businessKey")), ("variableName", variableName),
            ("variableValue", variableValue), ("state", state), ("startedAfter", query.string("startedAfter")), ("startedBefore", query.string("startedBefore")),
        ]
        let stateOptions = [("running", "Running"), ("ended", "Ended"), ("all", "All")].map { option -> HTML in
            "<option value=\"\(option.0)\"\(option.0 == state ? HTML(" selected") : "")>\(option.1)</option>"
        }
        let table: HTML = rows.isEmpty ? "<p>No instance matches.</p>" : """
            <div class="table-wrap"><table class="instances"><thead><tr><th scope="col">Instance</th><th scope="col">Business key</th>\
            <th scope="col">State</th><th scope="col">Started</th><th scope="col">Ended</th></tr></thead><tbody>\(rows.map(Self.instanceRow))</tbody></table></div>
            """
        return """
            <section class="instances"><h2>Instances of version \(version.version)</h2>
            <form class="filters" method="get" action="/console/processes/\(percentEncoded(key))">
            <input type="hidden" name="version" value="\(String(version.version))">
            <label for="f-business-key">Business key</label><input id="f-business-key" name="businessKey" value="\(query.string("businessKey"))">
            <label for="f-variable-name">Variable</label><input id="f-variable-name" name="variableName" value="\(variableName)">
            <label for="f-variable-value">equals</label><input id="f-variable-value" name="variableValue" value="\(variableValue)">
            <label for="f-state">State</label><select id="f-state" name="state">\(stateOptions)</select>
            <label for="f-started-after">Started from</label><input id="f-started-after" name="startedAfter" type="date" value="\(query.string("startedAfter"))">
            <label for="f-started-before">until</label><input id="f-started-before" name="startedBefore" type="date" value="\(query.string("startedBefore"))">
            <button type="submit">Filter</button></form>
            \(table)\(ConsolePage.pager(path: "/console/processes/\(percentEncoded(key))", query: filters, first: first, pageSize: Self.pageSize, shown: rows.count, total: total, more: fetched.count > Self.pageSize))
            </section>
            """
    }

    static func instanceRow(_ instance: ProcessInstanceInfo) -> HTML {
        let state: HTML = instance.suspended ? "suspended" : HTML.trusted(HTML.escape(instance.state.rawValue))
        return """
            <tr><td><a href="/console/instances/\(percentEncoded(instance.id))">\(instance.id)</a></td><td>\(instance.businessKey ?? "–")</td>\
            <td>\(state)</td><td>\(ConsolePage.time(instance.startedAt))</td><td>\(ConsolePage.time(instance.endedAt))</td></tr>
            """
    }

    /// A date field (`2026-01-31`) as the start of that day in UTC.
    static func day(_ query: QueryParameters, _ name: String) throws -> Timestamp? {
        guard let text = query.string(name) else { return nil }
        guard let day = Timestamp(day: text) else {
            throw RestError.invalid("Expected '\(name)' to be a date such as 2026-01-31, but it is '\(text)'.")
        }
        return day
    }

    private func deploy(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let form = try await form(request, context, limit: api.limits.deploymentBytes)
        try await access(context).require("CREATE", on: .deployment)
        guard let file = form.files.first, !file.bytes.isEmpty else { throw RestError.invalid("Expected a BPMN file to deploy, but none was chosen.") }
        let name = file.filename.flatMap { $0.isEmpty ? nil : $0 } ?? "upload.bpmn"
        do {
            let deployment = try await runtime.deploy(name: name, resources: [DeploymentResource(name: name, bytes: file.bytes)], source: "baton console")
            let keys = deployment.definitions.map(\.key)
            if keys.count == 1 { return ConsolePage.redirect(to: "/console/processes/\(percentEncoded(keys[0]))") }
            return ConsolePage.redirect(to: "/console" + consoleQuery([("deployed", name)]))
        } catch let error as EngineError where error.kind == .deploymentFailed {
            let rows = error.diagnostics.map { diagnostic -> HTML in
                """
                <tr class="\(diagnostic.severity == .error ? "error" : "warning")"><td>\(diagnostic.severity == .error ? "error" : "warning")</td>\
                <td>\(diagnostic.location.line)</td><td>\(diagnostic.elementID?.rawValue ?? "–")</td><td>\(diagnostic.code.identifier)</td>\
                <td>\(diagnostic.message)</td></tr>
                """
            }
            return ConsolePage.render(title: "Deployment refused", section: .dashboard, context: context, status: .badRequest, """
                <p class="error" role="alert">\(name) was not deployed: \(String(error.diagnostics.filter { $0.severity == .error }.count)) errors.</p>
                <div class="table-wrap"><table class="diagnostics"><thead><tr><th scope="col">Severity</th><th scope="col">Line</th>\
                <th scope="col">Element</th><th scope="col">Code</th><th scope="col">Message</th></tr></thead><tbody>\(rows)</tbody></table></div>
                \(deployForm(context))
                """)
        }
    }
}
