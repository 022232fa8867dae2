import BatonCore
import BatonModel
import Testing

/// Scenarios of Camunda's TaskListenerTest and TaskListenerEventLifecycleTest, with JUEL
/// expressions and a Swift handler in place of Java classes and Groovy scripts.
@Suite struct TaskListenerTests {
    private func recorded(_ events: String...) -> String {
        events.map { #"<camunda:taskListener event="\#($0)" delegateExpression="${log}" />"# }.joined()
    }

    private func oneTask(_ listeners: String, attributes: String = "") throws -> CoreScenario {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <userTask id="task" name="Schedule meeting" \#(attributes)><extensionElements>\#(listeners)</extensionElements></userTask>
            <boundaryEvent id="cancel" attachedToRef="task"><messageEventDefinition messageRef="stop" /></boundaryEvent>
            <endEvent id="e" /><endEvent id="stopped" />
            """# + flows("s->task", "task->e", "cancel->stopped"), messages: ["stop"]))
        scenario.listenerHandlers = ["log": LogRecorder()]
        return scenario
    }

    /// testTaskCreateListener: what a create listener sets on the task is kept.
    @Test func aCreateListenerShapesTheTask() throws {
        var scenario = try oneTask(#"""
            <camunda:taskListener event="create" expression="${task.setDescription('This is a description')}" />
            <camunda:taskListener event="create" expression="${task.setPriority(80)}" />
            """#)
        try scenario.start()
        let task = try #require(scenario.task("task"))
        #expect(task.name == "Schedule meeting")
        #expect(task.description == "This is a description")
        #expect(task.priority == 80)
    }

    /// testTaskCompleteListener: the complete listener sets process variables; completing does
    /// not notify delete.
    @Test func aCompleteListenerSetsVariablesAndDeleteStaysSilent() throws {
        var scenario = try oneTask(#"""
            <camunda:taskListener event="complete" expression="${execution.setVariable('greeting', 'Hello from '.concat(greeter))}" />
            <camunda:taskListener event="complete" expression="${task.setVariableLocal('myTaskVariable', 'test')}" />
            \#(recorded("delete"))
            """#)
        try scenario.start(["greeter": .string("The Process")])
        #expect(scenario.variable("greeting") == nil)
        try scenario.completeTask("task")
        #expect(scenario.variable("greeting") == .string("Hello from The Process"))
        #expect(scenario.variable("log") == nil, "completion does not notify delete")
        #expect(scenario.state.status == .completed)
    }

    /// testTaskDeleteListenerByBoundaryEvent and …ByProcessDeletion: a task cancelled by an
    /// interrupting event or with its instance notifies delete once.
    @Test func aCancelledTaskNotifiesDelete() throws {
        var byEvent = try oneTask(recorded("delete"))
        try byEvent.start()
        try byEvent.correlate("stop")
        #expect(byEvent.variable("log") == .string("delete:task"))
        #expect(byEvent.state.status == .completed)

        var byCancel = try oneTask(recorded("delete"))
        try byCancel.start()
        try byCancel.run(.cancel(reason: "test delete task listener"))
        #expect(byCancel.events.contains(.variableSet(scope: nil, name: "log", value: .string("delete:task"))))
    }

    /// testTaskListenerWithExpression: a create listener reads the task's name.
    @Test func anExpressionListenerReadsTheTask() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="task1" />
            <userTask id="task2" name="Write meeting notes"><extensionElements>
              <camunda:taskListener event="create" expression="${execution.setVariable('greeting2', task.name)}" /></extensionElements></userTask>
            <endEvent id="e" />
            """# + flows("s->task1", "task1->task2", "task2->e")))
        try scenario.start()
        #expect(scenario.variable("greeting2") == nil)
        try scenario.completeTask("task1")
        #expect(scenario.variable("greeting2") == .string("Write meeting notes"))
    }

    /// testScriptListener: a JUEL script per event sets a variable named after `task.eventName`.
    @Test func scriptListenersSeeTheirEventName() throws {
        let script = #"<camunda:script scriptFormat="juel">${task.setVariable(task.eventName, true)}</camunda:script>"#
        var scenario = try oneTask(["create", "assignment", "complete"].map { #"<camunda:taskListener event="\#($0)">\#(script)</camunda:taskListener>"# }.joined())
        try scenario.start()
        #expect(scenario.variable("create") == .boolean(true))
        #expect(scenario.variable("assignment") == nil)
        try scenario.run(.assignTask(taskID: scenario.task("task")!.id, assignee: "test"))
        #expect(scenario.variable("assignment") == .boolean(true))
        try scenario.completeTask("task")
        #expect(scenario.variable("complete") == .boolean(true))
    }

    /// TaskListenerEventLifecycleTest: an assignee at creation gives create then assignment (no
    /// update); assigning a waiting task gives update then assignment; a candidate change update.
    @Test func lifecycleEventsComeInCamundasOrder() throws {
        var assigned = try oneTask(recorded("create", "assignment", "update", "complete", "delete"), attributes: #"camunda:assignee="kermit""#)
        try assigned.start()
        #expect(assigned.variable("log") == .string("create:task assignment:task"))

        var open = try oneTask(recorded("create", "assignment", "update", "complete", "delete"))
        try open.start()
        let id = open.task("task")!.id
        try open.run(.assignTask(taskID: id, assignee: "gonzo"))
        try open.run(.addTaskCandidates(taskID: id, users: ["fozzie"], groups: []))
        try open.completeTask("task")
        #expect(open.variable("log") == .string("create:task update:task assignment:task update:task complete:task"))
    }

    /// TaskListenerEventLifecycleTest: a create listener that assigns gives create then
    /// assignment, and the change notifies no update.
    @Test func aCreateListenerThatAssignsNotifiesAssignmentOnly() throws {
        var scenario = try oneTask(#"<camunda:taskListener event="create" expression="${task.setAssignee('kermit')}" />"# + recorded("create", "assignment", "update"))
        try scenario.start()
        #expect(scenario.task("task")?.assignee == "kermit")
        #expect(scenario.variable("log") == .string("create:task assignment:task"))
    }

    /// A listener that is not create may assign, but not reshape, the task.
    @Test func onlyACreateListenerMayChangeTheTasksFields() throws {
        var scenario = try oneTask(#"<camunda:taskListener event="assignment" expression="${task.setPriority(99)}" />"#)
        try scenario.start()
        let id = scenario.task("task")!.id
        #expect(throws: Rejection.self) { try scenario.run(.assignTask(taskID: id, assignee: "ann")) }
        #expect(scenario.task("task")?.assignee == nil)
    }

    /// The timeout listener tests: a timer inside the listener notifies it when due, repeats on a
    /// cycle, and goes with the task.
    @Test func timeoutListenersFireWhenDueAndGoWithTheTask() throws {
        let timeout = #"""
            <camunda:taskListener event="timeout" id="late" expression="${execution.setVariable('timeout-status', execution.getVariable('timeout-status') == null ? 'fired' : 'fired2')}">
              <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></camunda:taskListener>
            """#
        var scenario = try oneTask(timeout)
        try scenario.start()
        try scenario.advance("PT70M")
        #expect(scenario.variable("timeout-status") == .string("fired"))
        #expect(scenario.waiting == ["task"], "a timeout listener does not interrupt the task")
        #expect(scenario.state.jobs.isEmpty)

        let cycle = timeout.replacing("<timeDuration>PT1H</timeDuration>", with: "<timeCycle>R/PT1H</timeCycle>")
        var repeating = try oneTask(cycle)
        try repeating.start()
        try repeating.advance("PT70M")
        try repeating.advance("PT60M")
        #expect(repeating.variable("timeout-status") == .string("fired2"))
        try repeating.completeTask("task")
        #expect(repeating.state.status == .completed)
        #expect(repeating.state.jobs.isEmpty, "completing the task removes its timer")
    }
}

/// Camunda's task delegation (TaskServiceTest.testDelegateTask, testResolveTask…): the assignee
/// becomes the owner, the delegate the assignee; resolving gives the task back, with variables.
@Suite struct TaskDelegationTests {
    @Test func aDelegatedTaskComesBackToItsOwnerWhenResolved() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><userTask id="t" camunda:assignee="ann"><extensionElements>
              <camunda:taskListener event="assignment" delegateExpression="${log}" /></extensionElements></userTask><endEvent id="e" />
            """# + flows("s->t", "t->e")))
        scenario.listenerHandlers = ["log": LogRecorder()]
        try scenario.start()
        let id = try #require(scenario.task("t")).id
        try scenario.run(.delegateTask(taskID: id, userID: "ben"))
        var task = try #require(scenario.task("t"))
        #expect(task.owner == "ann" && task.assignee == "ben" && task.delegationState == .pending)
        try scenario.run(.delegateTask(taskID: id, userID: "cy"))
        #expect(scenario.task("t")?.owner == "ann", "a second delegation keeps the first owner")
        try scenario.run(.resolveTask(taskID: id, variables: ["checked": .boolean(true)]))
        task = try #require(scenario.task("t"))
        #expect(task.assignee == "ann" && task.delegationState == .resolved)
        #expect(scenario.variable("checked") == .boolean(true))
        #expect(scenario.variable("log") == .string("assignment:t assignment:t assignment:t assignment:t"))
        try scenario.completeTask("t")
        #expect(scenario.state.status == .completed)
    }
}
