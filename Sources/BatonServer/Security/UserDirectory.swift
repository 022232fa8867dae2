import BatonEngine
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import Synchronization

/// Who may sign in, and with which groups: the users, groups and memberships the store keeps,
/// and the API tokens configured (each acting as a user of the store). `BATON_USERS` is a
/// bootstrap: its users are created in the store, with their groups, the first time the
/// directory is used, unless a user of that id is there already (then the entry is skipped and
/// the store's user stays as an administrator left it).
///
/// Authentication is required once someone can sign in as an administrator: when users or tokens
/// are configured, or the store holds a member of the admin group, or one is made. Until then an
/// installation can be set up through the open API (on loopback only); once the first
/// administrator exists, every call needs credentials. It is never switched off while Baton runs.
///
/// bcrypt runs on ``PasswordCheckQueue``'s threads, for checks and for new passwords alike; the
/// sign-in throttle is kept here so that `/user/{id}/unlock` can lift it.
public final class UserDirectory: Sendable {
    let runtime: Runtime
    let credentials: Credentials
    let checks: PasswordCheckQueue
    let throttle: SignInThrottle
    /// Bumped by every change to users, groups or memberships: credentials proven before it are
    /// checked again, so a removed user or membership stops counting at once on this process.
    private let generationCounter = Atomic<Int>(0)
    private let required: Atomic<Bool>
    private let preparation = Mutex<Task<BootstrapReport, any Error>?>(nil)
    /// Made on the first check of a name nobody has (bcrypt is slow; no start-up should wait).
    private let decoy = Mutex<String?>(nil)

    /// What the bootstrap did: users created, and entries skipped because the store had the user.
    public struct BootstrapReport: Sendable {
        public var created: [String] = []
        public var skipped: [String] = []
    }

    public init(runtime: Runtime, credentials: Credentials, limits: SignInLimits = SignInLimits()) {
        self.runtime = runtime
        self.credentials = credentials
        self.throttle = SignInThrottle(limits: limits)
        // Leave a core to everything else; queue a few dozen, refuse the rest.
        checks = PasswordCheckQueue(concurrency: ProcessInfo.processInfo.activeProcessorCount / 2, waiting: 32)
        required = Atomic(!credentials.isEmpty)
    }

    var generation: Int { generationCounter.load(ordering: .acquiring) }
    var adminGroup: String { credentials.adminGroup }

    /// Whether calls need credentials (see the type's comment). Call ``prepare()`` first.
    public var isRequired: Bool { required.load(ordering: .acquiring) }

    /// Creates `BATON_USERS`' users once, and turns authentication on when the store has users.
    @discardableResult
    public func prepare() async throws -> BootstrapReport {
        let task = preparation.withLock { task in
            if let task { return task }
            let made = Task { try await self.bootstrap() }
            task = made
            return made
        }
        do {
            return try await task.value
        } catch {
            // A failed bootstrap (the database was down) is tried again on the next request.
            preparation.withLock { $0 = nil }
            throw error
        }
    }

    private func bootstrap() async throws -> BootstrapReport {
        var report = BootstrapReport()
        for configured in credentials.users.values.sorted(by: { $0.id < $1.id }) {
            guard try await runtime.user(configured.id) == nil else {
                report.skipped.append(configured.id)
                continue
            }
            do {
                try await runtime.createUser(UserRecord(id: configured.id, passwordHash: configured.passwordHash))
            } catch let error as EngineError where error.kind == .conflict {
                report.skipped.append(configured.id)  // another Baton process created it first
                continue
            }
            for group in configured.groups {
                if try await runtime.group(group) == nil {
                    do {
                        try await runtime.createGroup(GroupRecord(id: group, name: group, type: group == credentials.adminGroup ? "SYSTEM" : "WORKFLOW"))
                    } catch let error as EngineError where error.kind == .conflict {}
                }
                try await runtime.addMember(groupID: group, userID: configured.id)
            }
            report.created.append(configured.id)
        }
        try await requireOnceAnAdministratorExists()
        return report
    }

    private func requireOnceAnAdministratorExists() async throws {
        var administrators = UserQuery()
        administrators.memberOfGroup = credentials.adminGroup
        if try await runtime.count(administrators) > 0 { required.store(true, ordering: .releasing) }
    }

