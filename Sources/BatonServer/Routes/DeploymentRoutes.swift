import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    func registerDeployments(on group: RouterGroup<BatonRequestContext>) {
        group.post("deployment/create") { request, context in try await createDeployment(request, context) }
        group.get("deployment") { request, context in
            let query = try QueryParameters(request, allowed: ["id", "name", "source", "firstResult", "maxResults", "sortBy", "sortOrder"])
            let access = try await access(context)
            let deployments = try await runtime.deployments()
                .filter { access.caller?.allows("READ", on: .deployment, $0.id) ?? true }
                .filter { deployment in query.string("id").map { $0 == deployment.id } ?? true }
                .filter { deployment in query.string("name").map { $0 == deployment.name } ?? true }
                .filter { deployment in query.string("source").map { $0 == deployment.source } ?? true }
            return JSONResponse.make(.array(try page(deployments, query).map { Self.json($0, definitions: nil) }))
        }
        group.delete("deployment/:id") { request, context in
            try await access(context).require("DELETE", on: .deployment, try context.pathParameter("id"))
            let query = try QueryParameters(request, allowed: ["cascade", "skipCustomListeners", "skipIoMappings"])
            try await runtime.deleteDeployment(try context.pathParameter("id"), cascade: try query.bool("cascade") ?? false)
            return JSONResponse.noContent()
        }
        group.get("deployment/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let (deployment, _) = try await runtime.deployment(try context.pathParameter("id"))
            try await access(context).require("READ", on: .deployment, deployment.id)
            return JSONResponse.make(Self.json(deployment, definitions: nil))
        }
    }

    /// `POST /deployment/create`: multipart with `deployment-name`, `enable-duplicate-filtering`,
    /// `deploy-changed-only`, `deployment-source`, `tenant-id` and the BPMN files.
    private func createDeployment(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        try await access(context).require("CREATE", on: .deployment)
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limits.deploymentBytes)
        } catch {
            throw RestError(.contentTooLarge, type: "RequestTooLargeException", "Expected a deployment of at most \(limits.deploymentBytes) bytes, but it is larger.")
        }
        let form = try MultipartForm(body: Array(buffer: buffer), contentType: request.headers[.contentType] ?? "")
        let known: Set<String> = ["deployment-name", "enable-duplicate-filtering", "deploy-changed-only", "deployment-source", "deployment-activation-time", "tenant-id"]
        if let unknown = form.parts.first(where: { $0.filename == nil && !known.contains($0.name) }) {
            throw RestError.invalid("Unknown form field '\(unknown.name)'; expected files and \(known.sorted().joined(separator: ", ")).")
        }
        if let tenant = form.field("tenant-id"), !tenant.isEmpty {
            throw RestError.invalid("Baton has no tenants; 'tenant-id' must be empty, but it is '\(tenant)'.")
        }
        func flag(_ name: String) throws -> Bool {
            switch form.field(name)?.lowercased() {
            case nil, "false": false
            case "true": true
            case let other?: throw RestError.invalid("Expected form field '\(name)' to be true or false, but it is '\(other)'.")
            }
        }
        let resources = form.parts.filter { $0.filename != nil }.map { DeploymentResource(name: $0.filename!.isEmpty ? $0.name : $0.filename!, bytes: $0.bytes) }
        guard !resources.isEmpty else { throw RestError.invalid("Expected at least one BPMN file in the deployment, but there is none.") }
        let filtering = try flag("enable-duplicate-filtering") || flag("deploy-changed-only")
        let deployment = try await runtime.deploy(
            name: form.field("deployment-name") ?? "deployment", resources: resources, source: form.field("deployment-source"),
            duplicateFiltering: filtering)
        // Like Camunda, only what this deployment created: a filtered duplicate lists nothing.
        let unchanged = Set(deployment.unchanged.map(\.id))
        let definitions = deployment.definitions.filter { !unchanged.contains($0.id) }.map { JSONValue.Member($0.id, Self.json($0)) }
        var body = Self.json(
            DeploymentRecord(id: deployment.id, name: deployment.name, source: form.field("deployment-source"), tenantID: nil, deployedAt: deployment.deployedAt),
            definitions: .object(definitions))
        if case .object(var members) = body {
            members.append(.init("warnings", ParseDetails.json(deployment.warnings)))
            body = .object(members)
        }
        return JSONResponse.make(body)
    }

    static func json(_ deployment: DeploymentRecord, definitions: JSONValue?) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("id", .string(deployment.id)), .init("name", .string(deployment.name)),
            .init("source", .orNull(deployment.source)), .init("deploymentTime", TypedValue.date(deployment.deployedAt)),
            .init("tenantId", .null), .init("links", .array([])),
        ]
        if let definitions {
            members += [
                .init("deployedProcessDefinitions", definitions), .init("deployedCaseDefinitions", .null),
                .init("deployedDecisionDefinitions", .null), .init("deployedDecisionRequirementsDefinitions", .null),
            ]
        }
        return .object(members)
    }
}

/// Camunda's paging: `firstResult` (default 0) and `maxResults` (default all); negative values
/// mean "from the start" and "nothing", never a crash.
func page<T>(_ items: [T], _ query: QueryParameters) throws -> [T] { try query.page().apply(items) }
