import BatonModel
import Hummingbird
import Testing

/// `GET /execution` and `POST /execution/{id}/signal`, as Camunda clients trigger a receive task
/// that waits for no message.
@Suite struct ExecutionSignalTests {
    static let process = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <process id="waiting" isExecutable="true"><startEvent id="s" /><receiveTask id="wait" /><userTask id="next" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="wait" /><sequenceFlow id="f2" sourceRef="wait" targetRef="next" />
          <sequenceFlow id="f3" sourceRef="next" targetRef="e" /></process></definitions>
        """

    @Test func aWaitingReceiveTaskIsListedAndSignalled() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("waiting.bpmn", Self.process)]).status == .ok)
            let start = #"{"variables": {}}"#
            let first = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/waiting/start", json: start)["id"]?.stringValue)
            let second = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/waiting/start", json: start)["id"]?.stringValue)

            let executions = try await rest.call(.get, "/engine-rest/execution?processInstanceId=\(first)&activityId=wait")
            let execution = try #require(executions.json?.arrayValue.first?["id"]?.stringValue, "\(executions.text)")
            #expect(executions.json?.arrayValue.count == 1 && execution.hasPrefix("\(first):"))
            let signalled = try await rest.call(.post, "/engine-rest/execution/\(execution)/signal", json: #"{"variables": {"answer": {"value": 42}}}"#)
            #expect(signalled.status == .noContent, "\(signalled.text)")
            #expect(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(first)").json?.arrayValue.count == 1)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(first)/variables/answer")["value"] == .integer(42))
            #expect(try await rest.call(.post, "/engine-rest/execution/\(execution)/signal", json: "{}").status == .notFound, "it waits no more")

            // The instance's own id names its one waiting receive task.
            #expect(try await rest.call(.post, "/engine-rest/execution/\(second)/signal", json: "{}").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/execution?processInstanceId=\(second)&activityId=wait").json == .array([]))
            #expect(try await rest.call(.get, "/engine-rest/execution").status == .badRequest)
        }
    }
}
