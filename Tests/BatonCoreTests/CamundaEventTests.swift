import BatonBPMN
import BatonCore
import BatonModel
import Testing

/// Camunda's ReceiveTaskTest, MessageStartEventTest, ErrorEndEventTest and BoundaryErrorEventTest,
/// ported (Java delegates that only throw a BPMN error become error end events; Groovy and Java
/// exception mapping are left out).
@Suite struct CamundaEventTests {
    private func triggerAll(_ scenario: inout CoreScenario, at elementID: String) throws {
        while let subscription = scenario.state.subscriptions.first(where: { scenario.process.nodes[$0.node].id.rawValue == elementID }) {
            try scenario.run(.triggerSubscription(subscriptionID: subscription.id, variables: [:]))
        }
    }

    private func receive(_ loop: String = "") -> String {
        #"<receiveTask id="waitState" messageRef="newInvoiceMessage">\#(loop)</receiveTask>"#
    }

    // MARK: ReceiveTaskTest

    /// testSupportsCorrelateMessageOnSingleReceiveTask
    @Test func aReceiveTaskWaitsForItsMessage() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + receive() + #"<endEvent id="e" />"# + flows("s->waitState", "waitState->e"), messages: ["newInvoiceMessage"]))
        try scenario.start()
        #expect(scenario.state.subscriptions.count == 1)
        try scenario.correlate("newInvoiceMessage")
        #expect(scenario.state.status == .completed && scenario.state.subscriptions.isEmpty)
    }

    /// testSupports…OnSequentialMultiReceiveTask and …OnParallelMultiReceiveTask
    @Test func multiInstanceReceiveTasksWaitOncePerInstance() throws {
        var sequential = try CoreScenario(bpmn(#"<startEvent id="s" />"#
            + receive(#"<multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>"#)
            + #"<userTask id="after" /><endEvent id="e" />"# + flows("s->waitState", "waitState->after", "after->e"), messages: ["newInvoiceMessage"]))
        try sequential.start()
        let first = try #require(sequential.state.subscriptions.first).id
        try sequential.correlate("newInvoiceMessage")
        #expect(sequential.state.subscriptions.count == 1 && sequential.state.subscriptions[0].id != first, "the second instance waits anew")
        try sequential.correlate("newInvoiceMessage")
        #expect(sequential.state.subscriptions.isEmpty)
        try sequential.completeTask("after")
        #expect(sequential.state.status == .completed)

        var parallel = try CoreScenario(bpmn(#"<startEvent id="s" />"#
            + receive(#"<multiInstanceLoopCharacteristics isSequential="false"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>"#)
            + #"<endEvent id="e" />"# + flows("s->waitState", "waitState->e"), messages: ["newInvoiceMessage"]))
        try parallel.start()
        #expect(parallel.state.subscriptions.count == 2)
        try triggerAll(&parallel, at: "waitState")
        #expect(parallel.state.status == .completed)
    }

    /// testSupportsMessageEventReceivedOnParallelMultiInstanceWithBoundary and …EventReceived
    @Test func aBoundaryMessageOnAMultiInstanceReceiveTaskEndsEveryInstance() throws {
        let model = bpmn(#"<startEvent id="s" />"#
            + receive(#"<multiInstanceLoopCharacteristics isSequential="false"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>"#)
            + #"<boundaryEvent id="cancel" attachedToRef="waitState"><messageEventDefinition messageRef="cancelInvoiceMessage" /></boundaryEvent>"#
            + #"<endEvent id="e" /><endEvent id="cancelled" />"# + flows("s->waitState", "waitState->e", "cancel->cancelled"),
            messages: ["newInvoiceMessage", "cancelInvoiceMessage"])
        var byInstances = try CoreScenario(model)
        try byInstances.start()
        #expect(byInstances.state.subscriptions.count == 3)
        try triggerAll(&byInstances, at: "waitState")
        #expect(byInstances.state.status == .completed && byInstances.state.subscriptions.isEmpty, "the boundary's subscription goes too")

        var byBoundary = try CoreScenario(model)
        try byBoundary.start()
        try byBoundary.correlate("cancelInvoiceMessage")
        #expect(byBoundary.state.status == .completed && byBoundary.state.subscriptions.isEmpty)
    }

    /// testSupportsMessageEventReceivedOnSubProcessReceiveTask, …OnMultiSubProcessReceiveTask,
    /// …OnReceiveTaskBehindParallelGateway
    @Test func receiveTasksInSubprocessesAndBehindForks() throws {
        var multi = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><subProcess id="sub"><multiInstanceLoopCharacteristics isSequential="false"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>
              <startEvent id="ss" />\#(receive())<endEvent id="se" />
              <sequenceFlow id="i1" sourceRef="ss" targetRef="waitState" /><sequenceFlow id="i2" sourceRef="waitState" targetRef="se" /></subProcess><endEvent id="e" />
            """# + flows("s->sub", "sub->e"), messages: ["newInvoiceMessage"]))
        try multi.start()
        #expect(multi.state.subscriptions.count == 2)
        try triggerAll(&multi, at: "waitState")
        #expect(multi.state.status == .completed)

        var forked = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><receiveTask id="waitState1" messageRef="m1" /><receiveTask id="waitState2" messageRef="m2" />
            <parallelGateway id="join" /><endEvent id="e" />
            """# + flows("s->fork", "fork->waitState1", "fork->waitState2", "waitState1->join", "waitState2->join", "join->e"), messages: ["m1", "m2"]))
        try forked.start()
        try forked.correlate("m1")
        try forked.correlate("m2")
        #expect(forked.state.status == .completed)
    }

    // MARK: MessageStartEventTest

    /// testSingleMessageStartEvent: a lone message start also starts by key;
    /// testMessageStartEventAndNoneStartEvent and testMultipleMessageStartEvents
    @Test func messageStartsAndStartingByKey() throws {
        let single = bpmn(#"""
            <startEvent id="theStart"><messageEventDefinition messageRef="newInvoiceMessage" /></startEvent><userTask id="task" /><endEvent id="e" />
            """# + flows("theStart->task", "task->e"), messages: ["newInvoiceMessage"])
        for startEvent in [ElementID("theStart"), nil] {
            var scenario = try CoreScenario(single)
            try scenario.run(.start(businessKey: nil, variables: [:], startEvent: startEvent, parent: nil))
            try scenario.completeTask("task")
            #expect(scenario.state.status == .completed)
        }

        let both = bpmn(#"""
            <startEvent id="none" /><startEvent id="byMessage"><messageEventDefinition messageRef="newInvoiceMessage" /></startEvent>
            <userTask id="taskAfterNoneStart" /><userTask id="taskAfterMessageStart" /><endEvent id="e1" /><endEvent id="e2" />
            """# + flows("none->taskAfterNoneStart", "byMessage->taskAfterMessageStart", "taskAfterNoneStart->e1", "taskAfterMessageStart->e2"),
            messages: ["newInvoiceMessage"])
        var byKey = try CoreScenario(both)
        try byKey.start()
        #expect(byKey.waiting == ["taskAfterNoneStart"])
        var byMessage = try CoreScenario(both)
        try byMessage.run(.start(businessKey: nil, variables: [:], startEvent: "byMessage", parent: nil))
        #expect(byMessage.waiting == ["taskAfterMessageStart"])

        var multiple = try CoreScenario(bpmn(#"""
            <startEvent id="m1"><messageEventDefinition messageRef="newInvoiceMessage" /></startEvent>
            <startEvent id="m2"><messageEventDefinition messageRef="newInvoiceMessage2" /></startEvent><userTask id="t" /><endEvent id="e" />
            """# + flows("m1->t", "m2->t", "t->e"), messages: ["newInvoiceMessage", "newInvoiceMessage2"]))
        #expect(throws: Rejection.self, "no default start") { try multiple.start() }
    }

    /// testUsingExpressionWithDollarTagInMessageStartEventNameThrowsException (and its #{} twin)
    @Test func aMessageStartNamedByAnExpressionIsRefused() throws {
        for expression in ["${'foo'}", "#{'foo'}"] {
            let xml = #"""
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t"><message id="m" name="start\#(expression)" />
                <process id="p" isExecutable="true"><startEvent id="s"><messageEventDefinition messageRef="m" /></startEvent><endEvent id="e" />
                <sequenceFlow id="f" sourceRef="s" targetRef="e" /></process></definitions>
                """#
            let document = BPMNReader.read(Array(xml.utf8), file: "m.bpmn")
            #expect(!document.isDeployable && document.diagnostics.contains { $0.elementID == "s" }, "\(document.diagnostics)")
        }
    }

    // MARK: ErrorEndEventTest and BoundaryErrorEventTest

    /// ErrorEndEventTest.testErrorMessage, …Expression and testError: the caught error's code and
    /// message reach the boundary's variables.
    @Test func anErrorEndEventsMessageReachesTheCatchingBoundary() throws {
        for (message, expected) in [(#" camunda:errorMessage="Something went wrong.""#, VariableValue.string("Something went wrong.")),
                                    (#" camunda:errorMessage="${errorMessageExpression}""#, .string("from a variable")), ("", .null)] {
            var scenario = try CoreScenario(#"""
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                <error id="err" errorCode="123"\#(message) />
                <process id="p" isExecutable="true"><startEvent id="s" />
                  <subProcess id="sub"><startEvent id="ss" /><endEvent id="throw"><errorEventDefinition errorRef="err" /></endEvent>
                    <sequenceFlow id="i1" sourceRef="ss" targetRef="throw" /></subProcess>
                  <boundaryEvent id="catch" attachedToRef="sub"><errorEventDefinition errorRef="err" camunda:errorCodeVariable="errorCode" camunda:errorMessageVariable="errorMessage" /></boundaryEvent>
                  <userTask id="handle" /><endEvent id="e" />
                """# + flows("s->sub", "sub->e", "catch->handle") + "</process></definitions>")
            try scenario.start(["errorMessageExpression": .string("from a variable")])
            #expect(scenario.variable("errorCode") == .string("123"))
            #expect((scenario.variable("errorMessage") ?? .null) == expected)
        }
    }

    /// testCatchErrorOnEmbeddedSubprocess (a catch-all boundary) and
    /// testCatchErrorOfInnerSubprocessOnOuterSubprocess (an inner boundary for another code)
    @Test func errorsClimbToTheBoundaryThatCatchesTheirCode() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <subProcess id="outer"><startEvent id="os" />
              <subProcess id="inner"><startEvent id="is" /><parallelGateway id="fork" /><userTask id="task1" /><userTask id="task2" />
                <endEvent id="throw"><errorEventDefinition errorRef="e123" /></endEvent><endEvent id="ie" />
                <sequenceFlow id="i1" sourceRef="is" targetRef="fork" /><sequenceFlow id="i2" sourceRef="fork" targetRef="task1" />
                <sequenceFlow id="i3" sourceRef="fork" targetRef="task2" /><sequenceFlow id="i4" sourceRef="task2" targetRef="throw" />
                <sequenceFlow id="i5" sourceRef="task1" targetRef="ie" /></subProcess>
              <boundaryEvent id="innerCatch" attachedToRef="inner"><errorEventDefinition errorRef="e456" /></boundaryEvent>
              <endEvent id="oe" /><endEvent id="oe2" />
              <sequenceFlow id="o1" sourceRef="os" targetRef="inner" /><sequenceFlow id="o2" sourceRef="inner" targetRef="oe" /><sequenceFlow id="o3" sourceRef="innerCatch" targetRef="oe2" /></subProcess>
            <boundaryEvent id="outerCatch" attachedToRef="outer"><errorEventDefinition /></boundaryEvent>
            <userTask id="taskOutside" /><endEvent id="e" />
            """# + flows("s->outer", "outer->e", "outerCatch->taskOutside"), errors: [("e123", "123"), ("e456", "456")]))
        try scenario.start()
        try scenario.completeTask("task2")
        #expect(scenario.waiting == ["taskOutside"])
    }

    /// testCatchErrorInConcurrentEmbeddedSubprocesses: each inner error goes to the boundary for its code.
    @Test func concurrentSubprocessesThrowToTheirOwnBoundaries() throws {
        let model = bpmn(#"""
            <startEvent id="s" />
            <subProcess id="outer"><startEvent id="os" /><parallelGateway id="fork" />
              <subProcess id="inner1"><startEvent id="s1" /><userTask id="taskA" /><endEvent id="throw1"><errorEventDefinition errorRef="err1" /></endEvent>
                <sequenceFlow id="a1" sourceRef="s1" targetRef="taskA" /><sequenceFlow id="a2" sourceRef="taskA" targetRef="throw1" /></subProcess>
              <subProcess id="inner2"><startEvent id="s2" /><userTask id="taskB" /><endEvent id="throw2"><errorEventDefinition errorRef="err2" /></endEvent>
                <sequenceFlow id="b1" sourceRef="s2" targetRef="taskB" /><sequenceFlow id="b2" sourceRef="taskB" targetRef="throw2" /></subProcess>
              <boundaryEvent id="catch2" attachedToRef="inner2"><errorEventDefinition errorRef="err2" /></boundaryEvent><userTask id="taskC" />
              <parallelGateway id="join" /><endEvent id="oe" />
              <sequenceFlow id="o1" sourceRef="os" targetRef="fork" /><sequenceFlow id="o2" sourceRef="fork" targetRef="inner1" /><sequenceFlow id="o3" sourceRef="fork" targetRef="inner2" />
              <sequenceFlow id="o4" sourceRef="catch2" targetRef="taskC" /><sequenceFlow id="o5" sourceRef="inner1" targetRef="join" />
              <sequenceFlow id="o6" sourceRef="inner2" targetRef="join" /><sequenceFlow id="o7" sourceRef="taskC" targetRef="join" /><sequenceFlow id="o8" sourceRef="join" targetRef="oe" /></subProcess>
            <boundaryEvent id="catch1" attachedToRef="outer"><errorEventDefinition errorRef="err1" /></boundaryEvent>
            <userTask id="taskD" /><endEvent id="e" /><endEvent id="e2" />
            """# + flows("s->outer", "outer->e", "catch1->taskD", "taskD->e2"), errors: [("err1", "1"), ("err2", "2")])
        var first = try CoreScenario(model)
        try first.start()
        try first.completeTask("taskA")
        #expect(first.waiting == ["taskD"])
        var second = try CoreScenario(model)
        try second.start()
        try second.completeTask("taskB")
        #expect(Set(second.state.tasks.map { second.process.nodes[$0.node].id.rawValue }) == ["taskA", "taskC"])
        try second.completeTask("taskA")
        #expect(second.waiting == ["taskD"])
    }

    /// testCatchErrorOnParallelMultiInstance and …OnSequentialMultiInstance: one inner instance's
    /// error ends every instance through the boundary on the activity.
    @Test func anErrorInOneInnerInstanceEndsTheMultiInstanceActivity() throws {
        for sequential in [false, true] {
            var scenario = try CoreScenario(bpmn(#"""
                <startEvent id="s" />
                <subProcess id="sub"><multiInstanceLoopCharacteristics isSequential="\#(sequential)"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
                  <startEvent id="ss" /><userTask id="work" /><exclusiveGateway id="x" default="fine" /><endEvent id="throw"><errorEventDefinition errorRef="err" /></endEvent><endEvent id="ok" />
                  <sequenceFlow id="i1" sourceRef="ss" targetRef="work" /><sequenceFlow id="i2" sourceRef="work" targetRef="x" />
                  <sequenceFlow id="bad" sourceRef="x" targetRef="throw"><conditionExpression>${throwError}</conditionExpression></sequenceFlow>
                  <sequenceFlow id="fine" sourceRef="x" targetRef="ok" /></subProcess>
                <boundaryEvent id="catch" attachedToRef="sub"><errorEventDefinition /></boundaryEvent><endEvent id="e" /><endEvent id="caught" />
                """# + flows("s->sub", "sub->e", "catch->caught"), errors: [("err", "oops")]))
            try scenario.start()
            try scenario.completeTask("work", ["throwError": .boolean(false)])
            try scenario.completeTask("work", ["throwError": .boolean(true)])
            #expect(scenario.state.status == .completed && scenario.state.tasks.isEmpty)
            #expect(scenario.completed.contains("caught"))
        }
    }

    /// testCatchErrorOnSubprocessThrownByNonInterruptingEventSubprocess: an error thrown inside an
    /// event subprocess leaves the enclosing subprocess by its boundary.
    @Test func anEventSubprocessErrorLeavesItsSubprocess() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <subProcess id="sub"><startEvent id="ss" /><userTask id="inside" /><endEvent id="se" />
              <subProcess id="handler" triggeredByEvent="true"><startEvent id="hs" isInterrupting="false"><messageEventDefinition messageRef="message" /></startEvent>
                <endEvent id="throw"><errorEventDefinition errorRef="err" /></endEvent><sequenceFlow id="h1" sourceRef="hs" targetRef="throw" /></subProcess>
              <sequenceFlow id="i1" sourceRef="ss" targetRef="inside" /><sequenceFlow id="i2" sourceRef="inside" targetRef="se" /></subProcess>
            <boundaryEvent id="catch" attachedToRef="sub"><errorEventDefinition errorRef="err" /></boundaryEvent>
            <userTask id="afterBoundaryTask" /><endEvent id="e" />
            """# + flows("s->sub", "sub->e", "catch->afterBoundaryTask"), messages: ["message"], errors: [("err", "Error")]))
        try scenario.start()
        #expect(scenario.state.subscriptions.count == 1)
        try scenario.correlate("message")
        #expect(scenario.waiting == ["afterBoundaryTask"])
    }
}
