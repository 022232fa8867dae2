import Foundation
import Testing

extension SubprocessTests {
    /// The console in a real browser: Debian's chromium, driven by Selenium (installed by
    /// scripts/install-deps), against the real `baton serve` with a user to sign in as and the
    /// repository's processes deployed. The script says what it checks
    /// (Tests/Console/console_browser.py); its screenshots go to a scratch folder here, and to
    /// docs/console when README's pictures are retaken (`CONSOLE_SCREENSHOTS=docs/console`).
    @Suite struct ConsoleBrowserTests {
        /// `console-pw`, hashed by `baton hash-password`.
        static let user = "ann:$2b$12$GCEyBYz2vscx9k.3D3noK.CD5J9.K76kqMrWlR3E5Ca0/8a9AmrCe:camunda-admin,plan-approvers"

        @Test func anOperatorSignsInWorksATaskRetriesAnIncidentAndReadsADiagnostic() async throws {
            let python = BatonProcess.repositoryRoot.appendingPathComponent(".venv-compat/bin/python")
            try #require(FileManager.default.isExecutableFile(atPath: python.path), "run scripts/install-deps first: it installs Selenium into .venv-compat")
            try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"), "run scripts/install-deps first: it installs chromium and chromium-driver")
            let server = try await ServedBaton.start(environment: ["BATON_USERS": Self.user])
            defer { server.stopWhenDone() }
            let base = String(server.url.dropLast("/engine-rest".count))
            let screenshots = ProcessInfo.processInfo.environment["CONSOLE_SCREENSHOTS"]
                ?? server.home.appendingPathComponent("screenshots").path
            let result = try await BatonProcess.run(
                python.path, [BatonProcess.repositoryRoot.appendingPathComponent("Tests/Console/console_browser.py").path],
                environment: ["BATON_BASE": base, "BATON_CONSOLE_USER": "ann", "BATON_CONSOLE_PASSWORD": "console-pw", "CONSOLE_SCREENSHOTS": screenshots])
            #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)\n\(server.standardError.suffix(3000))")
            #expect(result.standardOutput.contains("console browser tests passed"))
            for picture in ["dashboard", "instance", "process", "task-form-error", "incidents", "deploy-refused", "phone-instance"] {
                #expect(FileManager.default.fileExists(atPath: "\(screenshots)/\(picture).png"), "screenshot \(picture)")
            }
        }
    }
}
