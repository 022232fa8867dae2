import BatonPostgres
import BatonTesting
import Foundation
import Testing

/// The watchdogs that clean up after a test process killed before its `atexit` could run. A
/// sleeping process stands in for the test process (the owner) and for a `baton serve` child.
@Suite struct WatchdogTests {
    @Test func aServerIsStoppedAndRemovedOnceItsOwnerIsKilled() async throws {
        let directory = URL(fileURLWithPath: "/tmp/baton-test-pg-watchdog-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        let server = try EmbeddedPostgres(directory: directory)
        defer {
            try? server.stop()
            try? FileManager.default.removeItem(at: directory)
        }
        _ = try await blockingWork { try server.start() }
        let postmaster = try #require(Self.postmasterPID(of: server))
        // Removed by the watchdog in place of the server's own directory, which it would remove
        // in the test server's case: a server whose directory vanishes stops by itself, in time.
        let removed = try Self.scratchDirectory("server")
        defer { try? FileManager.default.removeItem(at: removed) }
        let owner = try StandIn()
        try Watchdog.stopServer(dataDirectory: server.dataDirectory, removing: removed, whenGone: owner.watched)

        try await Task.sleep(for: .milliseconds(1500))
        #expect(kill(postmaster, 0) == 0, "the server runs while its owner does")

        owner.kill()
        #expect(try await Self.eventually { kill(postmaster, 0) != 0 && !FileManager.default.fileExists(atPath: removed.path) })
    }

    @Test func aChildIsTerminatedOnceItsOwnerIsKilled() async throws {
        let directory = try Self.scratchDirectory("child")
        defer { try? FileManager.default.removeItem(at: directory) }
        let owner = try StandIn(), child = try StandIn()
        defer { child.kill() }
        try Watchdog.stopChild(child.watched, patience: 1, dataDirectory: directory.appendingPathComponent("pg"), removing: directory, whenGone: owner.watched)

        owner.kill()
        #expect(try await Self.eventually { !child.process.isRunning && !FileManager.default.fileExists(atPath: directory.path) })
        #expect(child.process.terminationReason == .uncaughtSignal && child.process.terminationStatus == SIGTERM)
    }

    /// A process id alone may name another process by then: a watchdog whose child's start time
    /// does not match signals nothing and removes nothing.
    @Test func aProcessThatMerelyReusesTheIDIsLeftAlone() async throws {
        let directory = try Self.scratchDirectory("reused")
        defer { try? FileManager.default.removeItem(at: directory) }
        let owner = try StandIn(), bystander = try StandIn()
        defer { bystander.kill() }
        var someoneElse = bystander.watched
        someoneElse.startTime = "1"
        try Watchdog.stopChild(someoneElse, patience: 1, dataDirectory: directory.appendingPathComponent("pg"), removing: directory, whenGone: owner.watched)

        owner.kill()
        try await Task.sleep(for: .seconds(3))
        #expect(bystander.process.isRunning)
        #expect(FileManager.default.fileExists(atPath: directory.path))
    }

    /// A process that sleeps until killed. It unblocks every signal first: a child of the test
    /// process inherits its blocked signals, SIGTERM among them, so SIGTERM would not end a
    /// plain `sleep` (`baton serve` waits for SIGTERM itself).
    struct StandIn {
        let process = Process()
        let watched: Watchdog.Watched

        init() throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", "import signal, time; signal.pthread_sigmask(signal.SIG_SETMASK, []); time.sleep(600)"]
            try process.run()
            guard let watched = Watchdog.Watched(pid: process.processIdentifier) else { throw CocoaError(.fileNoSuchFile) }
            self.watched = watched
        }

        func kill() {
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    /// A directory of this test process for a watchdog to remove.
    static func scratchDirectory(_ name: String) throws -> URL {
        let directory = URL(fileURLWithPath: "/tmp/baton-test-watchdog-\(name)-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func postmasterPID(of server: EmbeddedPostgres) -> pid_t? {
        let text = try? String(contentsOf: server.dataDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8)
        return text?.split(separator: "\n").first.flatMap { pid_t($0) }
    }

    /// Polls `condition` for up to 30 s; the watchdog checks once a second.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<300 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }
}
