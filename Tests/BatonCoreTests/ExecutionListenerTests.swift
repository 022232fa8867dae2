import BatonCore
import BatonModel
import Testing

/// Appends `event:activity` to the variable `log`: a listener handler that shows in which order
/// listeners are told what happens.
struct LogRecorder: ListenerHandler {
    func notify(_ invocation: ListenerInvocation) throws {
        let entry = "\(invocation.eventName):\(invocation.activityID ?? "-")"
        let log = invocation.variable("log").map { ExpressionEvaluator.text($0) + " " } ?? ""
        invocation.setVariable("log", .string(log + entry))
    }
}

struct ListenerRefusal: Error, CustomStringConvertible {
    var description: String { "the listener refused" }
}

/// Scenarios of Camunda's ExecutionListenerTest and MultiInstanceTest's listener tests, with
/// JUEL expressions and Swift handlers in place of Java classes and Groovy scripts.
@Suite struct ExecutionListenerTests {
    private func listener(_ event: String, _ expression: String) -> String {
        #"<camunda:executionListener event="\#(event)" expression="\#(expression)" />"#
    }

    private func recorded(_ event: String) -> String {
        #"<camunda:executionListener event="\#(event)" delegateExpression="${log}" />"#
    }

    private func scenario(_ body: String) throws -> CoreScenario {
        var scenario = try CoreScenario(bpmn(body))
        scenario.listenerHandlers = ["log": LogRecorder()]
        return scenario
    }

