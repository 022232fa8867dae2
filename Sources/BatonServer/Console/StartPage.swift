import BatonEngine
import BatonModel
import Hummingbird

/// `/console/processes/{key}/start`: starts an instance of a version through its start form
/// (`camunda:formData` of the none start event, checked as a task's form is), with a business
/// key; a process without form data gets the generic variable row.
extension ConsoleRoutes {
    func registerStartPage(on group: RouterGroup<BatonRequestContext>) {
        group.get("processes/:key/start") { request, context in
            let version = try await startableVersion(request, context)
            return try await startPage(version, context)
        }
        group.post("processes/:key/start") { request, context in
            let form = try await form(request, context)
            let version = try await startableVersion(request, context)
            let (variables, problems) = try Self.submitted(try await runtime.startForm(ofDefinition: version.id).fields, form)
            guard problems.isEmpty else { return try await startPage(version, context, problems: problems, entered: form.entered) }
            let instance = try await runtime.start(definitionID: version.id, businessKey: form.text("businessKey"), variables: variables)
            return ConsolePage.redirect(to: Self.instancePath(instance.id, notice: "started"))
        }
    }

    /// The version `?version=` names (the newest by default), if the caller may start it.
    private func startableVersion(_ request: Request, _ context: BatonRequestContext) async throws -> ConsoleVersion {
        let key = try context.pathParameter("key")
        let wanted = try QueryParameters(request, allowed: ["version"]).integer("version")
        let versions = try await versions(of: key)
        guard let version = wanted.map({ number in versions.first { $0.version == number } }) ?? versions.first else {
            throw RestError.notFound("No process definition with key '\(key)'\(wanted.map { " and version \($0)" } ?? "") is deployed.")
        }
        try await access(context).require("CREATE_INSTANCE", processKey: key)
        return version
    }

    private func startPage(
        _ version: ConsoleVersion, _ context: BatonRequestContext, problems: [String: String] = [:], entered: [String: String]? = nil
    ) async throws -> Response {
        let start = try await runtime.startForm(ofDefinition: version.id)
        let name = try await name(of: version) ?? version.key
        let summary: HTML = problems.isEmpty ? "" : "<p class=\"error\" role=\"alert\">Nothing was started: \(String(problems.count)) field\(problems.count == 1 ? "" : "s") need\(problems.count == 1 ? "s" : "") attention.</p>"
        let suspended: HTML = version.suspended ? "<p class=\"warning\">This version is suspended: starting it will be refused until it is activated.</p>" : ""
        let action = "/console/processes/\(percentEncoded(version.key))/start" + consoleQuery([("version", String(version.version))])
        return ConsolePage.render(
            title: "Start \(name) v\(version.version)", section: .dashboard, context: context, status: problems.isEmpty ? .ok : .badRequest, """
            \(suspended)\(summary)
            <form method="post" action="\(action)" novalidate>\(ConsolePage.csrfField(context))
            <div class="field"><label for="s-business-key">Business key</label><input id="s-business-key" name="businessKey" value="\(entered?["businessKey"])"></div>
            \(Self.fields(start.fields, values: [:], entered: entered, problems: problems))
            <button type="submit">Start instance</button></form>
            """)
    }
}
