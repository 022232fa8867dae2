import Hummingbird
import Logging

/// Baton's HTTP surface on a free loopback port, for benchmarks that put real HTTP between their
/// clients and an in-process runtime. ``stop()`` ends it.
public struct LoopbackServer: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    /// Starts `router` on 127.0.0.1 with Baton's server configuration and returns once it listens.
    public static func start(_ router: Router<BatonRequestContext>) async throws -> LoopbackServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "baton-loopback")
        // Cancelling the server is how its owner stops it, not an error worth printing.
        logger.logLevel = .critical
        let application = Application(
            router: router, server: BatonHTTPServer.server(), configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "Baton"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        guard let port = await ports.first(where: { _ in true }), port > 0 else {
            task.cancel()
            throw LoopbackServerError()
        }
        return LoopbackServer(port: port, task: task)
    }

    public func stop() { task.cancel() }
}

/// The loopback server stopped before it listened.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var description: String { "the loopback HTTP server did not start" }
}