    /// testExecutionListenersOnAllPossibleElements: the process's start listener, a flow's take
    /// listener and a task's end listener, each setting variables.
    @Test func listenersOnTheProcessAFlowAndATaskSetVariables() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <extensionElements>
              <camunda:executionListener event="start" expression="${execution.setVariable('variableSetInExecutionListener', 'firstValue')}" />
              <camunda:executionListener event="start" expression="${execution.setVariable('businessKeyInExecution', execution.processBusinessKey)}" />
            </extensionElements>
            <startEvent id="theStart" /><userTask id="firstTask" />
            <userTask id="secondTask"><extensionElements>
              <camunda:executionListener event="end" expression="${execution.setVariable('eventNameReceived', execution.eventName)}" />
            </extensionElements></userTask>
            <userTask id="thirdTask" /><endEvent id="theEnd" />
            <sequenceFlow id="f1" sourceRef="theStart" targetRef="firstTask" />
            <sequenceFlow id="f2" sourceRef="firstTask" targetRef="secondTask"><extensionElements>
              <camunda:executionListener expression="${execution.setVariable('variableSetInExecutionListener', 'secondValue')}" />
            </extensionElements></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="secondTask" targetRef="thirdTask" />
            <sequenceFlow id="f4" sourceRef="thirdTask" targetRef="theEnd" />
            """#))
        try scenario.start(businessKey: "businessKey123")
        #expect(scenario.variable("variableSetInExecutionListener") == .string("firstValue"))
        #expect(scenario.variable("businessKeyInExecution") == .string("businessKey123"))
        try scenario.completeTask("firstTask")
        #expect(scenario.variable("variableSetInExecutionListener") == .string("secondValue"))
        #expect(scenario.variable("eventNameReceived") == nil)
        try scenario.completeTask("secondTask")
        #expect(scenario.variable("eventNameReceived") == .string("end"))
        try scenario.completeTask("thirdTask")
        #expect(scenario.state.status == .completed)
    }

    /// testExecutionListenersOnStartEndEvents: start events notify their end, end events their start.
    @Test func startAndEndEventsNotifyInOrder() throws {
        var scenario = try scenario(#"""
            <startEvent id="theStart"><extensionElements>\#(recorded("end"))</extensionElements></startEvent>
            <intermediateThrowEvent id="noneEvent"><extensionElements>\#(recorded("end"))</extensionElements></intermediateThrowEvent>
            <intermediateThrowEvent id="otherEvent"><extensionElements>\#(recorded("start"))</extensionElements></intermediateThrowEvent>
            <endEvent id="theEnd"><extensionElements>\#(recorded("start"))</extensionElements></endEvent>
            """# + flows("theStart->noneEvent", "noneEvent->otherEvent", "otherEvent->theEnd"))
        try scenario.start()
        #expect(scenario.variable("log") == .string("end:theStart end:noneEvent start:otherEvent start:theEnd"))
    }

    /// testExecutionListenerCurrentActivity: `currentActivityId` and `currentActivityName`.
    @Test func theExecutionKnowsItsCurrentActivity() throws {
        let note = #"${execution.setVariable(execution.currentActivityId, execution.currentActivityName)}"#
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="theStart" name="Start Event"><extensionElements>\#(listener("end", note))</extensionElements></startEvent>
            <intermediateThrowEvent id="noneEvent" name="None Event"><extensionElements>\#(listener("start", note))</extensionElements></intermediateThrowEvent>
            <endEvent id="theEnd" name="End Event"><extensionElements>\#(listener("end", note))</extensionElements></endEvent>
            """# + flows("theStart->noneEvent", "noneEvent->theEnd")))
        try scenario.start()
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "theStart", value: .string("Start Event"))))
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "noneEvent", value: .string("None Event"))))
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "theEnd", value: .string("End Event"))))
    }

    /// testScriptListener: JUEL scripts on the process (start, end), the start event (end), the
    /// flow (take) and the end event (start); the process's own listeners find the execution at
    /// the start event and at the end event, a take listener at the flow's source.
    @Test func scriptListenersSeeWhereTheExecutionIs() throws {
        let script = #"<camunda:script scriptFormat="juel">${execution.setVariable(execution.activityId.concat('-').concat(execution.eventName), true)}</camunda:script>"#
        func scripted(_ event: String) -> String { #"<camunda:executionListener event="\#(event)">\#(script)</camunda:executionListener>"# }
        var scenario = try CoreScenario(bpmn(#"""
            <extensionElements>\#(scripted("start"))\#(scripted("end"))</extensionElements>
            <startEvent id="start"><extensionElements>\#(scripted("end"))</extensionElements></startEvent>
            <endEvent id="end"><extensionElements>\#(scripted("start"))</extensionElements></endEvent>
            <sequenceFlow id="flow" sourceRef="start" targetRef="end"><extensionElements>
              <camunda:executionListener>\#(script)</camunda:executionListener></extensionElements></sequenceFlow>
            """#))
        try scenario.start()
        #expect(scenario.state.status == .completed)
        #expect(Set(scenario.state.variables[nil]!.keys) == ["start-start", "start-end", "start-take", "end-start", "end-end"])
    }

    /// The order across one token's path: the process's start before its start event's; end of
    /// the source, then take, then start of the target; the process's end after the last element's.
    @Test func oneTokenNotifiesInCamundasOrder() throws {
        var scenario = try scenario(#"""
            <extensionElements>\#(recorded("start"))\#(recorded("end"))</extensionElements>
            <startEvent id="s"><extensionElements>\#(recorded("start"))\#(recorded("end"))</extensionElements></startEvent>
            <task id="t"><extensionElements>\#(recorded("start"))\#(recorded("end"))</extensionElements></task>
            <endEvent id="e"><extensionElements>\#(recorded("start"))\#(recorded("end"))</extensionElements></endEvent>
            <sequenceFlow id="f1" sourceRef="s" targetRef="t"><extensionElements><camunda:executionListener delegateExpression="${log}" /></extensionElements></sequenceFlow>
            <sequenceFlow id="f2" sourceRef="t" targetRef="e" />
            """#)
        try scenario.start()
        #expect(scenario.variable("log") == .string("start:s start:s end:s take:s start:t end:t start:e end:e end:e"))
    }

    /// testExecutionListenerOnTerminateEndEvent: a terminate end event notifies its start and end.
    @Test func aTerminateEndEventNotifiesStartAndEnd() throws {
        var scenario = try scenario(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><userTask id="wait" />
            <endEvent id="terminate"><extensionElements>\#(recorded("start"))\#(recorded("end"))</extensionElements><terminateEventDefinition /></endEvent>
            """# + flows("s->fork", "fork->wait", "fork->terminate"))
        try scenario.start()
        #expect(scenario.state.status == .completed)
        #expect(scenario.variable("log") == .string("start:terminate end:terminate"))
    }

    /// testOnBoundaryEvents and testOnCancellingBoundaryEvents: a triggered boundary event notifies
    /// its start and end; the activity it cancels notifies its end.
    @Test func boundaryEventsNotifyAndTheActivityTheyCancelNotifiesItsEnd() throws {
        var scenario = try scenario(#"""
            <startEvent id="s" />
            <userTask id="task1"><extensionElements>\#(recorded("end"))</extensionElements></userTask>
            <boundaryEvent id="timer1" attachedToRef="task1"><extensionElements>\#(recorded("start"))</extensionElements>
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            <userTask id="task2" />
            <boundaryEvent id="timer2" attachedToRef="task2"><extensionElements>\#(recorded("end"))</extensionElements>
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            <endEvent id="e" />
            """# + flows("s->task1", "timer1->task2", "timer2->e", "task1->e", "task2->e"))
        try scenario.start()
        try scenario.advance("PT1H")
        #expect(scenario.waiting == ["task2"])
        try scenario.advance("PT1H")
        #expect(scenario.state.status == .completed)
        #expect(scenario.variable("log") == .string("end:task1 start:timer1 end:timer2"))
    }

    /// testProcessInstanceCancelationNoticedInEndListener: cancelling the instance notifies the
    /// waiting task's end and then the process's end.
    @Test func cancellingTheInstanceNotifiesEndListeners() throws {
        var scenario = try scenario(#"""
            <extensionElements>\#(recorded("end"))</extensionElements>
            <startEvent id="s" /><userTask id="t"><extensionElements>\#(recorded("end"))</extensionElements></userTask><endEvent id="e" />
            """# + flows("s->t", "t->e"))
        try scenario.start()
        try scenario.run(.cancel(reason: "no longer needed"))
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "log", value: .string("end:t end:t"))))
    }

    /// MultiInstanceTest.testParallelMITasksExecutionListener and …Sequential…: the inner
    /// instances notify, the body does not.
    @Test func innerInstancesOfAMultiInstanceActivityNotify() throws {
        let counting = #"""
            <camunda:executionListener event="start" expression="${execution.setVariable('starts', execution.getVariable('starts') + 1)}" />
            <camunda:executionListener event="end" expression="${execution.setVariable('ends', execution.getVariable('ends') + 1)}" />
            """#
        for sequential in [false, true] {
            var scenario = try CoreScenario(bpmn(#"""
                <startEvent id="s" />
                <userTask id="t"><extensionElements>\#(counting)</extensionElements>
                  <multiInstanceLoopCharacteristics isSequential="\#(sequential)"><loopCardinality>${nrOfLoops}</loopCardinality></multiInstanceLoopCharacteristics></userTask>
                <endEvent id="e" />
                """# + flows("s->t", "t->e")))
            try scenario.start(["nrOfLoops": .integer(sequential ? 2 : 5), "starts": .long(0), "ends": .long(0)])
            #expect(scenario.variable("starts") == .long(sequential ? 1 : 5))
            #expect(scenario.variable("ends") == .long(0))
            try scenario.completeTask("t")
            #expect(scenario.variable("starts") == .long(sequential ? 2 : 5))
            #expect(scenario.variable("ends") == .long(1))
            while scenario.task("t") != nil { try scenario.completeTask("t") }
            #expect(scenario.variable("ends") == .long(sequential ? 2 : 5))
        }
    }

    /// Input mappings come before the start listeners; end listeners before the output mappings.
    @Test func mappingsSurroundTheListeners() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <userTask id="t"><extensionElements>
              <camunda:inputOutput><camunda:inputParameter name="given">${41}</camunda:inputParameter>
                <camunda:outputParameter name="result">${fromEnd}</camunda:outputParameter></camunda:inputOutput>
              <camunda:executionListener event="start" expression="${execution.setVariable('seenAtStart', given)}" />
              <camunda:executionListener event="end" expression="${execution.setVariableLocal('fromEnd', given + 1)}" />
            </extensionElements></userTask>
            <endEvent id="e" />
            """# + flows("s->t", "t->e")))
        try scenario.start()
        #expect(scenario.variable("seenAtStart") == .long(41) || scenario.variable("seenAtStart") == .integer(41))
        try scenario.completeTask("t")
        #expect(scenario.variable("result") == .long(42))
        #expect(scenario.variable("fromEnd") == nil, "the listener's local variable stays in the task's scope")
    }

    /// start → user task `t`, whose end listener always throws → end.
    private func refusingAtTheEndOfATask() throws -> CoreScenario {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="t"><extensionElements>
              <camunda:executionListener event="end" delegateExpression="${refuse}" /></extensionElements></userTask><endEvent id="e" />
            """# + flows("s->t", "t->e")))
        scenario.listenerHandlers = ["refuse": ClosureListener { _ in throw ListenerRefusal() }]
        return scenario
    }

    /// A listener that fails fails the command: nothing it or the command did is kept.
    @Test func aFailingListenerRejectsTheCommand() throws {
        var scenario = try refusingAtTheEndOfATask()
        try scenario.start()
        #expect(throws: Rejection(.executionFailed, "Expected the end executionListener of userTask 't' (line 6) to run, but handler 'refuse' failed: the listener refused.")) {
            try scenario.completeTask("t", ["approved": .boolean(true)])
        }
        #expect(scenario.waiting == ["t"])
        #expect(scenario.variable("approved") == nil)
    }

    /// Camunda's `skipCustomListeners`: an operator cancels an instance whose listener would fail.
    @Test func listenersCanBeSkipped() throws {
        var scenario = try refusingAtTheEndOfATask()
        try scenario.start()
        #expect(throws: Rejection.self) { try scenario.run(.cancel(reason: "stuck")) }
        let transition = Executor.step(scenario.process, scenario.state, .cancel(reason: "stuck"), {
            var context = StepContext(now: scenario.now, ids: SequentialIDs(startingAfter: 100))
            context.skipCustomListeners = true
            return context
        }())
        guard case .success(let cancelled) = transition else {
            Issue.record("expected the cancel to be accepted without listeners, got \(transition)")
            return
        }
        #expect(cancelled.state.status == .terminated)
    }

    /// `camunda:initiator` receives the starting user's id.
    @Test func theInitiatorVariableNamesTheStartingUser() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" camunda:initiator="starter" /><userTask id="t" camunda:assignee="${starter}" /><endEvent id="e" />"#
            + flows("s->t", "t->e")))
        scenario.user = "ann"
        try scenario.start()
        #expect(scenario.variable("starter") == .string("ann"))
        #expect(scenario.task("t")?.assignee == "ann")
    }

    /// A handler name nothing is registered under is a clear failure naming what is registered.
    @Test func anUnregisteredHandlerIsAClearFailure() throws {
        var scenario = try scenario(#"""
            <startEvent id="s"><extensionElements><camunda:executionListener event="end" class="com.example.Audit" /></extensionElements></startEvent>
            <endEvent id="e" />
            """# + flows("s->e"))
        #expect(throws: Rejection(.executionFailed, "Expected a listener handler registered as 'com.example.Audit' for the end executionListener of startEvent 's' (line 5), but only 'log' are.")) {
            try scenario.start()
        }
    }
}

/// A listener handler from a closure, for tests.
struct ClosureListener: ListenerHandler {
    let body: @Sendable (ListenerInvocation) throws -> Void
    init(_ body: @escaping @Sendable (ListenerInvocation) throws -> Void) { self.body = body }
    func notify(_ invocation: ListenerInvocation) throws { try body(invocation) }
}
