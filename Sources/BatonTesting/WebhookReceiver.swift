import BatonModel
import Hummingbird
import Synchronization

/// A webhook endpoint on a loopback port for tests: it keeps the JSON body of every POST it
/// accepts, and answers 503 to the next requests when told to (``failNext(_:)``).
public final class WebhookReceiver: Sendable {
    private struct State {
        var accepted: [JSONValue] = []
        var refused = 0
        var failures = 0
    }

    private let storage: Storage
    private let server: Task<Void, any Error>
    /// The URL to post to, e.g. `http://127.0.0.1:54321/alerts`.
    public let url: String

    private init(storage: Storage, server: Task<Void, any Error>, url: String) {
        self.storage = storage
        self.server = server
        self.url = url
    }

    /// Starts a receiver on a free loopback port.
    public static func start() async throws -> WebhookReceiver {
        let storage = Storage()
        let router = Router()
        router.post("alerts") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let refuse = storage.state.withLock { state in
                guard state.failures > 0 else {
                    state.accepted.append(JSONText.parse(String(buffer: body)) ?? .null)
                    return false
                }
                state.failures -= 1
                state.refused += 1
                return true
            }
            return Response(status: refuse ? .serviceUnavailable : .noContent)
        }
        let (server, port) = try await serveOnLoopback(router, label: "webhook-receiver")
        return WebhookReceiver(storage: storage, server: server, url: "http://127.0.0.1:\(port)/alerts")
    }

    /// The bodies accepted so far, in order.
    public var accepted: [JSONValue] { storage.state.withLock { $0.accepted } }
    /// How many requests were answered 503.
    public var refused: Int { storage.state.withLock { $0.refused } }
    public func failNext(_ count: Int) { storage.state.withLock { $0.failures = count } }
    public func stop() { server.cancel() }

    /// Shared with the route's closure before the receiver exists.
    private final class Storage: Sendable {
        let state = Mutex(State())
    }
}
