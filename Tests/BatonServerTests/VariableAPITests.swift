import BatonModel
import Hummingbird
import Testing

/// Removing process variables over Camunda's REST: `DELETE …/variables/{name}` and the
/// `deletions` of `POST …/variables`, applied with the `modifications` in one command (#15).
@Suite struct VariableAPITests {
    @Test func variablesAreRemovedOneByOneOrWithModifications() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: """
                {"variables": {"plan": {"value": "gold"}, "salary": {"value": 98000}, "draft": {"value": "D-1"}}}
                """)["id"]?.stringValue)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(instance)/variables/salary").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables/salary").status == .notFound)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(instance)/variables/never").status == .noContent, "as in Camunda")

            let update = try await rest.call(.post, "/engine-rest/process-instance/\(instance)/variables", json: """
                {"modifications": {"plan": {"value": "silver"}}, "deletions": ["draft"]}
                """)
            #expect(update.status == .noContent, "\(update.text)")
            let variables = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables")
            #expect(variables.json.map { if case .object(let members) = $0 { members.map(\.key) } else { [] } } == ["plan"])
            #expect(variables["plan"]?["value"] == .string("silver"))
            #expect(try await rest.call(.get, "/engine-rest/variable-instance?processInstanceIdIn=\(instance)").json?.arrayValue.count == 1)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/nope/variables/plan").status == .notFound)

            // History keeps a removed variable in Camunda's DELETED state, listed only on request.
            let history = "/engine-rest/history/variable-instance?processInstanceId=\(instance)&variableName=salary"
            #expect(try await rest.call(.get, history).json == .array([]))
            let deleted = try await rest.call(.get, history + "&includeDeleted=true").json?.arrayValue.first
            #expect(deleted?["state"] == .string("DELETED") && deleted?["value"] == .integer(98000))
            #expect(try await rest.call(.get, "/engine-rest/history/variable-instance/count?processInstanceId=\(instance)&includeDeleted=true")["count"] == .integer(3))
            #expect(deleted?["type"] == .string("Integer"), "an untyped whole number that fits 32 bits is an Integer, as Camunda reads it")

            // Untyped values take the type Camunda's JSON reading gives them.
            let typed = try await rest.call(.post, "/engine-rest/process-instance/\(instance)/variables", json: """
                {"modifications": {"small": {"value": 2147483647}, "big": {"value": 2147483648}, "fraction": {"value": 1.5}, "text": {"value": "x"}}}
                """)
            #expect(typed.status == .noContent, "\(typed.text)")
            let read = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables")
            for (name, type) in [("small", "Integer"), ("big", "Long"), ("fraction", "Double"), ("text", "String")] {
                #expect(read[name]?["type"] == .string(type), "\(name): \(read.text)")
            }
        }
    }
}

/// Task variables over Camunda's REST, as TaskServiceTest asserts them: a non-local variable
/// lands where it already lives from the task outwards (a new one on the process instance), a
/// local one in the task's own scope, which ends with the task (#15).
@Suite struct TaskVariableAPITests {
    @Test func taskVariablesLandWhereCamundaPutsThem() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: """
                {"variables": {"plan": {"value": "gold"}}}
                """)["id"]?.stringValue)
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            let base = "/engine-rest/task/\(task)"

            #expect(try await rest.call(.put, "\(base)/variables/plan", json: #"{"value": "silver", "type": "String"}"#).status == .noContent)
            #expect(try await rest.call(.put, "\(base)/variables/reviewer", json: #"{"value": "ann"}"#).status == .noContent)
            #expect(try await rest.call(.put, "\(base)/localVariables/note", json: #"{"value": "looks fine"}"#).status == .noContent)
            let processLevel = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/variables")
            #expect(processLevel["plan"]?["value"] == .string("silver") && processLevel["reviewer"]?["value"] == .string("ann"))
            #expect(processLevel["note"] == nil, "a local variable stays in the task's scope")
            #expect(try await rest.call(.get, "\(base)/variables/note")["value"] == .string("looks fine"), "the task sees its own")
            #expect(try await rest.call(.get, "\(base)/localVariables").json.map { if case .object(let m) = $0 { m.map(\.key) } else { [] } } == ["note"])
            #expect(try await rest.call(.get, "\(base)/localVariables/plan").status == .notFound)

            let update = try await rest.call(.post, "\(base)/variables", json: #"{"modifications": {"amount": {"value": 5}}, "deletions": ["reviewer"]}"#)
            #expect(update.status == .noContent, "\(update.text)")
            #expect(try await rest.call(.delete, "\(base)/localVariables/note").status == .noContent)
            let after = try await rest.call(.get, "\(base)/variables")
            #expect(after["reviewer"] == nil && after["note"] == nil && after["amount"]?["value"] == .integer(5))
            let unknown = try await rest.call(.post, "\(base)/localVariables", json: #"{"deletes": []}"#)
            #expect(unknown.status == .badRequest && unknown["message"]?.stringValue?.contains("Unknown parameter 'deletes'") == true)
            #expect(try await rest.call(.put, "/engine-rest/task/nope/variables/x", json: #"{"value": 1}"#).status == .notFound)
        }
    }
}

