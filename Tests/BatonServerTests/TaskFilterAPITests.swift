import BatonModel
import Hummingbird
import Testing

/// Camunda's further `/task` filters (#15): what each selects, that the case, tenant and
/// expression forms say what Baton makes of them, and the `with…InReturn` additions.
@Suite struct TaskFilterAPITests {
    @Test func eachFilterSelectsWhatCamundaWould() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval), ("triage.bpmn", TaskUpdateAPITests.twoGroups)]).status == .ok)
            var instances: [String: String] = [:]
            for (key, businessKey) in [("review", "plan-1"), ("review", "plan-2"), ("triage", "mail-1")] {
                let started = try await rest.call(
                    .post, "/engine-rest/process-definition/key/\(key)/start", json: #"{"businessKey": "\#(businessKey)", "variables": {"n": {"value": 1}}}"#)
                instances[businessKey] = try #require(started["id"]?.stringValue)
            }
            func task(_ businessKey: String) async throws -> String {
                try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instances[businessKey]!)").json?.arrayValue.first?["id"]?.stringValue)
            }
            let plan1 = try await task("plan-1"), plan2 = try await task("plan-2"), mail = try await task("mail-1")
            #expect(try await rest.call(.post, "/engine-rest/task/\(plan1)/claim", json: #"{"userId": "ann"}"#).status == .noContent)
            #expect(try await rest.call(.put, "/engine-rest/task/\(plan2)", json: #"{"name": "Urgent approval", "priority": 90, "due": "2027-01-05T00:00:00.000+0000"}"#).status == .noContent)

            func ids(_ query: String) async throws -> Set<String> {
                let reply = try await rest.call(.get, "/engine-rest/task?\(query)")
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                return Set(reply.json?.arrayValue.compactMap { $0["id"]?.stringValue } ?? [])
            }
            #expect(try await ids("processInstanceBusinessKeyLike=plan-%25") == [plan1, plan2])
            #expect(try await ids("processInstanceBusinessKeyIn=plan-1,mail-1") == [plan1, mail])
            #expect(try await ids("processDefinitionKeyIn=triage") == [mail])
            #expect(try await ids("taskDefinitionKeyIn=approve&assigned=true") == [plan1])
            #expect(try await ids("involvedUser=ann") == [plan1])
            #expect(try await ids("nameLike=Urgent%25") == [plan2])
            #expect(try await ids("minPriority=60") == [plan2])
            #expect(try await ids("withoutDueDate=true") == [plan1, mail])
            #expect(try await ids("candidateGroupLike=cler%25") == [mail])
            #expect(try await ids("withoutCandidateGroups=true") == [])
            #expect(try await ids("assigneeNotIn=ann") == [plan2, mail])
            #expect(try await ids("processDefinitionName=Review") == [plan1, plan2])
            #expect(try await ids("taskIdIn=\(plan1),\(mail)&taskDefinitionKeyNotIn=sort") == [plan1])
            #expect(try await ids("caseInstanceId=c1") == [], "Baton has no case instances")
            #expect(try await ids("tenantIdIn=t1") == [], "nor tenants yet")
            #expect(try await ids("withoutTenantId=true").count == 3)
            // A priority beyond 32 bits matches nothing; it is no server error (Schemathesis found one).
            #expect(try await ids("priority=-3361022305") == [])
            #expect(try await rest.call(.get, "/engine-rest/history/task?taskPriority=-3361022305").json == .array([]))
            #expect(try await ids("processVariables=n_eq_1&processDefinitionKeyIn=review") == [plan1, plan2])
            #expect(try await ids("processVariables=N_gteq_2&variableNamesIgnoreCase=true") == [])
            #expect(try await ids("taskVariables=n_eq_1") == [], "n is the instance's, not the task's")
            let posted = try await rest.call(.post, "/engine-rest/task/count", json: #"{"processVariables": [{"name": "n", "operator": "lteq", "value": 1}]}"#)
            #expect(posted["count"] == .integer(3), "\(posted.text)")
            #expect(try await rest.call(.get, "/engine-rest/task/count?nameNotLike=Urgent%25")["count"] == .integer(1), "a task without a name is not unlike, as in SQL")
            let expression = try await rest.call(.get, "/engine-rest/task?assigneeExpression=%24%7BcurrentUser()%7D")
            #expect(expression.status == .badRequest && expression["message"]?.stringValue?.contains("Expressions are forbidden in adhoc queries") == true)

            // Variables by Camunda's further parameters: by execution, task, type and names.
            func variables(_ path: String) async throws -> Int { try await rest.call(.get, path).json?.arrayValue.count ?? -1 }
            #expect(try await variables("/engine-rest/history/variable-instance?variableNameIn=n,m&variableTypeIn=integer,Double&deserializeValues=false") == 3, "an untyped 1 is an Integer, as in Camunda")
            #expect(try await variables("/engine-rest/history/variable-instance?executionIdIn=\(instances["plan-1"]!)&processDefinitionKey=review") == 1)
            #expect(try await variables("/engine-rest/variable-instance?executionIdIn=\(instances["mail-1"]!)") == 1)
            #expect(try await variables("/engine-rest/variable-instance?taskIdIn=\(plan1)") == 0, "the task has no local variables")
            #expect(try await variables("/engine-rest/variable-instance?batchIdIn=b1") == 0)
            #expect(try await variables("/engine-rest/variable-instance?caseInstanceIdIn=c1") == 0, "Baton has no case instances")
            #expect(try await variables("/engine-rest/history/variable-instance?caseActivityIdIn=a1") == 0)
            #expect(try await rest.call(.post, "/engine-rest/task/count", json: #"{"caseInstanceVariables": [{"name": "n", "operator": "eq", "value": 1}]}"#)["count"] == .integer(0))
            #expect(try await variables("/engine-rest/variable-instance?variableValues=n_gteq_1,n_lt_2") == 3)
            #expect(try await variables("/engine-rest/variable-instance?variableValues=N_eq_1&variableNamesIgnoreCase=true") == 3)
            #expect(try await variables("/engine-rest/history/variable-instance?variableName=n&variableValue=1") == 3)
            #expect(try await rest.call(.get, "/engine-rest/history/task/count?processVariables=n_eq_1&processDefinitionKey=review")["count"] == .integer(2))
            #expect(try await rest.call(.get, "/engine-rest/history/variable-instance?variableValue=1").status == .badRequest)
            // Executions of instances whose variables meet the conditions.
            let executions = try await rest.call(.get, "/engine-rest/execution?processVariables=n_eq_1&processDefinitionKey=triage")
            #expect(executions.json?.arrayValue.map { $0["processInstanceId"] }.allSatisfy { $0 == .string(instances["mail-1"]!) } == true)
            #expect(executions.json?.arrayValue.isEmpty == false)
            #expect(try await rest.call(.get, "/engine-rest/execution/count?processVariables=n_gt_1")["count"] == .integer(0))
            #expect(try await rest.call(.post, "/engine-rest/task/\(plan1)/comment/create", json: #"{"message": "looked"}"#).status == .ok)
            let returned = try await rest.call(.get, "/engine-rest/task?taskId=\(plan1)&withTaskVariablesInReturn=true&withCommentAttachmentInfo=true")
            let first = returned.json?.arrayValue.first
            #expect(first?["variables"]?["n"]?["value"] == .integer(1) && first?["comment"] == .bool(true) && first?["attachment"] == .bool(false), "\(returned.text)")
        }
    }
}
