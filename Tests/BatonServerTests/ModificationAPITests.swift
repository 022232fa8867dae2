import BatonModel
import Hummingbird
import Testing

/// `POST /process-instance/{id}/modification` as Camunda's REST reference gives it (#15): an
/// operator moves a token, and malformed instructions answer 400 with nothing changed.
@Suite struct ModificationAPITests {
    @Test func anOperatorMovesATokenOverREST() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let tree = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/activity-instances")
            let waiting = try #require(tree["childActivityInstances"]?.arrayValue.first)
            let waitingID = try #require(waiting["id"]?.stringValue), waitingActivity = try #require(waiting["activityId"]?.stringValue)
            let statistics = try await rest.call(.get, "/engine-rest/process-definition/key/review/statistics?incidents=true")
            #expect(statistics.json?.arrayValue.map { [$0["id"], $0["instances"]] } == [[.string(waitingActivity), .integer(1)]], "\(statistics.text)")

            // Start the same activity again beside it, with a local variable, then cancel the first.
            let body = #"""
                {"skipCustomListeners": true, "annotation": "repair", "instructions": [
                  {"type": "startBeforeActivity", "activityId": "\#(waitingActivity)", "variables": {"note": {"value": "again", "local": true}, "why": {"value": "stuck"}}},
                  {"type": "cancel", "activityInstanceId": "\#(waitingID)"}]}
                """#
            let modified = try await rest.call(.post, "/engine-rest/process-instance/\(instance)/modification", json: body)
            #expect(modified.status == .noContent, "\(modified.text)")
            let after = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/activity-instances")
            let children = after["childActivityInstances"]?.arrayValue ?? []
            #expect(children.count == 1 && children.first?["activityId"] == .string(waitingActivity) && children.first?["id"] != .string(waitingID))
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables/why")["value"] == .string("stuck"))

            for (instructions, fragment) in [
                (#"[{"type": "jump", "activityId": "x"}]"#, "'instructions[0].type'"),
                (#"[{"type": "startBeforeActivity"}]"#, "'instructions[0].activityId'"),
                (#"[{"type": "startBeforeActivity", "activityId": "nope"}]"#, "'nope' is none"),
                (#"[{"type": "cancel", "activityInstanceId": "other:1"}]"#, "activity instance id of process instance"),
            ] {
                let refused = try await rest.call(.post, "/engine-rest/process-instance/\(instance)/modification", json: #"{"instructions": \#(instructions)}"#)
                #expect(refused.status == .badRequest && refused["message"]?.stringValue?.contains(fragment) == true, "\(refused.text)")
            }
            #expect(try await rest.call(.post, "/engine-rest/process-instance/nope/modification", json: #"{"instructions": []}"#).status == .notFound)

            // Cancelling everything ends the instance.
            let current = try #require(try await rest.call(.get, "/engine-rest/process-instance/\(instance)/activity-instances")["childActivityInstances"]?.arrayValue.first?["id"]?.stringValue)
            let cancelAll = #"{"instructions": [{"type": "cancel", "activityInstanceId": "\#(current)"}]}"#
            #expect(try await rest.call(.post, "/engine-rest/process-instance/\(instance)/modification", json: cancelAll).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)").status == .notFound)
        }
    }
}
