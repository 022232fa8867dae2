import BatonTesting
import Foundation

/// Runs the built `baton` executable the way a user or a script does, capturing its output.
struct BatonProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `BATON_BINARY` if set, else the `baton` built beside this test bundle.
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["BATON_BINARY"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("baton")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/baton")
    }()

    /// Runs `baton arguments…` in the repository root. Output goes through files, not pipes, so a
    /// large output can never block the child.
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) async throws -> Result {
        try await run(executable.path, arguments, environment: environment, directory: directory)
    }

    /// Runs any program the same way (the compatibility test's Python, say).
    /// `directory` is where it runs, by default the repository's root. The wait for the child is
    /// ``blockingWork(_:)``: a `baton bench` runs for half a minute.
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil) async throws -> Result {
        try await blockingWork { try runBlocking(program, arguments, environment: environment, directory: directory) }
    }

    private static func runBlocking(_ program: String, _ arguments: [String], environment: [String: String], directory: String?) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baton-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = directory.map { URL(fileURLWithPath: $0) } ?? repositoryRoot
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Parses standard output as a JSON object.
    static func json(_ result: Result) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any] else {
            throw CocoaError(.coderInvalidValue)
        }
        return object
    }
}
