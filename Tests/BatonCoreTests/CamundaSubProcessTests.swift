import BatonCore
import BatonModel
import Testing

/// Camunda's SubProcessTest and MessageIntermediateEventTest, ported: embedded subprocesses
/// nested, in parallel, left by boundary timers, and intermediate message catch events.
@Suite struct CamundaSubProcessTests {
    private func sub(_ id: String, _ body: String) -> String {
        #"<subProcess id="\#(id)">\#(body)</subProcess>"#
    }

    private func flow(_ id: String, _ source: String, _ target: String) -> String {
        #"<sequenceFlow id="\#(id)" sourceRef="\#(source)" targetRef="\#(target)" />"#
    }

    private func timer(_ id: String, on host: String, _ duration: String) -> String {
        #"<boundaryEvent id="\#(id)" attachedToRef="\#(host)"><timerEventDefinition><timeDuration>\#(duration)</timeDuration></timerEventDefinition></boundaryEvent>"#
    }

    /// A subprocess holding start → user task → end.
    private func simple(_ id: String, task: String) -> String {
        sub(id, #"<startEvent id="\#(id)Start" /><userTask id="\#(task)" /><endEvent id="\#(id)End" />"# + flow("\(id)1", "\(id)Start", task) + flow("\(id)2", task, "\(id)End"))
    }

    /// testSimpleSubProcess
    @Test func aSimpleSubprocessWaitsInsideAndThenEnds() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + simple("subProcess", task: "subProcessTask") + #"<endEvent id="e" />"# + flows("s->subProcess", "subProcess->e")))
        try scenario.start()
        #expect(scenario.waiting == ["subProcess", "subProcessTask"])
        try scenario.completeTask("subProcessTask")
        #expect(scenario.state.status == .completed)
    }

    /// testSimpleAutomaticSubProcess
    @Test func anAutomaticSubprocessEndsAtOnce() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + sub("subProcess", #"<startEvent id="ss" /><manualTask id="m" /><endEvent id="se" />"# + flow("i1", "ss", "m") + flow("i2", "m", "se")) + #"<endEvent id="e" />"# + flows("s->subProcess", "subProcess->e")))
        try scenario.start()
        #expect(scenario.state.status == .completed)
    }

