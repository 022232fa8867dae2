import BatonEngine
import BatonModel
import Hummingbird

/// Baton's HTTP surface: Camunda's `/engine-rest`, plus `/health` and `/ready` for whoever
/// watches the process.
public enum BatonHTTPServer {
    /// Why Baton cannot serve requests yet, or nil when it can.
    public typealias Readiness = @Sendable () async -> String?

    public static func router(api: EngineRestAPI, credentials: Credentials = Credentials(), readiness: @escaping Readiness) -> Router<BatonRequestContext> {
        let router = Router(context: BatonRequestContext.self)
        router.add(middleware: RestErrorMiddleware())
        router.add(middleware: AuthenticationMiddleware(credentials: credentials))
        router.get("health") { _, _ in JSONResponse.make(.object([.init("status", .string("UP"))])) }
        router.get("ready") { _, _ in
            if let reason = await readiness() {
                return JSONResponse.make(.object([.init("status", .string("DOWN")), .init("reason", .string(reason))]), status: .serviceUnavailable)
            }
            return JSONResponse.make(.object([.init("status", .string("UP"))]))
        }
        api.register(on: router)
        return router
    }
}
