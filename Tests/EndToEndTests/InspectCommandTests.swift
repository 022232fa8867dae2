import Foundation
import Testing

extension SubprocessTests {
    @Suite struct InspectCommandTests {
        @Test func printsTheModelAsJSON() async throws {
            let result = try await BatonProcess.run(["inspect", "--json", "processes/benefit-approval.bpmn"])
            #expect(result.status == 0, "\(result.standardError)")
            let report = try BatonProcess.json(result)
            #expect((report["diagnostics"] as? [Any])?.isEmpty == true)
            let process = try #require((report["processes"] as? [[String: Any]])?.first)
            #expect(process["id"] as? String == "benefit-approval")
            #expect(process["name"] as? String == "Benefit plan approval")
            #expect(process["isExecutable"] as? Bool == true)
            let elements = try #require(process["elements"] as? [[String: Any]])
            #expect(elements.count == 16)
            let review = try #require(elements.first { $0["id"] as? String == "ReviewPlan" })
            #expect(review["type"] as? String == "userTask")
            #expect(review["name"] as? String == "Review plan")
            #expect(review["parent"] is NSNull)
            #expect(elements.first { $0["id"] as? String == "ReviewOverdue" }?["type"] as? String == "boundaryEvent")
            let flows = try #require(process["sequenceFlows"] as? [[String: Any]])
            let approved = try #require(flows.first { $0["id"] as? String == "Flow_Approved" })
            #expect(approved["source"] as? String == "ApprovedDecision")
            #expect(approved["target"] as? String == "CheckAidboxVersion")
            #expect(approved["condition"] as? String == "${approved == true}")
            #expect(flows.first { $0["id"] as? String == "Flow_ToReview" }?["condition"] is NSNull)
        }

        @Test func listsNestedElementsWithTheirParent() async throws {
            let result = try await BatonProcess.run(["inspect", "--json", "processes/invalid/flow-crosses-scope.bpmn"])
            #expect(result.status == 0)
            let process = try #require((try BatonProcess.json(result)["processes"] as? [[String: Any]])?.first)
            let elements = try #require(process["elements"] as? [[String: Any]])
            #expect(elements.map { $0["id"] as? String } == ["Start", "Sub", "SubStart", "Inner", "SubEnd", "End"])
            #expect(elements.first { $0["id"] as? String == "Inner" }?["parent"] as? String == "Sub")
            #expect((try BatonProcess.json(result)["diagnostics"] as? [[String: Any]])?.first?["code"] as? String == "BPMN-E013")
        }

        @Test func readsNonExecutableProcesses() async throws {
            let result = try await BatonProcess.run(["inspect", "--json", "processes/fixtures/bpmn-io-export.bpmn"])
            #expect(result.status == 0)
            let process = try #require((try BatonProcess.json(result)["processes"] as? [[String: Any]])?.first)
            #expect(process["isExecutable"] as? Bool == false)
        }

        @Test(arguments: ["processes/invalid/malformed-xml.bpmn", "processes/invalid/not-bpmn.bpmn", "processes/invalid/billion-laughs.bpmn"])
        func exitsOneWhenTheFileIsNotBPMN(file: String) async throws {
            let result = try await BatonProcess.run(["inspect", "--json", file])
            #expect(result.status == 1)
            let report = try BatonProcess.json(result)
            #expect((report["processes"] as? [Any])?.isEmpty == true)
            #expect((report["diagnostics"] as? [Any])?.isEmpty == false)
        }

        @Test func printsAReadableOutline() async throws {
            let result = try await BatonProcess.run(["inspect", "processes/benefit-approval.bpmn"])
            #expect(result.status == 0)
            #expect(result.standardOutput.hasPrefix("process benefit-approval \"Benefit plan approval\"\n  startEvent DraftSubmitted \"Draft submitted\"\n"))
            #expect(result.standardOutput.contains("  flow Flow_Approved: ApprovedDecision -> CheckAidboxVersion when ${approved == true}\n"))
        }
    }
}
