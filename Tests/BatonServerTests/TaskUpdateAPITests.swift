import BatonModel
import Hummingbird
import Testing

/// `PUT /task/{id}` as Tasklist calls it (the task's JSON back, with a new due date, name or
/// priority), the candidate-group report, and a variable instance by id (#15).
@Suite struct TaskUpdateAPITests {
    static let twoGroups = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="triage" isExecutable="true">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sort" />
            <userTask id="sort" camunda:candidateGroups="approvers,clerks" /><sequenceFlow id="f2" sourceRef="sort" targetRef="file" />
            <userTask id="file" /><sequenceFlow id="f3" sourceRef="file" targetRef="e" /><endEvent id="e" />
          </process>
        </definitions>
        """

    @Test func aTaskTakesItsNewPropertiesAndHistoryFollows() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw"), bob = rest.as("bob", "bob-pw")
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let task = try #require(try await ops.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/claim", json: #"{"userId": "ann"}"#).status == .noContent)

            // Tasklist sends the task back whole, with what the user changed.
            guard case .object(var members)? = try await ann.call(.get, "/engine-rest/task/\(task)").json else { Issue.record("no task"); return }
            func set(_ key: String, _ value: JSONValue) { members = members.map { $0.key == key ? .init(key, value) : $0 } }
            set("name", .string("Approve plan 42"))
            set("due", .string("2027-03-01T12:00:00.000+0000"))
            set("followUp", .string("2027-02-20T08:00:00.000+0000"))
            set("priority", .integer(80))
            set("description", .string("Check the deductible"))
            #expect(try await ann.call(.put, "/engine-rest/task/\(task)", json: JSONText.render(.object(members))).status == .noContent)
            let updated = try await ann.call(.get, "/engine-rest/task/\(task)")
            #expect(updated["name"] == .string("Approve plan 42") && updated["priority"] == .integer(80) && updated["assignee"] == .string("ann"))
            #expect(updated["due"] == .string("2027-03-01T12:00:00.000+0000") && updated["followUp"] == .string("2027-02-20T08:00:00.000+0000"))
            #expect(updated["description"] == .string("Check the deductible"))
            let sorted = try await ops.call(.get, "/engine-rest/task?sortBy=priority&sortOrder=desc&dueBefore=2027-03-02T00:00:00.000%2B0000")
            #expect(sorted.json?.arrayValue.first?["id"] == .string(task), "\(sorted.text)")
            let historic = try await ops.call(.get, "/engine-rest/history/task?taskId=\(task)").json?.arrayValue.first
            #expect(historic?["name"] == .string("Approve plan 42") && historic?["priority"] == .integer(80))

            // As in Camunda, what the body leaves out is cleared: the assignee, the priority to 0.
            #expect(try await ops.call(.put, "/engine-rest/task/\(task)", json: #"{"name": "Approve"}"#).status == .noContent)
            let cleared = try await ops.call(.get, "/engine-rest/task/\(task)")
            #expect(cleared["assignee"] == .null && cleared["priority"] == .integer(0) && cleared["due"] == .null)

            let refusals: [(RestClient, String, String, HTTPResponse.Status, String)] = [
                (ops, task, #"{"parentTaskId": "t1"}"#, .badRequest, "no parentTaskId"),
                (ops, task, #"{"delegationState": "LATER"}"#, .badRequest, "PENDING, RESOLVED or null"),
                (ops, task, #"{"priority": 3000000000}"#, .badRequest, "32-bit"),
                (ops, task, #"{"due": "soon"}"#, .badRequest, "'due'"),
                (ops, task, #"{"nickname": "x"}"#, .badRequest, "nickname"),
                (ops, "nope", #"{"name": "x"}"#, .notFound, "nope"),
                (bob, task, #"{"name": "mine"}"#, .forbidden, "bob"),
                (ann, task, #"{"name": "x", "assignee": "bob"}"#, .forbidden, "may not change who task"),
            ]
            for (client, id, body, status, message) in refusals {
                let reply = try await client.call(.put, "/engine-rest/task/\(id)", json: body)
                #expect(reply.status == status && reply["message"]?.stringValue?.contains(message) == true, "\(body): \(reply.text)")
            }
            #expect(try await ops.call(.get, "/engine-rest/task/\(task)")["name"] == .string("Approve"), "refused updates changed nothing")
            #expect(try await ann.call(.put, "/engine-rest/task/\(task)", json: #"{"name": "Approve", "assignee": "ann"}"#).status == .noContent, "taking it herself")
        }
    }

    @Test func theCandidateGroupReportCountsOpenTasksPerGroup() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval), ("triage.bpmn", Self.twoGroups)]).status == .ok)
            for key in ["review", "review", "triage"] {
                #expect(try await rest.call(.post, "/engine-rest/process-definition/key/\(key)/start", json: "{}").status == .ok)
            }
            // The triage task moves on to 'file', offered to no group.
            let sort = try #require(try await rest.call(.get, "/engine-rest/task?taskDefinitionKey=sort").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/task/report/candidate-group-count").json == .array([
                .object([.init("groupName", .string("approvers")), .init("taskCount", .integer(3))]),
                .object([.init("groupName", .string("clerks")), .init("taskCount", .integer(1))]),
            ]))
            #expect(try await rest.call(.post, "/engine-rest/task/\(sort)/complete", json: "{}").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/task/report/candidate-group-count").json == .array([
                .object([.init("groupName", .string("approvers")), .init("taskCount", .integer(2))]),
                .object([.init("groupName", .null), .init("taskCount", .integer(1))]),
            ]))
        }
    }

    @Test func aVariableInstanceIsFoundByItsID() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let started = try await rest.call(
                .post, "/engine-rest/process-definition/key/review/start", json: #"{"variables": {"amount": {"value": 7, "type": "Long"}, "12:odd": {"value": "colon"}}}"#)
            let instance = try #require(started["id"]?.stringValue)
            for name in ["amount", "12:odd"] {
                let listed = try await rest.call(.get, "/engine-rest/variable-instance?processInstanceIdIn=\(instance)&variableName=\(name.replacingColon)")
                let id = try #require(listed.json?.arrayValue.first?["id"]?.stringValue)
                let found = try await rest.call(.get, "/engine-rest/variable-instance/\(id.replacingColon)")
                #expect(found["name"] == .string(name) && found["id"] == .string(id), "\(found.text)")
            }
            #expect(try await rest.call(.get, "/engine-rest/variable-instance/\(instance):nope").status == .notFound)
            #expect(try await rest.call(.get, "/engine-rest/variable-instance/garbage").status == .notFound)
        }
    }
}

extension String {
    fileprivate var replacingColon: String { split(separator: ":", omittingEmptySubsequences: false).joined(separator: "%3A") }
}
