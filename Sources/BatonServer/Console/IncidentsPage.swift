import BatonEngine
import BatonModel
import Hummingbird

/// `/console/incidents`: every open incident the caller may see, filtered by process and
/// activity, with a retry for one or many (a retry gives the failed job one more attempt, as
/// `PUT /job/{id}/retries` does).
extension ConsoleRoutes {
    func registerIncidents(on group: RouterGroup<BatonRequestContext>) {
        group.get("incidents") { request, context in try await incidentsPage(request, context) }
        group.post("incidents/retry") { request, context in
            let form = try await form(request, context)
            let ids = form.values("incident").filter { !$0.isEmpty }
            guard !ids.isEmpty else { throw RestError.invalid("Expected at least one incident to retry, but none was chosen.") }
            let readable = try await access(context).definitions("READ_INSTANCE")
            for id in ids {
                var query = IncidentQuery(incidentID: id, open: true)
                query.definitions = readable
                guard let incident = try await runtime.incidents(query).first else {
                    throw RestError.notFound("Incident '\(id)' is not open, or not one you may see.")
                }
                guard let jobID = incident.jobID else { throw RestError.invalid("Incident '\(id)' has no job to retry.") }
                try await api.requireOnJob("UPDATE_INSTANCE", jobID, context)
                try await runtime.setJobRetries(jobID, retries: 1)
            }
            return ConsolePage.redirect(to: Self.safeNext(form.value("back") ?? "/console/incidents?notice=retried"))
        }
    }

    private func incidentsPage(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["definition", "activity", "first", "notice"])
        var incidents = IncidentQuery(open: true, activityID: query.string("activity"), sorting: [Sorting(.incidentTimestamp, ascending: false)])
        incidents = try await api.scoped(incidents, "READ_INSTANCE", context)
        if let key = query.string("definition") { incidents.definitions = incidents.definitions.intersection(try await runtime.definitionIDs(of: .only([key]))) }
        let first = max(0, try query.integer("first") ?? 0)
        let rows = try await runtime.incidents(incidents, page: Page(firstResult: first, maxResults: Self.pageSize))
        let total = try await runtime.count(incidents)
        let access = try await access(context)
        let keys = Set(try await runtime.definitionReferences().map(\.key)).filter { access.allows("READ", processKey: $0) }.sorted()
        let options = [("", "All processes")] + keys.map { ($0, $0) }
        let definitionOptions = options.map { option -> HTML in
            "<option value=\"\(option.0)\"\(option.0 == (query.string("definition") ?? "") ? HTML(" selected") : "")>\(option.1)</option>"
        }
        let tableRows = rows.map { incident -> HTML in
            let box: HTML = incident.jobID == nil ? "" : "<input type=\"checkbox\" name=\"incident\" value=\"\(incident.id)\" aria-label=\"Retry incident \(incident.id)\">"
            return """
                <tr><td>\(box)</td><td><a href="\(Self.instancePath(incident.processInstanceID))">\(incident.processInstanceID)</a></td>\
                <td>\(Access.processKey(ofDefinition: incident.processDefinitionID))</td><td>\(incident.activityID)</td><td>\(incident.kind)</td>\
                <td class="message">\(incident.message)</td><td>\(ConsolePage.time(incident.createdAt))</td></tr>
                """
        }
        let filters: [(String, String?)] = [("definition", query.string("definition")), ("activity", query.string("activity"))]
        let list: HTML = rows.isEmpty ? "<p>No open incident matches.</p>" : """
            <form method="post" action="/console/incidents/retry">\(ConsolePage.csrfField(context))
            <div class="table-wrap"><table class="incidents"><thead><tr><th scope="col"><span class="visually-hidden">Choose</span></th><th scope="col">Instance</th>\
            <th scope="col">Process</th><th scope="col">Activity</th><th scope="col">Type</th><th scope="col">Message</th><th scope="col">Since</th></tr></thead>
            <tbody>\(tableRows)</tbody></table></div>
            <button type="submit">Retry the chosen incidents</button></form>
            """
        let body: HTML = """
            <form class="filters" method="get" action="/console/incidents">
            <label for="i-definition">Process</label><select id="i-definition" name="definition">\(definitionOptions)</select>
            <label for="i-activity">Activity id</label><input id="i-activity" name="activity" value="\(query.string("activity"))">
            <button type="submit">Filter</button></form>
            \(list)\(ConsolePage.pager(path: "/console/incidents", query: filters, first: first, pageSize: Self.pageSize, shown: rows.count, total: total))
            """
        let notice = query.string("notice") == "retried" ? "The chosen jobs will be retried." : nil
        return ConsolePage.render(title: "Incidents", section: .incidents, context: context, notice: notice, body)
    }
}
