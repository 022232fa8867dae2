import BatonModel
import Hummingbird
import Testing

/// One external task or job by id, its error details or stack trace, and an external task's
/// retries, as Camunda's REST reference gives them (#15).
@Suite struct JobDetailAPITests {
    static let process = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="work" isExecutable="true">
            <startEvent id="start" /><serviceTask id="charge" camunda:type="external" camunda:topic="payments" />
            <serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${unregisteredHandler}">
              <extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle></extensionElements>
            </serviceTask>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="charge" /><sequenceFlow id="f2" sourceRef="charge" targetRef="publish" />
            <sequenceFlow id="f3" sourceRef="publish" targetRef="end" />
          </process>
        </definitions>
        """

    @Test func externalTasksAndJobsAreReadOneByOneWithWhatTheirFailureSaid() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("work.bpmn", Self.process)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/work/start", json: "{}")["id"]?.stringValue)
            let locked = try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: """
                {"workerId": "w1", "maxTasks": 1, "topics": [{"topicName": "payments", "lockDuration": 60000}]}
                """)
            let taskID = try #require(locked.json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/external-task/\(taskID)")["topicName"] == .string("payments"))
            #expect(try await rest.call(.get, "/engine-rest/external-task/count")["count"] == .integer(1), "count is not taken for an id")

            let failure = try await rest.call(.post, "/engine-rest/external-task/\(taskID)/failure", json: """
                {"workerId": "w1", "errorMessage": "card declined", "errorDetails": "PaymentError: declined\\n  at charge (payments.py:42)", "retries": 0}
                """)
            #expect(failure.status == .noContent, "\(failure.text)")
            let task = try await rest.call(.get, "/engine-rest/external-task/\(taskID)")
            #expect(task["errorMessage"] == .string("card declined") && task["retries"] == .integer(0))
            let details = try await rest.call(.get, "/engine-rest/external-task/\(taskID)/errorDetails")
            #expect(details.status == .ok && details.text == "PaymentError: declined\n  at charge (payments.py:42)")
            #expect(try await rest.call(.get, "/engine-rest/incident?processInstanceId=\(instance)").json?.arrayValue.count == 1)

            #expect(try await rest.call(.put, "/engine-rest/external-task/\(taskID)/retries", json: #"{"retries": 2}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/external-task/\(taskID)")["retries"] == .integer(2))
            #expect(try await rest.call(.get, "/engine-rest/incident?processInstanceId=\(instance)").json == .array([]), "retries resolve the incident")
            #expect(try await rest.call(.put, "/engine-rest/external-task/\(taskID)/retries", json: #"{"retries": -1}"#).status == .badRequest)
            #expect(try await rest.call(.get, "/engine-rest/external-task/nope").status == .notFound)

            let again = try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: """
                {"workerId": "w1", "maxTasks": 1, "topics": [{"topicName": "payments", "lockDuration": 60000}]}
                """)
            #expect(again.json?.arrayValue.count == 1)
            #expect(try await rest.call(.post, "/engine-rest/external-task/\(taskID)/complete", json: #"{"workerId": "w1"}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/external-task/\(taskID)/errorDetails").status == .notFound, "its details went with it")

            let jobID = try #require(try await rest.call(.get, "/engine-rest/job?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/job/\(jobID)/stacktrace").status == .notFound, "it has not failed yet")
            _ = try await rest.call(.post, "/engine-rest/job/\(jobID)/execute")
            let job = try await rest.call(.get, "/engine-rest/job/\(jobID)")
            #expect(job["id"] == .string(jobID) && job["exceptionMessage"]?.stringValue?.contains("unregisteredHandler") == true)
            let trace = try await rest.call(.get, "/engine-rest/job/\(jobID)/stacktrace")
            #expect(trace.status == .ok && trace.text.contains("unregisteredHandler"), "\(trace.text)")
            #expect(try await rest.call(.get, "/engine-rest/job/count")["count"] == .integer(1))
            #expect(try await rest.call(.put, "/engine-rest/job/\(jobID)/priority", json: #"{"priority": -7}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/job/\(jobID)")["priority"] == .integer(-7))
            #expect(try await rest.call(.get, "/engine-rest/job/nope").status == .notFound)
        }
    }
}
