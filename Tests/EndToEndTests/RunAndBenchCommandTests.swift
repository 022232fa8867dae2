import Foundation
import Testing

extension SubprocessTests {
    @Suite struct RunCommandTests {
        private let approval = ["run", "processes/benefit-approval.bpmn", "--var", "draftId=D-1", "--var", "submittedBy=sam", "--var", "baseVersion:String=3"]

        @Test func runsTheApprovalToPublication() async throws {
            let result = try await BatonProcess.run(approval + ["--var", "versionConflict=false", "--complete", "ReviewPlan:approved=true,comment=ok", "--json"])
            #expect(result.status == 0, "\(result.standardError)")
            let report = try BatonProcess.json(result)
            #expect(report["state"] as? String == "completed")
            let activities = try #require(report["activities"] as? [[String: Any]]).map { $0["id"] as? String }
            #expect(activities == [
                "DraftSubmitted", "ReviewPlan", "ApprovedDecision", "CheckAidboxVersion", "ConflictDecision", "PublishToAidbox",
                "MarkDraftPublished", "PlanPublished",
            ])
            let variables = try #require(report["variables"] as? [String: [String: Any]])
            #expect(variables["baseVersion"]?["type"] as? String == "String")
            #expect(variables["comment"]?["value"] as? String == "ok")
            #expect((report["stubbedHandlers"] as? [String])?.contains("publishToAidbox") == true)
        }

        @Test func advancesTheClockToFireTheEscalationTimer() async throws {
            let result = try await BatonProcess.run(approval + ["--advance", "P3D"])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("boundaryTimer ReviewOverdue \"Review overdue\"  completed"))
            #expect(result.standardOutput.contains("serviceTask EscalateReview"))
            #expect(result.standardOutput.contains("open tasks:\n  ReviewPlan \"Review plan\" (groups plan-approvers)"))
        }

        @Test func anExecutionFailureExitsOneWithTheEnginesMessage() async throws {
            let result = try await BatonProcess.run(approval + ["--complete", "ReviewPlan:approved=true"])
            #expect(result.status == 1)
            #expect(result.standardError.contains("cannot resolve identifier 'versionConflict'"))
        }

        @Test func completingATaskThatIsNotOpenExitsOne() async throws {
            let result = try await BatonProcess.run(approval + ["--complete", "NoSuchTask"])
            #expect(result.status == 1)
            #expect(result.standardError.contains("Expected a user task or external task 'NoSuchTask' to be open, but the open ones are [\"ReviewPlan\"]"))
        }

        @Test(arguments: [["--var", "oops"], ["--var", "n:Integer=abc"], ["--advance", "3 days"]])
        func badArgumentsAreUsageErrors(extra: [String]) async throws {
            let result = try await BatonProcess.run(["run", "processes/benefit-approval.bpmn"] + extra)
            #expect(result.status == 2, "\(extra): \(result.standardError)")
        }

        @Test func anInvalidFileIsRefusedWithItsDiagnostics() async throws {
            let result = try await BatonProcess.run(["run", "processes/invalid/gateway-rules.bpmn"])
            #expect(result.status == 1)
            #expect(result.standardError.contains("gateway-rules.bpmn:11:5: error: [BPMN-E032]"))
        }
    }
}

extension SubprocessTests {
    @Suite struct BenchCommandTests {
        @Test func printsTheSummaryLine() async throws {
            let result = try await BatonProcess.run([
                "bench", "processes/benefit-approval.bpmn", "--instances", "20", "--var", "draftId=D", "--var", "versionConflict=false",
                "--complete-user-tasks", "approved=true",
            ])
            #expect(result.status == 0, "\(result.standardError)")
            let line = try #require(result.standardOutput.split(separator: "\n").last.map(String.init))
            #expect(line.hasPrefix("instances=20 steps=160 seconds="))
            #expect(line.contains(" instances_per_s=") && line.contains(" steps_per_s="))
        }

