import BatonModel
import Hummingbird
import Testing

/// Camunda's further `/process-instance` and `/history/process-instance` filters (#15), as
/// Cockpit sends them: by incident, activity, key lists, business-key patterns, end and state.
@Suite struct InstanceFilterAPITests {
    @Test func instancesAreFoundByTheirIncidentsActivitiesKeysAndStates() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("publish.bpmn", ExternalTaskRetriesAPITests.worker), ("review.bpmn", EngineRestTests.approval)]).status == .ok)
            var instances: [String: String] = [:]
            for (key, businessKey) in [("publish", "pub-1"), ("publish", "pub-2"), ("review", "rev-1")] {
                let started = try await rest.call(.post, "/engine-rest/process-definition/key/\(key)/start", json: #"{"businessKey": "\#(businessKey)"}"#)
                instances[businessKey] = try #require(started["id"]?.stringValue)
            }
            // pub-1's external task fails for good: an incident. pub-2's completes: the instance ends.
            for (businessKey, fail) in [("pub-1", true), ("pub-2", false)] {
                let locked = try await rest.call(
                    .post, "/engine-rest/external-task/fetchAndLock",
                    json: #"{"workerId": "w", "maxTasks": 1, "topics": [{"topicName": "aidbox", "lockDuration": 10000, "businessKey": "\#(businessKey)"}]}"#)
                let task = try #require(locked.json?.arrayValue.first?["id"]?.stringValue)
                let outcome = fail
                    ? try await rest.call(.post, "/engine-rest/external-task/\(task)/failure", json: #"{"workerId": "w", "errorMessage": "Aidbox is down", "retries": 0, "retryTimeout": 0}"#)
                    : try await rest.call(.post, "/engine-rest/external-task/\(task)/complete", json: #"{"workerId": "w"}"#)
                #expect(outcome.status == .noContent, "\(outcome.text)")
            }
            func ids(_ path: String) async throws -> Set<String> {
                let reply = try await rest.call(.get, path)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
                let found = Set(reply.json?.arrayValue.compactMap { $0["id"]?.stringValue } ?? [])
                return Set(instances.filter { found.contains($0.value) }.map(\.key))
            }
            #expect(try await ids("/engine-rest/process-instance?withIncident=true") == ["pub-1"])
            #expect(try await ids("/engine-rest/process-instance?incidentMessageLike=%25Aidbox%20is%20down") == ["pub-1"])
            #expect(try await ids("/engine-rest/process-instance?activityIdIn=approve") == ["rev-1"])
            #expect(try await ids("/engine-rest/process-instance?businessKeyLike=pub%25") == ["pub-1"])
            #expect(try await ids("/engine-rest/process-instance?processDefinitionKeyNotIn=publish") == ["rev-1"])
            #expect(try await ids("/engine-rest/process-instance?rootProcessInstances=true&leafProcessInstances=true").count == 2)
            #expect(try await ids("/engine-rest/process-instance?tenantIdIn=t1") == [])
            #expect(try await ids("/engine-rest/history/process-instance?completed=true") == ["pub-2"])
            #expect(try await ids("/engine-rest/history/process-instance?active=true") == ["pub-1", "rev-1"])
            #expect(try await ids("/engine-rest/history/process-instance?finishedAfter=2000-01-01T00:00:00.000%2B0000") == ["pub-2"])
            #expect(try await ids("/engine-rest/history/process-instance?processInstanceBusinessKeyIn=pub-1,pub-2&processDefinitionKeyIn=publish") == ["pub-1", "pub-2"])
            #expect(try await ids("/engine-rest/history/process-instance?incidentStatus=open") == ["pub-1"])
            #expect(try await ids("/engine-rest/history/process-instance?executedActivityIdIn=push&processInstanceIdNotIn=\(instances["pub-1"]!)") == ["pub-2"])
            #expect(try await rest.call(.get, "/engine-rest/history/process-instance/count?processDefinitionNameLike=Rev%25")["count"] == .integer(1))
            #expect(try await rest.call(.get, "/engine-rest/history/process-instance?incidentStatus=maybe").status == .badRequest)

            // The incident itself, by Camunda's incident filters.
            func incidents(_ path: String) async throws -> Int { try await rest.call(.get, path).json?.arrayValue.count ?? -1 }
            #expect(try await incidents("/engine-rest/incident?incidentMessageLike=%25Aidbox%25&processDefinitionKeyIn=publish") == 1)
            #expect(try await incidents("/engine-rest/incident?failedActivityId=push&executionId=\(instances["pub-1"]!)") == 1)
            #expect(try await incidents("/engine-rest/incident?incidentTimestampBefore=2000-01-01T00:00:00.000%2B0000") == 0)
            #expect(try await incidents("/engine-rest/history/incident?createTimeAfter=2000-01-01T00:00:00.000%2B0000&processDefinitionKey=publish") == 1)
            #expect(try await incidents("/engine-rest/history/incident?jobDefinitionIdIn=push:external") == 1)
            #expect(try await incidents("/engine-rest/history/incident?endTimeAfter=2000-01-01T00:00:00.000%2B0000") == 0, "still open")
            let incident = try #require(try await rest.call(.get, "/engine-rest/incident").json?.arrayValue.first)
            let id = try #require(incident["id"]?.stringValue), configuration = try #require(incident["configuration"]?.stringValue)
            #expect(try await incidents("/engine-rest/incident?causeIncidentId=\(id)&configuration=\(configuration)") == 1)
            #expect(try await rest.call(.get, "/engine-rest/incident?jobDefinitionIdIn=push").status == .badRequest)
        }
    }
}
