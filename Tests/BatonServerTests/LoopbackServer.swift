import BatonServer
import Hummingbird
import HummingbirdTesting
import NIOCore
import ServiceLifecycle

/// Serves a router on a loopback port for the length of one test, with a keep-alive client of it.
///
/// Hummingbird's `.live` tester gives up on an answer after 20 s. On a 2-core CI machine that
/// starts every suite at once, a request can wait that long for a core with nothing wrong, and a
/// suite failed at random with `.readTimeout`. Tests assert what the server answers, never how
/// fast, so this client waits five minutes: long enough for any starved request, short enough
/// that a server which never answers still fails the run well inside CI's limit.
enum LoopbackServer {
    static let patience: Duration = .seconds(300)

    static func run(_ router: Router<BatonRequestContext>, _ test: @Sendable (LoopbackClient) async throws -> Void) async throws {
        let (ports, port) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, server: BatonHTTPServer.server(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                if let bound = channel.localAddress?.port { port.yield(bound) }
                port.finish()
            })
        let services = ServiceGroup(configuration: .init(services: [application], logger: application.logger))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // A server that fails to start ends the stream, so the test is not left waiting for a port.
                defer { port.finish() }
                try await services.run()
            }
            guard let bound = await ports.first(where: { _ in true }) else {
                try await group.next()
                throw LoopbackError.serverDidNotStart
            }
            let client = TestClient(host: "127.0.0.1", port: bound, configuration: .init(timeout: patience))
            client.connect()
            var failure: (any Error)?
            do { try await test(LoopbackClient(client: client, port: bound)) } catch { failure = error }
            try? await client.shutdown()
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            if let failure { throw failure }
        }
    }

    enum LoopbackError: Error { case serverDidNotStart }
}

/// One keep-alive connection to a ``LoopbackServer``.
struct LoopbackClient: Sendable {
    let client: TestClient
    let port: Int

    func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestClient.Response {
        var headers = headers
        headers[.connection] = "keep-alive"
        return try await client.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
    }
}
