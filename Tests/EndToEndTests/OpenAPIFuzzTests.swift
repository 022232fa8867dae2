import Foundation
import Testing

extension SubprocessTests {
    /// The document `baton serve` publishes is valid OpenAPI, and no request generated from it
    /// (Schemathesis: examples, boundaries, fuzzing, stateful sequences) is answered with a 5xx.
    /// openapi-spec-validator and Schemathesis are installed by scripts/install-deps into .venv-compat.
    @Suite struct OpenAPIFuzzTests {
        @Test func theServedDocumentIsValidAndNoGeneratedRequestGetsA5xx() async throws {
            let python = BatonProcess.repositoryRoot.appendingPathComponent(".venv-compat/bin/python")
            try #require(FileManager.default.isExecutableFile(atPath: python.path), "run scripts/install-deps first: it installs the validator and Schemathesis into .venv-compat")
            let server = try await ServedBaton.start()
            defer { server.stopWhenDone() }
            let base = String(server.url.dropLast("/engine-rest".count))
            let result = try await BatonProcess.run(python.path, [BatonProcess.repositoryRoot.appendingPathComponent("Tests/Compatibility/openapi_fuzz.py").path, base])
            #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
            #expect(result.standardOutput.contains("the served document is valid OpenAPI"))
            print(result.standardOutput)
        }
    }
}
