import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `baton serve` as README's first command runs it: embedded PostgreSQL, processes/ deployed, the
/// REST API on loopback, a clean stop on SIGTERM.
@Suite struct ServeCommandTests {
    @Test func servesTheDeployedProcessesAndStopsCleanlyOnSIGTERM() async throws {
        let home = URL(fileURLWithPath: "/tmp/baton-serve-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let outURL = home.appendingPathComponent("stdout"), errURL = home.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let server = Process()
        server.executableURL = BatonProcess.executable
        server.currentDirectoryURL = BatonProcess.repositoryRoot
        server.arguments = ["serve", "--port", "0"]
        server.environment = ProcessInfo.processInfo.environment.merging(["BATON_HOME": home.appendingPathComponent("b").path, "DATABASE_URL": ""]) { $1 }
        server.standardOutput = try FileHandle(forWritingTo: outURL)
        server.standardError = try FileHandle(forWritingTo: errURL)
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        // The one line it prints when ready names the URL. (Bounded so a broken build cannot hang.)
        var base: String?
        for _ in 0..<600 where base == nil && server.isRunning {
            try await Task.sleep(for: .milliseconds(100))
            let output = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
            base = output.split(separator: "\n").first { $0.hasPrefix("Baton serving ") }.map { String($0.dropFirst("Baton serving ".count)) }
        }
        let log = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        let url = try #require(base, "not ready: \(log)")
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/engine-rest"))

        let (data, response) = try await URLSession.shared.data(from: URL(string: url + "/process-definition?key=benefit-approval")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let definitions = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        #expect(definitions?.first?["key"] as? String == "benefit-approval", "processes/ was deployed")
        let root = String(url.dropLast("/engine-rest".count))
        let (readyData, _) = try await URLSession.shared.data(from: URL(string: root + "/ready")!)
        #expect(String(decoding: readyData, as: UTF8.self).contains("UP"))

        kill(server.processIdentifier, SIGTERM)
        for _ in 0..<300 where server.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!server.isRunning, "still running 30 s after SIGTERM")
        #expect(server.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("b/pg/data/postmaster.pid").path), "PostgreSQL was stopped")
    }

    @Test func refusesToServeBeyondLoopbackWithoutCredentials() throws {
        let result = try BatonProcess.run(["serve", "--host", "0.0.0.0"], environment: ["BATON_USERS": "", "BATON_API_TOKENS": ""])
        #expect(result.status == 1)
        #expect(result.standardError.contains("serves only on loopback"))
    }
}
