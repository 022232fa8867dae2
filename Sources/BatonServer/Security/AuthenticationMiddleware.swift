import Foundation
import Hummingbird
import Synchronization

/// Requires HTTP Basic or bearer credentials on every request except `/health` and `/ready`
/// when any are configured; a missing or wrong one answers 401 with a Basic challenge.
///
/// bcrypt is slow by design, so identities already proven are remembered for their exact
/// `Authorization` header value (in memory, bounded).
struct AuthenticationMiddleware: RouterMiddleware {
    let credentials: Credentials
    private let proven = ProvenCredentials()

    init(credentials: Credentials) { self.credentials = credentials }

    func handle(
        _ request: Request, context: BatonRequestContext, next: (Request, BatonRequestContext) async throws -> Response
    ) async throws -> Response {
        if credentials.isEmpty || request.uri.path == "/health" || request.uri.path == "/ready" { return try await next(request, context) }
        guard let header = request.headers[.authorization], let identity = authenticate(header) else {
            var error = RestError(.unauthorized, type: "AuthenticationException", "Expected valid credentials (HTTP Basic or a bearer token), but the request has none that match.")
            error.challenge = true
            throw error
        }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }

    private func authenticate(_ header: String) -> Identity? {
        if let known = proven.lookup(header) { return known }
        let identity: Identity?
        if header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":")
        {
            identity = credentials.identity(user: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
        } else if header.lowercased().hasPrefix("bearer ") {
            identity = credentials.identity(token: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        } else {
            identity = nil
        }
        if let identity { proven.remember(header, identity) }
        return identity
    }
}

/// Authorization header values already proven, with their identity.
private final class ProvenCredentials: Sendable {
    private let entries = Mutex<[String: Identity]>([:])
    private let limit = 1024

    func lookup(_ header: String) -> Identity? { entries.withLock { $0[header] } }

    func remember(_ header: String, _ identity: Identity) {
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll() }
            entries[header] = identity
        }
    }
}
