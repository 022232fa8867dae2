import AsyncHTTPClient
import BatonModel
@testable import BatonServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOHTTP1
import Synchronization
import Testing

/// Guessing passwords costs the guesser, not the server: failures are throttled per user and per
/// address, unknown users cost a check like known ones, and a flood of checks neither starves
/// other requests nor piles up without bound.
@Suite struct SignInHardeningTests {
    /// The samples of `baton_sign_in_checks_total` in `/metrics`, by outcome.
    static func checks(_ rest: RestClient) async throws -> [String: Int] {
        let text = try await rest.call(.get, "/metrics").text
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("baton_sign_in_checks_total{") {
            guard let open = line.firstIndex(of: "\""), let close = line[line.index(after: open)...].firstIndex(of: "\""),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            counts[String(line[line.index(after: open)..<close])] = Int(value)
        }
        return counts
    }

    @Test func failedSignInsAreThrottledPerUserAndPerAddressAndUnknownUsersCostACheck() async throws {
        // A window longer than any run of this test, however slow the machine; its end is
        // tested on the throttle itself, with a clock the test moves.
        let limits = SignInLimits(failuresPerUser: 3, failuresPerAddress: 6, windowSeconds: 600)
        try await RestHarness.make(credentials: SecurityTests.credentials, signInLimits: limits).run { rest in
            let ann = rest.as("ann", "ann-pw"), bob = rest.as("bob", "bob-pw"), ops = rest.as("ops", "ops-pw")
            for _ in 0..<3 { #expect(try await rest.as("ann", "wrong").call(.get, "/engine-rest/task").status == .unauthorized) }
            let locked = try await ann.call(.get, "/engine-rest/task")
            #expect(locked.status == .tooManyRequests, "ann's name has failed three times: even her password waits")
            #expect(locked["type"] == .string("AuthenticationException"))
            #expect(locked.headers[.retryAfter].flatMap { Int($0) }.map { (1...600).contains($0) } == true)
            #expect(try await bob.call(.get, "/engine-rest/task").status == .ok, "another user is not held back")

            for index in 0..<3 { #expect(try await rest.as("nobody-\(index)", "guess").call(.get, "/engine-rest/task").status == .unauthorized) }
            #expect(try await ops.call(.get, "/engine-rest/task").status == .tooManyRequests, "six failures from this address hold it back")
            #expect(try await bob.call(.get, "/engine-rest/task").status == .ok, "credentials already proven are remembered")
            #expect(try await Self.checks(bob) == ["proven": 1, "refused": 6, "throttled": 2, "overloaded": 0], "each unknown user cost a check")
        }
    }

    @Test func theThrottleHoldsBackUntilItsWindowIsOverAndASuccessClearsTheUser() {
        let clock = ManualSeconds()
        let throttle = SignInThrottle(limits: SignInLimits(failuresPerUser: 2, failuresPerAddress: 3, windowSeconds: 60), now: { clock.value.withLock { $0 } })
        throttle.failed(user: "ann", address: "10.0.0.1")
        #expect(throttle.retryAfter(user: "ann", address: "10.0.0.1") == nil, "one failure is allowed")
        clock.value.withLock { $0 = 10 }
        throttle.failed(user: "ann", address: "10.0.0.1")
        #expect(throttle.retryAfter(user: "ann", address: "10.0.0.2") == 50, "the window began with the first failure")
        #expect(throttle.retryAfter(user: "bob", address: "10.0.0.1") == nil)
        throttle.failed(user: "bob", address: "10.0.0.1")
        #expect(throttle.retryAfter(user: "bob", address: "10.0.0.1") == 50, "the address's third failure holds it back")
        clock.value.withLock { $0 = 60 }
        #expect(throttle.retryAfter(user: "ann", address: "10.0.0.1") == nil, "the window is over")
        throttle.failed(user: "ann", address: nil)
        #expect(throttle.retryAfter(user: "ann", address: nil) == nil, "a new window counts from one")
        throttle.succeeded(user: "ann")
        throttle.failed(user: "ann", address: nil)
        #expect(throttle.retryAfter(user: "ann", address: nil) == nil, "a success forgets the user's failures")
    }

    @Test func aFloodOfWrongPasswordsNeitherStallsHealthNorQueuesWithoutBound() async throws {
        let limits = SignInLimits(failuresPerUser: 1_000, failuresPerAddress: 1_000)
        var harness = try await RestHarness.make(credentials: SecurityTests.credentials, signInLimits: limits)
        let users = UserDirectory(runtime: harness.runtime, credentials: harness.credentials, limits: limits)
        harness.users = users
        let queue = users.checks
        try await harness.run { rest in
            // Every slot is taken by a check that waits for the gate, so the flood queues however
            // fast or slow this machine sends it and checks it: whether a check is refused does
            // not depend on how many finished before the last request arrived.
            let gate = DispatchSemaphore(value: 0)
            let held = (0..<queue.concurrency).map { _ in Task { try await queue.run { gate.wait() } } }
            try await Self.waitUntil("the gate holds every slot") { queue.load.running == queue.concurrency }

            // One connection per request, so the requests really are in flight together.
            let base = "http://127.0.0.1:\(rest.client.port)"
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            func get(_ path: String, authorization: String?) async throws -> UInt {
                var request = HTTPClientRequest(url: base + path)
                if let authorization { request.headers.add(name: "Authorization", value: authorization) }
                return try await http.execute(request, timeout: .seconds(60)).status.code
            }
            let flood = 48
            let refusedAtOnce = flood - queue.waiting
            let finished = FinishedCount()
            func sendFlood() async throws -> [UInt] {
                try await withThrowingTaskGroup(of: UInt?.self) { group in
                    for index in 0..<flood {
                        group.addTask {
                            let status = try await get("/engine-rest/task", authorization: "Basic " + Data("guess-\(index):wrong".utf8).base64EncodedString())
                            finished.value.add(1, ordering: .relaxed)
                            return status
                        }
                    }
                    group.addTask {
                        try await Self.waitUntil("the queue is full and the rest refused") {
                            queue.load.queued == queue.waiting && finished.value.load(ordering: .relaxed) == refusedAtOnce
                        }
                        #expect(try await get("/health", authorization: nil) == 200, "/health answers while the queued checks wait")
                        #expect(finished.value.load(ordering: .relaxed) == refusedAtOnce, "no queued check was answered before its turn")
                        for _ in held { gate.signal() }
                        return nil
                    }
                    return try await group.reduce(into: [UInt]()) { if let status = $1 { $0.append(status) } }
                }
            }
            let statuses: [UInt]
            do {
                statuses = try await sendFlood()
            } catch {
                try await http.shutdown()  // a client must be shut down before it goes, also after a failure
                throw error
            }
            try await http.shutdown()
            for task in held { try await task.value }
            #expect(statuses.count == flood)
            #expect(statuses.filter { $0 == 503 }.count == refusedAtOnce, "checks beyond the queue are refused at once")
            #expect(statuses.filter { $0 == 401 }.count == queue.waiting, "each queued check ran and failed")
            #expect(try await Self.checks(rest.as("bob", "bob-pw"))["overloaded"] == refusedAtOnce)
        }
    }

    /// Polls `condition` every 10 ms, failing after 30 s (before the requests' own timeout).
    static func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting until \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

private final class FinishedCount: Sendable {
    let value = Atomic<Int>(0)
}

private final class ManualSeconds: Sendable {
    let value = Mutex<Double>(0)
}
