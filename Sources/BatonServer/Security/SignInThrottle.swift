import Synchronization

/// How many failed sign-ins a user name, or a client address, may have within a window before
/// further attempts are refused (429) until the window is over.
public struct SignInLimits: Sendable {
    public var failuresPerUser: Int
    public var failuresPerAddress: Int
    public var windowSeconds: Double

    public init(failuresPerUser: Int = 5, failuresPerAddress: Int = 20, windowSeconds: Double = 60) {
        self.failuresPerUser = failuresPerUser
        self.failuresPerAddress = failuresPerAddress
        self.windowSeconds = windowSeconds
    }
}

/// Counts failed sign-ins per user name and per client address, and refuses further attempts
/// once either has failed too often within the window: guessing passwords then costs the
/// attacker time instead of costing the server bcrypt checks. Successful credentials are
/// remembered by ``AuthenticationMiddleware``, so a signed-in user keeps working meanwhile.
final class SignInThrottle: Sendable {

    private struct Failures {
        var count = 0
        var windowStart: Double
    }

    let limits: SignInLimits
    private let byUser = Mutex<[String: Failures]>([:])
    private let byAddress = Mutex<[String: Failures]>([:])
    private let now: @Sendable () -> Double
    /// Past this many names or addresses, expired entries are swept; memory stays bounded.
    private let sweepAbove = 10_000

    init(limits: SignInLimits, now: @escaping @Sendable () -> Double = { ContinuousClock.now.secondsSinceStart }) {
        self.limits = limits
        self.now = now
    }

    /// Seconds until `user` from `address` may try again, or nil if they may now.
    func retryAfter(user: String?, address: String?) -> Double? {
        let time = now()
        let userWait = user.flatMap { wait(in: byUser, key: $0, limit: limits.failuresPerUser, at: time) }
        let addressWait = address.flatMap { wait(in: byAddress, key: $0, limit: limits.failuresPerAddress, at: time) }
        return [userWait, addressWait].compactMap { $0 }.max()
    }

    func failed(user: String?, address: String?) {
        let time = now()
        if let user { record(in: byUser, key: user, at: time) }
        if let address { record(in: byAddress, key: address, at: time) }
    }

    func succeeded(user: String) { _ = byUser.withLock { $0.removeValue(forKey: user) } }

    private func wait(in table: borrowing Mutex<[String: Failures]>, key: String, limit: Int, at time: Double) -> Double? {
        table.withLock { entries in
            guard let failures = entries[key], failures.count >= limit else { return nil }
            let remaining = failures.windowStart + limits.windowSeconds - time
            return remaining > 0 ? remaining : nil
        }
    }

    private func record(in table: borrowing Mutex<[String: Failures]>, key: String, at time: Double) {
        let window = limits.windowSeconds
        table.withLock { entries in
            if entries.count > sweepAbove { entries = entries.filter { time - $0.value.windowStart < window } }
            var failures = entries[key] ?? Failures(windowStart: time)
            if time - failures.windowStart >= window { failures = Failures(windowStart: time) }
            failures.count += 1
            entries[key] = failures
        }
    }
}

extension ContinuousClock.Instant {
    /// Seconds since an arbitrary fixed point of this process: for measuring windows only.
    var secondsSinceStart: Double {
        let components = (self - ContinuousClock.Instant.processStart).components
        return Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    private static let processStart = ContinuousClock.now
}
