import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// A message starts one process only, as Camunda's MessageStartEventTest asserts
/// (`testSameMessageNameFails`, `testUpdateProcessVersionCancelsSubscriptions`) (#13).
@Suite struct MessageStartUniquenessTests {
    static func process(_ key: String, message: String, extra: String = "") -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <message id="m" name="\(message)" />
        <process id="\(key)" isExecutable="true">
          <startEvent id="start"><messageEventDefinition messageRef="m" /></startEvent><userTask id="t\(extra)" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="t\(extra)" /><sequenceFlow id="f2" sourceRef="t\(extra)" targetRef="e" />
        </process>
        </definitions>
        """
    }

    @Test(arguments: TestBackend.allCases) func anotherProcessCannotStartOnTheSameMessage(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.process("invoice", message: "newInvoice"))
        do {
            try await test.deploy(Self.process("otherInvoice", message: "newInvoice"), name: "other.bpmn")
            Issue.record("a second process starting on 'newInvoice' was deployed")
        } catch let error as EngineError {
            #expect(error.kind == .deploymentFailed)
            #expect(error.message.contains("there already is a message event subscription for the message with name 'newInvoice'"))
            #expect(error.message.contains("process 'invoice'"), "\(error.message)")
        }
        #expect(try await test.runtime.processDefinitions(key: "otherInvoice").isEmpty, "nothing of the refused deployment stays")

        // A new version of the same process keeps its message start.
        try await test.deploy(Self.process("invoice", message: "newInvoice", extra: "2"))
        #expect(try await test.runtime.processDefinitions(key: "invoice").count == 2)
        let started = try await test.runtime.correlate(MessageCorrelation(messageName: "newInvoice"))
        #expect(try await test.active(in: try #require(started.first).processInstanceID) == ["t2"], "the latest version starts")
    }

    @Test(arguments: TestBackend.allCases) func oneDeploymentCannotHoldTwoProcessesStartingOnOneMessage(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = Self.process("a", message: "go"), second = Self.process("b", message: "go")
        await #expect(throws: EngineError.self) {
            _ = try await test.runtime.deploy(
                name: "both", resources: [DeploymentResource(name: "a.bpmn", bytes: Array(first.utf8)), DeploymentResource(name: "b.bpmn", bytes: Array(second.utf8))])
        }
        #expect(try await test.runtime.processDefinitions().isEmpty)
    }
}
