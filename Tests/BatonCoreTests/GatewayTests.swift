import BatonCore
import BatonModel
import Testing

@Suite struct GatewayTests {
    private let exclusive = bpmn(#"""
        <startEvent id="s" /><exclusiveGateway id="x" default="toC" /><task id="a" /><task id="b" /><task id="c" /><endEvent id="e" />
        <sequenceFlow id="f1" sourceRef="s" targetRef="x" />
        <sequenceFlow id="toA" sourceRef="x" targetRef="a"><conditionExpression>${amount &gt; 100}</conditionExpression></sequenceFlow>
        <sequenceFlow id="toB" sourceRef="x" targetRef="b"><conditionExpression>${amount &gt; 10}</conditionExpression></sequenceFlow>
        <sequenceFlow id="toC" sourceRef="x" targetRef="c" />
        <sequenceFlow id="f2" sourceRef="a" targetRef="e" /><sequenceFlow id="f3" sourceRef="b" targetRef="e" /><sequenceFlow id="f4" sourceRef="c" targetRef="e" />
        """#)

    @Test(arguments: [(500, "toA"), (50, "toB"), (5, "toC")])
    func exclusiveTakesTheFirstConditionThatHoldsOrTheDefault(amount: Int64, flow: String) throws {
        var scenario = try CoreScenario(exclusive)
        try scenario.start(["amount": .long(amount)])
        #expect(scenario.taken.contains(flow))
        #expect(scenario.taken.filter { $0.hasPrefix("to") } == [flow])
        #expect(scenario.state.status == .completed)
    }

    @Test func exclusiveWithoutAMatchOrDefaultRejectsTheCommand() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="t" /><exclusiveGateway id="x" /><endEvent id="a" /><endEvent id="b" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="x" />
            <sequenceFlow id="toA" sourceRef="x" targetRef="a"><conditionExpression>${ok}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toB" sourceRef="x" targetRef="b"><conditionExpression>${!ok and other}</conditionExpression></sequenceFlow>
            """#))
        try scenario.start(["ok": .boolean(false), "other": .boolean(false)])
        #expect(throws: Rejection(
            .executionFailed,
            "Expected exclusive gateway 'x' to find an outgoing flow whose condition holds, but none does and it has no default flow.")
        ) { try scenario.completeTask("t") }
        #expect(scenario.waiting == ["t"], "a rejected command changes nothing")
    }

    @Test func parallelForksInDocumentOrderAndJoinsOnce() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><userTask id="a" /><userTask id="b" /><userTask id="c" />
            <parallelGateway id="join" /><task id="after" /><endEvent id="e" />
            """# + flows("s->fork", "fork->a", "fork->b", "fork->c", "a->join", "b->join", "c->join", "join->after", "after->e")))
        try scenario.start()
        #expect(scenario.waiting == ["a", "b", "c"])
        try scenario.completeTask("b")
        try scenario.completeTask("a")
        #expect(!scenario.completed.contains("join"))
        #expect(scenario.state.joins.first?.arrivals.count == 2)
        try scenario.completeTask("c")
        #expect(scenario.completed.filter { $0 == "join" }.count == 1)
        #expect(scenario.completed.suffix(3) == ["join", "after", "e"])
        #expect(scenario.state.status == .completed)
    }

    private let inclusive = bpmn(#"""
        <startEvent id="s" /><inclusiveGateway id="split" default="none" />
        <userTask id="a" /><userTask id="b" /><userTask id="c" /><inclusiveGateway id="merge" /><endEvent id="e" />
        <sequenceFlow id="f1" sourceRef="s" targetRef="split" />
        <sequenceFlow id="toA" sourceRef="split" targetRef="a"><conditionExpression>${wantA}</conditionExpression></sequenceFlow>
        <sequenceFlow id="toB" sourceRef="split" targetRef="b"><conditionExpression>${wantB}</conditionExpression></sequenceFlow>
        <sequenceFlow id="none" sourceRef="split" targetRef="c" />
        <sequenceFlow id="f2" sourceRef="a" targetRef="merge" /><sequenceFlow id="f3" sourceRef="b" targetRef="merge" />
        <sequenceFlow id="f4" sourceRef="c" targetRef="merge" /><sequenceFlow id="f5" sourceRef="merge" targetRef="e" />
        """#)

    @Test func inclusiveForksOnEveryTrueConditionAndJoinsWhatItForked() throws {
        var scenario = try CoreScenario(inclusive)
        try scenario.start(["wantA": .boolean(true), "wantB": .boolean(true)])
        #expect(scenario.waiting == ["a", "b"])
        try scenario.completeTask("a")
        #expect(scenario.waiting == ["b"], "the join waits: b can still reach it")
        try scenario.completeTask("b")
        #expect(scenario.completed.filter { $0 == "merge" }.count == 1)
        #expect(scenario.state.status == .completed)
    }

    @Test func inclusiveJoinFiresAtOnceForASingleBranch() throws {
        var scenario = try CoreScenario(inclusive)
        try scenario.start(["wantA": .boolean(false), "wantB": .boolean(true)])
        #expect(scenario.waiting == ["b"])
        try scenario.completeTask("b")
        #expect(scenario.state.status == .completed)
    }

    @Test func inclusiveTakesTheDefaultWhenNothingHolds() throws {
        var scenario = try CoreScenario(inclusive)
        try scenario.start(["wantA": .boolean(false), "wantB": .boolean(false)])
        #expect(scenario.waiting == ["c"])
    }

    @Test func inclusiveJoinIsReevaluatedWhenABranchDies() throws {
        // Branch b may end early (terminating nothing, reaching an end event instead of the join):
        // once it does, the join no longer waits for it.
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><inclusiveGateway id="split" /><userTask id="a" /><userTask id="b" />
            <exclusiveGateway id="x" default="bMerges" /><endEvent id="dead" /><inclusiveGateway id="merge" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="split" />
            <sequenceFlow id="toA" sourceRef="split" targetRef="a"><conditionExpression>${true}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toB" sourceRef="split" targetRef="b"><conditionExpression>${true}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f2" sourceRef="a" targetRef="merge" /><sequenceFlow id="f3" sourceRef="b" targetRef="x" />
            <sequenceFlow id="bDies" sourceRef="x" targetRef="dead"><conditionExpression>${abort}</conditionExpression></sequenceFlow>
            <sequenceFlow id="bMerges" sourceRef="x" targetRef="merge" />
            <sequenceFlow id="f4" sourceRef="merge" targetRef="e" />
            """#))
        try scenario.start()
        try scenario.completeTask("a")
        #expect(scenario.waiting == ["b"])
        try scenario.completeTask("b", ["abort": .boolean(true)])
        #expect(scenario.completed.contains("merge"))
        #expect(scenario.state.status == .completed)
    }

    private let race = bpmn(#"""
        <startEvent id="s" /><eventBasedGateway id="race" />
        <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="payment" /></intermediateCatchEvent>
        <receiveTask id="cancelled" messageRef="cancel" />
        <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <endEvent id="e1" /><endEvent id="e2" /><endEvent id="e3" />
        """# + flows("s->race", "race->paid", "race->cancelled", "race->timeout", "paid->e1", "cancelled->e2", "timeout->e3"),
        messages: ["payment", "cancel"])

    @Test func eventBasedGatewayLetsTheFirstMessageWin() throws {
        var scenario = try CoreScenario(race)
        try scenario.start()
        #expect(scenario.state.subscriptions.map(\.eventName) == ["payment", "cancel"])
        #expect(scenario.state.jobs.count == 1)
        try scenario.correlate("payment", ["amount": .long(10)])
        #expect(scenario.completed.suffix(2) == ["paid", "e1"])
        #expect(scenario.state.subscriptions.isEmpty && scenario.state.jobs.isEmpty)
        #expect(scenario.state.status == .completed)
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "amount", value: .long(10))))
    }

    @Test func eventBasedGatewayLetsTheTimerWin() throws {
        var scenario = try CoreScenario(race)
        try scenario.start()
        try scenario.advance("PT59M")
        #expect(scenario.waiting == ["race"])
        try scenario.advance("PT1M")
        #expect(scenario.completed.suffix(2) == ["timeout", "e3"])
        #expect(scenario.state.subscriptions.isEmpty)
    }
}
