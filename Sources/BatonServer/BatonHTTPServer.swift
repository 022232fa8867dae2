import BatonEngine
import BatonModel
import Hummingbird
import Logging
import HummingbirdCore
import Prometheus

/// Baton's HTTP surface: Camunda's `/engine-rest`, the console under `/console`, plus `/health`
/// and `/ready` for whoever watches the process.
public enum BatonHTTPServer {
    /// Why Baton cannot serve requests yet, or nil when it can.
    public typealias Readiness = @Sendable () async -> String?

    /// - Parameters:
    ///   - metrics: the registry `/metrics` shows in Prometheus's text format (the engine's
    ///     counters and, when swift-metrics is bootstrapped with it, HTTP request counts and
    ///     latencies).
    ///   - users: who may sign in; nil: a directory of `credentials` over `api`'s runtime.
    public static func router(
        api: EngineRestAPI, planApproval: PlanApprovalAPI? = nil, eventTriggers: EventTriggerAPI? = nil, credentials: Credentials = Credentials(),
        signInLimits: SignInLimits = SignInLimits(), metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        consoleSecret: String? = nil, users: UserDirectory? = nil, readiness: @escaping Readiness
    ) -> Router<BatonRequestContext> {
        let router = Router(context: BatonRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: RestErrorMiddleware())
        let users = users ?? UserDirectory(runtime: api.runtime, credentials: credentials, limits: signInLimits)
        let authentication = AuthenticationMiddleware(directory: users, metrics: metrics)
        router.add(middleware: authentication)
        router.add(middleware: RequestLimitsMiddleware(limits: api.limits))
        router.get("health") { _, _ in JSONResponse.make(.object([.init("status", .string("UP"))])) }
        router.get("ready") { _, _ in
            if let reason = await readiness() {
                return JSONResponse.make(.object([.init("status", .string("DOWN")), .init("reason", .string(reason))]), status: .serviceUnavailable)
            }
            return JSONResponse.make(.object([.init("status", .string("UP"))]))
        }
        let gauges = DefinitionGauges(registry: metrics)
        router.get("metrics") { _, context in
            do {
                try await gauges.refresh(from: api.runtime)
            } catch {
                // The engine's counters are still worth a scrape; the gauges keep their last values.
                context.logger.warning("could not refresh the per-definition gauges", metadata: ["error": "\(error)"])
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        api.register(on: router, users: users)
        planApproval?.register(on: router)
        eventTriggers?.register(on: router)
        ConsoleRoutes(api: api, users: users, authentication: authentication, signer: ConsoleSessionSigner(secret: consoleSecret))
            .register(on: router)
        return router
    }

    /// HTTP/1.1 with bounded headers (16 KiB a field, 32 KiB in all, 100 fields) and idle
    /// connections closed after 75 s.
    public static func server() -> HTTPServerBuilder {
        .http1(configuration: .init(
            idleTimeout: .seconds(75),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 << 10, maxHeaderListSize: 32 << 10, maxHeaderFieldCount: 100)))
    }
}
