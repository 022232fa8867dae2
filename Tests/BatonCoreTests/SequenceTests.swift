import BatonCore
import BatonModel
import Testing

@Suite struct SequenceTests {
    @Test func aChainRunsToTheEnd() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><task id="a" /><manualTask id="b" /><intermediateThrowEvent id="c" /><endEvent id="e" />
            """# + flows("s->a", "a->b", "b->c", "c->e")))
        try scenario.start()
        #expect(scenario.completed == ["s", "a", "b", "c", "e"])
        #expect(scenario.taken == ["f1", "f2", "f3", "f4"])
        #expect(scenario.state.status == .completed)
        #expect(scenario.state.elements.isEmpty)
    }

    @Test func aUserTaskWaitsAndCompletesWithVariables() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="review" name="Review" camunda:assignee="${submittedBy}" camunda:candidateGroups="plan-approvers, ${extraGroup}"
              camunda:candidateUsers="alice" camunda:dueDate="P3D" camunda:priority="${urgent ? 80 : 40}" camunda:formKey="embedded:review" /><endEvent id="e" />
            """# + flows("s->review", "review->e")))
        try scenario.start(["submittedBy": .string("bob"), "extraGroup": .string("leads"), "urgent": .boolean(true)])
        #expect(scenario.waiting == ["review"])
        let task = try #require(scenario.task("review"))
        #expect(task.name == "Review")
        #expect(task.assignee == "bob")
        #expect(task.candidateGroups == ["plan-approvers", "leads"])
        #expect(task.candidateUsers == ["alice"])
        #expect(task.dueDate == Timestamp(iso8601: "2026-01-04T00:00:00Z"))
        #expect(task.priority == 80)
        #expect(task.formKey == "embedded:review")
        try scenario.completeTask("review", ["approved": .boolean(true)])
        #expect(scenario.state.status == .completed)
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "approved", value: .boolean(true))))
    }

    /// Camunda's TaskDecorator: the description is the task's documentation and the form key is
    /// evaluated when the task is created; without camunda:priority the priority is 50 (#13).
    @Test func aTasksDescriptionAndFormKeyAreEvaluatedAndItsPriorityDefaultsTo50() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <userTask id="review" camunda:formKey="embedded:app:forms/${formName}.html">
              <documentation>Review plan ${planName} before ${deadline}</documentation>
            </userTask>
            <userTask id="plain"><documentation>Costs $5 {approx.}</documentation></userTask>
            <endEvent id="e" />
            """# + flows("s->review", "review->plain", "plain->e")))
        try scenario.start(["formName": .string("review"), "planName": .string("Gold PPO"), "deadline": .string("Friday")])
        let task = try #require(scenario.task("review"))
        #expect(task.description == "Review plan Gold PPO before Friday")
        #expect(task.formKey == "embedded:app:forms/review.html")
        #expect(task.priority == 50)
        try scenario.completeTask("review", [:])
        let plain = try #require(scenario.task("plain"))
        #expect(plain.description == "Costs $5 {approx.}", "documentation that is no expression stays as written")
        #expect(plain.formKey == nil)
    }

    /// Camunda's deleteCandidateUser/Group: the offer is withdrawn; a name the task does not hold
    /// is no change.
    @Test func candidatesAreAddedAndWithdrawn() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="t" camunda:candidateUsers="ann" camunda:candidateGroups="approvers" /><endEvent id="e" />
            """# + flows("s->t", "t->e")))
        try scenario.start()
        let id = try #require(scenario.task("t")).id
        try scenario.run(.addTaskCandidates(taskID: id, users: ["bob"], groups: ["leads"]))
        #expect(try scenario.run(.removeTaskCandidates(taskID: id, users: ["ann", "nobody"], groups: ["approvers"]))
            == [.userTaskCandidatesRemoved(taskID: id, users: ["ann"], groups: ["approvers"])])
        #expect(scenario.task("t")?.candidateUsers == ["bob"] && scenario.task("t")?.candidateGroups == ["leads"])
        #expect(try scenario.run(.removeTaskCandidates(taskID: id, users: ["ann"], groups: [])) == [])
    }

    @Test func completingAnUnknownTaskIsRejected() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" /><userTask id="t" /><endEvent id="e" />"# + flows("s->t", "t->e")))
        try scenario.start()
        #expect(throws: Rejection(.notFound, "Expected task 'nope' to be open, but it is not (completed, cancelled or never created).")) {
            try scenario.run(.completeTask(taskID: "nope", variables: [:], localVariables: false, userID: nil))
        }
        #expect(scenario.waiting == ["t"])
    }

    @Test func oversizedVariablesAreRefusedAndChangeNothing() throws {
        var scenario = try CoreScenario(bpmn(#"<startEvent id="s" /><userTask id="t" /><endEvent id="e" />"# + flows("s->t", "t->e")))
        try scenario.start()
        let before = scenario.state
        let big = VariableValue.string(String(repeating: "x", count: (1 << 20) + 1))
        #expect(throws: Rejection.self) { try scenario.completeTask("t", ["blob": big]) }
        #expect(scenario.state == before)
    }

    @Test func expressionAndScriptTasksStoreTheirResult() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <serviceTask id="double" camunda:expression="${amount * 2}" camunda:resultVariable="doubled" />
            <scriptTask id="total" scriptFormat="juel" camunda:resultVariable="total"><script>${doubled + 1}</script></scriptTask>
            <endEvent id="e" />
            """# + flows("s->double", "double->total", "total->e")))
        try scenario.start(["amount": .long(20)])
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "doubled", value: .long(40))))
        #expect(scenario.events.contains(.variableSet(scope: nil, name: "total", value: .long(41))))
    }

    @Test func aFailingExpressionRejectsTheCommand() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><serviceTask id="x" camunda:expression="${missing + 1}" /><endEvent id="e" />
            """# + flows("s->x", "x->e")))
        #expect(throws: Rejection.self) { try scenario.start() }
        #expect(scenario.events.isEmpty)
    }

    @Test func cancellingEndsEverythingWaiting() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><parallelGateway id="fork" /><userTask id="a" /><serviceTask id="b" camunda:type="external" camunda:topic="t" /><endEvent id="e" />
            """# + flows("s->fork", "fork->a", "fork->b", "a->e", "b->e")))
        try scenario.start()
        #expect(scenario.state.tasks.count == 1)
        #expect(scenario.state.jobs.count == 1)
        try scenario.run(.cancel(reason: "withdrawn"))
        #expect(scenario.state.status == .terminated)
        #expect(scenario.state.tasks.isEmpty && scenario.state.jobs.isEmpty && scenario.state.elements.isEmpty)
        #expect(throws: Rejection.self) { try scenario.run(.cancel(reason: "again")) }
    }
}
