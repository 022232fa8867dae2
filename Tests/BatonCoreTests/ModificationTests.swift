import BatonCore
import BatonModel
import Testing

/// Process instance modification (#15), after Camunda's ProcessInstanceModificationTest: start
/// before and after activities and on transitions, cancel instances and activities, scopes
/// created and cancelled as needed.
@Suite struct ModificationTests {
    private static let twoTasks = bpmn(#"""
        <startEvent id="s" /><userTask id="theTask" /><userTask id="secondTask" /><endEvent id="e" />
        """# + flows("s->theTask", "theTask->secondTask", "secondTask->e"))

    private static let nested = bpmn(#"""
        <startEvent id="s" /><userTask id="outerTask" />
        <subProcess id="sub"><extensionElements><camunda:inputOutput><camunda:inputParameter name="inner">${1}</camunda:inputParameter></camunda:inputOutput></extensionElements>
          <startEvent id="ss" /><userTask id="innerTask" /><userTask id="innerTask2" /><endEvent id="se" />
          <sequenceFlow id="i1" sourceRef="ss" targetRef="innerTask" /><sequenceFlow id="i2" sourceRef="innerTask" targetRef="innerTask2" />
          <sequenceFlow id="i3" sourceRef="innerTask2" targetRef="se" /></subProcess>
        <endEvent id="e" />
        """# + flows("s->outerTask", "outerTask->sub", "sub->e"))

    /// testStartBefore, testCancellation: start a second activity beside the first, cancel the first.
    @Test func startBeforeAndCancelMoveTheToken() throws {
        var scenario = try CoreScenario(Self.twoTasks)
        try scenario.start()
        try scenario.run(.modify([
            .startBeforeActivity("secondTask", ancestor: nil, variables: ModificationVariables(variables: ["why": .string("repair")])),
            .cancelActivity("theTask"),
        ]))
        #expect(scenario.waiting == ["secondTask"])
        #expect(scenario.variable("why") == .string("repair"))
        try scenario.completeTask("secondTask")
        #expect(scenario.state.status == .completed)
    }

    /// testStartAfter and testStartTransition
    @Test func startAfterAnActivityAndOnATransition() throws {
        var after = try CoreScenario(Self.twoTasks)
        try after.start()
        try after.run(.modify([.startAfterActivity("theTask", ancestor: nil, variables: ModificationVariables())]))
        #expect(after.waiting == ["theTask", "secondTask"])

        var transition = try CoreScenario(Self.twoTasks)
        try transition.start()
        try transition.run(.modify([.cancelActivity("theTask"), .startTransition("f3", ancestor: nil, variables: ModificationVariables())]))
        #expect(transition.state.status == .completed, "cancel, then move on: the instance does not end in between")
    }

    /// testCancelAll: cancelling everything ends the instance as cancelled.
    @Test func cancellingEverythingEndsTheInstance() throws {
        var scenario = try CoreScenario(Self.twoTasks)
        try scenario.start()
        let task = try #require(scenario.state.elements.first)
        try scenario.run(.modify([.cancelInstance(task.key)]))
        #expect(scenario.state.status == .terminated)
    }

    /// testStartBeforeInNestedScope: the subprocess instance the activity needs is created (with
    /// its input mappings), not started at its start event; cancelling its last activity cancels it.
    @Test func startingInsideASubprocessCreatesItAndCancellingEmptiesIt() throws {
        var scenario = try CoreScenario(Self.nested)
        try scenario.start()
        try scenario.run(.modify([
            .startBeforeActivity("innerTask2", ancestor: nil, variables: ModificationVariables(local: ["note": .string("here")])),
        ]))
        #expect(scenario.waiting == ["outerTask", "sub", "innerTask2"])
        let sub = try #require(scenario.state.elements.first { scenario.process.nodes[$0.node].id == "sub" })
        #expect(scenario.state.variables[sub.key]?["inner"] == .long(1))
        let inner = try #require(scenario.state.elements.last)
        #expect(scenario.state.variables[inner.key]?["note"] == .string("here"))
        try scenario.run(.modify([.cancelActivity("innerTask2")]))
        #expect(scenario.waiting == ["outerTask"], "the emptied subprocess is cancelled with it")

        var skipping = try CoreScenario(Self.nested)
        try skipping.start()
        try skipping.run(.modify([.startBeforeActivity("innerTask", ancestor: nil, variables: ModificationVariables())]))
        #expect(skipping.waiting == ["outerTask", "sub", "innerTask"])
    }

    /// testStartBeforeWithAncestorInstanceId: with two subprocess instances, the ancestor decides.
    @Test func anAmbiguousScopeNeedsItsAncestor() throws {
        var scenario = try CoreScenario(Self.nested)
        try scenario.start()
        try scenario.completeTask("outerTask")
        try scenario.run(.modify([.startBeforeActivity("sub", ancestor: nil, variables: ModificationVariables())]))
        #expect(scenario.state.elements.filter { scenario.process.nodes[$0.node].id == "sub" }.count == 2)
        #expect(throws: Rejection.self) {
            try scenario.run(.modify([.startBeforeActivity("innerTask2", ancestor: nil, variables: ModificationVariables())]))
        }
        let second = try #require(scenario.state.elements.last { scenario.process.nodes[$0.node].id == "sub" })
        try scenario.run(.modify([.startBeforeActivity("innerTask2", ancestor: second.key, variables: ModificationVariables())]))
        let added = try #require(scenario.state.elements.last)
        #expect(added.scope == second.key)
    }

    /// Instructions that name nothing are refused, and nothing changes.
    @Test func instructionsNamingNothingAreRefused() throws {
        var scenario = try CoreScenario(Self.twoTasks)
        try scenario.start()
        #expect(throws: Rejection(.invalidArgument, "Expected instruction 1 (startBeforeActivity) to name an activity of process 'p', but 'nope' is none.")) {
            try scenario.run(.modify([.startBeforeActivity("nope", ancestor: nil, variables: ModificationVariables())]))
        }
        #expect(throws: Rejection.self) { try scenario.run(.modify([.cancelInstance(999)])) }
        #expect(throws: Rejection.self) { try scenario.run(.modify([])) }
        #expect(scenario.waiting == ["theTask"])
    }
}
