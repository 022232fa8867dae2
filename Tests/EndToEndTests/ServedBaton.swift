import BatonTesting
import Foundation

/// A `baton serve` child process on a free loopback port with an embedded PostgreSQL of its own,
/// for tests that talk to it over HTTP.
final class ServedBaton: @unchecked Sendable {
    let process: Process
    let home: URL
    /// `http://127.0.0.1:PORT/engine-rest`, from the line it prints when ready.
    let url: String

    private init(process: Process, home: URL, url: String) {
        self.process = process
        self.home = home
        self.url = url
    }

    /// Serves from the repository's root (so `processes/` is deployed) unless `directory` says
    /// otherwise; `executable` is the built `baton` unless a copy of it is given.
    static func start(
        environment: [String: String] = [:], arguments: [String] = [], executable: URL = BatonProcess.executable, directory: URL = BatonProcess.repositoryRoot
    ) async throws -> ServedBaton {
        let home = URL(fileURLWithPath: "/tmp/baton-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let outURL = home.appendingPathComponent("stdout"), errURL = home.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = directory
        process.arguments = ["serve", "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["BATON_HOME": home.appendingPathComponent("b").path, "DATABASE_URL": "", "BATON_USERS": "", "BATON_API_TOKENS": ""].merging(environment) { $1 }
        ) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        if let child = Watchdog.Watched(pid: process.processIdentifier) {
            try Watchdog.stopChild(child, dataDirectory: home.appendingPathComponent("b/pg/data"), removing: home)
        }
        // Bounded only so a broken build cannot hang the suite.
        for _ in 0..<600 where process.isRunning {
            let output = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Baton serving ") }) {
                return ServedBaton(process: process, home: home, url: String(line.dropFirst("Baton serving ".count)))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let log = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        try? FileManager.default.removeItem(at: home)
        throw ServeFailure(description: "baton serve did not become ready: \(log)")
    }

    /// SIGTERM, then wait (bounded) for a clean exit; returns the exit status. The wait is
    /// ``blockingWork(_:)``, off the cooperative pool.
    @discardableResult
    func stop() async throws -> Int32 {
        try await blockingWork { [self] in stopBlocking() }
    }

    /// For `defer`, which cannot wait: ``stop()`` on a thread of its own, which keeps this
    /// object (and so its directory) until the process has exited.
    func stopWhenDone() {
        Thread.detachNewThread { [self] in _ = stopBlocking() }
    }

    /// SIGTERM, then whether it exited by itself within `limit` (SIGKILL after that).
    func stop(waitingUpTo limit: Duration) async throws -> Bool {
        try await blockingWork { [self] in
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            let tenths = Int(limit.components.seconds * 10)
            for _ in 0..<tenths where process.isRunning { usleep(100_000) }
            let exited = !process.isRunning
            if !exited {
                kill(process.processIdentifier, SIGKILL)
                for _ in 0..<50 where process.isRunning { usleep(100_000) }
            }
            return exited
        }
    }

    private func stopBlocking() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        for _ in 0..<300 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// What it has written to standard error so far.
    var standardError: String { String(decoding: (try? Data(contentsOf: home.appendingPathComponent("stderr"))) ?? Data(), as: UTF8.self) }

    var postgresStopped: Bool { !FileManager.default.fileExists(atPath: home.appendingPathComponent("b/pg/data/postmaster.pid").path) }

    deinit { try? FileManager.default.removeItem(at: home) }
}

struct ServeFailure: Error, CustomStringConvertible {
    var description: String
}
