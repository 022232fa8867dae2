import Hummingbird
import Logging

/// Serves `router` on a free loopback port until the returned task is cancelled; returns the
/// task and the port, once the server listens. For the stand-ins tests talk to over HTTP.
func serveOnLoopback(_ router: Router<BasicRequestContext>, label: String) async throws -> (server: Task<Void, any Error>, port: Int) {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: label)
    logger.logLevel = .critical
    let application = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }, logger: logger)
    let server = Task { try await application.runService(gracefulShutdownSignals: []) }
    guard let port = await ports.first(where: { _ in true }), port > 0 else {
        server.cancel()
        throw CancellationError()
    }
    return (server, port)
}
