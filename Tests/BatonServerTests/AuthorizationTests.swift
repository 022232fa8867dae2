import BatonEngine
import BatonModel
import BatonServer
import Hummingbird
import Testing

/// Camunda 7's authorizations: each guarded call once without and once with the grant it needs;
/// lists narrowed in their query; a revoke outweighs a grant at the same level, and a user's own
/// authorization outweighs their group's; a denied call changes nothing.
@Suite struct AuthorizationTests {
    static let other = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <process id="other" isExecutable="true"><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /></process></definitions>
        """

    func grant(_ ops: RestClient, user: String? = nil, group: String? = nil, type: Int = 1, resourceType: Int = 6, _ resource: String, _ permissions: [String]) async throws -> String {
        let who = user.map { #""userId": "\#($0)""# } ?? #""groupId": "\#(group!)""#
        let reply = try await ops.call(
            .post, "/engine-rest/authorization/create",
            json: #"{"type": \#(type), \#(who), "resourceType": \#(resourceType), "resourceId": "\#(resource)", "permissions": [\#(permissions.map { "\"\($0)\"" }.joined(separator: ", "))]}"#)
        #expect(reply.status == .ok, "\(reply.text)")
        return try #require(reply["id"]?.stringValue)
    }

    func ids(_ reply: RestClient.Reply) -> Set<String> { Set(reply.json?.arrayValue.compactMap { $0["id"]?.stringValue } ?? []) }

    @Test func readsShowOnlyWhatIsGrantedAndWritesNeedTheirPermission() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw"), bob = rest.as("bob", "bob-pw")
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval), ("other.bpmn", Self.other)]).status == .ok)
            let review = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/review/start",
                json: #"{"variables": {"salary": {"value": 98000}}}"#)["id"]?.stringValue)
            let other = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/other/start", json: "{}")["id"]?.stringValue)

            #expect(ids(try await bob.call(.get, "/engine-rest/process-instance")).isEmpty)
            #expect(try await bob.call(.get, "/engine-rest/history/variable-instance?variableName=salary").json == .array([]))
            #expect(try await bob.call(.get, "/engine-rest/process-instance/\(review)/variables").status == .forbidden)
            #expect(try await bob.call(.get, "/engine-rest/process-instance?variables=salary_eq_98000").json == .array([]), "no guessing at values")

            _ = try await grant(ops, user: "bob", "review", ["READ_INSTANCE", "READ_HISTORY"])
            #expect(ids(try await bob.call(.get, "/engine-rest/process-instance")) == [review], "only review's instances, not other's")
            #expect(try await bob.call(.get, "/engine-rest/process-instance/count")["count"] == .integer(1))
            #expect(ids(try await bob.call(.get, "/engine-rest/history/process-instance")) == [review])
            #expect(try await bob.call(.get, "/engine-rest/process-instance/\(review)/variables")["salary"]?["value"] == .integer(98000))
            #expect(try await bob.call(.get, "/engine-rest/process-instance/\(other)").status == .forbidden)
            #expect(try await bob.call(.get, "/engine-rest/history/activity-instance?processInstanceId=\(other)").json == .array([]))

            // Writes: each needs its own permission, and a denied one changes nothing.
            #expect(try await bob.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}").status == .forbidden)
            #expect(try await bob.call(.put, "/engine-rest/process-instance/\(review)/variables/salary", json: #"{"value": 1}"#).status == .forbidden)
            #expect(try await bob.call(.delete, "/engine-rest/process-instance/\(review)").status == .forbidden)
            #expect(try await ops.call(.get, "/engine-rest/process-instance/\(review)/variables/salary")["value"] == .integer(98000))
            #expect(try await ops.call(.get, "/engine-rest/process-instance/count")["count"] == .integer(2))
            _ = try await grant(ops, user: "bob", "review", ["CREATE_INSTANCE", "UPDATE_INSTANCE"])
            #expect(try await bob.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}").status == .ok)
            #expect(try await bob.call(.put, "/engine-rest/process-instance/\(review)/variables/salary", json: #"{"value": 1}"#).status == .noContent)
            #expect(try await bob.call(.post, "/engine-rest/process-definition/key/other/start", json: "{}").status == .forbidden)

            // A revoke outweighs a grant at the same level; deleting it restores the grant.
            let revoke = try await grant(ops, user: "bob", type: 2, "review", ["READ_INSTANCE"])
            #expect(ids(try await bob.call(.get, "/engine-rest/process-instance")).isEmpty)
            #expect(try await ops.call(.delete, "/engine-rest/authorization/\(revoke)").status == .noContent)
            #expect(ids(try await bob.call(.get, "/engine-rest/process-instance")).count == 2)

            // A group's grant on every definition, and the user's own revoke of one of them.
            _ = try await grant(ops, group: "approvers", "*", ["READ_HISTORY"])
            _ = try await grant(ops, user: "ann", type: 2, "other", ["READ_HISTORY"])
            #expect(ids(try await ann.call(.get, "/engine-rest/history/process-instance")).contains(review))
            #expect(!ids(try await ann.call(.get, "/engine-rest/history/process-instance")).contains(other))
            #expect(try await ann.call(.get, "/engine-rest/history/process-instance/count")["count"] == .integer(2), "review's two, not other's")

            // Authorizations themselves: the admin group's; others read and change none.
            #expect(try await bob.call(.get, "/engine-rest/authorization").json == .array([]))
            #expect(try await bob.call(.post, "/engine-rest/authorization/create",
                json: #"{"type": 1, "userId": "bob", "resourceType": 6, "resourceId": "*", "permissions": ["ALL"]}"#).status == .forbidden)
            #expect(try await ops.call(.get, "/engine-rest/authorization/count")["count"] == .integer(4))
            let check = try await bob.call(.get, "/engine-rest/authorization/check?permissionName=CREATE_INSTANCE&resourceType=6&resourceId=review")
            #expect(check["isAuthorized"] == .bool(true))
            let invalid = try await ops.call(.post, "/engine-rest/authorization/create",
                json: #"{"type": 1, "userId": "bob", "resourceType": 6, "resourceId": "review", "permissions": ["FLY"]}"#)
            #expect(invalid.status == .badRequest && (invalid["message"]?.stringValue ?? "").contains("'FLY' is not valid"), "\(invalid.text)")
        }
    }

    /// Camunda's ProcessInstance (8) and Task (7) resources: a grant on one instance or one task
    /// reaches that one, in lists and counts and for the calls it names, and no other.
    @Test func grantsOnOneInstanceOrOneTaskReachThatOneOnly() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), bob = rest.as("bob", "bob-pw")
            #expect(try await ops.deploy([("other.bpmn", Self.other)]).status == .ok)
            let start = #"{"variables": {"plan": {"value": "gold"}}}"#
            let first = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/other/start", json: start)["id"]?.stringValue)
            let second = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/other/start", json: start)["id"]?.stringValue)
            func task(of instance: String) async throws -> String {
                try #require(try await ops.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            }
            let firstTask = try await task(of: first), secondTask = try await task(of: second)

            // READ on one instance: it alone is listed, counted and read.
            #expect(ids(try await bob.call(.get, "/engine-rest/process-instance")).isEmpty)
            _ = try await grant(ops, user: "bob", resourceType: 8, first, ["READ"])
            #expect(ids(try await bob.call(.get, "/engine-rest/process-instance")) == [first])
            #expect(try await bob.call(.get, "/engine-rest/process-instance/count")["count"] == .integer(1))
            #expect(try await bob.call(.get, "/engine-rest/process-instance/\(first)").status == .ok)
            #expect(try await bob.call(.get, "/engine-rest/process-instance/\(second)").status == .forbidden)
            #expect(try await bob.call(.get, "/engine-rest/process-instance/\(first)/variables")["plan"]?["value"] == .string("gold"))
            #expect(try await bob.call(.get, "/engine-rest/process-instance/\(second)/variables").status == .forbidden)
            let variables = try await bob.call(.get, "/engine-rest/variable-instance?variableName=plan")
            #expect(variables.json?.arrayValue.compactMap { $0["processInstanceId"]?.stringValue } == [first])
            #expect(try await bob.call(.get, "/engine-rest/variable-instance/count")["count"] == .integer(1))
            #expect(try await bob.call(.get, "/engine-rest/execution/count?processInstanceId=\(second)")["count"] == .integer(0))
            let firstExecutions = try await ops.call(.get, "/engine-rest/execution/count?processInstanceId=\(first)")["count"]
            #expect(try await bob.call(.get, "/engine-rest/execution/count?processDefinitionKey=other")["count"] == firstExecutions, "the key and the grant together")
            #expect(try await ops.call(.get, "/engine-rest/execution/count?processDefinitionKey=other")["count"] == .integer(4), "two instances, each at its task")

            // UPDATE and DELETE on one instance: its variables change and it is cancelled; the
            // other's do not and it is not, and a denied call changes nothing.
            let set = #"{"value": "silver"}"#
            #expect(try await bob.call(.put, "/engine-rest/process-instance/\(first)/variables/plan", json: set).status == .forbidden)
            _ = try await grant(ops, user: "bob", resourceType: 8, first, ["UPDATE", "DELETE"])
            #expect(try await bob.call(.put, "/engine-rest/process-instance/\(first)/variables/plan", json: set).status == .noContent)
            #expect(try await bob.call(.put, "/engine-rest/process-instance/\(second)/variables/plan", json: set).status == .forbidden)
            #expect(try await ops.call(.get, "/engine-rest/process-instance/\(second)/variables/plan")["value"] == .string("gold"))
            #expect(try await bob.call(.delete, "/engine-rest/process-instance/\(second)").status == .forbidden)
            #expect(try await ops.call(.get, "/engine-rest/process-instance/count")["count"] == .integer(2))

            // A revoke on the instance outweighs the group's grant on every instance.
            _ = try await grant(ops, group: "approvers", resourceType: 8, "*", ["READ"])
            _ = try await grant(ops, user: "ann", type: 2, resourceType: 8, second, ["READ"])
            let ann = rest.as("ann", "ann-pw")
            #expect(ids(try await ann.call(.get, "/engine-rest/process-instance")) == [first])

            // Tasks: READ on one task lists it; TASK_ASSIGN hands it out, TASK_WORK completes it.
            #expect(ids(try await bob.call(.get, "/engine-rest/task")).isEmpty)
            _ = try await grant(ops, user: "bob", resourceType: 7, firstTask, ["READ"])
            #expect(ids(try await bob.call(.get, "/engine-rest/task")) == [firstTask])
            #expect(try await bob.call(.get, "/engine-rest/task/count")["count"] == .integer(1))
            #expect(try await bob.call(.get, "/engine-rest/task/\(firstTask)")["id"] == .string(firstTask))
            #expect(try await bob.call(.get, "/engine-rest/task/\(secondTask)").status == .forbidden)
            let assign = #"{"userId": "carol"}"#
            #expect(try await bob.call(.post, "/engine-rest/task/\(firstTask)/assignee", json: assign).status == .forbidden)
            #expect(try await bob.call(.post, "/engine-rest/task/\(firstTask)/complete", json: "{}").status == .forbidden)
            _ = try await grant(ops, user: "bob", resourceType: 7, firstTask, ["TASK_ASSIGN", "TASK_WORK"])
            #expect(try await bob.call(.post, "/engine-rest/task/\(firstTask)/assignee", json: assign).status == .noContent)
            #expect(try await bob.call(.post, "/engine-rest/task/\(secondTask)/assignee", json: assign).status == .forbidden)
            #expect(try await bob.call(.post, "/engine-rest/task/\(secondTask)/complete", json: "{}").status == .forbidden)
            #expect(try await bob.call(.post, "/engine-rest/task/\(firstTask)/complete", json: "{}").status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/history/process-instance/\(first)")["state"] == .string("COMPLETED"))
            #expect(try await ops.call(.get, "/engine-rest/task/\(secondTask)")["assignee"] == .null)

            // Each resource knows its own permissions.
            let invalid = try await ops.call(.post, "/engine-rest/authorization/create",
                json: #"{"type": 1, "userId": "bob", "resourceType": 8, "resourceId": "*", "permissions": ["READ_INSTANCE"]}"#)
            #expect(invalid.status == .badRequest && (invalid["message"]?.stringValue ?? "").contains("'ProcessInstance'"), "\(invalid.text)")
        }
    }

    @Test func correlationSignalsAndExternalTasksNeedTheirPermissionOnTheInstancesTheyReach() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw"), bob = rest.as("bob", "bob-pw")
            let worker = rest.bearer(SecurityTests.workerToken)
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let review = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let task = try #require(try await ann.call(.get, "/engine-rest/task?processInstanceId=\(review)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/complete", json: "{}").status == .noContent, "a candidate works on her task without a grant")

            // Taking over by message: the correlation is refused and nothing moves.
            let message = #"{"messageName": "documentsReceived", "processVariables": {"assignee": {"value": "bob"}}}"#
            #expect(try await bob.call(.post, "/engine-rest/message", json: message).status == .forbidden)
            #expect(try await ops.call(.get, "/engine-rest/event-subscription?processInstanceId=\(review)").json?.arrayValue.count == 1, "still waiting")
            #expect(try await ops.call(.get, "/engine-rest/process-instance/\(review)/variables/assignee").status == .notFound)
            _ = try await grant(ops, user: "bob", "review", ["UPDATE_INSTANCE"])
            #expect(try await bob.call(.post, "/engine-rest/message", json: message).status == .noContent)

            // A signal needs UPDATE_INSTANCE on every instance it reaches; refused, it reaches none.
            let signalModel = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <signal id="stop" name="stop" />
                  <process id="listener" isExecutable="true">
                    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
                    <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="stop" /></intermediateCatchEvent>
                    <sequenceFlow id="f2" sourceRef="wait" targetRef="stopped" /><userTask id="stopped" />
                  </process>
                  <process id="stopper" isExecutable="true">
                    <startEvent id="onStop"><signalEventDefinition signalRef="stop" /></startEvent>
                    <sequenceFlow id="g1" sourceRef="onStop" targetRef="cleanup" /><userTask id="cleanup" />
                  </process>
                </definitions>
                """
            #expect(try await ops.deploy([("signals.bpmn", signalModel)]).status == .ok)
            _ = try await ops.call(.post, "/engine-rest/process-definition/key/listener/start", json: "{}")
            let stop = #"{"name": "stop"}"#
            #expect(try await bob.call(.post, "/engine-rest/signal", json: stop).status == .forbidden)
            _ = try await grant(ops, user: "bob", "listener", ["UPDATE_INSTANCE"])
            #expect(try await bob.call(.post, "/engine-rest/signal", json: stop).status == .forbidden, "starting 'stopper' takes CREATE_INSTANCE")
            #expect(try await ops.call(.get, "/engine-rest/event-subscription/count?eventType=signal")["count"] == .integer(1), "nothing delivered")
            _ = try await grant(ops, user: "bob", "stopper", ["CREATE_INSTANCE"])
            #expect(try await bob.call(.post, "/engine-rest/signal", json: stop).status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/task/count?taskDefinitionKey=stopped")["count"] == .integer(1))
            #expect(try await ops.call(.get, "/engine-rest/task/count?taskDefinitionKey=cleanup")["count"] == .integer(1))

