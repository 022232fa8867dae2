import BatonEngine
import BatonModel
import BatonTesting
import Hummingbird
import Testing

/// `startInstructions` on a start, and `/process-definition/{id}/restart(-async)`, as Cockpit
/// and pycamunda's `processdef` module send them (#15).
@Suite struct RestartAPITests {
    @Test func instancesStartAtActivitiesAndEndedOnesRestart() async throws {
        let harness = try await RestHarness.make()
        try await harness.run { rest in
            #expect(try await rest.deploy([("claim.bpmn", ClaimModel.bpmn)]).status == .ok)
            let definition = try #require(try await rest.call(.get, "/engine-rest/process-definition/key/claim")["id"]?.stringValue)

            // A start at an activity instead of the start event.
            let started = try await rest.call(.post, "/engine-rest/process-definition/key/claim/start", json: """
                {"businessKey": "bk-1", "variables": {"amount": {"value": 5, "type": "Long"}},
                 "startInstructions": [{"type": "startBeforeActivity", "activityId": "approve"}]}
                """)
            let instance = try #require(started["id"]?.stringValue, "\(started.text)")
            let tasks = try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)")
            #expect(tasks.json?.arrayValue.compactMap { $0["taskDefinitionKey"]?.stringValue } == ["approve"])
            for (body, word) in [
                (#"{"startInstructions": [{"type": "cancel", "activityId": "review"}]}"#, "nothing to cancel"),
                (#"{"startInstructions": [{"type": "startBeforeActivity", "activityId": "nowhere"}]}"#, "nowhere"),
                (#"{"startInstructions": [{"type": "startBeforeActivity"}]}"#, "activityId"),
                (#"{"startInstructions": [{"type": "startBeforeActivity", "activityId": "approve", "ancestorActivityInstanceId": "x:1"}]}"#, "yet to start"),
            ] {
                let refused = try await rest.call(.post, "/engine-rest/process-definition/key/claim/start", json: body)
                #expect(refused.status == .badRequest && refused["message"]?.stringValue?.contains(word) == true, "\(body): \(refused.text)")
            }
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(instance)").status == .noContent)

            // Restarted by a history query, at the task it had reached.
            let restart = """
                {"historicProcessInstanceQuery": {"processInstanceBusinessKey": "bk-1", "finished": true},
                 "instructions": [{"type": "startBeforeActivity", "activityId": "approve"}]}
                """
            #expect(try await rest.call(.post, "/engine-rest/process-definition/\(definition)/restart", json: restart).status == .noContent)
            let running = try #require(try await rest.call(.get, "/engine-rest/process-instance?businessKey=bk-1").json?.arrayValue)
            #expect(running.count == 1 && running.first?["id"]?.stringValue != instance)
            let restartedID = try #require(running.first?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(restartedID)/variables/amount")["value"] == .integer(5))

            let async = try await rest.call(.post, "/engine-rest/process-definition/\(definition)/restart-async", json: """
                {"processInstanceIds": ["\(instance)"], "withoutBusinessKey": true, "instructions": [{"type": "startTransition", "transitionId": "f1"}]}
                """)
            #expect(async["type"] == .string("restart-process-instance") && async["totalJobs"] == .integer(1), "\(async.text)")
            #expect(try await harness.runtime.runBatchItems() == 1)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count?processDefinitionId=\(definition)")["count"] == .integer(2))

            let refusals: [(String, String)] = [
                (#"{"processInstanceIds": ["\#(restartedID)"], "instructions": [{"type": "startBeforeActivity", "activityId": "approve"}]}"#, "still running"),
                (#"{"processInstanceIds": ["\#(instance)"]}"#, "instructions cannot be empty"),
                (#"{"instructions": [{"type": "startBeforeActivity", "activityId": "approve"}]}"#, "processInstanceIds is empty"),
                (#"{"processInstanceIds": ["\#(instance)"], "instructions": [{"type": "cancel", "activityId": "approve"}]}"#, "startTransition"),
            ]
            for (body, word) in refusals {
                let reply = try await rest.call(.post, "/engine-rest/process-definition/\(definition)/restart", json: body)
                #expect(reply.status == .badRequest && reply["message"]?.stringValue?.contains(word) == true, "\(body): \(reply.text)")
            }
            #expect(try await rest.call(.post, "/engine-rest/process-definition/nope/restart", json: "{}").status == .notFound)
        }
    }
}
