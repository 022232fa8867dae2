import BatonEngine
import BatonModel
import Hummingbird

/// `/console`: one row per process definition key the caller may read, with its running
/// instances, open incidents, what started and completed in the last 24 hours, and the oldest
/// running instance; and the form that deploys a file.
extension ConsoleRoutes {
    func registerDashboard(on group: RouterGroup<BatonRequestContext>) {
        group.get { request, context in try await dashboard(request, context) }
    }

    private struct Row {
        var key: String
        var name: String?
        var latestVersion: Int
        var analytics: ProcessAnalytics
        var incidents: Int
    }

    private func dashboard(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let access = try await access(context)
        let readable = try await access.definitions("READ_INSTANCE")
        let history = try await access.definitions("READ_HISTORY")
        let now = runtime.clock.now()
        // Versions come newest first per key: the first of a key is its latest.
        var versionsOfKey: [String: [ConsoleVersion]] = [:]
        var keys: [String] = []
        for version in try await versions() where access.allows("READ", processKey: version.key) {
            if versionsOfKey[version.key] == nil { keys.append(version.key) }
            versionsOfKey[version.key, default: []].append(version)
        }
        var rows: [Row] = []
        for key in keys {
            guard let all = versionsOfKey[key], let newest = all.first else { continue }
            let versions = ResourceScope.only(Set(all.map(\.id)))
            let analytics = try await runtime.analytics(
                AnalyticsQuery(definitions: versions.intersection(history), from: now.adding(milliseconds: -86_400_000), to: now))
            var incidents = IncidentQuery(open: true)
            incidents.definitions = versions.intersection(readable)
            rows.append(Row(
                key: key, name: try await name(of: newest), latestVersion: newest.version, analytics: analytics,
                incidents: try await runtime.count(incidents)))
        }
        let body: HTML = rows.isEmpty
            ? "<p>No process is deployed, or none you may see.</p>"
            : """
                <div class="table-wrap"><table class="definitions">
                <caption>Process definitions, last 24 hours</caption>
                <thead><tr><th scope="col">Process</th><th scope="col">Version</th><th scope="col">Running</th><th scope="col">Open incidents</th>\
                <th scope="col">Started (24 h)</th><th scope="col">Completed (24 h)</th><th scope="col">Oldest running</th></tr></thead>
                <tbody>\(rows.map(row))</tbody></table></div>
                """
        let notice = request.uri.queryParameters["deployed"].map { "Deployed \(String($0))." }
        return ConsolePage.render(title: "Processes", section: .dashboard, context: context, notice: notice, "\(body)\(deployForm(context))")
    }

    private func row(_ row: Row) -> HTML {
        let oldest: HTML = row.analytics.oldestRunning.map { oldest in
            "<a href=\"/console/instances/\(percentEncoded(oldest.processInstanceID))\">\(ConsolePage.time(oldest.startedAt))</a>"
        } ?? "–"
        let incidents: HTML = row.incidents > 0
            ? "<a class=\"incident-count\" href=\"/console/incidents\(consoleQuery([("definition", row.key)]))\">\(row.incidents)</a>" : "0"
        return """
            <tr><th scope="row"><a href="/console/processes/\(percentEncoded(row.key))">\(row.name ?? row.key)</a><br><span class="key">\(row.key)</span></th>\
            <td>\(row.latestVersion)</td><td>\(row.analytics.running)</td><td>\(incidents)</td><td>\(row.analytics.started)</td>\
            <td>\(row.analytics.completed)</td><td>\(oldest)</td></tr>
            """
    }

    /// Upload a BPMN file; a refused one comes back with its diagnostics.
    func deployForm(_ context: BatonRequestContext) -> HTML {
        """
        <section class="deploy"><h2>Deploy</h2>
        <form method="post" action="/console/deploy" enctype="multipart/form-data">\(ConsolePage.csrfField(context))
        <label for="bpmn-file">BPMN file</label><input id="bpmn-file" name="file" type="file" accept=".bpmn,.xml" required>
        <button type="submit">Deploy</button></form></section>
        """
    }
}
