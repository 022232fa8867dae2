import BatonModel
import Foundation
import Hummingbird
import Testing

/// Camunda 7 REST calls over a real loopback socket against a real PostgreSQL.
@Suite struct EngineRestTests {
    static let approval = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <message id="m" name="documentsReceived" />
          <process id="review" name="Review" isExecutable="true">
            <startEvent id="start" />
            <userTask id="approve" name="Approve" camunda:candidateGroups="approvers" camunda:formKey="embedded:app:approve.html">
              <extensionElements><camunda:formData><camunda:formField id="approved" type="boolean" /></camunda:formData></extensionElements>
            </userTask>
            <receiveTask id="waitForDocuments" messageRef="m" />
            <serviceTask id="archive" camunda:type="external" camunda:topic="archive" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            <sequenceFlow id="f2" sourceRef="approve" targetRef="waitForDocuments" />
            <sequenceFlow id="f3" sourceRef="waitForDocuments" targetRef="archive" />
            <sequenceFlow id="f4" sourceRef="archive" targetRef="end" />
          </process>
        </definitions>
        """

    /// Camunda's Task REST: `description` is the task's documentation, evaluated; `priority` is 50
    /// unless the model says otherwise; `formKey` is evaluated too. Read from PostgreSQL's rows (#13).
    @Test func aTaskCarriesItsEvaluatedDescriptionFormKeyAndDefaultPriority() async throws {
        try await RestHarness.make().run { rest in
            let model = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                  <process id="described" isExecutable="true">
                    <startEvent id="start" />
                    <userTask id="check" camunda:formKey="embedded:app:${form}.html"><documentation>Check ${amount}</documentation></userTask>
                    <endEvent id="end" />
                    <sequenceFlow id="f1" sourceRef="start" targetRef="check" />
                    <sequenceFlow id="f2" sourceRef="check" targetRef="end" />
                  </process>
                </definitions>
                """
            #expect(try await rest.deploy([("described.bpmn", model)]).status == .ok)
            let started = try await rest.call(.post, "/engine-rest/process-definition/key/described/start", json: """
                {"variables": {"amount": {"value": 1200, "type": "Long"}, "form": {"value": "check", "type": "String"}}}
                """)
            let instance = try #require(started["id"]?.stringValue)
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first)
            #expect(task["description"] == .string("Check 1200"))
            #expect(task["formKey"] == .string("embedded:app:check.html"))
            #expect(task["priority"] == .integer(50))
        }
    }

    @Test func aProcessRunsThroughTheRestAPIAsACamundaClientDrivesIt() async throws {
        try await RestHarness.make().run { rest in
            let deployment = try await rest.deploy([("review.bpmn", Self.approval)], fields: ["deployment-name": "review", "enable-duplicate-filtering": "true"])
            #expect(deployment.status == .ok, "\(deployment.text)")
            let definitionID = try #require(deployment["deployedProcessDefinitions"].flatMap { if case .object(let m) = $0 { m.first?.key } else { nil } })
            let again = try await rest.deploy([("review.bpmn", Self.approval)], fields: ["deployment-name": "review", "enable-duplicate-filtering": "true"])
            #expect(again["deployedProcessDefinitions"] == .object([]), "identical content is not deployed twice")

            let definition = try await rest.call(.get, "/engine-rest/process-definition/key/review")
            #expect(definition["id"]?.stringValue == definitionID)
            #expect(try await rest.call(.get, "/engine-rest/engine/default/process-definition/\(definitionID)")["key"] == .string("review"))
            #expect(try await rest.call(.get, "/engine-rest/process-definition/\(definitionID)/xml")["bpmn20Xml"]?.stringValue?.contains("waitForDocuments") == true)

            let started = try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: """
                {"businessKey": "B-1", "withVariablesInReturn": true,
                 "variables": {"amount": {"value": 1200, "type": "Long"}, "plan": {"value": "{\\"tier\\": 2}", "type": "Json"}, "due": {"value": "2026-12-01T10:00:00.000+0000", "type": "Date"}}}
                """)
            #expect(started.status == .ok, "\(started.text)")
            let instance = try #require(started["id"]?.stringValue)
            #expect(started["variables"]?["amount"] == .object([.init("type", .string("Long")), .init("value", .integer(1200)), .init("valueInfo", .object([]))]))
            #expect(started["variables"]?["plan"]?["value"] == .string(#"{"tier":2}"#))
            #expect(started["variables"]?["due"]?["value"] == .string("2026-12-01T10:00:00.000+0000"))
            let found = try await rest.call(.get, "/engine-rest/process-instance?variables=amount_eq_1200&businessKey=B-1")
            #expect(found.json?.arrayValue.map { $0["id"] } == [.string(instance)])

            let tasks = try await rest.call(.get, "/engine-rest/task?candidateGroup=approvers&processInstanceId=\(instance)")
            let task = try #require(tasks.json?.arrayValue.first)
            let taskID = try #require(task["id"]?.stringValue)
            #expect(task["taskDefinitionKey"] == .string("approve"))
            #expect(task["formKey"] == .string("embedded:app:approve.html"))
            #expect(try await rest.call(.get, "/engine-rest/task/count?candidateGroup=approvers")["count"] == .integer(1))
            #expect(try await rest.call(.get, "/engine-rest/task/\(taskID)/form-variables")["approved"]?["type"] == .string("Null"))

            #expect(try await rest.call(.post, "/engine-rest/task/\(taskID)/claim", json: #"{"userId": "ann"}"#).status == .noContent)
            let stolen = try await rest.call(.post, "/engine-rest/task/\(taskID)/claim", json: #"{"userId": "bob"}"#)
            #expect(stolen.status == .conflict)
            #expect(stolen["type"] != nil && stolen["message"]?.stringValue?.contains("already claimed") == true)
            let completed = try await rest.call(.post, "/engine-rest/task/\(taskID)/complete", json: #"{"variables": {"approved": {"value": true}}, "withVariablesInReturn": true}"#)
            #expect(completed.status == .ok)
            #expect(completed["approved"]?["value"] == .bool(true))
            let twice = try await rest.call(.post, "/engine-rest/task/\(taskID)/complete", json: "{}")
            #expect(twice.status == .notFound)
            #expect(twice["message"]?.stringValue?.contains("task already completed or not found") == true)

            let correlated = try await rest.call(.post, "/engine-rest/message", json: #"{"messageName": "documentsReceived", "businessKey": "B-1", "resultEnabled": true}"#)
            #expect(correlated.json?.arrayValue.first?["resultType"] == .string("Execution"), "\(correlated.text)")

            let locked = try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: """
                {"workerId": "w1", "maxTasks": 5, "topics": [{"topicName": "archive", "lockDuration": 60000, "variables": ["amount"]}]}
                """)
            let external = try #require(locked.json?.arrayValue.first)
            #expect(external["variables"]?["amount"]?["value"] == .integer(1200))
            let externalID = try #require(external["id"]?.stringValue)
            let wrongWorker = try await rest.call(.post, "/engine-rest/external-task/\(externalID)/complete", json: #"{"workerId": "w2"}"#)
            #expect(wrongWorker.status == .conflict)
            #expect(try await rest.call(.post, "/engine-rest/external-task/\(externalID)/complete", json: #"{"workerId": "w1"}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)").status == .notFound, "the instance ended")
        }
    }

    @Test func badInputAnswers4xxWithACamundaErrorBodyNamingTheField() async throws {
        try await RestHarness.make().run { rest in
            _ = try await rest.deploy([("review.bpmn", Self.approval)])
            func expect(_ reply: RestClient.Reply, _ status: HTTPResponse.Status, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
                #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
                #expect(reply["type"]?.stringValue?.hasSuffix("Exception") == true, "\(reply.text)", sourceLocation: sourceLocation)
                #expect(reply["message"]?.stringValue?.contains(fragment) == true, "\(reply.text)", sourceLocation: sourceLocation)
            }
            expect(try await rest.call(.get, "/engine-rest/task?asignee=ann"), .badRequest, "Unknown query parameter 'asignee'")
            expect(try await rest.call(.get, "/engine-rest/task?maxResults=ten"), .badRequest, "'maxResults' to be an integer")
            expect(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{\"variables\": "), .badRequest, "not well-formed")
            expect(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "[1]"), .badRequest, "a JSON object")
            expect(
                try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: #"{"variables": {"amount": {"value": "many", "type": "Long"}}}"#),
                .badRequest, "'variables.amount.value'")
            expect(
                try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: #"{"variables": {"amount": {"value": 1, "type": "Money"}}}"#),
                .badRequest, "'variables.amount.type'")
            expect(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: #"{"businesKey": "x"}"#), .badRequest, "'businesKey'")
            expect(try await rest.call(.post, "/engine-rest/process-definition/key/nothing/start", json: "{}"), .notFound, "nothing")
            expect(try await rest.call(.get, "/engine-rest/task/no-such-task"), .notFound, "no-such-task")
            expect(try await rest.call(.get, "/engine-rest/process-instance/no-such-instance"), .notFound, "no-such-instance")
            expect(try await rest.call(.post, "/engine-rest/message", json: #"{"messageName": "unheard"}"#), .badRequest, "Cannot correlate")
            expect(
                try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: #"{"workerId": "w", "topics": [{"topicName": "a"}]}"#),
                .badRequest, "'topics[0].lockDuration'")
            expect(try await rest.call(.get, "/engine-rest/task?assignee=" + String(repeating: "a", count: 9000)), .uriTooLong, "at most 8192 bytes")
            let tooBig = String(repeating: " ", count: (1 << 20) + 10) + "{}"
            expect(try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: tooBig), .contentTooLarge, "at most")
            // Last: the server closes the connection on an oversized header.
            var bigHeader = HTTPFields()
            bigHeader[.userAgent] = String(repeating: "p", count: 20_000)
            let oversized = try? await rest.call(.get, "/engine-rest/engine", headers: bigHeader)
            #expect(oversized.map { (400..<500).contains($0.status.code) } ?? true, "a 20 KB header field is refused (4xx or a closed connection)")
        }
    }

    @Test func anInvalidBPMNAnswersParseExceptionWithLineAndElement() async throws {
        try await RestHarness.make().run { rest in
            let broken = Self.approval.replacingOccurrences(of: #"targetRef="waitForDocuments" />"#, with: #"targetRef="waitForDocument" />"#)
            let reply = try await rest.deploy([("broken.bpmn", broken)])
            #expect(reply.status == .badRequest)
            #expect(reply["type"] == .string("ParseException"))
            let errors = reply["details"]?["broken.bpmn"]?["errors"]?.arrayValue ?? []
            let error = try #require(errors.first { $0["mainElementId"] == .string("f2") }, "\(reply.text)")
            #expect(error["line"] == .integer(13))
            #expect(error["elementIds"] == .array([.string("f2")]))
            #expect(error["message"]?.stringValue?.contains("'waitForDocument'") == true)
            let garbage = try await rest.call(.post, "/engine-rest/deployment/create", json: "{}")
            #expect(garbage.status == .badRequest)
            #expect(garbage["message"]?.stringValue?.contains("multipart/form-data") == true)
        }
    }

    @Test func healthReadinessAndMetrics() async throws {
        try await RestHarness.make().run { rest in
            _ = try await rest.deploy([("review.bpmn", Self.approval)])
            _ = try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")
            let metrics = try await rest.call(.get, "/metrics")
            #expect(metrics.text.contains(#"baton_executor_steps_total{outcome="accepted"} 1"#), "\(metrics.text)")
            #expect(metrics.text.contains("baton_activities_completed_total 1"), "the start event completed")
            let health = try await rest.call(.get, "/health"), ready = try await rest.call(.get, "/ready")
            let engines = try await rest.call(.get, "/engine-rest/engine")
            #expect(health["status"] == .string("UP"))
            #expect(ready.status == .ok)
            #expect(engines.json == .array([.object([.init("name", .string("default"))])]))
        }
    }
}
