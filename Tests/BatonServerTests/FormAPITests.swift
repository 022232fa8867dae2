import BatonModel
import Hummingbird
import Testing

/// Generated forms over REST, ported from Camunda's FormServiceTest (#13, #15): start and task
/// form keys, form variables with the fields' defaults, and submitting either form.
@Suite struct FormAPITests {
    static let forms = #"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="forms" isExecutable="true">
          <startEvent id="s" camunda:formKey="embedded:app:forms/start.html"><extensionElements><camunda:formData>
            <camunda:formField id="stringField" type="string" defaultValue="someString" />
            <camunda:formField id="longField" type="long" defaultValue="5" />
            <camunda:formField id="customField" type="string" />
            <camunda:formField id="enumField" type="enum" defaultValue="a"><camunda:value id="a" name="A" /><camunda:value id="b" name="B" /></camunda:formField>
          </camunda:formData></extensionElements></startEvent>
          <userTask id="review" camunda:formKey="${dynamicKey}"><extensionElements><camunda:formData>
            <camunda:formField id="stringField" type="string" defaultValue="someString" />
            <camunda:formField id="longField" type="long" defaultValue="5" />
            <camunda:formField id="customField" type="string" />
          </camunda:formData></extensionElements></userTask>
          <endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e" /></process></definitions>
        """#

    @Test func startAndTaskFormsAreReadAndSubmitted() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("forms.bpmn", Self.forms)]).status == .ok)
            // testGetStartFormKey, testGetStartFormVariables, …EnumType
            #expect(try await rest.call(.get, "/engine-rest/process-definition/key/forms/startForm")["key"] == .string("embedded:app:forms/start.html"))
            let start = try await rest.call(.get, "/engine-rest/process-definition/key/forms/form-variables")
            #expect(start["stringField"]?["value"] == .string("someString"))
            #expect(start["longField"]?["value"] == .integer(5) && start["longField"]?["type"] == .string("Long"))
            #expect(start["customField"]?["value"] == .null)
            #expect(start["enumField"]?["value"] == .string("a"))
            let filtered = try await rest.call(.get, "/engine-rest/process-definition/key/forms/form-variables?variableNames=stringField")
            #expect(filtered.json?.objectValue?.count == 1)

            // testSubmitStartFormWithFormFieldMarkedAsBusinessKey (the business key as given)
            let submitted = try await rest.call(
                .post, "/engine-rest/process-definition/key/forms/submit-form",
                json: #"{"businessKey": "foo", "variables": {"dynamicKey": {"value": "test"}, "someString": {"value": "initialValue"}}}"#)
            let instance = try #require(submitted["id"]?.stringValue, "\(submitted.text)")
            #expect(submitted["businessKey"] == .string("foo"))

            // testGetTaskFormKeyWithExpression, testGetTaskFormVariables
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/task/\(task)/form")["key"] == .string("test"))
            let variables = try #require(try await rest.call(.get, "/engine-rest/task/\(task)/form-variables").json?.objectValue)
            #expect(Set(variables.map(\.key)) == ["stringField", "longField", "customField", "dynamicKey", "someString"])
            #expect(try await rest.call(.get, "/engine-rest/task/\(task)/form-variables?variableNames=someString")["someString"]?["value"] == .string("initialValue"))

            // Submitting the task's form completes it.
            let done = try await rest.call(.post, "/engine-rest/task/\(task)/submit-form", json: #"{"variables": {"longField": {"value": 7}}}"#)
            #expect(done.status == .noContent, "\(done.text)")
            #expect(try await rest.call(.get, "/engine-rest/history/process-instance/\(instance)")["state"] == .string("COMPLETED"))
            #expect(try await rest.call(.get, "/engine-rest/process-definition/key/forms/startForm?x=1").status == .badRequest)
        }
    }

    /// `DELETE /process-instance/{id}?skipCustomListeners=true` cancels an instance whose end
    /// listener fails; without it the failure refuses the delete and nothing changes.
    @Test func anOperatorSkipsFailingListenersWhenDeleting() async throws {
        let model = #"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="stuck" isExecutable="true"><startEvent id="s" />
              <userTask id="t"><extensionElements><camunda:executionListener event="end" expression="${missing.value}" /></extensionElements></userTask>
              <endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /></process></definitions>
            """#
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("stuck.bpmn", model)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/stuck/start", json: "{}")["id"]?.stringValue)
            let refused = try await rest.call(.delete, "/engine-rest/process-instance/\(instance)")
            #expect(refused.status != .noContent && refused["message"]?.stringValue?.contains("missing") == true, "\(refused.text)")
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)").status == .ok)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(instance)?skipCustomListeners=true").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)").status == .notFound)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(instance)").status == .notFound)
            #expect(try await rest.call(.delete, "/engine-rest/process-instance/\(instance)?failIfNotExists=false").status == .noContent)
        }
    }
}

