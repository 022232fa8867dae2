import BatonEngine
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Prometheus
import Synchronization

/// Requires HTTP Basic or bearer credentials on every request except `/health` and `/ready`
/// when any are configured; a missing or wrong one answers 401 with a Basic challenge.
///
/// bcrypt is slow by design, and so an attacker's lever: checks run on threads of their own, a
/// few at a time (``PasswordCheckQueue``; 503 when too many wait), failures are throttled per
/// user and per client address (429 with `Retry-After`), a user name nobody has costs the same
/// check as one somebody has, and credentials already proven are remembered for a minute under
/// the SHA-256 digest of their `Authorization` header, never the header itself.
struct AuthenticationMiddleware: RouterMiddleware {
    let credentials: Credentials
    private let checks: PasswordCheckQueue
    private let throttle: SignInThrottle
    private let proven = ProvenCredentials(lifetimeSeconds: 60)
    /// Checked against when the user or token id is unknown, so such a guess takes as long.
    private let decoyHash: String

    /// bcrypt checks by outcome (`proven`, `refused`), and attempts turned away before one
    /// (`throttled`, `overloaded`): a brute-force attempt shows here.
    private let outcomes: [String: Counter]

    init(credentials: Credentials, limits: SignInLimits, metrics: PrometheusCollectorRegistry) {
        self.credentials = credentials
        self.throttle = SignInThrottle(limits: limits)
        outcomes = Dictionary(uniqueKeysWithValues: ["proven", "refused", "throttled", "overloaded"].map { outcome in
            (outcome, metrics.makeCounter(name: "baton_sign_in_checks_total", labels: [("outcome", outcome)]))
        })
        // Leave a core to everything else; queue a few dozen, refuse the rest.
        checks = PasswordCheckQueue(concurrency: ProcessInfo.processInfo.activeProcessorCount / 2, waiting: 32)
        decoyHash = credentials.isEmpty ? "" : Bcrypt.hash(APIToken.make().token, cost: credentials.hashCost)
    }

    func handle(
        _ request: Request, context: BatonRequestContext, next: (Request, BatonRequestContext) async throws -> Response
    ) async throws -> Response {
        // The console signs its users in with a form and a session cookie of its own.
        if credentials.isEmpty || request.uri.path == "/health" || request.uri.path == "/ready" || ConsoleRoutes.serves(request.uri.path) {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], let identity = try await authenticate(header, from: context.clientAddress) else {
            var error = RestError(.unauthorized, type: "AuthenticationException", "Expected valid credentials (HTTP Basic or a bearer token), but the request has none that match.")
            error.challenge = true
            throw error
        }
        var context = context
        context.identity = identity
        return try await AuthenticatedUser.$id.withValue(identity.userID) { try await next(request, context) }
    }

    /// What a presented credential claims: whose it is (for throttling) and how to prove it.
    private struct Claim {
        var subject: String?
        var secret: String
        var hash: String?
        var identity: Identity?
    }

    private func claim(in header: String) -> Claim? {
        if header.lowercased().hasPrefix("basic ") {
            guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":")
            else { return nil }
            let user = String(decoded[..<colon])
            return Claim(
                subject: user, secret: String(decoded[decoded.index(after: colon)...]), hash: credentials.users[user]?.passwordHash,
                identity: credentials.identity(ofUser: user))
        }
        if header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            let entry = APIToken.id(of: token).flatMap { credentials.tokens[$0] }
            return Claim(subject: APIToken.id(of: token).map { "token " + $0 }, secret: token, hash: entry?.hash, identity: entry.map(credentials.identity(of:)))
        }
        return nil
    }

    private func authenticate(_ header: String, from address: String?) async throws -> Identity? {
        let digest = SHA256.digest(header.utf8)
        if let known = proven.lookup(digest) { return known }
        guard let claim = claim(in: header) else { return nil }
        guard let identity = try await verify(claim, from: address) else { return nil }
        proven.remember(digest, identity)
        return identity
    }

    /// The console's sign-in form: the same users, the same throttling and the same queue of
    /// bcrypt checks as a Basic header.
    func signIn(user: String, password: String, from address: String?) async throws -> Identity? {
        try await verify(
            Claim(subject: user, secret: password, hash: credentials.users[user]?.passwordHash, identity: credentials.identity(ofUser: user)), from: address)
    }

    private func verify(_ claim: Claim, from address: String?) async throws -> Identity? {
        if let wait = throttle.retryAfter(user: claim.subject, address: address) {
            outcomes["throttled"]?.increment()
            var error = RestError(.tooManyRequests, type: "AuthenticationException", "Too many failed sign-ins; try again in \(Int(wait.rounded(.up))) s.")
            error.retryAfterSeconds = Int(wait.rounded(.up))
            throw error
        }
        let secret = claim.secret, hash = claim.hash ?? decoyHash
        let matches: Bool
        do {
            matches = try await checks.run { Bcrypt.verify(secret, hash: hash) }
        } catch {
            outcomes["overloaded"]?.increment()
            var refusal = RestError(.serviceUnavailable, type: "AuthenticationException", "Too many sign-ins are being checked; try again shortly.")
            refusal.retryAfterSeconds = 1
            throw refusal
        }
        guard matches, claim.hash != nil, let identity = claim.identity else {
            outcomes["refused"]?.increment()
            throttle.failed(user: claim.subject, address: address)
            return nil
        }
        outcomes["proven"]?.increment()
        if let subject = claim.subject { throttle.succeeded(user: subject) }
        return identity
    }
}

/// Credentials already proven, by the SHA-256 digest of their `Authorization` header, for a
/// short lifetime; bounded.
private final class ProvenCredentials: Sendable {
    private struct Entry {
        var identity: Identity
        var expires: Double
    }

    private let entries = Mutex<[[UInt8]: Entry]>([:])
    private let limit = 1024
    private let lifetimeSeconds: Double

    init(lifetimeSeconds: Double) { self.lifetimeSeconds = lifetimeSeconds }

    func lookup(_ digest: [UInt8]) -> Identity? {
        let now = ContinuousClock.now.secondsSinceStart
        return entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.expires > now else {
                entries[digest] = nil
                return nil
            }
            return entry.identity
        }
    }

    func remember(_ digest: [UInt8], _ identity: Identity) {
        let expires = ContinuousClock.now.secondsSinceStart + lifetimeSeconds
        entries.withLock { entries in
            if entries.count >= limit { entries = entries.filter { $0.value.expires > expires - lifetimeSeconds } }
            if entries.count >= limit { entries.removeAll() }
            entries[digest] = Entry(identity: identity, expires: expires)
        }
    }
}
