import BatonEngine
import BatonModel
import Hummingbird

/// Camunda 7's REST API (`/engine-rest`), over a ``Runtime``. Every route is registered twice:
/// under `/engine-rest` and `/engine-rest/engine/default`, as Camunda serves the default engine.
public struct EngineRestAPI: Sendable {
    public let runtime: Runtime
    public let limits: RequestLimits

    public init(runtime: Runtime, limits: RequestLimits = RequestLimits()) {
        self.runtime = runtime
        self.limits = limits
    }

    func register(on router: Router<BatonRequestContext>, users: UserDirectory) {
        for prefix in ["engine-rest", "engine-rest/engine/default"] {
            let group = router.group(RouterPath(prefix))
            registerUsers(on: group, directory: users)
            registerGroups(on: group, directory: users)
            registerTenants(on: group, directory: users)
            registerEngine(on: group)
            registerDeployments(on: group)
            registerDeploymentResources(on: group)
            registerProcessDefinitions(on: group)
            registerProcessDefinitionDiagrams(on: group)
            registerProcessDefinitionDeletion(on: group)
            registerProcessDefinitionRestart(on: group)
            registerProcessDefinitionLifetimes(on: group)
            registerProcessInstances(on: group)
            registerTasks(on: group)
            registerFilters(on: group)
            registerMessages(on: group)
            registerExternalTasks(on: group)
            registerHistory(on: group)
            registerOperations(on: group)
            registerAuthorizations(on: group)
            registerMigration(on: group)
            registerBatches(on: group)
            registerBinaryVariables(on: group)
        }
        registerAnalytics(on: router.group("api"))
    }

    /// The request's JSON body. Its query string may hold only `query` (paging, for the POST forms
    /// of list queries): a parameter Camunda does not define there answers 400 naming it.
    func body(_ request: Request, _ context: BatonRequestContext, query: Set<String> = []) async throws -> JSONBody {
        _ = try QueryParameters(request, allowed: query)
        return try await JSONBody.read(request, context: context, limit: limits.jsonBodyBytes)
    }

    /// What this request's caller is authorized to do.
    func access(_ context: BatonRequestContext) async throws -> Access { try await Access.of(context.identity, runtime) }

    /// `query` narrowed to the process definitions on which the caller holds `permission`, and
    /// the single instances on which they hold its instance counterpart (`READ` for `READ_INSTANCE`…);
    /// and to the caller's tenants under the tenant check.
    func scoped<Query: DefinitionScoped>(_ query: Query, _ permission: String, _ context: BatonRequestContext) async throws -> Query {
        let access = try await access(context)
        var query = query
        query.definitions = try await access.definitions(permission)
        query.grantedInstances = access.instances(permission)
        query.tenants = query.tenants.intersection(TenantCheck.filter)
        return query
    }

    func scoped<Query: DefinitionScoped>(_ query: Query?, _ permission: String, _ context: BatonRequestContext) async throws -> Query? {
        guard let query else { return nil }
        return try await scoped(query as Query, permission, context) as Query
    }

    /// Requires `permission` on the definition of the instance holding job or external task `id`
    /// (a job's definition never changes, so checking before the command locks it is the same as
    /// checking on the locked row).
    func requireOnJob(_ permission: String, _ id: String, _ context: BatonRequestContext) async throws {
        let access = try await access(context)
        guard access.caller != nil else { return }
        guard let job = try await runtime.jobs(JobQuery(jobID: id)).first else { return }  // the command answers 404
        try access.require(permission, instance: job.processInstanceID, processKey: Access.processKey(ofDefinition: job.processDefinitionID))
    }

    /// `PUT …/retries` of a job or an external task: `{"retries": n}`, n ≥ 0; above zero, an
    /// incident of its failure is resolved.
    func setRetries(of jobID: String, _ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let body = try await body(request, context)
        try body.allowOnly(["retries"])
        guard let retries = try body.integer("retries"), retries >= 0 else {
            throw RestError.invalid("Expected 'retries' to be zero or more, but it is missing or negative.")
        }
        try await runtime.setJobRetries(jobID, retries: Int(clamping: retries))
        return JSONResponse.noContent()
    }

    /// `PUT …/priority` of a job or an external task: `{"priority": n}`, any 64-bit number.
    func setPriority(of jobID: String, _ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let body = try await body(request, context)
        try body.allowOnly(["priority"])
        guard let priority = try body.integer("priority") else { throw RestError.invalid("Expected 'priority' to be a number, but it is missing.") }
        try await runtime.setJobPriority(jobID, priority: priority)
        return JSONResponse.noContent()
    }

    /// The ids of the definitions Camunda's `processDefinitionName`, `processDefinitionNameLike` and
    /// `deploymentId` parameters name (every one given must hold); nil when none is given. Rows
    /// keep no definition name, so a query narrows to these ids.
    func definitionIDs(_ query: QueryParameters, deployment: Bool = false) async throws -> [String]? {
        let name = query.string("processDefinitionName"), nameLike = query.string("processDefinitionNameLike")
        let deploymentID = deployment ? query.string("deploymentId") : nil
        guard name != nil || nameLike != nil || deploymentID != nil else { return nil }
        return try await runtime.processDefinitions().filter { definition in
            (deploymentID.map { definition.deploymentID == $0 } ?? true) && (name.map { definition.name == $0 } ?? true)
                && (nameLike.map { like in definition.name.map { likeMatches($0, like) } ?? false } ?? true)
        }.map(\.id)
    }

    /// Requires `permission` on the definition of process instance `id` (running or ended).
    func requireOnInstance(_ permission: String, _ id: String, _ context: BatonRequestContext) async throws {
        let access = try await access(context)
        guard access.caller != nil else { return }
        try access.require(permission, instance: id, processKey: try await runtime.instance(id).processKey)
    }

    private func registerEngine(on group: RouterGroup<BatonRequestContext>) {
        group.get("engine") { _, _ in JSONResponse.make(.array([.object([.init("name", .string("default"))])])) }
        // The Camunda REST version Baton's API follows.
        group.get("version") { _, _ in JSONResponse.make(.object([.init("version", .string("7.22.0"))])) }
        group.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }
}

/// How much a client may send.
public struct RequestLimits: Sendable {
    /// JSON bodies (1 MiB by default).
    public var jsonBodyBytes: Int
    /// Deployment uploads (16 MiB by default, the BPMN reader's own limit).
    public var deploymentBytes: Int
    /// Path and query together (8 KiB by default).
    public var uriBytes: Int
    /// A `Bytes` or `File` variable's value sent to `…/data` (2 MiB by default): it is kept in the
    /// instance's state, which each command on the instance writes whole.
    public var binaryVariableBytes: Int

    public init(jsonBodyBytes: Int = 1 << 20, deploymentBytes: Int = 16 << 20, uriBytes: Int = 8 << 10, binaryVariableBytes: Int = 2 << 20) {
        self.jsonBodyBytes = jsonBodyBytes
        self.deploymentBytes = deploymentBytes
        self.uriBytes = uriBytes
        self.binaryVariableBytes = binaryVariableBytes
    }
}
