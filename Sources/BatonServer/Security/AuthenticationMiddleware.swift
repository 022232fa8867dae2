import BatonEngine
import Foundation
import Hummingbird
import Prometheus
import Synchronization

/// Requires HTTP Basic or bearer credentials on every request except `/health` and `/ready`
/// once the ``UserDirectory`` requires them; a missing or wrong one answers 401 with a Basic
/// challenge.
///
/// bcrypt is slow by design, and so an attacker's lever: checks run on threads of their own, a
/// few at a time (``PasswordCheckQueue``; 503 when too many wait), failures are throttled per
/// user and per client address (429 with `Retry-After`), a user name nobody has costs the same
/// check as one somebody has, and credentials already proven are remembered for a minute under
/// the SHA-256 digest of their `Authorization` header, never the header itself.
struct AuthenticationMiddleware: RouterMiddleware {
    let directory: UserDirectory
    private let proven = ProvenCredentials(lifetimeSeconds: 60)

    /// bcrypt checks by outcome (`proven`, `refused`), and attempts turned away before one
    /// (`throttled`, `overloaded`): a brute-force attempt shows here.
    private let outcomes: [String: Counter]

    init(directory: UserDirectory, metrics: PrometheusCollectorRegistry) {
        self.directory = directory
        outcomes = Dictionary(uniqueKeysWithValues: ["proven", "refused", "throttled", "overloaded"].map { outcome in
            (outcome, metrics.makeCounter(name: "baton_sign_in_checks_total", labels: [("outcome", outcome)]))
        })
    }

    func handle(
        _ request: Request, context: BatonRequestContext, next: (Request, BatonRequestContext) async throws -> Response
    ) async throws -> Response {
        // The console signs its users in with a form and a session cookie of its own.
        if request.uri.path == "/health" || request.uri.path == "/ready" || ConsoleRoutes.serves(request.uri.path) {
            return try await next(request, context)
        }
        try await directory.prepare()
        guard directory.isRequired else { return try await next(request, context) }
        guard let header = request.headers[.authorization], let identity = try await authenticate(header, from: context.clientAddress) else {
            var error = RestError(.unauthorized, type: "AuthenticationException", "Expected valid credentials (HTTP Basic or a bearer token), but the request has none that match.")
            error.challenge = true
            throw error
        }
        var context = context
        context.identity = identity
        return try await AuthenticatedUser.$id.withValue(identity.userID) {
            try await TenantCheck.$tenantIDs.withValue(identity.checkedTenants) { try await next(request, context) }
        }
    }

    /// What a presented credential claims: whose it is (for throttling) and how to prove it.
    private struct Claim {
        var subject: String?
        var secret: String
        var hash: String?
        var identity: Identity?
    }

    private func claim(in header: String) async throws -> Claim? {
        if header.lowercased().hasPrefix("basic ") {
            guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":")
            else { return nil }
            let user = String(decoded[..<colon])
            let account = try await directory.account(user)
            return Claim(subject: user, secret: String(decoded[decoded.index(after: colon)...]), hash: account?.passwordHash, identity: account?.identity)
        }
        if header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            let entry = APIToken.id(of: token).flatMap { directory.credentials.tokens[$0] }
            var identity: Identity?
            if let entry { identity = try await directory.identity(of: entry) }
            return Claim(subject: APIToken.id(of: token).map { "token " + $0 }, secret: token, hash: entry?.hash, identity: identity)
        }
        return nil
    }

    private func authenticate(_ header: String, from address: String?) async throws -> Identity? {
        let digest = SHA256.digest(header.utf8)
        let generation = directory.generation
        if let known = proven.lookup(digest, generation: generation) { return known }
        guard let claim = try await claim(in: header) else { return nil }
        guard let identity = try await verify(claim, from: address) else { return nil }
        proven.remember(digest, identity, generation: generation)
        return identity
    }

    /// The console's sign-in form: the same users, the same throttling and the same queue of
    /// bcrypt checks as a Basic header.
    func signIn(user: String, password: String, from address: String?) async throws -> Identity? {
        try await directory.prepare()
        let account = try await directory.account(user)
        return try await verify(Claim(subject: user, secret: password, hash: account?.passwordHash, identity: account?.identity), from: address)
    }

    private func verify(_ claim: Claim, from address: String?) async throws -> Identity? {
        let identity: Identity?
        do {
            identity = try await directory.check(
                subject: claim.subject, secret: claim.secret, hash: claim.hash, identity: claim.identity, from: address)
        } catch let outcome as UserDirectory.CheckOutcome {
            if case .throttled = outcome { outcomes["throttled"]?.increment() } else { outcomes["overloaded"]?.increment() }
            throw outcome.refusal
        }
        outcomes[identity == nil ? "refused" : "proven"]?.increment()
        return identity
    }
}

/// Credentials already proven, by the SHA-256 digest of their `Authorization` header, for a
/// short lifetime; bounded.
private final class ProvenCredentials: Sendable {
    private struct Entry {
        var identity: Identity
        var expires: Double
        /// The directory's generation when it was proven; a later change to users or groups
        /// makes it stale.
        var generation: Int
    }

    private let entries = Mutex<[[UInt8]: Entry]>([:])
    private let limit = 1024
    private let lifetimeSeconds: Double

    init(lifetimeSeconds: Double) { self.lifetimeSeconds = lifetimeSeconds }

    func lookup(_ digest: [UInt8], generation: Int) -> Identity? {
        let now = ContinuousClock.now.secondsSinceStart
        return entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.expires > now, entry.generation == generation else {
                entries[digest] = nil
                return nil
            }
            return entry.identity
        }
    }

    func remember(_ digest: [UInt8], _ identity: Identity, generation: Int) {
        let expires = ContinuousClock.now.secondsSinceStart + lifetimeSeconds
        entries.withLock { entries in
            if entries.count >= limit { entries = entries.filter { $0.value.expires > expires - lifetimeSeconds } }
            if entries.count >= limit { entries.removeAll() }
            entries[digest] = Entry(identity: identity, expires: expires, generation: generation)
        }
    }
}
