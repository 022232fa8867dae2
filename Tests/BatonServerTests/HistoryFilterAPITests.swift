import BatonModel
import Hummingbird
import Testing

/// Camunda's further `/history/activity-instance`, `/deployment` and `/event-subscription`
/// parameters (#15), and `/deployment/count`.
@Suite struct HistoryFilterAPITests {
    @Test func activitiesDeploymentsAndSubscriptionsAreFoundByCamundasParameters() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)], fields: ["deployment-name": "plans-2027", "deployment-source": "modeler"]).status == .ok)
            #expect(try await rest.deploy([("publish.bpmn", ExternalTaskRetriesAPITests.worker)], fields: ["deployment-name": "publishing"]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.post, "/engine-rest/task/\(task)/claim", json: #"{"userId": "ann"}"#).status == .noContent)
            #expect(try await rest.call(.post, "/engine-rest/task/\(task)/complete", json: "{}").status == .noContent)

            func activities(_ query: String) async throws -> [String] {
                let reply = try await rest.call(.get, "/engine-rest/history/activity-instance?processInstanceId=\(instance)&\(query)&sortBy=startTime&sortOrder=asc")
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                return reply.json?.arrayValue.compactMap { $0["activityId"]?.stringValue } ?? []
            }
            #expect(try await activities("taskAssignee=ann") == ["approve"])
            #expect(try await activities("activityName=Approve") == ["approve"])
            #expect(try await activities("finishedAfter=2000-01-01T00:00:00.000%2B0000").first == "start")
            #expect(try await activities("startedBefore=2000-01-01T00:00:00.000%2B0000") == [])
            #expect(try await activities("executionId=\(instance)").count >= 3)
            #expect(try await activities("executionId=other") == [])
            #expect(try await activities("tenantIdIn=t1") == [])

            func historicTasks(_ query: String) async throws -> Int {
                let reply = try await rest.call(.get, "/engine-rest/history/task/count?\(query)")
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                if case .integer(let count)? = reply["count"] { return Int(count) }
                return -1
            }
            #expect(try await historicTasks("taskNameLike=App%25&assigned=true&taskDeleteReason=completed") == 1)
            #expect(try await historicTasks("processUnfinished=true&executionId=\(instance)") == 1)
            #expect(try await historicTasks("processFinished=true") == 0, "the instance still waits for its documents")
            #expect(try await historicTasks("processDefinitionKey=review&taskDefinitionKeyIn=approve,other&withoutTaskDueDate=true") == 1)
            #expect(try await historicTasks("unassigned=true") == 0)
            #expect(try await historicTasks("processInstanceBusinessKeyLike=x%25") == 0)
            #expect(try await historicTasks("taskParentTaskId=t1") == 0)
            #expect(try await historicTasks("processVariables=missing_eq_1") == 0, "the instance has no such variable")
            #expect(try await historicTasks("taskInvolvedUser=ann&taskHadCandidateGroup=approvers&withCandidateGroups=true") == 1)
            #expect(try await historicTasks("taskInvolvedGroup=approvers&taskOwner=nobody") == 0)
            #expect(try await historicTasks("withoutCandidateGroups=true") == 0)
            let row = try await rest.call(.get, "/engine-rest/history/task?processInstanceId=\(instance)").json?.arrayValue.first
            #expect(row?["owner"] == .null && row?["followUp"] == .null && row?["description"] == .null)

            func deployments(_ query: String) async throws -> [String] {
                try await rest.call(.get, "/engine-rest/deployment?\(query)").json?.arrayValue.compactMap { $0["name"]?.stringValue } ?? []
            }
            #expect(try await deployments("nameLike=plans%25") == ["plans-2027"])
            #expect(try await deployments("withoutSource=true") == ["publishing"])
            #expect(try await deployments("sortBy=name&sortOrder=desc") == ["publishing", "plans-2027"])
            #expect(try await deployments("after=2000-01-01T00:00:00.000%2B0000&before=2000-01-02T00:00:00.000%2B0000") == [])
            #expect(try await rest.call(.get, "/engine-rest/deployment/count?nameLike=p%25")["count"] == .integer(2))
            #expect(try await rest.call(.get, "/engine-rest/deployment/count?tenantIdIn=t1")["count"] == .integer(0))

            let subscriptions = try await rest.call(.get, "/engine-rest/event-subscription?executionId=\(instance)")
            #expect(subscriptions.json?.arrayValue.first?["eventName"] == .string("documentsReceived"), "the receive task waits: \(subscriptions.text)")
            #expect(try await rest.call(.get, "/engine-rest/event-subscription/count?executionId=\(instance)&processInstanceId=other")["count"] == .integer(0))
        }
    }
}
