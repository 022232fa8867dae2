import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    func registerDeployments(on group: RouterGroup<BatonRequestContext>) {
        group.post("deployment/create") { request, context in try await createDeployment(request, context) }
        // Deployments are few (one per release of a model): listed, filtered and sorted here.
        let filters: Set<String> = [
            "id", "name", "nameLike", "source", "withoutSource", "after", "before", "tenantIdIn", "withoutTenantId", "includeDeploymentsWithoutTenantId",
        ]
        @Sendable func deployments(_ query: QueryParameters, _ context: BatonRequestContext) async throws -> [DeploymentRecord] {
            let access = try await access(context)
            let tenants = try query.tenants(including: "includeDeploymentsWithoutTenantId")
            let withoutSource = try query.bool("withoutSource") == true, after = try query.date("after"), before = try query.date("before")
            let result = try await runtime.deployments().filter { deployment in
                (access.caller?.allows("READ", on: .deployment, deployment.id) ?? true) && tenants.admits(deployment.tenantID)
                    && (query.string("id").map { $0 == deployment.id } ?? true)
                    && (query.string("name").map { $0 == deployment.name } ?? true)
                    && (query.string("nameLike").map { likeMatches(deployment.name, $0) } ?? true)
                    && (query.string("source").map { $0 == deployment.source } ?? true) && (!withoutSource || deployment.source == nil)
                    && (after.map { deployment.deployedAt > $0 } ?? true) && (before.map { deployment.deployedAt < $0 } ?? true)
            }
            enum SortKey: String, CaseIterable, Hashable, Sendable { case id, name, deploymentTime, tenantId }
            return sorted(result, by: try query.sorting([Sorting<SortKey>]())) { key, deployment in
                switch key {
                case .id: .text(deployment.id)
                case .name: .text(deployment.name)
                case .deploymentTime: .time(deployment.deployedAt)
                case .tenantId: deployment.tenantID.map { .text($0) } ?? .missing
                }
            }
        }
        group.get("deployment") { request, context in
            let query = try QueryParameters(request, allowed: filters.union(["firstResult", "maxResults", "sortBy", "sortOrder"]))
            return JSONResponse.make(.array(try page(try await deployments(query, context), query).map { Self.json($0, definitions: nil) }))
        }
        group.get("deployment/count") { request, context in
            JSONResponse.count(try await deployments(try QueryParameters(request, allowed: filters), context).count)
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
        // An empty tenant-id is none, as Camunda's clients send it.
        let tenant = form.field("tenant-id").flatMap { $0.isEmpty ? nil : $0 }
        if let tenant, !TenantCheck.filter.admits(tenant) {
            throw RestError.forbidden("Cannot deploy to tenant '\(tenant)': the user is not a member of it.")
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
            duplicateFiltering: filtering, tenantID: tenant)
        // Like Camunda, only what this deployment created: a filtered duplicate lists nothing.
        let unchanged = Set(deployment.unchanged.map(\.id))
        let definitions = deployment.definitions.filter { !unchanged.contains($0.id) }.map { JSONValue.Member($0.id, Self.json($0)) }
        var body = Self.json(
            DeploymentRecord(
                id: deployment.id, name: deployment.name, source: form.field("deployment-source"), tenantID: deployment.tenantID, deployedAt: deployment.deployedAt),
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
            .init("tenantId", .orNull(deployment.tenantID)), .init("links", .array([])),
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

/// `items` in the order of Camunda's `sorting` criteria (the first decides first), keeping their
/// order where every criterion ties: for the short lists answered in Swift (deployments, filters).
func sorted<T, Key>(_ items: [T], by sorting: [Sorting<Key>], value: (Key, T) -> SortValue) -> [T] {
    var result = items
    // Stable: each earlier criterion sorted last decides first.
    for criterion in sorting.reversed() {
        result = result.enumerated().sorted { a, b in
            let x = value(criterion.key, a.element), y = value(criterion.key, b.element)
            return x == y ? a.offset < b.offset : (criterion.ascending ? x < y : y < x)
        }.map(\.element)
    }
    return result
}
