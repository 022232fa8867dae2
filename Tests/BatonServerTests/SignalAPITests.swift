import BatonModel
import Hummingbird
import Testing

/// `POST /signal` over HTTP, as Camunda's signal REST reference describes it, and `POST
/// /message`'s `ttl` (Baton's extension).
@Suite struct SignalAPITests {
    static let processes = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <signal id="alert" name="alert" />
          <process id="waiter" isExecutable="true">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="alert" /></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="alerted" />
            <userTask id="alerted" />
          </process>
          <process id="starter" isExecutable="true">
            <startEvent id="onAlert"><signalEventDefinition signalRef="alert" /></startEvent>
            <sequenceFlow id="g1" sourceRef="onAlert" targetRef="triage" />
            <userTask id="triage" />
          </process>
        </definitions>
        """

    @Test func aSignalReachesWaitingInstancesAndStartsProcesses() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("signals.bpmn", Self.processes)]).status == .ok)
            let first = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/waiter/start", json: "{}")["id"]?.stringValue)
            let second = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/waiter/start", json: "{}")["id"]?.stringValue)
            let waiting = try await rest.call(.get, "/engine-rest/event-subscription?eventType=signal")
            #expect(waiting.json?.arrayValue.map { $0["eventType"] } == [.string("signal"), .string("signal")], "\(waiting.text)")
            #expect(try await rest.call(.get, "/engine-rest/event-subscription/count?eventType=message")["count"] == .integer(0))

            // To one execution: only that instance moves, and the signal's variables come along.
            let one = try await rest.call(.post, "/engine-rest/signal", json: #"{"name": "alert", "executionId": "\#(first)", "variables": {"level": {"value": 2}}}"#)
            #expect(one.status == .noContent, "\(one.text)")
            #expect(try await rest.call(.get, "/engine-rest/task/count?processInstanceId=\(first)&taskDefinitionKey=alerted")["count"] == .integer(1))
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(first)/variables/level")["value"] == .integer(2))
            #expect(try await rest.call(.get, "/engine-rest/task/count?taskDefinitionKey=triage")["count"] == .integer(0), "no start by execution")

            // To everyone: the other waiting instance moves and the signal start event starts one.
            #expect(try await rest.call(.post, "/engine-rest/signal", json: #"{"name": "alert"}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/task/count?processInstanceId=\(second)&taskDefinitionKey=alerted")["count"] == .integer(1))
            #expect(try await rest.call(.get, "/engine-rest/task/count?taskDefinitionKey=triage")["count"] == .integer(1))
            #expect(try await rest.call(.post, "/engine-rest/signal", json: #"{"name": "nobody"}"#).status == .noContent, "no receiver is no error")

            let unnamed = try await rest.call(.post, "/engine-rest/signal", json: #"{"variables": {}}"#)
            #expect(unnamed.status == .badRequest && unnamed["message"] == .string("No signal name given") && unnamed["type"] == .string("InvalidRequestException"))
            let tenantAndExecution = try await rest.call(.post, "/engine-rest/signal", json: #"{"name": "alert", "executionId": "x", "tenantId": "a"}"#)
            #expect(tenantAndExecution.status == .badRequest, "\(tenantAndExecution.text)")
            let unknown = try await rest.call(.post, "/engine-rest/signal", json: #"{"name": "alert", "executionId": "nonExisting"}"#)
            #expect(unknown.status == .notFound && unknown["message"] == .string("Cannot find execution with id 'nonExisting': execution is null"))
            let notWaiting = try await rest.call(.post, "/engine-rest/signal", json: #"{"name": "alert", "executionId": "\#(first)"}"#)
            #expect(notWaiting.status == .badRequest && notWaiting["message"] == .string("Execution '\(first)' has not subscribed to a signal event with name 'alert'."))
            let badVariable = try await rest.call(.post, "/engine-rest/signal", json: #"{"name": "alert", "variables": {"x": {"value": 1, "type": "Nonsense"}}}"#)
            #expect(badVariable.status == .badRequest)
            let unknownField = try await rest.call(.post, "/engine-rest/signal", json: #"{"name": "alert", "signalName": "alert"}"#)
            #expect(unknownField.status == .badRequest)
        }
    }

    @Test func aMessageWithATimeToLiveWaitsAndABadOneIsRefused() async throws {
        try await RestHarness.make().run { rest in
            let early = try await rest.call(.post, "/engine-rest/message", json: #"{"messageName": "late-comer", "ttl": "PT10M", "resultEnabled": true}"#)
            #expect(early.status == .ok && early.json == .array([]), "\(early.text)")
            let bad = try await rest.call(.post, "/engine-rest/message", json: #"{"messageName": "x", "ttl": "ten minutes"}"#)
            #expect(bad.status == .badRequest && bad["message"] == .string("Expected 'ttl' to be an ISO 8601 duration such as PT10M, but it is 'ten minutes'."))
            let tooLong = try await rest.call(.post, "/engine-rest/message", json: #"{"messageName": "x", "ttl": "P30D"}"#)
            #expect(tooLong.status == .badRequest && (tooLong["message"]?.stringValue ?? "").contains("at most P7D"), "\(tooLong.text)")
            #expect(try await rest.call(.post, "/engine-rest/message", json: #"{"messageName": "x"}"#).status == .badRequest, "without a TTL, refused as before")
        }
    }
}
