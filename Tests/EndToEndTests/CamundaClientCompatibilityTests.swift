import Foundation
import Testing

extension SubprocessTests {
    /// Clients written for Camunda 7, unchanged (pycamunda and camunda-external-task-client-python3,
    /// installed by scripts/install-deps into .venv-compat), drive a real `baton serve`: deploy,
    /// start, complete the user task, serve the external task.
    @Suite struct CamundaClientCompatibilityTests {
        @Test func camundasPythonClientsWorkAgainstBatonServe() async throws {
            let python = BatonProcess.repositoryRoot.appendingPathComponent(".venv-compat/bin/python")
            try #require(FileManager.default.isExecutableFile(atPath: python.path), "run scripts/install-deps first: it installs the Camunda clients into .venv-compat")
            let server = try await ServedBaton.start()
            defer { server.stopWhenDone() }
            let result = try await BatonProcess.run(
                python.path, [BatonProcess.repositoryRoot.appendingPathComponent("Tests/Compatibility/camunda_clients.py").path],
                environment: ["BATON_URL": server.url])
            #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
            #expect(result.standardOutput.contains("external task served; the instance ended"))
        }
    }
}
