import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Listeners through the runtime, on both stores (#13): what a create listener sets on a task is
/// what the task list shows; a Swift handler bound by `delegateExpression` runs inside the
/// command; `authenticatedUserId` is the user a request acts for; a timeout listener fires from
/// the job worker and leaves the task waiting.
@Suite struct RuntimeListenerTests {
    struct Audit: ListenerHandler {
        func notify(_ invocation: ListenerInvocation) throws {
            let trail = invocation.variable("trail").map(ExpressionEvaluator.text) ?? ""
            invocation.setVariable("trail", .string(trail + "[\(invocation.eventName) \(invocation.activityID ?? "")]"))
        }
    }

    @Test(arguments: TestBackend.allCases) func listenersRunInsideTheirCommands(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend, listenerHandlers: ["audit": Audit()])
        try await test.deploy(#"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="p" isExecutable="true">
              <extensionElements><camunda:executionListener event="start" delegateExpression="${audit}" /></extensionElements>
              <startEvent id="s" />
              <userTask id="review" name="Review"><extensionElements>
                <camunda:taskListener event="create" expression="${task.setDescription('Review plan '.concat(execution.processBusinessKey))}" />
                <camunda:taskListener event="create" expression="${task.setAssignee(authenticatedUserId)}" />
                <camunda:taskListener event="complete" delegateExpression="${audit}" />
                <camunda:taskListener event="timeout" id="reminder" expression="${execution.setVariable('reminded', true)}">
                  <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></camunda:taskListener>
              </extensionElements></userTask>
              <endEvent id="e"><extensionElements><camunda:executionListener event="start" delegateExpression="${audit}" /></extensionElements></endEvent>
              <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e" />
            </process></definitions>
            """#)
        let instance = try await AuthenticatedUser.$id.withValue("ann") {
            try await test.start("p", businessKey: "gold-7")
        }
        let task = try await test.task("review", in: instance)
        #expect(task.description == "Review plan gold-7")
        #expect(task.assignee == "ann")
        try await test.advance(by: "PT61M")
        #expect(try await test.runtime.variables(of: instance).first { $0.name == "reminded" }?.value == .boolean(true))
        #expect(try await test.active(in: instance) == ["review"], "a timeout listener leaves the task waiting")
        try await test.complete("review", in: instance)
        try await test.expectEnded(instance)
        let trail = try await test.runtime.variableHistory(HistoricVariableInstanceQuery(processInstanceIDs: [instance], variableName: "trail"))
        #expect(trail.map(\.value) == [.string("[start s][complete review][start e]")])
    }
}
