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
        }
    }

    /// Without `processInstanceId`: every running instance and the element instances in it,
    /// filtered by activity, business key or definition, paged, counted, and authorized.
    @Test func executionsAreListedAcrossInstances() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("waiting.bpmn", Self.process)]).status == .ok)
            var instances: [String] = []
            for key in ["a", "b", "c"] {
                let started = try await rest.call(.post, "/engine-rest/process-definition/key/waiting/start", json: #"{"businessKey": "\#(key)"}"#)
                instances.append(try #require(started["id"]?.stringValue))
            }
            #expect(try await rest.call(.post, "/engine-rest/execution/\(instances[2])/signal", json: "{}").status == .noContent)

            let all = try #require(try await rest.call(.get, "/engine-rest/execution").json?.arrayValue)
            #expect(all.count == 6, "three instances, each with one waiting element")
            #expect(try await rest.call(.get, "/engine-rest/execution/count")["count"] == .integer(6))
            let waiting = try #require(try await rest.call(.get, "/engine-rest/execution?activityId=wait").json?.arrayValue)
            #expect(Set(waiting.compactMap { $0["processInstanceId"]?.stringValue }) == Set(instances.prefix(2)))
            #expect(try await rest.call(.get, "/engine-rest/execution/count?activityId=next")["count"] == .integer(1))
            let byKey = try #require(try await rest.call(.get, "/engine-rest/execution?businessKey=b").json?.arrayValue)
            #expect(byKey.map { $0["processInstanceId"] } == [.string(instances[1]), .string(instances[1])])
            #expect(try await rest.call(.get, "/engine-rest/execution/count?businessKey=b&activityId=wait")["count"] == .integer(1))
            let page = try #require(try await rest.call(.get, "/engine-rest/execution?firstResult=1&maxResults=2").json?.arrayValue)
            #expect(page.map { $0["id"] } == Array(all[1...2]).map { $0["id"] })
            #expect(try await rest.call(.get, "/engine-rest/execution?sortBy=tenantId&sortOrder=asc").status == .ok)
            #expect(try await rest.call(.get, "/engine-rest/execution?sortBy=businessKey&sortOrder=asc").status == .badRequest, "not an execution key in Camunda")
            #expect(try await rest.call(.get, "/engine-rest/execution?processDefinitionKey=other").json == .array([]))
            #expect(try await rest.call(.get, "/engine-rest/execution/count?processDefinitionKey=waiting")["count"] == .integer(6))
            #expect(try await rest.call(.get, "/engine-rest/execution/count?processDefinitionKey=other&activityId=wait")["count"] == .integer(0))
        }
    }
}
