import BatonCore
import BatonModel
import Testing

@Suite struct ContainerTests {
    @Test func anEmbeddedSubprocessRunsItsOwnFlowAndThenLeaves() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <subProcess id="sub"><startEvent id="ss" /><userTask id="inner" /><endEvent id="se" />
              <sequenceFlow id="i1" sourceRef="ss" targetRef="inner" /><sequenceFlow id="i2" sourceRef="inner" targetRef="se" /></subProcess>
            <endEvent id="e" />
            """# + flows("s->sub", "sub->e")))
        try scenario.start()
        #expect(scenario.waiting == ["sub", "inner"])
        let inner = try #require(scenario.state.elements.last)
        #expect(inner.scope == scenario.state.elements.first?.key)
        try scenario.completeTask("inner")
        #expect(scenario.completed == ["s", "ss", "inner", "se", "sub", "e"])
    }

    @Test func inputAndOutputMappingsGiveTheActivityItsOwnScope() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <userTask id="t"><extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="limit">${base * 2}</camunda:inputParameter>
              <camunda:inputParameter name="tags"><camunda:list><camunda:value>a</camunda:value><camunda:value>${base}</camunda:value></camunda:list></camunda:inputParameter>
              <camunda:outputParameter name="decision">${answer == 'yes'}</camunda:outputParameter>
            </camunda:inputOutput></extensionElements></userTask>
            <endEvent id="e" />
            """# + flows("s->t", "t->e")))
        try scenario.start(["base": .long(21)])
        let task = try #require(scenario.state.elements.first { scenario.process.nodes[$0.node].id == "t" })
        #expect(scenario.state.variable("limit", from: task.key) == .long(42))
        #expect(scenario.state.variable("tags", from: task.key) == .json(.array([.string("a"), .integer(21)])))
        #expect(scenario.variable("limit") == nil, "inputs are local to the activity")
        try scenario.completeTask("t", ["answer": .string("yes")])
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "decision", value: .boolean(true))))
        #expect(!scenario.events.contains(.variableSet(scope: nil, name: "answer", value: .string("yes"))), "completion variables stay local")
    }

    @Test func aCallActivityAsksForItsChildAndMapsItsOutput() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <callActivity id="pay" calledElement="payout" camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="v2">
              <extensionElements><camunda:in businessKey="claim-${claimId}" /><camunda:in source="total" target="amount" />
                <camunda:out source="paymentId" target="paymentRef" /></extensionElements></callActivity>
            <endEvent id="e" />
            """# + flows("s->pay", "pay->e")))
        try scenario.start(["claimId": .long(7), "total": .long(120), "private": .boolean(true)])
        guard case .childInstanceRequested(let request)? = scenario.events.last else {
            Issue.record("expected the child to be requested last, got \(String(describing: scenario.events.last))")
            return
        }
        #expect(request.processKey == "payout")
        #expect(request.binding == .versionTag && request.versionTag == "v2")
        #expect(request.businessKey == "claim-7")
        #expect(request.variables == ["amount": .long(120)])
        try scenario.run(.completeCallActivity(elementKey: request.elementKey, variables: ["paymentId": .string("P-1"), "noise": .null]))
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "paymentRef", value: .string("P-1"))))
        #expect(scenario.variable("noise") == nil)
        #expect(scenario.state.status == .completed)
    }

    @Test func parallelMultiInstanceRunsOncePerItem() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <userTask id="verify" camunda:assignee="${reviewer}">
              <multiInstanceLoopCharacteristics camunda:collection="reviewers" camunda:elementVariable="reviewer" /></userTask>
            <endEvent id="e" />
            """# + flows("s->verify", "verify->e")))
        try scenario.start(["reviewers": .json(.array([.string("ann"), .string("ben"), .string("cy")]))])
        #expect(scenario.state.tasks.map(\.assignee) == ["ann", "ben", "cy"])
        let body = try #require(scenario.state.elements.first)
        #expect(body.isMultiInstanceBody)
        #expect(scenario.state.variable("nrOfInstances", from: body.key) == .integer(3))
        try scenario.completeTask("verify")
        #expect(scenario.state.variable("nrOfCompletedInstances", from: body.key) == .integer(1))
        #expect(scenario.state.variable("nrOfActiveInstances", from: body.key) == .integer(2))
        try scenario.completeTask("verify")
        try scenario.completeTask("verify")
        #expect(scenario.state.status == .completed)
    }

    /// Camunda's MultiInstanceTest.testParallelScriptTasks and …History: every inner instance
    /// runs, also when each completes in the command that starts it.
    @Test func parallelMultiInstanceThatCompletesAtOnceRunsEveryInstance() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <scriptTask id="add" scriptFormat="juel" camunda:resultVariable="sum">
              <multiInstanceLoopCharacteristics isSequential="false"><loopCardinality>${nrOfLoops}</loopCardinality></multiInstanceLoopCharacteristics>
              <script>${sum + loopCounter}</script></scriptTask>
            <receiveTask id="wait" /><endEvent id="e" />
            """# + flows("s->add", "add->wait", "wait->e")))
        try scenario.start(["sum": .integer(0), "nrOfLoops": .integer(10)])
        #expect(scenario.variable("sum") == .long(45))
        #expect(scenario.completed.filter { $0 == "add" }.count == 11, "ten inner instances and the body")
        #expect(scenario.waiting == ["wait"])
    }

    /// MultiInstanceTest.testParallelScriptTasksCompletionCondition: the condition stops the body
    /// after two instances, and the instances not yet started never run.
    @Test func parallelMultiInstanceThatCompletesAtOnceStopsAtItsCompletionCondition() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <scriptTask id="count" scriptFormat="juel" camunda:resultVariable="sum">
              <multiInstanceLoopCharacteristics isSequential="false"><loopCardinality>${8}</loopCardinality>
                <completionCondition>${nrOfCompletedInstances == 2}</completionCondition></multiInstanceLoopCharacteristics>
              <script>${sum + 1}</script></scriptTask>
            <receiveTask id="wait" /><endEvent id="e" />
            """# + flows("s->count", "count->wait", "wait->e")))
        try scenario.start(["sum": .integer(0)])
        #expect(scenario.variable("sum") == .long(2))
        #expect(scenario.completed.filter { $0 == "count" }.count == 3, "two inner instances and the body")
    }

    /// MultiInstanceTest.testParallelSubProcessAllAutomatic and …CompletionCondition: parallel
    /// subprocess instances with a fork and join inside, all automatic.
    @Test func parallelMultiInstanceSubprocessesThatCompleteAtOnceAllRun() throws {
        for (loops, expected) in [(5, 10), (10, 12)] {
            var scenario = try CoreScenario(bpmn(#"""
                <startEvent id="s" />
                <subProcess id="sub">
                  <multiInstanceLoopCharacteristics isSequential="false"><loopCardinality>${nrOfLoops}</loopCardinality>
                    <completionCondition>${nrOfCompletedInstances == 6}</completionCondition></multiInstanceLoopCharacteristics>
                  <startEvent id="ss" /><parallelGateway id="fork" />
                  <scriptTask id="one" scriptFormat="juel" camunda:resultVariable="sum"><script>${sum + 1}</script></scriptTask>
                  <scriptTask id="two" scriptFormat="juel" camunda:resultVariable="sum"><script>${sum + 1}</script></scriptTask>
                  <parallelGateway id="join" /><endEvent id="se" />
                  <sequenceFlow id="i1" sourceRef="ss" targetRef="fork" /><sequenceFlow id="i2" sourceRef="fork" targetRef="one" />
                  <sequenceFlow id="i3" sourceRef="fork" targetRef="two" /><sequenceFlow id="i4" sourceRef="one" targetRef="join" />
                  <sequenceFlow id="i5" sourceRef="two" targetRef="join" /><sequenceFlow id="i6" sourceRef="join" targetRef="se" />
                </subProcess>
                <receiveTask id="wait" /><endEvent id="e" />
                """# + flows("s->sub", "sub->wait", "wait->e")))
            try scenario.start(["sum": .integer(0), "nrOfLoops": .integer(Int32(loops))])
            #expect(scenario.variable("sum") == .long(Int64(expected)), "\(loops) loops")
            #expect(scenario.waiting == ["wait"])
        }
    }

    @Test func sequentialMultiInstanceStopsWhenItsCompletionConditionHolds() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <userTask id="ask"><multiInstanceLoopCharacteristics isSequential="true">
              <loopCardinality>${5}</loopCardinality><completionCondition>${nrOfCompletedInstances == 2}</completionCondition>
            </multiInstanceLoopCharacteristics></userTask>
            <endEvent id="e" />
            """# + flows("s->ask", "ask->e")))
        try scenario.start()
        #expect(scenario.state.tasks.count == 1)
        let first = try #require(scenario.state.elements.last)
        #expect(scenario.state.variable("loopCounter", from: first.key) == .integer(0))
        try scenario.completeTask("ask")
        #expect(scenario.state.variable("loopCounter", from: scenario.state.elements.last!.key) == .integer(1))
        try scenario.completeTask("ask")
        #expect(scenario.state.status == .completed)
        #expect(scenario.completed.filter { $0 == "ask" }.count == 3, "two inner instances and the body")
    }

    @Test func anEmptyCollectionSkipsTheActivity() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="t"><multiInstanceLoopCharacteristics camunda:collection="${items}" camunda:elementVariable="item" /></userTask><endEvent id="e" />
            """# + flows("s->t", "t->e")))
        try scenario.start(["items": .json(.array([]))])
        #expect(scenario.state.status == .completed)
    }

    @Test func aMessageStartEventStartsTheInstanceWithItsVariables() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="byHand" /><startEvent id="byMessage"><messageEventDefinition messageRef="claim" /></startEvent>
            <userTask id="t" /><endEvent id="e" />
            """# + flows("byHand->t", "byMessage->t", "t->e"), messages: ["claim"]))
        try scenario.run(.start(businessKey: "B-1", variables: ["x": .long(1)], startEvent: "byMessage", parent: nil))
        #expect(scenario.completed == ["byMessage"])
        #expect(scenario.state.businessKey == "B-1")
        #expect(scenario.variable("x") == .long(1))
    }
}

@Suite struct DeterminismTests {
    /// Every command sequence run twice with the same clock and ids gives the same events, in the
    /// same order (the core derives nothing from dictionary order, clocks or randomness).
    @Test func theSameScenarioTwiceGivesIdenticalHistories() throws {
        func runOnce() throws -> [InstanceEvent] {
            var scenario = try CoreScenario(bpmn(#"""
                <startEvent id="s" /><parallelGateway id="fork" />
                <userTask id="a" camunda:candidateGroups="g1,g2" /><serviceTask id="b" camunda:type="external" camunda:topic="t" />
                <userTask id="c"><multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics></userTask>
                <parallelGateway id="join" /><endEvent id="e" />
                """# + flows("s->fork", "fork->a", "fork->b", "fork->c", "a->join", "b->join", "c->join", "join->e")))
            try scenario.start(["z": .long(1), "a": .string("x"), "m": .json(.object([.init("k", .bool(true))]))])
            try scenario.completeJob("b", ["q": .long(2), "p": .long(3)])
            try scenario.completeTask("c")
            try scenario.completeTask("a", ["b1": .boolean(true), "a1": .boolean(false)])
            try scenario.completeTask("c")
            try scenario.completeTask("c")
            #expect(scenario.state.status == .completed)
            return scenario.events
        }
        let first = try runOnce()
        let second = try runOnce()
        #expect(first == second)
        #expect("\(first)" == "\(second)", "byte-identical when printed")
    }
}

@Suite struct LimitTests {
    @Test func aHugeLoopCardinalityIsRefusedNotScheduled() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><task id="t"><multiInstanceLoopCharacteristics><loopCardinality>${n}</loopCardinality></multiInstanceLoopCharacteristics></task><endEvent id="e" />
            """# + flows("s->t", "t->e")))
        #expect(throws: Rejection(.executionFailed, "Expected task 't' to run at most 100000 instances, but it asks for 1000000000.")) {
            try scenario.start(["n": .long(1_000_000_000)])
        }
    }

    @Test func theFirstOversizedVariableIsNamedInNameOrder() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" /><userTask id="t" /><endEvent id="e" />"# + flows("s->t", "t->e")))
        let big = VariableValue.string(String(repeating: "x", count: 1 << 20))
        #expect(throws: Rejection(.invalidArgument, "Expected variable 'a' to be at most 1048576 bytes, but its value is 1048578 bytes.")) {
            try scenario.start(["z": big, "a": big, "m": big])
        }
    }
}