extension FormAPITests {
    static let validated = #"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="validated" isExecutable="true">
          <startEvent id="s"><extensionElements><camunda:formData>
            <camunda:formField id="customer" type="string"><camunda:validation><camunda:constraint name="required" /></camunda:validation></camunda:formField>
          </camunda:formData></extensionElements></startEvent>
          <userTask id="review"><extensionElements><camunda:formData>
            <camunda:formField id="amount" type="long"><camunda:validation><camunda:constraint name="required" /><camunda:constraint name="max" config="100" /></camunda:validation></camunda:formField>
            <camunda:formField id="customer" type="string"><camunda:validation><camunda:constraint name="required" /><camunda:constraint name="maxlength" config="8" /></camunda:validation></camunda:formField>
          </camunda:formData></extensionElements></userTask>
          <endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e" /></process></definitions>
        """#

    /// Camunda's form service validates what a form submits; `complete` does not.
    @Test func submittingAFormChecksItsConstraintsAndCompletingDoesNot() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("validated.bpmn", Self.validated)]).status == .ok)
            let refusedStart = try await rest.call(.post, "/engine-rest/process-definition/key/validated/submit-form", json: #"{"variables": {}}"#)
            #expect(refusedStart.status == .badRequest && refusedStart["message"]?.stringValue?.contains("customer is required.") == true, "\(refusedStart.text)")
            let started = try await rest.call(.post, "/engine-rest/process-definition/key/validated/submit-form", json: #"{"variables": {"customer": {"value": "acme"}}}"#)
            let instance = try #require(started["id"]?.stringValue, "\(started.text)")
            let task = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)

            let missing = try await rest.call(.post, "/engine-rest/task/\(task)/submit-form", json: #"{"variables": {}}"#)
            #expect(missing.status == .badRequest && missing["message"] == .string("Cannot submit task form \(task): amount is required."), "\(missing.text)")
            let tooMuch = try await rest.call(.post, "/engine-rest/task/\(task)/submit-form", json: #"{"variables": {"amount": {"value": 101, "type": "Long"}}}"#)
            #expect(tooMuch.status == .badRequest && tooMuch["message"]?.stringValue?.hasSuffix("amount must be at most 100.") == true, "\(tooMuch.text)")
            let tooLong = try await rest.call(.post, "/engine-rest/task/\(task)/submit-form", json: #"{"variables": {"amount": {"value": 5}, "customer": {"value": "far too long"}}}"#)
            #expect(tooLong.status == .badRequest, "a submitted value is checked even where the task already sees one")
            #expect(try await rest.call(.get, "/engine-rest/task/\(task)").status == .ok, "nothing was completed")
            let done = try await rest.call(.post, "/engine-rest/task/\(task)/submit-form", json: #"{"variables": {"amount": {"value": 100}}}"#)
            #expect(done.status == .noContent, "customer is already set, so it need not be sent: \(done.text)")

            let second = try await rest.call(.post, "/engine-rest/process-definition/key/validated/submit-form", json: #"{"variables": {"customer": {"value": "acme"}}}"#)
            let other = try #require(try await rest.call(.get, "/engine-rest/task?processInstanceId=\(second["id"]?.stringValue ?? "")").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.post, "/engine-rest/task/\(other)/complete", json: "{}").status == .noContent, "complete does not validate, as in Camunda")
        }
    }
}
