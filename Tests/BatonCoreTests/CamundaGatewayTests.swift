import BatonCore
import BatonModel
import Testing

/// Camunda's ParallelGatewayTest, ExclusiveGatewayTest and InclusiveGatewayTest, ported (their
/// Java-bean and Groovy variants left out).
@Suite struct CamundaGatewayTests {
    private func waitingTasks(_ scenario: CoreScenario) -> [String] {
        scenario.state.tasks.map { scenario.process.nodes[$0.node].id.rawValue }.sorted()
    }

    // MARK: ParallelGatewayTest

    /// testSplitMergeNoWaitstates, testUnstructuredConcurrencyTwoForks, …TwoJoins,
    /// testForkFollowedByOnlyEndEvents, testNestedForksFollowedByEndEvents, testCompletingJoin
    @Test func automaticForksAndJoinsEndTheInstance() throws {
        let models = [
            #"<startEvent id="s" /><parallelGateway id="fork" /><parallelGateway id="join" /><endEvent id="e" />"#
                + flows("s->fork", "fork->join", "fork->join", "fork->join", "join->e"),
            #"<startEvent id="s" /><parallelGateway id="fork1" /><parallelGateway id="fork2" /><manualTask id="t1" /><manualTask id="t2" /><manualTask id="t3" /><manualTask id="t4" /><parallelGateway id="join" /><endEvent id="e" />"#
                + flows("s->fork1", "fork1->t1", "fork1->t2", "fork1->fork2", "fork2->t3", "fork2->t4", "t1->join", "t2->join", "t3->join", "t4->join", "join->e"),
            #"<startEvent id="s" /><parallelGateway id="fork" /><manualTask id="t1" /><manualTask id="t2" /><manualTask id="t3" /><parallelGateway id="join1" /><manualTask id="t4" /><manualTask id="t5" /><manualTask id="t6" /><parallelGateway id="join2" /><endEvent id="e" />"#
                + flows("s->fork", "fork->t1", "fork->t2", "fork->t3", "t1->join1", "t2->join1", "join1->t4", "join1->t5", "join1->t6", "t3->join2", "t4->join2", "t5->join2", "t6->join2", "join2->e"),
            #"<startEvent id="s" /><parallelGateway id="fork" /><endEvent id="e1" /><endEvent id="e2" />"# + flows("s->fork", "fork->e1", "fork->e2"),
            #"<startEvent id="s" /><parallelGateway id="fork" /><parallelGateway id="n1" /><parallelGateway id="n2" /><endEvent id="e1" /><endEvent id="e2" /><endEvent id="e3" /><endEvent id="e4" />"#
                + flows("s->fork", "fork->n1", "fork->n2", "n1->e1", "n1->e2", "n2->e3", "n2->e4"),
            #"<startEvent id="s" /><parallelGateway id="fork" /><task id="a" /><task id="b" /><parallelGateway id="join" />"# + flows("s->fork", "fork->a", "fork->b", "a->join", "b->join"),
        ]
        for model in models {
            var scenario = try CoreScenario(bpmn(model))
            try scenario.start()
            #expect(scenario.state.status == .completed, "\(model)")
        }
    }