        /// The same flow over Camunda's REST API (an in-process server, one connection per client)
        /// and on Postgres with concurrent clients: every instance ends, the counts add up.
        @Test(arguments: [["--via", "http", "--concurrency", "3"], ["--store", "postgres", "--concurrency", "3"], ["--via", "http", "--store", "postgres", "--concurrency", "2"]])
        func runsOverHTTPAndPostgres(options: [String]) async throws {
            let home = "/tmp/baton-bench-\(UUID().uuidString.prefix(8))"
            defer { try? FileManager.default.removeItem(atPath: home) }
            let result = try await BatonProcess.run(
                ["bench", "Benchmarks/processes/usertask.bpmn", "--instances", "12", "--json"] + options, environment: ["BATON_HOME": home, "DATABASE_URL": ""])
            #expect(result.status == 0, "\(result.standardError)")
            let report = try BatonProcess.json(result)
            #expect(report["instances"] as? Int == 12)
            #expect(report["steps"] as? Int == 36, "start, task and end of each instance")
            #expect(report["stuckInstances"] as? Int == 0)
            if options.contains("postgres") { #expect((report["statementsPerCommand"] as? Double ?? 0) > 0) }
        }

        /// Each built-in scenario runs from its repository file, also from another directory, and
        /// takes the steps per instance its file promises.
        @Test(arguments: [("chain10", 12), ("parallel", 12), ("usertask", 3), ("approval", 8)])
        func runsEachScenario(scenario: String, stepsPerInstance: Int) async throws {
            let result = try await BatonProcess.run(["bench", "--scenario", scenario, "--instances", "10", "--concurrency", "2"], directory: "/tmp")
            #expect(result.status == 0, "\(result.standardError)")
            let line = try #require(result.standardOutput.split(separator: "\n").last.map(String.init))
            let fields = Dictionary(line.split(separator: " ").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }.map { ($0[0], $0[1]) }) { a, _ in a }
            #expect(Array(fields.keys).sorted() == [
                "commands_per_s", "instances", "instances_per_s", "p50_ms", "p99_ms", "round_trips_per_command", "seconds", "statements_per_command", "steps",
                "steps_per_s",
            ])
            #expect(line.hasPrefix("instances=10 steps=\(10 * stepsPerInstance) seconds="), "\(line)")
        }

        @Test func runsForADuration() async throws {
            let result = try await BatonProcess.run(["bench", "--scenario", "usertask", "--duration", "300ms", "--json"])
            #expect(result.status == 0, "\(result.standardError)")
            let report = try BatonProcess.json(result)
            let instances = try #require(report["instances"] as? Int)
            #expect(instances > 0 && report["steps"] as? Int == 3 * instances)
            #expect((report["seconds"] as? Double ?? 0) >= 0.3)
        }

        @Test func refusesAmbiguousOrMissingWorkloads() async throws {
            for arguments in [["bench"], ["bench", "x.bpmn", "--scenario", "chain10"], ["bench", "--scenario", "chain10", "--instances", "5", "--duration", "1s"], ["bench", "--scenario", "chain10", "--duration", "soon"],
                ["bench", "--scenario", "chain10", "--duration", "1e300s"], ["bench", "--scenario", "chain10", "--duration", "0s"]] {
                let result = try await BatonProcess.run(arguments)
                #expect(result.status == 2, "\(arguments)")
                #expect(result.standardError.contains("Expected") || result.standardError.contains("invalid"), "\(result.standardError)")
            }
        }

        @Test func reportsJSON() async throws {
            let result = try await BatonProcess.run(["bench", "processes/fixtures/prefix-bpmn.bpmn", "--instances", "5", "--var", "submittedBy=sam", "--complete-user-tasks", "approved=true,amount=5", "--json"])
            #expect(result.status == 0, "\(result.standardError)")
            let report = try BatonProcess.json(result)
            #expect(report["instances"] as? Int == 5)
            #expect(report["stuckInstances"] as? Int == 0)
            #expect((report["steps"] as? Int ?? 0) > 0)
        }
    }
}

extension SubprocessTests {
    @Suite struct BenchFailureTests {
        @Test func anEngineErrorExitsOneWithItsMessage() async throws {
            let result = try await BatonProcess.run(["bench", "processes/fixtures/prefix-bpmn.bpmn", "--instances", "2"])
            #expect(result.status == 1)
            #expect(result.standardError.contains("cannot resolve identifier 'submittedBy'"))
        }
    }
}
