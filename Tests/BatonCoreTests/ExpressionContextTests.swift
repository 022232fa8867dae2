import BatonBPMN
import BatonCore
import BatonModel
import Testing

/// Camunda's context variables and functions in expressions (the user guide's "Expression
/// Language" page; ExpressionManagerTest): `execution.*`, `authenticatedUserId`, `now()` and
/// `dateTime()`, resolved at run time from the instance, the command's user and its time.
@Suite struct ExpressionContextTests {
    @Test func executionPropertiesComeFromTheInstance() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <scriptTask id="describe" name="Describe" scriptFormat="juel" camunda:resultVariable="about">
              <script>${execution.processBusinessKey}/${execution.processInstanceId}/${execution.activityId}/${execution.currentActivityName}/${execution.processDefinitionId}</script></scriptTask>
            <serviceTask id="byGetter" camunda:expression="${execution.setVariable('key', execution.getProcessBusinessKey())}" />
            <userTask id="wait" camunda:assignee="${execution.processBusinessKey}" /><endEvent id="e" />
            """# + flows("s->describe", "describe->byGetter", "byGetter->wait", "wait->e")))
        try scenario.start(businessKey: "plan-7")
        #expect(scenario.variable("about") == .string("plan-7/instance-1/describe/Describe/p:1"))
        #expect(scenario.variable("key") == .string("plan-7"))
        #expect(scenario.task("wait")?.assignee == "plan-7")
    }

    @Test func aVariableNamedExecutionDoesNotHideTheExecution() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="t" camunda:assignee="${execution.processBusinessKey}" /><endEvent id="e" />
            """# + flows("s->t", "t->e")))
        try scenario.start(["execution": .string("shadow")], businessKey: "bk")
        #expect(scenario.task("t")?.assignee == "bk")
    }

    @Test func authenticatedUserIdIsTheCommandsUser() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="review" camunda:assignee="${authenticatedUserId}" />
            <userTask id="approve" camunda:candidateUsers="${authenticatedUserId}" /><endEvent id="e" />
            """# + flows("s->review", "review->approve", "approve->e")))
        scenario.user = "ann"
        try scenario.start()
        #expect(scenario.task("review")?.assignee == "ann")
        scenario.user = "ben"
        try scenario.completeTask("review")
        #expect(scenario.task("approve")?.candidateUsers == ["ben"])
    }

    @Test func nowAndDateTimeReadTheCommandsTime() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <userTask id="t" camunda:dueDate="${dateTime().plusDays(3).toDate()}" camunda:followUpDate="${now()}" /><endEvent id="e" />
            """# + flows("s->t", "t->e")))
        try scenario.start()
        #expect(scenario.task("t")?.dueDate == Timestamp(iso8601: "2026-01-04T00:00:00Z"))
        #expect(scenario.task("t")?.followUpDate == scenario.now)
    }

    @Test func dateArithmeticFollowsTheCalendar() throws {
        struct NoVariables: VariableScope {
            var now: Timestamp? { Timestamp(iso8601: "2026-01-31T10:00:00Z") }
            func variable(named name: String) -> VariableValue? { nil }
        }
        func evaluate(_ text: String) throws -> VariableValue {
            try ExpressionEvaluator.evaluate(Template(parsing: text), in: NoVariables())
        }
        #expect(try evaluate("${dateTime().plusMonths(1)}") == .date(Timestamp(iso8601: "2026-02-28T10:00:00Z")!))
        #expect(try evaluate("${dateTime().minusHours(10).plusMinutes(30)}") == .date(Timestamp(iso8601: "2026-01-31T00:30:00Z")!))
        #expect(try evaluate("${dateTime().plusYears(1).isAfter(now())}") == .boolean(true))
        #expect(try evaluate("${'Plan'.concat('-').concat(7)}") == .string("Plan-7"))
        #expect(throws: ExpressionEvaluationError.self) { try evaluate("${dateTime().plusFortnights(1)}") }
    }

    /// What deploy can know is a diagnostic: `task` outside a task listener (a warning, as a
    /// variable may bear the name) and a property `execution` lacks (an error, with a suggestion).
    @Test func deployReportsWhatTheContextCannotGive() throws {
        let xml = bpmn(#"""
            <startEvent id="s" /><userTask id="t" camunda:assignee="${task.name}"><extensionElements>
              <camunda:taskListener event="create" expression="${task.setVariable('n', task.name)}" />
              <camunda:executionListener event="start" expression="${execution.setVariable('k', execution.processBusinesKey)}" /></extensionElements></userTask>
            <endEvent id="e" />
            """# + flows("s->t", "t->e"))
        let document = BPMNReader.read(Array(xml.utf8), file: "context.bpmn")
        let codes = document.diagnostics.map(\.code.identifier)
        #expect(codes.filter { $0 == "BPMN-W110" }.count == 1, "the assignee, not the task listener: \(document.diagnostics)")
        let unknown = try #require(document.diagnostics.first { $0.code.identifier == "BPMN-E063" })
        #expect(unknown.notes == ["did you mean 'processBusinessKey'?"])
    }

    /// Changing the instance is for listeners, scripts and service expressions; elsewhere it is a
    /// clear failure rather than a silent no-op.
    @Test func onlyListenersScriptsAndServiceExpressionsMayChangeTheInstance() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="t" camunda:assignee="${execution.setVariable('x', 1)}" /><endEvent id="e" />
            """# + flows("s->t", "t->e")))
        #expect(throws: Rejection.self) { try scenario.start() }
    }
}
