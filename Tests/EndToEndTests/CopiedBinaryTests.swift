import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SubprocessTests {
    /// `baton` installed the way an engine is installed: one file copied into an empty directory,
    /// far from the checkout. Migrations and the OpenAPI document are inside it (#18).
    @Suite struct CopiedBinaryTests {
        @Test func aCopiedBinaryMigratesServesAndDeploysFromAnEmptyDirectory() async throws {
            let directory = URL(fileURLWithPath: "/tmp/baton-copy-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let binary = directory.appendingPathComponent("baton")
            try FileManager.default.copyItem(at: BatonProcess.executable, to: binary)
            let database = ["BATON_HOME": directory.appendingPathComponent("home").path, "DATABASE_URL": ""]

            let version = try await Self.runOnceWritten(binary.path, ["--version"], directory: directory.path)
            #expect(version.status == 0)
            #expect(version.standardOutput.hasPrefix("baton 0."), "\(version.standardOutput)")
            let commit = await Self.checkoutCommit() ?? "unknown"
            #expect(version.standardOutput.contains("(commit \(commit))"), "\(version.standardOutput)")

            let migrate = try await BatonProcess.run(binary.path, ["migrate"], environment: database, directory: directory.path)
            #expect(migrate.status == 0, "\(migrate.standardError)")
            #expect(migrate.standardOutput.hasPrefix("applied migrations 1, 2, 3"), "\(migrate.standardOutput)")

            let server = try await ServedBaton.start(environment: database, executable: binary, directory: directory)
            defer { server.stopWhenDone() }
            #expect(server.standardError.contains("serving with nothing deployed"))
            #expect(try await Self.get(server.url + "/process-definition/count") == ["count": 0])

            var request = URLRequest(url: URL(string: server.url + "/deployment/create")!)
            request.httpMethod = "POST"
            let boundary = "baton-copied-binary"
            request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(
                """
                --\(boundary)\r
                Content-Disposition: form-data; name="deployment-name"\r
                \r
                copied\r
                --\(boundary)\r
                Content-Disposition: form-data; name="wait.bpmn"; filename="wait.bpmn"\r
                Content-Type: application/xml\r
                \r
                \(Self.waitProcess)\r
                --\(boundary)--\r

                """.utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(try await Self.get(server.url + "/process-definition/count") == ["count": 1])

            let (document, _) = try await URLSession.shared.data(from: URL(string: server.url + "/openapi.json")!)
            let paths = (try JSONSerialization.jsonObject(with: document) as? [String: Any])?["paths"] as? [String: Any]
            #expect((paths?.count ?? 0) > 50, "the built-in OpenAPI document is served")
            #expect(try await server.stop() == 0)
        }

        @Test func serveRefusesAProcessesOptionThatIsNotADirectory() async throws {
            let result = try await BatonProcess.run(["serve", "--processes", "no-such-directory"], environment: ["DATABASE_URL": ""])
            #expect(result.status == 1)
            #expect(result.standardError.contains("Expected --processes 'no-such-directory' to be a directory"))
        }

        private static let waitProcess = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="baton-test">
              <process id="copied-wait" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
                <userTask id="review"/>
                <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>
            """

        private static func get(_ url: String) async throws -> [String: Int] {
            let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
            return try JSONDecoder().decode([String: Int].self, from: data)
        }

        /// The checkout's HEAD, as the build recorded it; nil outside a git checkout.
        /// Runs the freshly copied binary. A child that another test forks while the copy is being
        /// written inherits its open descriptor, and until that child execs, running the file fails
        /// with ETXTBSY ("Text file busy"): wait briefly and try again.
        static func runOnceWritten(_ path: String, _ arguments: [String], directory: String) async throws -> BatonProcess.Result {
            for _ in 0..<50 {
                do {
                    return try await BatonProcess.run(path, arguments, directory: directory)
                } catch let error as NSError where (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY) {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            return try await BatonProcess.run(path, arguments, directory: directory)
        }

        private static func checkoutCommit() async -> String? {
            guard let result = try? await BatonProcess.run("/usr/bin/env", ["git", "rev-parse", "--short=12", "HEAD"]), result.status == 0 else { return nil }
            return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