    /// testNestedForkJoin and testUnbalancedForkJoin
    @Test func nestedAndUnbalancedForksJoinInOrder() throws {
        var nested = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="task0" /><parallelGateway id="forkAB" /><userTask id="taskA" /><userTask id="taskB" />
            <parallelGateway id="forkB" /><userTask id="taskB1" /><userTask id="taskB2" /><parallelGateway id="joinB" /><parallelGateway id="joinAB" />
            <userTask id="taskC" /><endEvent id="e" />
            """# + flows("s->task0", "task0->forkAB", "forkAB->taskA", "forkAB->taskB", "taskA->joinAB", "taskB->forkB", "forkB->taskB1",
                "forkB->taskB2", "taskB1->joinB", "taskB2->joinB", "joinB->joinAB", "joinAB->taskC", "taskC->e")))
        try nested.start()
        try nested.completeTask("task0")
        #expect(waitingTasks(nested) == ["taskA", "taskB"])
        try nested.completeTask("taskA")
        #expect(waitingTasks(nested) == ["taskB"])
        try nested.completeTask("taskB")
        #expect(waitingTasks(nested) == ["taskB1", "taskB2"])
        try nested.completeTask("taskB1")
        try nested.completeTask("taskB2")
        #expect(waitingTasks(nested) == ["taskC"])

        var unbalanced = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><userTask id="t1" /><userTask id="t2" /><userTask id="t3" />
            <parallelGateway id="firstJoin" /><userTask id="t4" /><parallelGateway id="secondJoin" /><endEvent id="e" />
            """# + flows("s->fork", "fork->t1", "fork->t2", "fork->t3", "t1->firstJoin", "t2->firstJoin", "firstJoin->t4", "t3->secondJoin",
                "t4->secondJoin", "secondJoin->e")))
        try unbalanced.start()
        try unbalanced.completeTask("t1")
        try unbalanced.completeTask("t2")
        #expect(waitingTasks(unbalanced) == ["t3", "t4"])
        try unbalanced.completeTask("t3")
        try unbalanced.completeTask("t4")
        #expect(unbalanced.state.status == .completed)
    }

    /// testCompletingJoinInSubProcess: a join without outgoing flow ends the subprocess's tokens,
    /// and the subprocess without outgoing flow ends the instance.
    @Test func aJoinWithoutOutgoingFlowInsideASubprocess() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><subProcess id="sub"><startEvent id="ss" /><parallelGateway id="fork" /><task id="a" /><task id="b" /><parallelGateway id="join" />
              <sequenceFlow id="i1" sourceRef="ss" targetRef="fork" /><sequenceFlow id="i2" sourceRef="fork" targetRef="a" /><sequenceFlow id="i3" sourceRef="fork" targetRef="b" />
              <sequenceFlow id="i4" sourceRef="a" targetRef="join" /><sequenceFlow id="i5" sourceRef="b" targetRef="join" /></subProcess>
            """# + flows("s->sub")))
        try scenario.start()
        #expect(scenario.state.status == .completed)
    }

    // MARK: ExclusiveGatewayTest

    private static let diverging = #"""
        <startEvent id="s" /><exclusiveGateway id="exclusiveGw" /><userTask id="task1" /><userTask id="task2" /><userTask id="task3" />
        <sequenceFlow id="f0" sourceRef="s" targetRef="exclusiveGw" />
        <sequenceFlow id="f1" sourceRef="exclusiveGw" targetRef="task1"><conditionExpression>
                ${input == 1}
            </conditionExpression></sequenceFlow>
        <sequenceFlow id="f2" sourceRef="exclusiveGw" targetRef="task2"><conditionExpression>${input == 2}</conditionExpression></sequenceFlow>
        <sequenceFlow id="f3" sourceRef="exclusiveGw" targetRef="task3"><conditionExpression>${input == 3}</conditionExpression></sequenceFlow>
        """#

    /// testDivergingExclusiveGateway, testWhitespaceInExpression, testDecisionFunctionality,
    /// testNoSequenceFlowSelected, testUnknownVariableInExpression
    @Test func anExclusiveGatewayTakesTheFlowWhoseConditionHolds() throws {
        for input in 1...3 {
            var scenario = try CoreScenario(bpmn(Self.diverging))
            try scenario.start(["input": .integer(Int32(input))])
            #expect(waitingTasks(scenario) == ["task\(input)"])
        }
        var none = try CoreScenario(bpmn(Self.diverging))
        #expect(throws: Rejection.self) { try none.start(["input": .integer(4)]) }
        var unknown = try CoreScenario(bpmn(Self.diverging))
        do {
            try unknown.start(["iinput": .integer(1)])
            Issue.record("an unknown variable must fail the start")
        } catch let rejection as Rejection {
            #expect(rejection.message.contains("cannot resolve identifier 'input'"))
        }
    }

    /// testMultipleValidConditions: the first flow whose condition holds, in document order.
    @Test func theFirstHoldingConditionWins() throws {
        var scenario = try CoreScenario(bpmn(Self.diverging.replacing("${input == 2}", with: "${input >= 2}").replacing("${input == 3}", with: "${input >= 3}")))
        try scenario.start(["input": .integer(5)])
        #expect(waitingTasks(scenario) == ["task2"])
    }

    /// testMergingExclusiveGateway and testDefaultSequenceFlow
    @Test func exclusiveGatewaysMergeAndFallBackToTheirDefault() throws {
        var merging = try CoreScenario(bpmn(#"<startEvent id="s" /><exclusiveGateway id="x" /><userTask id="t" /><endEvent id="e" />"#
            + flows("s->x", "s->x", "s->x", "x->t", "t->e")))
        try merging.start()
        #expect(merging.state.tasks.count == 3)

        let defaulting = #"""
            <startEvent id="s" /><exclusiveGateway id="x" default="flow3" /><userTask id="one" /><userTask id="three" /><userTask id="other" />
            <sequenceFlow id="f0" sourceRef="s" targetRef="x" />
            <sequenceFlow id="flow1" sourceRef="x" targetRef="one"><conditionExpression>${input == 1}</conditionExpression></sequenceFlow>
            <sequenceFlow id="flow2" sourceRef="x" targetRef="three"><conditionExpression>${input == 3}</conditionExpression></sequenceFlow>
            <sequenceFlow id="flow3" sourceRef="x" targetRef="other" />
            """#
        for (input, task) in [(1, "one"), (5, "other")] {
            var scenario = try CoreScenario(bpmn(defaulting))
            try scenario.start(["input": .integer(Int32(input))])
            #expect(waitingTasks(scenario) == [task])
        }
    }

    /// testLoopWithManyIterations: a JUEL loop of 1,000 iterations in one command.
    @Test func aLoopOfAThousandIterationsRunsInOneCommand() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><scriptTask id="init" scriptFormat="juel" camunda:resultVariable="i"><script>${0}</script></scriptTask>
            <exclusiveGateway id="merge" /><scriptTask id="inc" scriptFormat="juel" camunda:resultVariable="i"><script>${i + 1}</script></scriptTask>
            <exclusiveGateway id="check" default="out" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="init" /><sequenceFlow id="f2" sourceRef="init" targetRef="merge" />
            <sequenceFlow id="f3" sourceRef="merge" targetRef="inc" /><sequenceFlow id="f4" sourceRef="inc" targetRef="check" />
            <sequenceFlow id="again" sourceRef="check" targetRef="merge"><conditionExpression>${i &lt;= numOfIterations}</conditionExpression></sequenceFlow>
            <sequenceFlow id="out" sourceRef="check" targetRef="e" />
            """#))
        try scenario.start(["numOfIterations": .integer(1000)])
        #expect(scenario.state.status == .completed)
        #expect(scenario.variable("i") == .long(1001))
    }

    // MARK: InclusiveGatewayTest

    private static let inclusive = #"""
        <startEvent id="s" /><inclusiveGateway id="inclusiveGw" /><userTask id="task1" /><userTask id="task2" /><userTask id="task3" />
        <sequenceFlow id="f0" sourceRef="s" targetRef="inclusiveGw" />
        <sequenceFlow id="f1" sourceRef="inclusiveGw" targetRef="task1"><conditionExpression>${input &lt;= 1}</conditionExpression></sequenceFlow>
        <sequenceFlow id="f2" sourceRef="inclusiveGw" targetRef="task2"><conditionExpression>${input &lt;= 2}</conditionExpression></sequenceFlow>
        <sequenceFlow id="f3" sourceRef="inclusiveGw" targetRef="task3"><conditionExpression>${input &lt;= 3}</conditionExpression></sequenceFlow>
        """#

    /// testDivergingInclusiveGateway, testDecisionFunctionality, testNoSequenceFlowSelected
    @Test func anInclusiveGatewayTakesEveryHoldingFlow() throws {
        for input in 1...3 {
            var scenario = try CoreScenario(bpmn(Self.inclusive))
            try scenario.start(["input": .integer(Int32(input))])
            #expect(waitingTasks(scenario) == (input...3).map { "task\($0)" })
        }
        var none = try CoreScenario(bpmn(Self.inclusive))
        #expect(throws: Rejection.self) { try none.start(["input": .integer(4)]) }
    }

    /// testMergingInclusiveGateway and testPartialMergingInclusiveGateway
    @Test func inclusiveGatewaysMergeWhatCanArrive() throws {
        var merging = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><inclusiveGateway id="merge" /><userTask id="t" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="merge"><conditionExpression>${input &lt;= 1}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f2" sourceRef="s" targetRef="merge"><conditionExpression>${input &lt;= 2}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="s" targetRef="merge"><conditionExpression>${input &lt;= 3}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f4" sourceRef="merge" targetRef="t" /><sequenceFlow id="f5" sourceRef="t" targetRef="e" />
            """#))
        try merging.start(["input": .integer(2)])
        #expect(merging.state.tasks.count == 1)

        var partial = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><inclusiveGateway id="partialGw" /><userTask id="partialTask" /><inclusiveGateway id="fullGw" /><userTask id="theTask" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="partialGw"><conditionExpression>${input &lt;= 1}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f2" sourceRef="s" targetRef="partialGw"><conditionExpression>${input &lt;= 2}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="s" targetRef="partialTask"><conditionExpression>${input &lt;= 3}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f4" sourceRef="partialGw" targetRef="fullGw" /><sequenceFlow id="f5" sourceRef="partialTask" targetRef="fullGw" />
            <sequenceFlow id="f6" sourceRef="fullGw" targetRef="theTask" /><sequenceFlow id="f7" sourceRef="theTask" targetRef="e" />
            """#))
        try partial.start(["input": .integer(2)])
        #expect(waitingTasks(partial) == ["partialTask"])
        try partial.completeTask("partialTask")
        #expect(waitingTasks(partial) == ["theTask"])
    }

    /// testDefaultSequenceFlow and testSplitMergeSplit
    @Test func inclusiveDefaultsAndSplitMergeSplit() throws {
        let defaulting = #"""
            <startEvent id="s" /><inclusiveGateway id="i" default="flow3" /><userTask id="one" /><userTask id="threeOrOne" /><userTask id="other" />
            <sequenceFlow id="f0" sourceRef="s" targetRef="i" />
            <sequenceFlow id="flow1" sourceRef="i" targetRef="one"><conditionExpression>${input == 1}</conditionExpression></sequenceFlow>
            <sequenceFlow id="flow2" sourceRef="i" targetRef="threeOrOne"><conditionExpression>${input == 3 || input == 1}</conditionExpression></sequenceFlow>
            <sequenceFlow id="flow3" sourceRef="i" targetRef="other" />
            """#
        for (input, tasks) in [(1, ["one", "threeOrOne"]), (3, ["threeOrOne"]), (5, ["other"])] {
            var scenario = try CoreScenario(bpmn(defaulting))
            try scenario.start(["input": .integer(Int32(input))])
            #expect(waitingTasks(scenario) == tasks, "input \(input)")
        }

        var splitMergeSplit = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><inclusiveGateway id="split" /><userTask id="task1" /><userTask id="task2" /><inclusiveGateway id="merge" default="f6" /><userTask id="task3" /><endEvent id="e" />
            <sequenceFlow id="f0" sourceRef="s" targetRef="split" />
            <sequenceFlow id="f1" sourceRef="split" targetRef="task1"><conditionExpression>${input &lt;= 1}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f2" sourceRef="split" targetRef="task2"><conditionExpression>${input &lt;= 2}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="task1" targetRef="merge" /><sequenceFlow id="f4" sourceRef="task2" targetRef="merge" />
            <sequenceFlow id="f6" sourceRef="merge" targetRef="task3" /><sequenceFlow id="f7" sourceRef="task3" targetRef="e" />
            """#))
        try splitMergeSplit.start(["input": .integer(1)])
        try splitMergeSplit.completeTask("task1")
        try splitMergeSplit.completeTask("task2")
        #expect(waitingTasks(splitMergeSplit) == ["task3"])
    }

    /// testJoinAfterSubprocesses, testJoinAfterSequential/ParallelMultiInstanceSubProcess
    @Test func inclusiveJoinsWaitForSubprocessesAndMultiInstance() throws {
        let subprocesses = #"""
            <startEvent id="s" /><inclusiveGateway id="split" />
            <subProcess id="sub1"><startEvent id="s1" /><userTask id="taskA" camunda:assignee="a" /><endEvent id="e1" />
              <sequenceFlow id="i1" sourceRef="s1" targetRef="taskA" /><sequenceFlow id="i2" sourceRef="taskA" targetRef="e1" /></subProcess>
            <subProcess id="sub2"><startEvent id="s2" /><userTask id="taskB" camunda:assignee="b" /><endEvent id="e2" />
              <sequenceFlow id="i3" sourceRef="s2" targetRef="taskB" /><sequenceFlow id="i4" sourceRef="taskB" targetRef="e2" /></subProcess>
            <inclusiveGateway id="join" /><userTask id="taskC" camunda:assignee="c" /><endEvent id="e" />
            <sequenceFlow id="f0" sourceRef="s" targetRef="split" />
            <sequenceFlow id="f1" sourceRef="split" targetRef="sub1"><conditionExpression>${a == 1}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f2" sourceRef="split" targetRef="sub2"><conditionExpression>${b == 1}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f3" sourceRef="sub1" targetRef="join" /><sequenceFlow id="f4" sourceRef="sub2" targetRef="join" />
            <sequenceFlow id="f5" sourceRef="join" targetRef="taskC" /><sequenceFlow id="f6" sourceRef="taskC" targetRef="e" />
            """#
        var both = try CoreScenario(bpmn(subprocesses))
        try both.start(["a": .integer(1), "b": .integer(1)])
        try both.completeTask("taskA")
        #expect(waitingTasks(both) == ["taskB"])
        try both.completeTask("taskB")
        try both.completeTask("taskC")
        #expect(both.state.status == .completed)
        var one = try CoreScenario(bpmn(subprocesses))
        try one.start(["a": .integer(1), "b": .integer(2)])
        try one.completeTask("taskA")
        #expect(waitingTasks(one) == ["taskC"])

        for sequential in [true, false] {
            var scenario = try CoreScenario(bpmn(#"""
                <startEvent id="s" /><inclusiveGateway id="split" /><userTask id="task" />
                <subProcess id="mi"><multiInstanceLoopCharacteristics isSequential="\#(sequential)"><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics>
                  <startEvent id="ms" /><userTask id="innerTask" /><endEvent id="me" />
                  <sequenceFlow id="i1" sourceRef="ms" targetRef="innerTask" /><sequenceFlow id="i2" sourceRef="innerTask" targetRef="me" /></subProcess>
                <inclusiveGateway id="join" /><userTask id="taskAfterJoin" /><endEvent id="e" />
                """# + flows("s->split", "split->task", "split->mi", "task->join", "mi->join", "join->taskAfterJoin", "taskAfterJoin->e")))
            try scenario.start()
            try scenario.completeTask("task")
            #expect(scenario.task("taskAfterJoin") == nil, "the join waits for the multi-instance subprocess")
        }
    }

    /// testJoinAfterEventBasedGateway
    @Test func anInclusiveJoinWaitsForAnEventBasedGateway() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><inclusiveGateway id="split" /><userTask id="theTask" /><eventBasedGateway id="ebg" />
            <intermediateCatchEvent id="onFoo"><messageEventDefinition messageRef="foo" /></intermediateCatchEvent>
            <intermediateCatchEvent id="onBar"><messageEventDefinition messageRef="bar" /></intermediateCatchEvent>
            <exclusiveGateway id="merge" /><inclusiveGateway id="join" /><userTask id="taskAfterJoin" /><endEvent id="e" />
            <sequenceFlow id="g0" sourceRef="s" targetRef="split" />
            <sequenceFlow id="g1" sourceRef="split" targetRef="theTask"><conditionExpression>${true}</conditionExpression></sequenceFlow>
            <sequenceFlow id="g2" sourceRef="split" targetRef="ebg"><conditionExpression>${true}</conditionExpression></sequenceFlow>
            """# + flows("ebg->onFoo", "ebg->onBar", "onFoo->merge", "onBar->merge", "merge->join", "theTask->join", "join->taskAfterJoin", "taskAfterJoin->e"),
            messages: ["foo", "bar"]))
        try scenario.start()
        try scenario.completeTask("theTask")
        #expect(scenario.state.tasks.isEmpty)
        try scenario.correlate("foo")
        #expect(waitingTasks(scenario) == ["taskAfterJoin"])
    }
}
