import BatonEngine
import BatonModel
import Foundation
import Hummingbird
import Testing

/// `/migration` over HTTP, with Camunda's bodies: generate, validate, execute for ids or a query.
@Suite struct MigrationAPITests {
    static func version(_ extra: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="claim" isExecutable="true">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="review" /><userTask id="review" />
            <sequenceFlow id="f2" sourceRef="review" targetRef="e" /><endEvent id="e" />
            \(extra)
          </process>
        </definitions>
        """
    }

    @Test func instancesMoveToTheNewVersionAndAPlanThatCannotApplySaysWhy() async throws {
        let harness = try await RestHarness.make()
        try await harness.run { rest in
            let first = try #require(try await rest.deploy([("claim.bpmn", Self.version(""))])["deployedProcessDefinitions"]?.objectValue?.first?.key)
            var instances: [String] = []
            for _ in 0..<3 {
                instances.append(try #require(try await rest.call(.post, "/engine-rest/process-definition/key/claim/start", json: "{}")["id"]?.stringValue))
            }
            let second = try #require(try await rest.deploy([("claim.bpmn", Self.version(#"<sequenceFlow id="f3" sourceRef="review" targetRef="extra"><conditionExpression>${false}</conditionExpression></sequenceFlow><userTask id="extra" />"#))])["deployedProcessDefinitions"]?.objectValue?.first?.key)
            let generated = try await rest.call(.post, "/engine-rest/migration/generate", json: #"{"sourceProcessDefinitionId": "\#(first)", "targetProcessDefinitionId": "\#(second)"}"#)
            #expect(generated.status == .ok, "\(generated.text)")
            let plan = generated.text
            let report = try await rest.call(.post, "/engine-rest/migration/validate", json: plan)
            #expect(report["instructionReports"] == .array([]), "\(report.text)")

            let byIDs = try await rest.call(.post, "/engine-rest/migration/execute", json: #"{"migrationPlan": \#(plan), "processInstanceIds": ["\#(instances[0])"]}"#)
            #expect(byIDs.status == .noContent, "\(byIDs.text)")
            let byQuery = try await rest.call(
                .post, "/engine-rest/migration/execute", json: #"{"migrationPlan": \#(plan), "processInstanceQuery": {"processDefinitionId": "\#(first)"}}"#)
            #expect(byQuery.status == .noContent, "\(byQuery.text)")
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count?processDefinitionId=\(second)")["count"] == .integer(3))
            #expect(try await rest.call(.get, "/engine-rest/task/count?processDefinitionId=\(second)")["count"] == .integer(3))

            let wrong = #"{"sourceProcessDefinitionId": "\#(first)", "targetProcessDefinitionId": "\#(second)", "instructions": [{"sourceActivityIds": ["review"], "targetActivityIds": ["nowhere"]}]}"#
            let invalid = try await rest.call(.post, "/engine-rest/migration/validate", json: wrong)
            #expect(invalid["instructionReports"]?.arrayValue.first?["failures"] == .array([.string("The target activity 'nowhere' does not exist.")]), "\(invalid.text)")
            let renamed = #"{"sourceProcessDefinitionId": "\#(first)", "targetProcessDefinitionId": "\#(second)", "instructions": [{"sourceActivityIds": ["review"], "targetActivityIds": ["extra"]}]}"#
            #expect(try await rest.call(.post, "/engine-rest/migration/validate", json: renamed)["instructionReports"] == .array([]), "another id of the same kind is a valid target")
            let updating = renamed.replacingOccurrences(of: #""targetActivityIds": ["extra"]"#, with: #""targetActivityIds": ["extra"], "updateEventTrigger": true"#)
            let noTrigger = try await rest.call(.post, "/engine-rest/migration/validate", json: updating)
            #expect(
                noTrigger["instructionReports"]?.arrayValue.first?["failures"] == .array([.string("Cannot update the event trigger of 'extra': it waits for no message, signal or timer.")]),
                "\(noTrigger.text)")
            let notMigrated = try await rest.call(.post, "/engine-rest/migration/execute", json: #"{"migrationPlan": \#(plan), "processInstanceIds": ["\#(instances[1])"]}"#)
            #expect(notMigrated.status == .badRequest && notMigrated["type"] == .string("MigratingProcessInstanceValidationException"), "\(notMigrated.text)")
            #expect(try await rest.call(.post, "/engine-rest/migration/generate", json: #"{"sourceProcessDefinitionId": "nope", "targetProcessDefinitionId": "\#(second)"}"#).status == .notFound)

            // In a batch: a plan back to the first version that maps nothing is refused for each
            // instance (each waits at 'review'), and the batch says so.
            let back = #"{"sourceProcessDefinitionId": "\#(second)", "targetProcessDefinitionId": "\#(first)", "instructions": []}"#
            let async = try await rest.call(.post, "/engine-rest/migration/executeAsync", json: #"{"migrationPlan": \#(back), "processInstanceQuery": {"processDefinitionId": "\#(second)"}}"#)
            #expect(async.status == .ok && async["type"] == .string("instance-migration") && async["totalJobs"] == .integer(3), "\(async.text)")
            let batchID = try #require(async["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/batch/count")["count"] == .integer(1))
            #expect(try await rest.call(.put, "/engine-rest/batch/\(batchID)/suspended", json: #"{"suspended": true}"#).status == .noContent)
            _ = try await harness.runtime.runDueJobs()
            #expect(try await rest.call(.get, "/engine-rest/batch/statistics?suspended=true").json?.arrayValue.first?["remainingJobs"] == .integer(3), "held back")
            #expect(try await rest.call(.put, "/engine-rest/batch/\(batchID)/suspended", json: #"{"suspended": false}"#).status == .noContent)
            #expect(try await rest.call(.put, "/engine-rest/batch/nope/suspended", json: #"{"suspended": false}"#).status == .notFound)
            _ = try await harness.runtime.runDueJobs()
            let statistics = try await rest.call(.get, "/engine-rest/batch/statistics")
            #expect(statistics.json?.arrayValue.first?["failedJobs"] == .integer(3) && statistics.json?.arrayValue.first?["remainingJobs"] == .integer(0), "\(statistics.text)")
            let detail = try await rest.call(.get, "/engine-rest/batch/\(batchID)")
            #expect(detail["failures"]?.arrayValue.count == 3 && (detail["failures"]?.arrayValue.first?["reason"]?.stringValue ?? "").contains("'review'"), "\(detail.text)")
            #expect(try await rest.call(.get, "/engine-rest/batch?sortBy=nonsense").status == .badRequest)
            #expect(try await rest.call(.get, "/engine-rest/batch/count?withFailures=true&startedAfter=2000-01-01T00:00:00.000%2B0000")["count"] == .integer(1))
            #expect(try await rest.call(.get, "/engine-rest/batch/count?withoutFailures=true")["count"] == .integer(0))
            #expect(try await rest.call(.get, "/engine-rest/batch/statistics/count?createdBy=nobody")["count"] == .integer(0))
            #expect(try await rest.call(.delete, "/engine-rest/batch/\(batchID)").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/batch/\(batchID)").status == .notFound)
        }
    }
}