            // External tasks: locking and completing them takes READ_INSTANCE and UPDATE_INSTANCE.
            let fetch = #"{"workerId": "w1", "maxTasks": 5, "topics": [{"topicName": "archive", "lockDuration": 60000}]}"#
            #expect(try await worker.call(.post, "/engine-rest/external-task/fetchAndLock", json: fetch).json == .array([]))
            _ = try await grant(ops, user: "worker", "review", ["READ_INSTANCE"])
            #expect(try await worker.call(.post, "/engine-rest/external-task/fetchAndLock", json: fetch).json == .array([]), "reading is not enough")
            _ = try await grant(ops, user: "worker", "review", ["UPDATE_INSTANCE"])
            let locked = try await worker.call(.post, "/engine-rest/external-task/fetchAndLock", json: fetch)
            let externalTask = try #require(locked.json?.arrayValue.first?["id"]?.stringValue, "\(locked.text)")
            #expect(try await ann.call(.post, "/engine-rest/external-task/\(externalTask)/complete", json: #"{"workerId": "w1"}"#).status == .forbidden)
            #expect(try await worker.call(.post, "/engine-rest/external-task/\(externalTask)/complete", json: #"{"workerId": "w1"}"#).status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/history/process-instance/\(review)")["state"] == .string("COMPLETED"))
        }
    }

    @Test func firstGrantsComeFromConfigurationOnceAndABadEntryIsNamed() async throws {
        let grants = try AuthorizationBootstrap.parse(
            "grant:group=approvers:ProcessDefinition:review:READ_INSTANCE, READ_HISTORY; global:*:9:*:READ")
        #expect(grants.map(\.groupID) == ["approvers", nil] && grants.map(\.userID) == [nil, "*"])
        #expect(grants.first?.permissions == ["READ_INSTANCE", "READ_HISTORY"] && grants.last?.resourceType == 9)
        #expect(throws: CredentialsError.self) { try AuthorizationBootstrap.parse("grant:bob:ProcessDefinition:review:READ") }
        let harness = try await RestHarness.make()
        #expect(try await AuthorizationBootstrap.apply(grants, to: harness.runtime) == 2)
        #expect(try await AuthorizationBootstrap.apply(grants, to: harness.runtime) == 0, "a restart creates nothing twice")
        let unknown = try AuthorizationBootstrap.parse("grant:user=bob:ProcessDefinition:review:FLY")
        await #expect(throws: EngineError.self) { try await AuthorizationBootstrap.apply(unknown, to: harness.runtime) }
    }
}