    /// testSimpleSubProcessWithTimer
    @Test func aTimerOnASubprocessLeavesIt() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + simple("subProcess", task: "subProcessTask") + timer("escalationTimer", on: "subProcess", "PT2H")
            + #"<userTask id="escalationTask" /><endEvent id="e" />"# + flows("s->subProcess", "subProcess->e", "escalationTimer->escalationTask")))
        try scenario.start()
        #expect(scenario.waiting == ["subProcess", "subProcessTask"])
        try scenario.advance("PT2H")
        #expect(scenario.waiting == ["escalationTask"])
        try scenario.completeTask("escalationTask")
        #expect(scenario.state.status == .completed, "a task without outgoing flow ends its token")
    }

    /// testNestedSimpleSubProcess and testNestedSimpleSubProcessWithoutEndEvent
    @Test func nestedSubprocessesCompleteFromTheInside() throws {
        for outerEnd in [true, false] {
            let outer = sub("outerSubProcess", #"<startEvent id="os" />"# + simple("innerSubProcess", task: "innerSubProcessTask")
                + (outerEnd ? #"<endEvent id="oe" />"# + flow("o2", "innerSubProcess", "oe") : "") + flow("o1", "os", "innerSubProcess"))
            var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + outer + #"<userTask id="after" /><endEvent id="e" />"#
                + flows("s->outerSubProcess", "outerSubProcess->after", "after->e")))
            try scenario.start(["someVar": .string("abc")])
            #expect(scenario.waiting == ["outerSubProcess", "innerSubProcess", "innerSubProcessTask"])
            try scenario.completeTask("innerSubProcessTask")
            #expect(scenario.waiting == ["after"])
            try scenario.completeTask("after")
            #expect(scenario.state.status == .completed)
        }
    }

    /// testNestedSimpleSubprocessWithTimerOnInnerSubProcess
    @Test func aTimerOnTheInnerSubprocessKeepsTheOuterOne() throws {
        let outer = sub("outerSubProcess", #"<startEvent id="os" />"# + simple("innerSubProcess", task: "innerSubProcessTask")
            + timer("escalationTimer", on: "innerSubProcess", "PT1H") + #"<userTask id="escalationTask" /><endEvent id="oe" /><endEvent id="oe2" />"#
            + flow("o1", "os", "innerSubProcess") + flow("o2", "innerSubProcess", "oe") + flow("o3", "escalationTimer", "escalationTask") + flow("o4", "escalationTask", "oe2"))
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + outer + #"<userTask id="after" /><endEvent id="e" />"#
            + flows("s->outerSubProcess", "outerSubProcess->after", "after->e")))
        try scenario.start()
        try scenario.advance("PT1H")
        #expect(scenario.waiting == ["outerSubProcess", "escalationTask"])
        try scenario.completeTask("escalationTask")
        #expect(scenario.waiting == ["after"])
    }

    /// testDoubleNestedSimpleSubProcess
    @Test func threeLevelsOfSubprocesses() throws {
        let third = simple("thirdSubProcess", task: "task")
        let second = sub("secondSubProcess", #"<startEvent id="s2" />"# + third + #"<endEvent id="e2" />"# + flow("a2", "s2", "thirdSubProcess") + flow("b2", "thirdSubProcess", "e2"))
        let first = sub("firstSubProcess", #"<startEvent id="s1" />"# + second + #"<endEvent id="e1" />"# + flow("a1", "s1", "secondSubProcess") + flow("b1", "secondSubProcess", "e1"))
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + first + #"<userTask id="after" /><endEvent id="e" />"#
            + flows("s->firstSubProcess", "firstSubProcess->after", "after->e")))
        try scenario.start()
        #expect(scenario.waiting == ["firstSubProcess", "secondSubProcess", "thirdSubProcess", "task"])
        try scenario.completeTask("task")
        #expect(scenario.waiting == ["after"])
    }

    /// A subprocess forking to two tasks and joining them.
    private func parallel(_ id: String, _ a: String, _ b: String) -> String {
        sub(id, #"<startEvent id="\#(id)S" /><parallelGateway id="\#(id)Fork" /><userTask id="\#(a)" /><userTask id="\#(b)" /><parallelGateway id="\#(id)Join" /><endEvent id="\#(id)E" />"#
            + flow("\(id)1", "\(id)S", "\(id)Fork") + flow("\(id)2", "\(id)Fork", a) + flow("\(id)3", "\(id)Fork", b) + flow("\(id)4", a, "\(id)Join")
            + flow("\(id)5", b, "\(id)Join") + flow("\(id)6", "\(id)Join", "\(id)E"))
    }

    /// testSimpleParallelSubProcess and testConcurrencyInSubProcess
    @Test func aParallelSubprocessJoinsBeforeItLeaves() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + parallel("subProcess", "taskA", "taskB") + #"<userTask id="after" /><endEvent id="e" />"#
            + flows("s->subProcess", "subProcess->after", "after->e")))
        try scenario.start()
        #expect(Set(scenario.state.tasks.map { scenario.process.nodes[$0.node].id.rawValue }) == ["taskA", "taskB"])
        try scenario.completeTask("taskA")
        #expect(scenario.waiting == ["subProcess", "taskB"], "the join waits for B")
        try scenario.completeTask("taskB")
        #expect(scenario.waiting == ["after"])
    }

    /// testSimpleParallelSubProcessWithTimer and testTwoNestedSubProcessesInParallelWithTimer
    @Test func aTimerOnAParallelSubprocessEndsEverythingInside() throws {
        let outer = sub("outer", #"<startEvent id="os" /><parallelGateway id="of" />"# + simple("subA", task: "taskA") + simple("subB", task: "taskB")
            + #"<parallelGateway id="oj" /><endEvent id="oe" />"# + flow("o1", "os", "of") + flow("o2", "of", "subA") + flow("o3", "of", "subB")
            + flow("o4", "subA", "oj") + flow("o5", "subB", "oj") + flow("o6", "oj", "oe"))
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" />"# + outer + timer("t", on: "outer", "PT2H")
            + #"<userTask id="afterTimer" /><userTask id="after" /><endEvent id="e" />"# + flows("s->outer", "outer->after", "t->afterTimer", "after->e", "afterTimer->e")))
        try scenario.start()
        #expect(Set(scenario.waiting) == ["outer", "subA", "taskA", "subB", "taskB"])
        try scenario.advance("PT2H")
        #expect(scenario.waiting == ["afterTimer"])
        try scenario.completeTask("afterTimer")
        #expect(scenario.state.status == .completed)
    }

    /// testTwoSubProcessInParallel: no join, each branch ends on its own.
    @Test func twoSubprocessesInParallelEndOnTheirOwn() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" /><parallelGateway id="fork" />"# + simple("subA", task: "taskA") + simple("subB", task: "taskB")
            + #"<userTask id="afterA" /><userTask id="afterB" /><endEvent id="e1" /><endEvent id="e2" />"#
            + flows("s->fork", "fork->subA", "fork->subB", "subA->afterA", "subB->afterB", "afterA->e1", "afterB->e2")))
        try scenario.start()
        try scenario.completeTask("taskA")
        #expect(scenario.waiting == ["subB", "taskB", "afterA"])
        try scenario.completeTask("taskB")
        try scenario.completeTask("afterA")
        #expect(scenario.state.status == .active)
        try scenario.completeTask("afterB")
        #expect(scenario.state.status == .completed)
    }

    /// MessageIntermediateEventTest.testSingleIntermediateMessageEvent and
    /// testConcurrentIntermediateMessageEvent: one catch event, and two catching the same message.
    @Test func intermediateMessageCatchEventsWaitForTheirMessage() throws {
        var single = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><intermediateCatchEvent id="messageCatch"><messageEventDefinition messageRef="newInvoiceMessage" /></intermediateCatchEvent>
            <userTask id="task" /><endEvent id="e" />
            """# + flows("s->messageCatch", "messageCatch->task", "task->e"), messages: ["newInvoiceMessage"]))
        try single.start()
        #expect(single.waiting == ["messageCatch"])
        try single.correlate("newInvoiceMessage")
        #expect(single.waiting == ["task"])

        var concurrent = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" />
            <intermediateCatchEvent id="messageCatch1"><messageEventDefinition messageRef="newInvoiceMessage" /></intermediateCatchEvent>
            <intermediateCatchEvent id="messageCatch2"><messageEventDefinition messageRef="newInvoiceMessage" /></intermediateCatchEvent>
            <parallelGateway id="join" /><userTask id="task" /><endEvent id="e" />
            """# + flows("s->fork", "fork->messageCatch1", "fork->messageCatch2", "messageCatch1->join", "messageCatch2->join", "join->task", "task->e"),
            messages: ["newInvoiceMessage"]))
        try concurrent.start()
        #expect(concurrent.state.subscriptions.count == 2)
        try concurrent.correlate("newInvoiceMessage")
        #expect(concurrent.task("task") == nil)
        try concurrent.correlate("newInvoiceMessage")
        #expect(concurrent.task("task") != nil)
    }

    /// MessageIntermediateEventTest.testExpressionInSingleIntermediateMessageEvent: the message's
    /// name is an expression, resolved when the subscription opens.
    @Test func aMessageNameMayBeAnExpression() throws {
        var scenario = try CoreScenario(#"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <message id="invoice" name="newInvoiceMessage-${foo}" />
            <process id="p" isExecutable="true"><startEvent id="s" />
              <intermediateCatchEvent id="messageCatch"><messageEventDefinition messageRef="invoice" /></intermediateCatchEvent>
              <userTask id="task" /><endEvent id="e" />
            """# + flows("s->messageCatch", "messageCatch->task", "task->e") + "</process></definitions>")
        try scenario.start(["foo": .string("bar")])
        #expect(scenario.state.subscriptions.map(\.eventName) == ["newInvoiceMessage-bar"])
        try scenario.correlate("newInvoiceMessage-bar")
        #expect(scenario.waiting == ["task"])
    }
}
