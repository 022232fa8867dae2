import BatonModel
import Hummingbird
import Testing

/// `authenticatedUserId` in expressions is the user the request signed in as, as Camunda's
/// identity service gives it (#13).
@Suite struct AuthenticatedUserTests {
    static let selfAssigning = #"""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="intake" isExecutable="true"><startEvent id="s" />
          <userTask id="own" camunda:assignee="${authenticatedUserId}" />
          <userTask id="check"><extensionElements>
            <camunda:taskListener event="create" expression="${task.setVariable('checkOpenedBy', authenticatedUserId)}" /></extensionElements></userTask>
          <endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="own" /><sequenceFlow id="f2" sourceRef="own" targetRef="check" />
          <sequenceFlow id="f3" sourceRef="check" targetRef="e" /></process></definitions>
        """#

    @Test func expressionsSeeTheSignedInUser() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw")
            #expect(try await ops.deploy([("intake.bpmn", Self.selfAssigning)]).status == .ok)
            let instance = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/intake/start", json: "{}")["id"]?.stringValue)
            let own = try #require(try await ops.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first)
            #expect(own["assignee"] == .string("ops"))
            let taskID = try #require(own["id"]?.stringValue)
            #expect(try await ops.call(.post, "/engine-rest/task/\(taskID)/complete", json: "{}").status == .noContent)
            let opened = try await ops.call(.get, "/engine-rest/process-instance/\(instance)/variables/checkOpenedBy")
            #expect(opened["value"] == .string("ops"), "\(opened.text)")
        }
    }
}
