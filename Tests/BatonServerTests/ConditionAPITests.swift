import BatonModel
import Hummingbird
import Testing

/// `POST /condition`, Camunda's evaluation of conditional start events, over HTTP.
@Suite struct ConditionAPITests {
    static let process = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="heat" isExecutable="true">
            <startEvent id="hot"><conditionalEventDefinition><condition>${temperature &gt; 30}</condition></conditionalEventDefinition></startEvent>
            <sequenceFlow id="f1" sourceRef="hot" targetRef="cool" />
            <userTask id="cool" />
            <sequenceFlow id="f2" sourceRef="cool" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """

    @Test func conditionsStartInstancesAndSayWhenNothingCanBeEvaluated() async throws {
        try await RestHarness.make().run { rest in
            let nothing = try await rest.call(.post, "/engine-rest/condition", json: #"{"variables": {"temperature": {"value": 35}}}"#)
            #expect(nothing.status == .notFound && nothing["message"] == .string("No subscriptions were found during evaluation of the conditional start events."))
            _ = try await rest.deploy([("heat.bpmn", Self.process)])
            let cold = try await rest.call(.post, "/engine-rest/condition", json: #"{"variables": {"temperature": {"value": 20}}}"#)
            #expect(cold.status == .ok && cold.json == .array([]))
            let hot = try await rest.call(.post, "/engine-rest/condition", json: #"{"variables": {"temperature": {"value": 35}}, "businessKey": "room-7"}"#)
            #expect(hot.status == .ok && hot.json?.arrayValue.count == 1, "\(hot.text)")
            #expect(hot.json?.arrayValue.first?["businessKey"] == .string("room-7") && hot.json?.arrayValue.first?["ended"] == .bool(false))
            let both = try await rest.call(.post, "/engine-rest/condition", json: #"{"tenantId": "a", "withoutTenantId": true}"#)
            #expect(both.status == .badRequest && both["message"] == .string("Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'."))
            let wrongDefinition = try await rest.call(.post, "/engine-rest/condition", json: #"{"processDefinitionId": "nope"}"#)
            #expect(wrongDefinition.status == .notFound)
            let unknownField = try await rest.call(.post, "/engine-rest/condition", json: #"{"variablez": {}}"#)
            #expect(unknownField.status == .badRequest)
        }
    }
}
