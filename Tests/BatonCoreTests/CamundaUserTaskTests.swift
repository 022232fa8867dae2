import BatonBPMN
import BatonCore
import BatonModel
import Testing

/// Camunda's UserTaskTest, TaskAssignmentExtensionsTest, TaskDueDateExtensionsTest and the
/// BPMN parts of ExpressionManagerTest, ported.
@Suite struct CamundaUserTaskTests {
    private func oneTask(_ attributes: String, _ children: String = "") throws -> CoreScenario {
        try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="theTask" name="my task" \#(attributes)>\#(children)</userTask><endEvent id="e" />
            """# + flows("s->theTask", "theTask->e")))
    }

    /// UserTaskTest.testTaskPropertiesNotNull
    @Test func aTaskCarriesWhatItsModelSays() throws {
        var scenario = try oneTask(
            #"camunda:assignee="kermit" camunda:candidateUsers="fozzie, gonzo" camunda:candidateGroups="management""#,
            "<documentation>Very important</documentation>")
        try scenario.start()
        let task = try #require(scenario.task("theTask"))
        #expect(task.name == "my task" && task.description == "Very important" && task.assignee == "kermit")
        #expect(task.candidateUsers == ["fozzie", "gonzo"] && task.candidateGroups == ["management"])
        #expect(task.priority > 0)
    }

    /// UserTaskTest.testSimpleProcess and TaskAssignmentExtensionsTest.testMixedCandidateUserDefinition:
    /// BPMN's potentialOwner (a bare name is a group) and humanPerformer.
    @Test func potentialOwnersAndHumanPerformersAssign() throws {
        func role(_ name: String, _ expression: String) -> String {
            "<\(name)><resourceAssignmentExpression><formalExpression>\(expression)</formalExpression></resourceAssignmentExpression></\(name)>"
        }
        var groups = try oneTask("", role("potentialOwner", "accountancy"))
        try groups.start()
        #expect(groups.task("theTask")?.candidateGroups == ["accountancy"])

        var mixed = try oneTask(#"camunda:candidateUsers="kermit""#, role("potentialOwner", "user(fozzie), user(gonzo), group(management)"))
        try mixed.start()
        #expect(mixed.task("theTask")?.candidateUsers == ["kermit", "fozzie", "gonzo"])
        #expect(mixed.task("theTask")?.candidateGroups == ["management"])

        var performer = try oneTask("", role("humanPerformer", "${owner}"))
        try performer.start(["owner": .string("gonzo")])
        #expect(performer.task("theTask")?.assignee == "gonzo")

        // testDuplicateAssigneeDeclaration
        let both = bpmn(#"<startEvent id="s" /><userTask id="theTask" camunda:assignee="kermit">\#(role("humanPerformer", "gonzo"))</userTask><endEvent id="e" />"#
            + flows("s->theTask", "theTask->e"))
        let document = BPMNReader.read(Array(both.utf8), file: "both.bpmn")
        #expect(!document.isDeployable)
        #expect(document.diagnostics.contains { $0.elementID == "theTask" && $0.message.contains("assignee once") })
    }

    /// TaskDueDateExtensionsTest: a Date, an ISO date-time (read as UTC in Baton, see README) and
    /// a duration from the task's creation.
    @Test func dueDatesFromDatesTextAndDurations() throws {
        for (value, expected) in [
            (VariableValue.date(Timestamp(iso8601: "1986-07-06T00:10:00Z")!), Timestamp(iso8601: "1986-07-06T00:10:00Z")!),
            (.string("1986-07-06T12:10:00"), Timestamp(iso8601: "1986-07-06T12:10:00Z")!),
            (.string("P2DT2H30M"), Timestamp(iso8601: "2026-01-03T02:30:00Z")!),
        ] {
            var scenario = try oneTask(#"camunda:dueDate="${dateVariable}""#)
            try scenario.start(["dateVariable": value])
            #expect(scenario.task("theTask")?.dueDate == expected, "\(value)")
        }
    }

    /// UserTaskTest.testComplexScenarioWithSubprocessesAndParallelGateways: 13 open tasks.
    @Test func subprocessesMultiInstanceAndForksTogether() throws {
        func flow(_ id: String, _ s: String, _ t: String) -> String { #"<sequenceFlow id="\#(id)" sourceRef="\#(s)" targetRef="\#(t)" />"# }
        let outer = #"<subProcess id="outer"><startEvent id="os" /><parallelGateway id="of" /><userTask id="outerTask" />"#
            + #"<subProcess id="inner"><startEvent id="is" /><userTask id="innerTask" /><endEvent id="ie" />"# + flow("i1", "is", "innerTask") + flow("i2", "innerTask", "ie") + "</subProcess>"
            + #"<parallelGateway id="oj" /><endEvent id="oe" />"# + flow("o1", "os", "of") + flow("o2", "of", "outerTask") + flow("o3", "of", "inner")
            + flow("o4", "outerTask", "oj") + flow("o5", "inner", "oj") + flow("o6", "oj", "oe") + "</subProcess>"
        let sequential = #"<subProcess id="seq"><multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>5</loopCardinality></multiInstanceLoopCharacteristics>"#
            + #"<startEvent id="ss" /><userTask id="work" /><endEvent id="se" />"# + flow("s1", "ss", "work") + flow("s2", "work", "se") + "</subProcess>"
        let parallel = #"<subProcess id="par"><multiInstanceLoopCharacteristics isSequential="false"><loopCardinality>5</loopCardinality></multiInstanceLoopCharacteristics>"#
            + #"<startEvent id="ps" /><serviceTask id="auto" camunda:expression="${true}" /><parallelGateway id="pf" /><userTask id="run" /><userTask id="more" />"#
            + #"<parallelGateway id="pj" /><endEvent id="pe" />"# + flow("p1", "ps", "auto") + flow("p2", "auto", "pf") + flow("p3", "pf", "run")
            + flow("p4", "pf", "more") + flow("p5", "run", "pj") + flow("p6", "more", "pj") + flow("p7", "pj", "pe") + "</subProcess>"
        let automatic = #"<subProcess id="auto2"><startEvent id="as" /><serviceTask id="a1" camunda:expression="${true}" /><endEvent id="ae" />"#
            + flow("a1f", "as", "a1") + flow("a2f", "a1", "ae") + "</subProcess>"
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" /><parallelGateway id="fork" />"# + outer + sequential + parallel + automatic
            + #"<parallelGateway id="join" /><endEvent id="e" />"#
            + flows("s->fork", "fork->outer", "fork->seq", "fork->par", "fork->auto2", "outer->join", "seq->join", "par->join", "auto2->join", "join->e")))
        try scenario.start()
        #expect(scenario.state.tasks.count == 13)
    }

    /// ExpressionManagerTest: method expressions, authenticatedUserId, per-instance variables,
    /// `contains` on a list and `compareTo` on numbers.
    @Test func expressionsCallMethodsAndReadTheContext() throws {
        var methods = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><serviceTask id="a" camunda:expression="${aString.substring(3,7)}" camunda:resultVariable="part" />
            <serviceTask id="b" camunda:expression="${aString.toString()}" /><serviceTask id="c" camunda:expression="${execution.setVariable('theUser', authenticatedUserId)}" />
            <exclusiveGateway id="g" /><userTask id="listed" /><userTask id="unlisted" />
            <exclusiveGateway id="g2" /><userTask id="big" /><userTask id="small" /><endEvent id="e" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="a" /><sequenceFlow id="f2" sourceRef="a" targetRef="b" /><sequenceFlow id="f3" sourceRef="b" targetRef="c" />
            <sequenceFlow id="f4" sourceRef="c" targetRef="g" />
            <sequenceFlow id="f5" sourceRef="g" targetRef="listed"><conditionExpression>${list.contains('foo')}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f6" sourceRef="g" targetRef="unlisted"><conditionExpression>${!list.contains('foo')}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f7" sourceRef="listed" targetRef="g2" /><sequenceFlow id="f8" sourceRef="unlisted" targetRef="g2" />
            <sequenceFlow id="f9" sourceRef="g2" targetRef="big"><conditionExpression>${total.compareTo(myValue) >= 0}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f10" sourceRef="g2" targetRef="small"><conditionExpression>${total.compareTo(myValue) &lt; 0}</conditionExpression></sequenceFlow>
            <sequenceFlow id="f11" sourceRef="big" targetRef="e" /><sequenceFlow id="f12" sourceRef="small" targetRef="e" />
            """#))
        methods.user = "frederik"
        try methods.start([
            "aString": .string("abcdefgh"), "list": .json(.array([.string("foo"), .string("bar")])), "total": .double(123), "myValue": .double(0),
        ])
        #expect(methods.variable("part") == .string("defg"))
        #expect(methods.variable("theUser") == .string("frederik"))
        #expect(methods.waiting == ["listed"])
        try methods.completeTask("listed")
        #expect(methods.waiting == ["big"])

        for assignee in ["michael", "johnny"] {
            var scenario = try oneTask(#"camunda:assignee="${assignee}""#)
            try scenario.start(["assignee": .string(assignee)])
            #expect(scenario.task("theTask")?.assignee == assignee)
        }
    }
}
