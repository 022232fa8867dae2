import Foundation
import BatonModel
import Hummingbird
import Testing

/// The last of Camunda's query parameters Baton lacked (#15): a call hierarchy's root, who
/// started an instance, jobs retrying, when activities and jobs ran, deleted incidents, a task's
/// last update, executions by what they wait for, and a delete that leaves called instances
/// running (`skipSubprocesses`).
@Suite struct CallHierarchyAPITests {
    static let processes = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="top" isExecutable="true">
            <startEvent id="ts" /><callActivity id="callLeaf" calledElement="leaf" /><endEvent id="te" />
            <sequenceFlow id="t1" sourceRef="ts" targetRef="callLeaf" /><sequenceFlow id="t2" sourceRef="callLeaf" targetRef="te" />
          </process>
          <process id="leaf" isExecutable="true">
            <startEvent id="ls" /><userTask id="review" camunda:candidateGroups="approvers" /><endEvent id="le" />
            <sequenceFlow id="l1" sourceRef="ls" targetRef="review" /><sequenceFlow id="l2" sourceRef="review" targetRef="le" />
          </process>
          <process id="work" isExecutable="true">
            <startEvent id="ws" />
            <serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${unregisteredHandler}">
              <extensionElements><camunda:failedJobRetryTimeCycle>R2/PT1M</camunda:failedJobRetryTimeCycle></extensionElements>
            </serviceTask>
            <endEvent id="we" /><sequenceFlow id="w1" sourceRef="ws" targetRef="publish" /><sequenceFlow id="w2" sourceRef="publish" targetRef="we" />
          </process>
          <process id="waiter" isExecutable="true">
            <startEvent id="as" /><intermediateCatchEvent id="ping"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
            <endEvent id="ae" /><sequenceFlow id="a1" sourceRef="as" targetRef="ping" /><sequenceFlow id="a2" sourceRef="ping" targetRef="ae" />
          </process>
          <message id="m" name="ping" />
        </definitions>
        """

    @Test func callHierarchiesStartersJobsIncidentsAndUpdatesAreFoundByCamundasParameters() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { anonymous in
            let rest = anonymous.as("ops", "ops-pw")
            #expect(try await rest.deploy([("hierarchy.bpmn", Self.processes)]).status == .ok)
            func ids(_ path: String) async throws -> [String] {
                let reply = try await rest.call(.get, path)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
                return reply.json?.arrayValue.compactMap { $0["id"]?.stringValue }.sorted() ?? []
            }
            func count(_ path: String) async throws -> Int64 {
                let reply = try await rest.call(.get, path)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
                if case .integer(let count)? = reply["count"] { return count }
                return -1
            }

            // A call hierarchy: its root finds both instances, the called one finds none.
            let top = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/top/start", json: "{}")["id"]?.stringValue)
            let leaf = try #require(try await ids("/engine-rest/process-instance?superProcessInstance=\(top)").first)
            #expect(try await ids("/engine-rest/process-instance?rootProcessInstanceId=\(top)") == [top, leaf].sorted())
            #expect(try await count("/engine-rest/process-instance/count?rootProcessInstanceId=\(leaf)") == 0, "the called instance tops no hierarchy")
            #expect(try await ids("/engine-rest/history/process-instance?rootProcessInstanceId=\(top)") == [top, leaf].sorted())
            let leafHistory = try await rest.call(.get, "/engine-rest/history/process-instance/\(leaf)")
            #expect(leafHistory["rootProcessInstanceId"] == .string(top) && leafHistory["superProcessInstanceId"] == .string(top))
            #expect(leafHistory["startUserId"] == .string("ops"), "the signed-in user started it through its caller")
            #expect(try await count("/engine-rest/history/task/count?rootProcessInstanceId=\(top)") == 1)
            #expect(try await count("/engine-rest/history/process-instance/count?startedBy=ops") == 2)
            #expect(try await count("/engine-rest/history/process-instance/count?startedBy=ann") == 0)

            // A task's last update: none at its creation, its claim's time after it.
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(leaf)").json?.arrayValue.first)
            let taskID = try #require(task["id"]?.stringValue), created = try #require(task["created"]?.stringValue)
            #expect(task["lastUpdated"] == .null)
            let createdParameter = created.replacingOccurrences(of: "+", with: "%2B")
            #expect(try await count("/engine-rest/task/count?updatedAfter=\(createdParameter)") == 0, "created then, and not changed since")
            try await Task.sleep(for: .milliseconds(5))
            #expect(try await rest.call(.post, "/engine-rest/task/\(taskID)/claim", json: #"{"userId": "ann"}"#).status == .noContent)
            let claimed = try await rest.call(.get, "/engine-rest/task/\(taskID)")
            let updated = try #require(claimed["lastUpdated"]?.stringValue)
            #expect(updated > created, "\(updated) after \(created)")
            #expect(try await ids("/engine-rest/task?updatedAfter=\(createdParameter)") == [taskID])
            #expect(try await count("/engine-rest/task/count?updatedAfter=\(updated.replacingOccurrences(of: "+", with: "%2B"))") == 0)

            // Deleted without its called instance: the leaf runs on and ends on its own.
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(top)?skipSubprocesses=true").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/history/process-instance/\(top)")["state"] == .string("EXTERNALLY_TERMINATED"))
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(leaf)").status == .ok)
            let completed = try await rest.call(.post, "/engine-rest/task/\(taskID)/complete", json: "{}")
            #expect(completed.status == .noContent, "nothing waits for the leaf any more: \(completed.text)")
            #expect(try await rest.call(.get, "/engine-rest/history/process-instance/\(leaf)")["state"] == .string("COMPLETED"))
            // Without it, the delete takes the called instance along.
            let second = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/top/start", json: "{}")["id"]?.stringValue)
            let secondLeaf = try #require(try await ids("/engine-rest/process-instance?superProcessInstance=\(second)").first)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(second)?skipSubprocesses=false").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/history/process-instance/\(secondLeaf)")["state"] == .string("EXTERNALLY_TERMINATED"))

            // A job failing with retries left, then with none: an incident, deleted with its instance.
            let work = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/work/start", json: "{}")["id"]?.stringValue)
            let waiter = try #require(
                try await rest.call(.post, "/engine-rest/process-definition/key/waiter/start", json: #"{"variables": {"n": {"value": 1, "type": "Integer"}}}"#)["id"]?
                    .stringValue)
            #expect(try await ids("/engine-rest/history/process-instance?withJobsRetrying=true") == [])
            #expect(try await ids("/engine-rest/history/process-instance?executedJobAfter=2000-01-01T00:00:00.000%2B0000") == [])
            let job = try #require(try await ids("/engine-rest/job?processInstanceId=\(work)").first)
            _ = try await rest.call(.post, "/engine-rest/job/\(job)/execute")
            #expect(try await ids("/engine-rest/history/process-instance?withJobsRetrying=true") == [work])
            #expect(try await ids("/engine-rest/history/process-instance?executedJobAfter=2000-01-01T00:00:00.000%2B0000") == [work])
            #expect(try await ids("/engine-rest/history/process-instance?executedJobBefore=2000-01-01T00:00:00.000%2B0000") == [])
            #expect(try await count("/engine-rest/history/process-instance/count?executedActivityAfter=2000-01-01T00:00:00.000%2B0000") == 6)
            #expect(try await count("/engine-rest/history/process-instance/count?executedActivityBefore=2000-01-01T00:00:00.000%2B0000") == 0)
            _ = try await rest.call(.post, "/engine-rest/job/\(job)/execute")
            #expect(try await ids("/engine-rest/history/process-instance?withJobsRetrying=true") == [], "no retries left")
            #expect(try await count("/engine-rest/incident/count?processInstanceId=\(work)") == 1)

            // Executions by what they wait for, their incidents and their own variables.
            #expect(try await ids("/engine-rest/execution?messageEventSubscriptionName=ping") == [waiter])
            #expect(try await ids("/engine-rest/execution?signalEventSubscriptionName=ping") == [])
            #expect(try await ids("/engine-rest/execution?incidentType=failedJob") == [work])
            #expect(try await ids("/engine-rest/execution?incidentMessageLike=%25unregisteredHandler%25") == [work])
            #expect(try await ids("/engine-rest/execution?incidentId=nope") == [])
            #expect(try await ids("/engine-rest/execution?variables=n_eq_1") == [waiter])
            #expect(try await count("/engine-rest/execution/count?variables=n_gt_1") == 0)
            #expect(try await count("/engine-rest/execution/count?messageEventSubscriptionName=ping") == 1)
            #expect(try await count("/engine-rest/execution/count?tenantIdIn=t1") == 0)
            #expect(try await rest.call(.get, "/engine-rest/execution?variables=n_is_1").status == .badRequest)

            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(work)").status == .noContent)
            let incidents = try await rest.call(.get, "/engine-rest/history/incident?processInstanceId=\(work)")
            let incident = try #require(incidents.json?.arrayValue.first)
            #expect(incident["deleted"] == .bool(true) && incident["resolved"] == .bool(false) && incident["open"] == .bool(false), "\(incidents.text)")
            #expect(try await count("/engine-rest/history/incident/count?processInstanceId=\(work)&deleted=true") == 1)
            #expect(try await count("/engine-rest/history/incident/count?processInstanceId=\(work)&resolved=true") == 0)
            #expect(try await count("/engine-rest/history/incident/count?processInstanceId=\(work)&open=true") == 0)
            #expect(try await count("/engine-rest/history/incident/count?processInstanceId=\(work)&open=true&deleted=true") == 1, "the last state named wins")
        }
    }
}