/// `/task/{id}/identity-links` as Camunda's REST gives it: the assignee and each candidate user
/// and group listed, added and removed; changing them needs TASK_ASSIGN or UPDATE_TASK, which a
/// candidate does not have (#15).
@Suite struct IdentityLinkAPITests {
    @Test func aTasksIdentityLinksAreListedAddedAndRemoved() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            let links = "/engine-rest/task/\(task)/identity-links"
            #expect(try await rest.call(.get, links).json == .array([.object([.init("userId", .null), .init("groupId", .string("approvers")), .init("type", .string("candidate"))])]))

            #expect(try await rest.call(.post, links, json: #"{"userId": "ann", "type": "candidate"}"#).status == .noContent)
            #expect(try await rest.call(.post, links, json: #"{"groupId": "leads", "type": "candidate"}"#).status == .noContent)
            #expect(try await rest.call(.post, links, json: #"{"userId": "bob", "type": "assignee"}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/task?candidateUser=ann&includeAssignedTasks=true").json?.arrayValue.count == 1)
            #expect(try await rest.call(.get, "\(links)?type=assignee").json?.arrayValue.map { $0["userId"] } == [.string("bob")])

            #expect(try await rest.call(.post, "\(links)/delete", json: #"{"groupId": "approvers", "type": "candidate"}"#).status == .noContent)
            #expect(try await rest.call(.post, "\(links)/delete", json: #"{"userId": "bob", "type": "assignee"}"#).status == .noContent)
            // History keeps everyone the task was ever offered to (Camunda's taskHadCandidate…).
            let had = "/engine-rest/history/task/count?taskId=\(task)"
            #expect(try await rest.call(.get, "\(had)&taskHadCandidateGroup=approvers")["count"] == .integer(1), "removed, yet it had the group")
            #expect(try await rest.call(.get, "\(had)&taskHadCandidateUser=ann&taskInvolvedGroup=leads")["count"] == .integer(1))
            let after = try await rest.call(.get, links).json?.arrayValue.map { [$0["userId"], $0["groupId"], $0["type"]] }
            #expect(after == [[.string("ann"), .null, .string("candidate")], [.null, .string("leads"), .string("candidate")]])

            let owner = try await rest.call(.post, links, json: #"{"userId": "ann", "type": "owner"}"#)
            #expect(owner.status == .badRequest && owner["message"]?.stringValue?.contains("by delegating the task") == true)
            #expect(try await rest.call(.post, links, json: #"{"userId": "ann", "groupId": "x", "type": "candidate"}"#).status == .badRequest)
        }
    }

    @Test func aCandidateCannotOfferTheTaskToOthers() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw")
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let task = try #require(try await ops.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await ops.call(.post, "/engine-rest/task/\(task)/identity-links", json: #"{"userId": "ann", "type": "candidate"}"#).status == .noContent)
            let denied = try await ann.call(.post, "/engine-rest/task/\(task)/identity-links", json: #"{"userId": "eve", "type": "candidate"}"#)
            #expect(denied.status == .forbidden, "\(denied.text)")
            #expect(try await ann.call(.get, "/engine-rest/task/\(task)/identity-links").status == .ok, "a candidate may read them")
            // Task variables: the caller must be able to work on the task, checked on the locked task.
            let bob = rest.as("bob", "bob-pw")
            #expect(try await bob.call(.put, "/engine-rest/task/\(task)/variables/x", json: #"{"value": 1}"#).status == .forbidden)
            #expect(try await bob.call(.get, "/engine-rest/task/\(task)/localVariables").status == .forbidden)
            #expect(try await ann.call(.put, "/engine-rest/task/\(task)/variables/x", json: #"{"value": 1}"#).status == .noContent, "a candidate may")
        }
    }
}