    /// Users, groups, memberships or tenant memberships changed.
    func changed() async throws {
        generationCounter.add(1, ordering: .acquiringAndReleasing)
        if !isRequired { try await requireOnceAnAdministratorExists() }
    }

    /// A user's password hash and who they are once it is proven; nil if there is no such user.
    func account(_ userID: String) async throws -> (passwordHash: String, identity: Identity)? {
        guard let found = try await runtime.userWithGroups(userID) else { return nil }
        return (found.user.passwordHash, try await identity(userID, found.groups))
    }

    /// Who a signed-in user is now, or nil once they are gone.
    func identity(ofUser id: String) async throws -> Identity? { try await account(id)?.identity }

    /// Who a proven token acts as: its user, with that user's groups (none if the store has no
    /// such user).
    func identity(of token: Credentials.Token) async throws -> Identity {
        try await identity(token.userID, try await runtime.groupIDs(ofUser: token.userID))
    }

    private func identity(_ userID: String, _ groups: [String]) async throws -> Identity {
        var tenants = TenantQuery()
        tenants.userMember = userID
        tenants.includingGroupsOfUser = true
        return Identity(
            userID: userID, groups: groups, isAdmin: groups.contains(credentials.adminGroup), tenants: try await runtime.tenants(tenants).map(\.id))
    }

    /// A new password's bcrypt hash, at the cost of the configured hashes (12 without any).
    /// bcrypt reads 72 bytes; a longer password would be cut silently, so it is refused.
    func hash(password: String) async throws -> String {
        guard !password.isEmpty else { throw RestError.invalid("Expected a password, but it is empty.") }
        guard password.utf8.count <= 72 else {
            throw RestError.invalid("Expected a password of at most 72 bytes (bcrypt reads no more), but it has \(password.utf8.count).")
        }
        let cost = credentials.hashCost
        do {
            return try await checks.run { Bcrypt.hash(password, cost: cost) }
        } catch {
            throw Self.overloaded
        }
    }

    /// Whether `password` is user `userID`'s, throttled like a sign-in: repeated failures for a
    /// user or from an address answer 429 for a while.
    func verify(userID: String, password: String, from address: String?) async throws -> Identity? {
        let account = try await account(userID)
        return try await check(
            subject: userID, secret: password, hash: account?.passwordHash, identity: account?.identity, from: address)
    }

    /// The throttled bcrypt check every sign-in goes through. A missing `hash` is checked against
    /// a decoy so that a name nobody has costs as long as one somebody has.
    func check(subject: String?, secret: String, hash: String?, identity: Identity?, from address: String?) async throws
        -> Identity?
    {
        if let wait = throttle.retryAfter(user: subject, address: address) {
            var error = RestError(.tooManyRequests, type: "AuthenticationException", "Too many failed sign-ins; try again in \(Int(wait.rounded(.up))) s.")
            error.retryAfterSeconds = Int(wait.rounded(.up))
            throw CheckOutcome.throttled(error)
        }
        let matches: Bool
        do {
            matches = try await checks.run { Bcrypt.verify(secret, hash: hash ?? self.decoyHash()) }
        } catch {
            throw CheckOutcome.overloaded(Self.overloaded)
        }
        guard matches, hash != nil, let identity else {
            throttle.failed(user: subject, address: address)
            return nil
        }
        if let subject { throttle.succeeded(user: subject) }
        return identity
    }

    private func decoyHash() -> String {
        decoy.withLock { decoy in
            if let decoy { return decoy }
            let made = Bcrypt.hash(APIToken.make().token, cost: credentials.hashCost)
            decoy = made
            return made
        }
    }

    /// Why a check did not run, with the refusal to answer.
    enum CheckOutcome: Error {
        case throttled(RestError)
        case overloaded(RestError)

        var refusal: RestError {
            switch self {
            case .throttled(let error), .overloaded(let error): error
            }
        }
    }

    static var overloaded: RestError {
        var refusal = RestError(.serviceUnavailable, type: "AuthenticationException", "Too many sign-ins are being checked; try again shortly.")
        refusal.retryAfterSeconds = 1
        return refusal
    }
}

