import Foundation
import Testing

extension SubprocessTests {
    @Suite struct LintCommandTests {
        @Test func theShippedProcessesPass() async throws {
            let result = try await BatonProcess.run(["lint", "processes/"])
            #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.contains("file checked: 0 errors, 0 warnings") || result.standardError.contains("files checked: 0 errors"))
        }

        @Test func errorsPrintCompilerStyleLinesAndExitOne() async throws {
            let result = try await BatonProcess.run(["lint", "processes/invalid/unknown-flow-target.bpmn"])
            #expect(result.status == 1)
            let lines = result.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.contains(
                "processes/invalid/unknown-flow-target.bpmn:15:5: error: [BPMN-E012] Expected the targetRef of sequence flow 'Flow_2' to name a flow node of process 'invoice', but 'ApproveInvioce' does not exist. (element 'Flow_2')"))
            #expect(lines.contains("processes/invalid/unknown-flow-target.bpmn:15:5: note: did you mean 'ApproveInvoice'?"))
            #expect(result.standardError.contains("1 file checked: 4 errors, 1 warning"))
        }

        @Test func aFileWithoutAnExecutableProcessFails() async throws {
            let result = try await BatonProcess.run(["lint", "processes/fixtures/bpmn-io-export.bpmn"])
            #expect(result.status == 1)
            #expect(result.standardOutput.contains("error: [BPMN-E080] Expected at least one process with isExecutable=\"true\""))
        }

        @Test func oneBadFileAmongGoodOnesFailsTheRun() async throws {
            let result = try await BatonProcess.run(["lint", "processes/benefit-approval.bpmn", "processes/invalid/dead-ends.bpmn"])
            #expect(result.status == 1)
            #expect(result.standardError.contains("2 files checked"))
        }

        @Test func jsonOutputListsEveryDiagnosticField() async throws {
            let result = try await BatonProcess.run(["lint", "--json", "processes/invalid/invalid-timers.bpmn"])
            #expect(result.status == 1)
            let report = try BatonProcess.json(result)
            #expect(report["errors"] as? Int == 4)
            let files = try #require(report["files"] as? [[String: Any]])
            #expect(files.first?["deployable"] as? Bool == false)
            let diagnostic = try #require((files.first?["diagnostics"] as? [[String: Any]])?.first)
            #expect(diagnostic["code"] as? String == "BPMN-E050")
            #expect(diagnostic["name"] as? String == "invalidTimer")
            #expect(diagnostic["severity"] as? String == "error")
            #expect(diagnostic["line"] as? Int == 10)
            #expect(diagnostic["elementId"] as? String == "WaitThreeDays")
            #expect(diagnostic["elementType"] as? String == "bpmn:intermediateCatchEvent")
            #expect(diagnostic["attribute"] as? String == "timeDuration")
            #expect(diagnostic.keys.sorted() == ["attribute", "code", "column", "elementId", "elementType", "file", "line", "message", "name", "notes", "severity"])
        }

        @Test func missingFilesAreReportedNotCrashedOn() async throws {
            let result = try await BatonProcess.run(["lint", "processes/no-such-file.bpmn"])
            #expect(result.status == 1)
            #expect(result.standardOutput.contains("processes/no-such-file.bpmn:1: error: [BPMN-E006] Expected a readable BPMN file, but it does not exist."))
        }

        @Test func oversizedFilesAreRefused() async throws {
            let result = try await BatonProcess.run(["lint", "--max-file-size", "1000", "processes/benefit-approval.bpmn"])
            #expect(result.status == 1)
            #expect(result.standardOutput.contains("[BPMN-E003]"))
        }

        @Test(arguments: [["lint"], ["lint", "--bogus", "x.bpmn"], ["lint", "--max-file-size", "-1", "x.bpmn"], ["frobnicate"]])
        func usageErrorsExitTwo(arguments: [String]) async throws {
            let result = try await BatonProcess.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.standardError)")
            #expect(!result.standardError.isEmpty)
        }

        @Test func helpExitsZero() async throws {
            let result = try await BatonProcess.run(["lint", "--help"])
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("USAGE: baton lint"))
        }
    }
}
