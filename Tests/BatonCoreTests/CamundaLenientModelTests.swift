import BatonBPMN
import BatonCore
import BatonModel
import Testing

/// What Camunda 7 accepts and Baton used to refuse (issue #13), ported from the behaviour its
/// engine tests assert (ParallelGatewayTest, ExclusiveGatewayTest, InclusiveGatewayTest and
/// hand-written files whose flows have no id): each deploys with a warning and runs as in Camunda.
@Suite struct CamundaLenientModelTests {
    private func warnings(_ xml: String) -> [String] {
        BPMNReader.read(Array(xml.utf8), file: "t.bpmn").diagnostics.filter { $0.severity == .warning }.map(\.code.identifier)
    }

    @Test func flowsWithoutAnIdGetStableIdsFromTheirEnds() throws {
        // A later element already called 'waitState-theEnd': the made-up id steps aside.
        let xml = bpmn(#"""
            <startEvent id="theStart" /><userTask id="waitState" /><endEvent id="theEnd" />
            <sequenceFlow sourceRef="theStart" targetRef="waitState" /><sequenceFlow sourceRef="waitState" targetRef="waitState-theEnd" />
            <sequenceFlow id="f" sourceRef="waitState-theEnd" targetRef="theEnd" /><task id="waitState-theEnd" />
            """#)
        #expect(warnings(xml).filter { $0 == "BPMN-W106" }.count == 2)
        var scenario = try CoreScenario(xml)
        try scenario.start()
        #expect(scenario.waiting == ["waitState"])
        try scenario.completeTask("waitState")
        #expect(scenario.taken == ["theStart-waitState", "waitState-waitState-theEnd", "f"])
        #expect(scenario.state.status == .completed)
        #expect(try CoreScenario(xml).process.elements.flowIDs == scenario.process.elements.flowIDs, "the same file gives the same ids")

        let taken = bpmn(#"""
            <startEvent id="a" /><userTask id="b" /><endEvent id="e" />
            <sequenceFlow sourceRef="a" targetRef="b" /><sequenceFlow id="g" sourceRef="b" targetRef="a-b" />
            <task id="a-b" /><sequenceFlow id="h" sourceRef="a-b" targetRef="e" />
            """#)
        var stepsAside = try CoreScenario(taken)
        try stepsAside.start()
        #expect(stepsAside.taken == ["a-b-2"], "'a-b' is a later element's id")

        let twice = bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><parallelGateway id="join" /><endEvent id="e" />
            <sequenceFlow sourceRef="s" targetRef="fork" /><sequenceFlow sourceRef="fork" targetRef="join" />
            <sequenceFlow sourceRef="fork" targetRef="join" /><sequenceFlow sourceRef="join" targetRef="e" />
            """#)
        var parallel = try CoreScenario(twice)
        try parallel.start()
        #expect(parallel.taken == ["s-fork", "fork-join", "fork-join-2", "join-e"], "a second flow between the same ends gets a suffix")
        #expect(parallel.state.status == .completed)
    }

    @Test func aParallelGatewayWithoutOutgoingFlowEndsItsTokens() throws {
        let xml = bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><userTask id="a" /><parallelGateway id="deadEnd" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="fork" /><sequenceFlow id="f2" sourceRef="fork" targetRef="a" />
            <sequenceFlow id="f3" sourceRef="fork" targetRef="deadEnd" /><sequenceFlow id="f4" sourceRef="a" targetRef="e" />
            """#)
        #expect(warnings(xml).contains("BPMN-W102"))
        var scenario = try CoreScenario(xml)
        try scenario.start()
        #expect(scenario.waiting == ["a"], "the gateway's token ended there")
        try scenario.completeTask("a")
        #expect(scenario.state.status == .completed)
    }

    @Test func conditionsOutOfAParallelGatewayAreIgnored() throws {
        let xml = bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><endEvent id="a" /><endEvent id="b" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="fork" />
            <sequenceFlow id="toA" sourceRef="fork" targetRef="a"><conditionExpression>${false}</conditionExpression></sequenceFlow>
            <sequenceFlow id="toB" sourceRef="fork" targetRef="b" />
            """#)
        #expect(warnings(xml).contains("BPMN-W107"))
        var scenario = try CoreScenario(xml)
        try scenario.start()
        #expect(scenario.taken == ["f1", "toA", "toB"])
    }

    /// ExclusiveGatewayTest.testNoIdOnSequenceFlow, …FlowWithoutConditionNoDefaultFlow,
    /// …DefaultFlowWithCondition: an exclusive gateway's one flow without condition is its
    /// default (a warning); two such flows, or one beside a default, are refused.
    @Test func flowsWithoutCondition_ExclusiveTakesOneAsDefault_InclusiveTakesAll() throws {
        let exclusive = bpmn(#"""
            <startEvent id="s" /><exclusiveGateway id="x" /><endEvent id="a" /><endEvent id="b" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="x" /><sequenceFlow id="toA" sourceRef="x" targetRef="a" />
            <sequenceFlow id="toB" sourceRef="x" targetRef="b"><conditionExpression>${input == 1}</conditionExpression></sequenceFlow>
            """#)
        #expect(warnings(exclusive).contains("BPMN-W108"))
        for (input, taken) in [(1, "toB"), (3, "toA")] {
            var scenario = try CoreScenario(exclusive)
            try scenario.start(["input": .integer(Int32(input))])
            #expect(scenario.taken == ["f1", taken], "input \(input): conditions first, the unconditioned flow as default")
        }
        let gateway = #"<startEvent id="s" /><endEvent id="a" /><endEvent id="b" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />"#
        let condition = "<conditionExpression>${ok}</conditionExpression>"
        for refused in [
            // two flows without condition
            #"<exclusiveGateway id="x" /><sequenceFlow id="toA" sourceRef="x" targetRef="a" /><sequenceFlow id="toB" sourceRef="x" targetRef="b" />"#,
            // one without condition beside the default flow
            #"<exclusiveGateway id="x" default="toB" /><sequenceFlow id="toA" sourceRef="x" targetRef="a" /><sequenceFlow id="toB" sourceRef="x" targetRef="b" />"#,
            // a default flow with a condition
            #"<exclusiveGateway id="x" default="toB" /><sequenceFlow id="toA" sourceRef="x" targetRef="a">\#(condition)</sequenceFlow><sequenceFlow id="toB" sourceRef="x" targetRef="b">\#(condition)</sequenceFlow>"#,
        ] {
            let document = BPMNReader.read(Array(bpmn(gateway + refused).utf8), file: "x.bpmn")
            #expect(!document.isDeployable && document.diagnostics.contains { $0.code.identifier == "BPMN-E034" }, "\(document.diagnostics)")
        }

        let inclusive = bpmn(#"""
            <startEvent id="s" /><inclusiveGateway id="i" /><userTask id="a" /><userTask id="b" /><inclusiveGateway id="join" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="i" /><sequenceFlow id="toA" sourceRef="i" targetRef="a" />
            <sequenceFlow id="toB" sourceRef="i" targetRef="b" /><sequenceFlow id="fa" sourceRef="a" targetRef="join" />
            <sequenceFlow id="fb" sourceRef="b" targetRef="join" /><sequenceFlow id="fe" sourceRef="join" targetRef="e" />
            """#)
        #expect(warnings(inclusive).contains("BPMN-W108"))
        var all = try CoreScenario(inclusive)
        try all.start()
        #expect(all.waiting == ["a", "b"])
        try all.completeTask("a")
        try all.completeTask("b")
        #expect(all.state.status == .completed, "the join waits for both and fires once")
    }

    /// Camunda's BoundaryErrorEventTest with an `errorRef` that names no `<error>`: the reference is
    /// the error code.
    @Test func anErrorRefNamingNoErrorIsItsOwnCode() throws {
        let xml = bpmn(#"""
            <startEvent id="s" /><serviceTask id="charge" camunda:type="external" camunda:topic="charge" /><endEvent id="paid" />
            <boundaryEvent id="declined" attachedToRef="charge"><errorEventDefinition errorRef="DECLINED" /></boundaryEvent><endEvent id="refused" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="charge" /><sequenceFlow id="f2" sourceRef="charge" targetRef="paid" />
            <sequenceFlow id="f3" sourceRef="declined" targetRef="refused" />
            """#)
        #expect(warnings(xml).contains("BPMN-W109"))
        var scenario = try CoreScenario(xml)
        try scenario.start()
        try scenario.throwError(at: "charge", code: "DECLINED")
        #expect(scenario.completed.suffix(2) == ["declined", "refused"])
    }

    /// Camunda's ReceiveTaskTest: a receive task without a message waits until its execution is
    /// signalled, which sets the variables given and moves on.
    @Test func aReceiveTaskWithoutAMessageWaitsForASignal() throws {
        let xml = bpmn(#"""
            <startEvent id="s" /><receiveTask id="wait" /><userTask id="next" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="wait" /><sequenceFlow id="f2" sourceRef="wait" targetRef="next" />
            <sequenceFlow id="f3" sourceRef="next" targetRef="e" />
            """#)
        #expect(BPMNReader.read(Array(xml.utf8), file: "t.bpmn").isDeployable)
        var scenario = try CoreScenario(xml)
        try scenario.start()
        #expect(scenario.waiting == ["wait"] && scenario.state.subscriptions.isEmpty, "no message to wait for")
        let key = try #require(scenario.state.elements.first?.key)
        try scenario.run(.signal(elementKey: key, variables: ["answer": .long(42)]))
        #expect(scenario.waiting == ["next"])
        #expect(scenario.variable("answer") == .long(42))
        let task = try #require(scenario.state.elements.first?.key)
        #expect(throws: Rejection.self) { try scenario.run(.signal(elementKey: task, variables: [:])) }
    }

    /// Camunda's BoundaryErrorEventTest and ErrorEventSubProcessTest with
    /// `camunda:errorCodeVariable` / `errorMessageVariable`: the caught error's code and message
    /// become variables where the catching flow continues.
    @Test func theCaughtErrorsCodeAndMessageBecomeVariables() throws {
        let xml = bpmn(#"""
            <startEvent id="s" /><serviceTask id="charge" camunda:type="external" camunda:topic="charge" /><endEvent id="paid" />
            <boundaryEvent id="declined" attachedToRef="charge">
              <errorEventDefinition errorRef="declinedError" camunda:errorCodeVariable="code" camunda:errorMessageVariable="reason" />
            </boundaryEvent><userTask id="review" /><endEvent id="refused" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="charge" /><sequenceFlow id="f2" sourceRef="charge" targetRef="paid" />
            <sequenceFlow id="f3" sourceRef="declined" targetRef="review" /><sequenceFlow id="f4" sourceRef="review" targetRef="refused" />
            """#, errors: [("declinedError", "DECLINED")])
        var scenario = try CoreScenario(xml)
        try scenario.start()
        let job = try #require(scenario.state.jobs.first)
        try scenario.run(.throwError(target: .job(job.id), code: "DECLINED", message: "card expired", variables: [:]))
        #expect(scenario.waiting == ["review"])
        #expect(scenario.variable("code") == .string("DECLINED"))
        #expect(scenario.variable("reason") == .string("card expired"))

        let subprocess = bpmn(#"""
            <startEvent id="s" /><serviceTask id="charge" camunda:type="external" camunda:topic="charge" /><endEvent id="paid" />
            <subProcess id="onError" triggeredByEvent="true">
              <startEvent id="caught"><errorEventDefinition camunda:errorCodeVariable="code" /></startEvent><userTask id="fix" />
              <sequenceFlow id="g1" sourceRef="caught" targetRef="fix" />
            </subProcess>
            <sequenceFlow id="f1" sourceRef="s" targetRef="charge" /><sequenceFlow id="f2" sourceRef="charge" targetRef="paid" />
            """#)
        var inSubprocess = try CoreScenario(subprocess)
        try inSubprocess.start()
        try inSubprocess.throwError(at: "charge", code: "ANY")
        #expect(inSubprocess.waiting.contains("fix"))
        #expect(inSubprocess.variable("code") == .string("ANY"))
    }
}
