import BatonEngine
import BatonModel
import Hummingbird
import Testing

/// `PUT /external-task/retries`: Camunda's bulk form, over named tasks, the tasks of named or
/// queried instances, and an external-task query, all in one transaction.
@Suite struct ExternalTaskRetriesAPITests {
    static let worker = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="publish" isExecutable="true">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="push" />
            <serviceTask id="push" camunda:type="external" camunda:topic="aidbox" /><sequenceFlow id="f2" sourceRef="push" targetRef="e" /><endEvent id="e" />
          </process>
        </definitions>
        """

    @Test func retriesAreSetForEveryTaskSelectedOrForNone() async throws {
        let harness = try await RestHarness.make()
        try await harness.run { rest in
            #expect(try await rest.deploy([("publish.bpmn", Self.worker)]).status == .ok)
            var instances: [String] = []
            for key in ["a", "b", "c", "d"] {
                instances.append(try #require(try await rest.call(.post, "/engine-rest/process-definition/key/publish/start", json: #"{"businessKey": "\#(key)"}"#)["id"]?.stringValue))
            }
            let tasks = try #require(try await rest.call(.get, "/engine-rest/external-task?sortBy=id&sortOrder=asc").json?.arrayValue)
            func task(of instance: String) -> String { tasks.first { $0["processInstanceId"]?.stringValue == instance }?["id"]?.stringValue ?? "" }
            func retries(_ instance: String) async throws -> JSONValue? { try await rest.call(.get, "/engine-rest/external-task/\(task(of: instance))")["retries"] }

            let untouched = try await retries(instances[3])
            let body = #"""
                {"retries": 2, "externalTaskIds": ["\#(task(of: instances[0]))"], "processInstanceIds": ["\#(instances[1])"],
                 "processInstanceQuery": {"businessKey": "c"}}
                """#
            #expect(try await rest.call(.put, "/engine-rest/external-task/retries", json: body).status == .noContent)
            #expect(try await retries(instances[0]) == .integer(2))
            #expect(try await retries(instances[1]) == .integer(2))
            #expect(try await retries(instances[2]) == .integer(2))
            #expect(try await retries(instances[3]) == untouched && untouched != .integer(2), "not selected")
            #expect(try await rest.call(.put, "/engine-rest/external-task/retries", json: #"{"retries": 0, "externalTaskQuery": {"topicName": "aidbox"}}"#).status == .noContent)
            for instance in instances { #expect(try await retries(instance) == .integer(0)) }

            let refusals: [(String, HTTPResponse.Status, String)] = [
                (#"{"retries": 1}"#, .badRequest, "externalTaskIds is empty"),
                (#"{"retries": -1, "externalTaskIds": ["x"]}"#, .badRequest, "zero or more"),
                (#"{"retries": 1, "externalTaskIds": ["\#(task(of: instances[0]))", "gone"]}"#, .notFound, "gone"),
                (#"{"retries": 1, "externalTaskQuery": {"topic": "x"}}"#, .badRequest, "topic"),
            ]
            for (body, status, message) in refusals {
                let reply = try await rest.call(.put, "/engine-rest/external-task/retries", json: body)
                #expect(reply.status == status && reply["message"]?.stringValue?.contains(message) == true, "\(body): \(reply.text)")
            }
            #expect(try await retries(instances[0]) == .integer(0), "a refused call sets nothing")
            let historic = #"{"retries": 1, "historicProcessInstanceQuery": {"processInstanceBusinessKey": "d"}}"#
            #expect(try await rest.call(.put, "/engine-rest/external-task/retries", json: historic).status == .noContent)
            #expect(try await retries(instances[3]) == .integer(1))
            #expect(try await retries(instances[2]) == .integer(0))

            // The same as a batch: recorded at once, done by the job worker a task at a time.
            let async = #"{"retries": 4, "processInstanceIds": ["\#(instances[0])", "\#(instances[1])"]}"#
            let batch = try await rest.call(.post, "/engine-rest/external-task/retries-async", json: async)
            #expect(batch["type"] == .string("set-external-task-retries") && batch["totalJobs"] == .integer(2), "\(batch.text)")
            #expect(try await retries(instances[0]) == .integer(0), "not yet: the worker has not run")
            #expect(try await harness.runtime.runBatchItems() == 2)
            #expect(try await retries(instances[0]) == .integer(4))
            #expect(try await retries(instances[1]) == .integer(4))
            #expect(try await rest.call(.post, "/engine-rest/external-task/retries-async", json: #"{"retries": 1}"#).status == .badRequest)

            // A priority of its own, as workers fetching with usePriority see it.
            let first = task(of: instances[0])
            #expect(try await rest.call(.put, "/engine-rest/external-task/\(first)/priority", json: #"{"priority": 900}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/external-task/\(first)")["priority"] == .integer(900))
            let fetched = try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: #"{"workerId": "w", "maxTasks": 1, "usePriority": true, "topics": [{"topicName": "aidbox", "lockDuration": 1000}]}"#)
            #expect(fetched.json?.arrayValue.first?["id"] == .string(first), "\(fetched.text)")
            #expect(try await rest.call(.put, "/engine-rest/external-task/\(first)/priority", json: #"{"priority": "high"}"#).status == .badRequest)
            #expect(try await rest.call(.put, "/engine-rest/external-task/\(first)/priority", json: "{}").status == .badRequest)
            #expect(try await rest.call(.put, "/engine-rest/external-task/gone/priority", json: #"{"priority": 1}"#).status == .notFound)
            #expect(try await rest.call(.put, "/engine-rest/job/\(first)/priority", json: #"{"priority": 1}"#).status == .notFound, "an external task is no job")
        }
    }

    /// Camunda's further `/external-task` and `/job` filters: who holds a task and until when,
    /// lists of ids and keys, and failed jobs by message and time.
    @Test func externalTasksAreFoundByWorkerLockAndKeys() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("publish.bpmn", Self.worker)]).status == .ok)
            var instances: [String] = []
            for key in ["a", "b"] {
                instances.append(try #require(try await rest.call(.post, "/engine-rest/process-definition/key/publish/start", json: #"{"businessKey": "\#(key)"}"#)["id"]?.stringValue))
            }
            let locked = try await rest.call(
                .post, "/engine-rest/external-task/fetchAndLock",
                json: #"{"workerId": "aidbox-worker", "maxTasks": 1, "topics": [{"topicName": "aidbox", "lockDuration": 60000, "businessKey": "a"}]}"#)
            let held = try #require(locked.json?.arrayValue.first?["id"]?.stringValue)
            func ids(_ query: String) async throws -> Set<String> {
                let reply = try await rest.call(.get, "/engine-rest/external-task?\(query)")
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                return Set(reply.json?.arrayValue.compactMap { $0["id"]?.stringValue } ?? [])
            }
            let all = try await ids("topicName=aidbox")
            let free = try #require(all.subtracting([held]).first)
            #expect(try await ids("locked=true") == [held])
            #expect(try await ids("notLocked=true") == [free])
            #expect(try await ids("workerId=aidbox-worker") == [held])
            #expect(try await ids("lockExpirationAfter=2000-01-01T00:00:00.000%2B0000") == [held])
            #expect(try await ids("processInstanceIdIn=\(instances[1])&processDefinitionKeyIn=publish,other") == [free])
            #expect(try await ids("externalTaskIdIn=\(held)&activityIdIn=push") == [held])
            #expect(try await ids("processDefinitionNameLike=%25").count == 0, "the model has no name")
            #expect(try await ids("tenantIdIn=t1") == [])
            #expect(try await ids("processVariables=missing_eq_1") == [], "no instance has the variable")
            let task = try await rest.call(.get, "/engine-rest/external-task/\(held)")
            #expect(task["workerId"] == .string("aidbox-worker") && task["lockExpirationTime"] != .null && task["activityInstanceId"] != .null)

            #expect(try await rest.call(.get, "/engine-rest/job?dueDates=lt_2000-01-01T00:00:00.000%2B0000").json == .array([]))
            #expect(try await rest.call(.get, "/engine-rest/job?dueDates=before_x").status == .badRequest)
            #expect(try await rest.call(.get, "/engine-rest/job?jobDefinitionId=nonsense").status == .badRequest)
            #expect(try await rest.call(.get, "/engine-rest/job/count?withException=true&acquired=false")["count"] == .integer(0))
        }
    }
}
