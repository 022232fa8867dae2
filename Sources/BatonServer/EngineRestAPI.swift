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

    func register(on router: Router<BatonRequestContext>) {
        for prefix in ["engine-rest", "engine-rest/engine/default"] {
            let group = router.group(RouterPath(prefix))
            registerEngine(on: group)
            registerDeployments(on: group)
            registerProcessDefinitions(on: group)
            registerProcessInstances(on: group)
            registerTasks(on: group)
            registerMessages(on: group)
            registerExternalTasks(on: group)
            registerHistory(on: group)
            registerOperations(on: group)
        }
    }

    func body(_ request: Request, _ context: BatonRequestContext) async throws -> JSONBody {
        try await JSONBody.read(request, context: context, limit: limits.jsonBodyBytes)
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

    public init(jsonBodyBytes: Int = 1 << 20, deploymentBytes: Int = 16 << 20, uriBytes: Int = 8 << 10) {
        self.jsonBodyBytes = jsonBodyBytes
        self.deploymentBytes = deploymentBytes
        self.uriBytes = uriBytes
    }
}