/// `POST /process-instance` and `/count`: Camunda's query with a JSON body, its variables typed
/// as sent (a string "1200" is not the number 1200) (#15).
@Suite struct ProcessInstancePostQueryTests {
    @Test func instancesAreQueriedWithAJSONBody() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let number = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: """
                {"businessKey": "B-1", "variables": {"amount": {"value": 1200, "type": "Long"}}}
                """)["id"]?.stringValue)
            let text = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: """
                {"businessKey": "B-2", "variables": {"amount": {"value": "1200", "type": "String"}}}
                """)["id"]?.stringValue)
            let byNumber = try await rest.call(.post, "/engine-rest/process-instance?maxResults=5", json: """
                {"processDefinitionKey": "review", "variables": [{"name": "amount", "operator": "eq", "value": 1200}], "sorting": [{"sortBy": "businessKey", "sortOrder": "desc"}]}
                """)
            #expect(byNumber.json?.arrayValue.map { $0["id"] } == [.string(number)], "\(byNumber.text)")
            let byText = try await rest.call(.post, "/engine-rest/process-instance/count", json: #"{"variables": [{"name": "amount", "operator": "eq", "value": "1200"}]}"#)
            #expect(byText["count"] == .integer(1))
            let all = try await rest.call(.post, "/engine-rest/process-instance", json: #"{"processInstanceIds": ["\#(number)", "\#(text)"], "sorting": [{"sortBy": "businessKey", "sortOrder": "desc"}]}"#)
            #expect(all.json?.arrayValue.map { $0["businessKey"] } == [.string("B-2"), .string("B-1")])
            // Camunda's other operators: numbers with numbers, text with text, never across.
            let greater = try await rest.call(.post, "/engine-rest/process-instance", json: #"{"variables": [{"name": "amount", "operator": "gt", "value": 5}]}"#)
            #expect(greater.json?.arrayValue.map { $0["id"] } == [.string(number)], "\(greater.text)")
            let textually = try await rest.call(.get, "/engine-rest/process-instance?variables=amount_like_12%25")
            #expect(textually.json?.arrayValue.map { $0["id"] } == [.string(text)], "\(textually.text)")
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count?variables=AMOUNT_lteq_1200&variableNamesIgnoreCase=true")["count"] == .integer(1))
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count?variables=amount_neq_1200")["count"] == .integer(1), "the text differs from the number")
            let unknown = try await rest.call(.post, "/engine-rest/process-instance", json: #"{"variables": [{"name": "amount", "operator": "near", "value": 5}]}"#)
            #expect(unknown.status == .badRequest && unknown["message"]?.stringValue?.contains("'near'") == true)
        }
    }
}

/// The POST forms of `/history/process-instance` and `/variable-instance`, and
/// `deserializeValues`, which pycamunda sends by default (#15).
@Suite struct HistoryAndVariablePostQueryTests {
    @Test func historyAndVariablesAreQueriedWithAJSONBody() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let first = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: """
                {"businessKey": "B-1", "variables": {"plan": {"value": "gold"}}}
                """)["id"]?.stringValue)
            let second = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: """
                {"businessKey": "B-2", "variables": {"plan": {"value": "silver"}}}
                """)["id"]?.stringValue)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(second)").status == .noContent)

            let history = try await rest.call(.post, "/engine-rest/history/process-instance?maxResults=1", json: #"{"processDefinitionKey": "review", "sorting": [{"sortBy": "businessKey", "sortOrder": "desc"}]}"#)
            #expect(history.json?.arrayValue.map { $0["id"] } == [.string(second)], "\(history.text)")
            #expect(try await rest.call(.post, "/engine-rest/history/process-instance/count", json: #"{"finished": true}"#)["count"] == .integer(1))

            let variables = try await rest.call(.post, "/engine-rest/variable-instance?deserializeValues=false", json: #"{"processInstanceIdIn": ["\#(first)"], "variableName": "plan"}"#)
            #expect(variables.json?.arrayValue.map { $0["value"] } == [.string("gold")], "\(variables.text)")
            #expect(try await rest.call(.post, "/engine-rest/variable-instance/count", json: #"{"variableName": "plan"}"#)["count"] == .integer(1))
            #expect(try await rest.call(.get, "/engine-rest/variable-instance?deserializeValues=false&variableName=plan").json?.arrayValue.count == 1)
        }
    }
}
