import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// The query side answers alike on both stores: the same commands (same clock, same ids) leave
/// the same rows, and every list and count, with its filters, sorting and paging, returns the
/// same result from the memory store's scan as from PostgreSQL's SQL.
@Suite struct QueryParityTests {
    static let bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="review" name="Review" isExecutable="true">
          <startEvent id="start" />
          <userTask id="check" name="Check" camunda:candidateGroups="${group}" camunda:priority="${priority}" camunda:dueDate="${due}" />
          <serviceTask id="publish" name="Publish" camunda:asyncBefore="true" camunda:delegateExpression="${publish}">
            <extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle></extensionElements></serviceTask>
          <endEvent id="end" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="check" /><sequenceFlow id="f2" sourceRef="check" targetRef="publish" />
          <sequenceFlow id="f3" sourceRef="publish" targetRef="end" />
        </process>
        <process id="wait" isExecutable="true">
          <startEvent id="s" /><intermediateCatchEvent id="answer"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
          <endEvent id="e" /><sequenceFlow id="g1" sourceRef="s" targetRef="answer" /><sequenceFlow id="g2" sourceRef="answer" targetRef="e" />
        </process>
        <process id="middle" isExecutable="true">
          <startEvent id="ms" /><callActivity id="callWait" calledElement="wait" /><endEvent id="me" />
          <sequenceFlow id="h1" sourceRef="ms" targetRef="callWait" /><sequenceFlow id="h2" sourceRef="callWait" targetRef="me" />
        </process>
        <process id="top" isExecutable="true">
          <startEvent id="ts" /><callActivity id="callMiddle" calledElement="middle" /><endEvent id="te" />
          <sequenceFlow id="k1" sourceRef="ts" targetRef="callMiddle" /><sequenceFlow id="k2" sourceRef="callMiddle" targetRef="te" />
        </process>
        <message id="m" name="answer" />
        </definitions>
        """

    struct Failing: ServiceTaskHandler {
        func execute(_ context: HandlerContext) async throws -> [String: VariableValue] {
            if context.variables["fail"] == .boolean(true) { throw HandlerTestFailure() }
            return ["published": .boolean(true)]
        }
    }

    struct HandlerTestFailure: Error {}

    /// Twelve review instances in three groups and varied states (one started by ann, one
    /// ending with its incident deleted), three waiting ones, and two call hierarchies of three
    /// levels (top → middle → wait), one started by ann, one whose top was cancelled alone.
    static func populate(_ backend: TestBackend) async throws -> ProcessTest {
        let test = try await ProcessTest.on(backend, handlers: ["publish": Failing()])
        try await test.deploy(bpmn)
        var first = "", tenth = ""
        for index in 0..<12 {
            test.clock.advance(by: "PT1S")
            let instance = try await AuthenticatedUser.$id.withValue(index == 3 ? "ann" : nil) { try await test.start(
                "review",
                ["group": .string("group-\(index % 3)"), "priority": .long(Int64(index % 4) * 10), "amount": .long(Int64(index)),
                 "fail": .boolean(index % 5 == 0), "due": .date(Timestamp(iso8601: "2027-01-\(10 + index)T00:00:00Z")!)],
                businessKey: "bk-\(index % 6)") }
            if index == 0 { first = instance }
            if index == 10 { tenth = instance }
            if index % 2 == 0 {
                let task = try await test.task("check", in: instance)
                if index % 4 == 0 { try await test.runtime.claim(task.id, userID: "ann") }
                test.clock.advance(by: "PT1S")
                try await test.runtime.complete(task.id, variables: ["approved": .boolean(index % 3 == 0)], userID: "ann")
            }
            if index == 7 { try await test.runtime.cancel(instance) }
            if index == 9 { try await test.runtime.setSuspended(instance, true) }
        }
        for index in 0..<3 { _ = try await test.start("wait", ["n": .long(Int64(index))], businessKey: "w-\(index)") }
        _ = try await AuthenticatedUser.$id.withValue("ann") { try await test.start("top", businessKey: "top-1") }
        let skipped = try await test.start("top", businessKey: "top-2")
        try await test.advance(by: "PT2M")
        // The tenth is suspended once its job failed for good, so its incident stays open.
        try await test.runtime.setSuspended(tenth, true)
        // An open task changed after its creation: its row keeps when.
        test.clock.advance(by: "PT1S")
        let open = try #require(try await test.runtime.tasks(TaskQuery(unassigned: true), page: Page(firstResult: 0, maxResults: 1)).first)
        try await test.runtime.claim(open.id, userID: "bob")
        try await test.runtime.cancel(first)
        try await test.runtime.cancel(skipped, skipSubprocesses: true)
        return test
    }

    /// A query for each sort key of a list, each way: both stores order ties and missing values alike.
    static func everyKey<Key: CaseIterable & Hashable & Sendable, Query>(_ make: (Sorting<Key>) -> Query) -> [Query] {
        Key.allCases.flatMap { key in [true, false].map { make(Sorting(key, ascending: $0)) } }
    }

    @Test func everyQueryAnswersAlikeOnBothStores() async throws {
        let memory = try await Self.populate(.memory).runtime
        let postgres = try await Self.populate(.postgres).runtime
        let pages = [Page.all, Page(firstResult: 0, maxResults: 3), Page(firstResult: 2, maxResults: 4), Page(firstResult: 50)]

        func same<Row: Equatable>(_ what: String, _ read: (Runtime) async throws -> [Row]) async throws {
            let a = try await read(memory), b = try await read(postgres)
            #expect(a == b, "\(what): memory \(a.count) rows, PostgreSQL \(b.count)")
        }
        func same(_ what: String, _ read: (Runtime) async throws -> Int) async throws {
            let a = try await read(memory), b = try await read(postgres)
            #expect(a == b, "\(what): memory \(a), PostgreSQL \(b)")
        }

        var taskQueries: [TaskQuery] = [
            TaskQuery(), TaskQuery(candidateGroups: ["group-1"]), TaskQuery(candidateGroups: ["group-1", "group-2"], includeAssigned: true),
            TaskQuery(candidateUser: "bob", userGroups: ["group-0"]), TaskQuery(unassigned: true), TaskQuery(processDefinitionKey: "review"),
            TaskQuery(businessKey: "bk-1"), TaskQuery(visibleTo: TaskVisibility(userID: "ann", groups: ["group-2"])),
            TaskQuery(sorting: [Sorting(.priority, ascending: false), Sorting(.created)]), TaskQuery(sorting: [Sorting(.name), Sorting(.dueDate)]),
            TaskQuery(suspended: true), TaskQuery(suspended: false),
        ]
        // Every key each way, ties broken by id on both stores alike.
        taskQueries += Self.everyKey { TaskQuery(sorting: [$0]) }
        // Variable conditions with every operator, on instances (running, ended, all) and tasks.
        var conditions: [VariableCondition] = [
            .init(name: "amount", value: .long(5), comparison: .gt), .init(name: "amount", value: .double(3), comparison: .lteq),
            .init(name: "amount", value: .integer(4), comparison: .neq), .init(name: "group", value: .string("group-%1"), comparison: .like),
            .init(name: "group", value: .string("group-1"), comparison: .gteq), .init(name: "due", value: .string("2027-01-15"), comparison: .lt),
            .init(name: "fail", value: .boolean(true)), .init(name: "amount", value: .string("5"), comparison: .gt),
        ]
        var ignoring = VariableCondition(name: "GROUP", value: .string("GROUP-2"))
        ignoring.ignoreNameCase = true
        ignoring.ignoreValueCase = true
        conditions.append(ignoring)
        var ignoringLike = VariableCondition(name: "group", value: .string("GROUP-%"), comparison: .like)
        ignoringLike.ignoreValueCase = true
        conditions.append(ignoringLike)
        for condition in conditions {
            for lifecycle in [ProcessInstanceQuery.Lifecycle.running, .ended, .any] {
                let query = ProcessInstanceQuery(lifecycle: lifecycle, variables: [condition])
                try await same("instances \(lifecycle) where \(condition)") { try await $0.instances(query, page: .all) }
            }
            var jobs = JobQuery()
            jobs.filters.processVariables = [condition]
            try await same("jobs where \(condition)") { try await $0.jobs(jobs, page: .all) }
            var values = VariableInstanceQuery()
            values.valueConditions = [condition]
            try await same("variables where \(condition)") { try await $0.variableInstances(values, page: .all) }
            var historic = HistoricVariableInstanceQuery()
            historic.valueConditions = [condition]
            try await same("variable history where \(condition)") { try await $0.variableHistory(historic, page: .all) }
            var historicTasks = HistoricTaskInstanceQuery()
            historicTasks.filters.processVariables = [condition]
            try await same("task history where \(condition)") { try await $0.taskHistory(historicTasks, page: .all) }
            var tasks = TaskQuery()
            tasks.filters.processVariables = [condition]
            try await same("tasks where \(condition)") { try await $0.tasks(tasks, page: .all) }
            try await same("task count where \(condition)") { try await $0.count(tasks) }
        }
        #expect(try await postgres.count(ProcessInstanceQuery(lifecycle: .any, variables: [conditions[0]])) == 6, "amounts 6 to 11")

        // Camunda's further task filters (TaskFilters), each alone and some together.
        func filtered(_ change: (inout TaskFilters) -> Void) -> TaskQuery {
            var query = TaskQuery()
            change(&query.filters)
            return query
        }
        let allTasks = try await memory.tasks(TaskQuery(), page: .all)
        let someInstances = Array(allTasks.prefix(2).map(\.processInstanceID))
        taskQueries += [
            filtered { $0.taskIDs = [allTasks[0].id, "nope"] }, filtered { $0.processInstanceIDs = someInstances },
            filtered { $0.executionID = someInstances[0] }, filtered { $0.activityInstanceIDs = [allTasks[1].activityInstanceID] },
            filtered { $0.processDefinitionKeys = ["review", "other"] }, filtered { $0.businessKeys = ["bk-1", "bk-3"] },
            filtered { $0.businessKeyLike = "bk-%" }, filtered { $0.assigneeLike = "a%" }, filtered { $0.assignees = ["ann"] },
            filtered { $0.assigneesExcluded = ["ann"] }, filtered { $0.assigned = true }, filtered { $0.candidateGroupLike = "group-%1" },
            filtered { $0.involvedUser = "ann" }, filtered { $0.taskDefinitionKeys = ["check"] }, filtered { $0.taskDefinitionKeysExcluded = ["check"] },
            filtered { $0.taskDefinitionKeyLike = "ch%" }, filtered { $0.name = "Check" }, filtered { $0.nameNotEqual = "Check" },
            filtered { $0.nameLike = "C_eck%" }, filtered { $0.nameNotLike = "X%" }, filtered { $0.description = "d" }, filtered { $0.descriptionLike = "%" },
            filtered { $0.priority = 10 }, filtered { $0.minPriority = 10 }, filtered { $0.maxPriority = 10 },
            filtered { $0.dueDate = Timestamp(iso8601: "2027-01-11T00:00:00Z") }, filtered { $0.withoutDueDate = true },
            filtered { $0.followUpBeforeOrNotExistent = Timestamp(iso8601: "2027-01-01T00:00:00Z") }, filtered { $0.followUpAfter = Timestamp(millisecondsSinceEpoch: 0) },
            filtered { $0.createdOn = allTasks[0].created }, filtered { $0.withCandidateGroups = true }, filtered { $0.withoutCandidateGroups = true },
            filtered { $0.withCandidateUsers = true }, filtered { $0.withoutCandidateUsers = true }, filtered { $0.matchesNothing = true },
            filtered { $0.minPriority = 10; $0.businessKeyLike = "bk-%"; $0.withCandidateGroups = true },
            filtered { $0.updatedAfter = allTasks[0].created }, filtered { $0.updatedAfter = Timestamp(millisecondsSinceEpoch: 0) },
            filtered { $0.updatedAfter = allTasks.map(\.created).max() },
        ]
        #expect(try await postgres.count(TaskQuery()) == 5, "the odd instances wait at the check, but for the cancelled one")
        var changedLast = TaskQuery()
        changedLast.filters.updatedAfter = allTasks.map(\.created).max()
        #expect(try await postgres.tasks(changedLast, page: .all).map(\.assignee) == ["bob"], "only the task claimed after every creation")
        for (index, query) in taskQueries.enumerated() {
            for page in pages { try await same("tasks #\(index) \(page)") { try await $0.tasks(query, page: page) } }
            try await same("task count #\(index)") { try await $0.count(query) }
        }

        var instanceQueries: [ProcessInstanceQuery] = [
            ProcessInstanceQuery(), ProcessInstanceQuery(lifecycle: .ended), ProcessInstanceQuery(lifecycle: .any),
            ProcessInstanceQuery(lifecycle: .any, businessKey: "bk-2"), ProcessInstanceQuery(processDefinitionKey: "wait"),
            ProcessInstanceQuery(variables: [VariableCondition(name: "amount", value: .integer(3))]),
            ProcessInstanceQuery(lifecycle: .any, variables: [VariableCondition(name: "group", value: .string("group-0"))]),
            ProcessInstanceQuery(lifecycle: .any, sorting: [Sorting(.endTime, ascending: false), Sorting(.businessKey)]),
            ProcessInstanceQuery(lifecycle: .ended, sorting: [Sorting(.duration)]),
            ProcessInstanceQuery(lifecycle: .any, sorting: [Sorting(.tenantId, ascending: false), Sorting(.startTime)]),
            ProcessInstanceQuery(suspended: true), ProcessInstanceQuery(lifecycle: .any, suspended: false), ProcessInstanceQuery(lifecycle: .ended, suspended: true),
        ] + Self.everyKey { ProcessInstanceQuery(lifecycle: .any, sorting: [$0]) }
        // Camunda's further job filters (JobFilters).
        let someJob = try #require(try await memory.jobs(JobQuery(), page: .all).first)
        for change in [
            { (f: inout JobFilters) in f.ids = [someJob.id, "nope"] }, { $0.processInstanceIDs = [someJob.processInstanceID] },
            { $0.activityIDs = ["publish", "answer"] }, { $0.processDefinitionKeys = ["review"] }, { $0.processDefinitionIDs = [someJob.processDefinitionID] },
            { $0.withException = true }, { $0.exceptionMessage = "nope" }, { $0.workerID = "w" }, { $0.notLockedAt = Timestamp(millisecondsSinceEpoch: 0) },
            { $0.lockedAt = Timestamp(millisecondsSinceEpoch: 0) },
            { $0.dueDates = [.init(after: true, time: Timestamp(millisecondsSinceEpoch: 0)), .init(after: false, time: Timestamp(iso8601: "2100-01-01T00:00:00Z")!)] },
            { $0.createTimes = [.init(after: true, time: Timestamp(millisecondsSinceEpoch: 0))] }, { $0.matchesNothing = true },
        ] as [(inout JobFilters) -> Void] {
            var query = JobQuery()
            change(&query.filters)
            try await same("jobs with \(query.filters)") { try await $0.jobs(query, page: .all) }
            try await same("job count with \(query.filters)") { try await $0.count(query) }
        }

        // Camunda's further variable-history filters.
        let someScope = allTasks[0].activityInstanceID
        for change in [
            { (q: inout HistoricVariableInstanceQuery) in q.names = ["amount", "group"] }, { $0.types = ["long", "String"] },
            { $0.processDefinitionKey = "wait" }, { $0.activityInstanceIDs = [someScope] }, { $0.activityInstanceIDs = [allTasks[0].processInstanceID] },
        ] as [(inout HistoricVariableInstanceQuery) -> Void] {
            var query = HistoricVariableInstanceQuery()
            change(&query)
            try await same("variable history \(query)") { try await $0.variableHistory(query, page: .all) }
        }

        // Camunda's further incident filters (IncidentFilters), open and all.
        let someIncident = try #require(try await memory.incidents(IncidentQuery(), page: .all).first)
        for open in [true, nil] as [Bool?] {
            for change in [
                { (f: inout IncidentFilters) in f.ids = [someIncident.id] }, { $0.messageLike = "%failed%" }, { $0.message = someIncident.message },
                { $0.processDefinitionKeys = ["review"] }, { $0.createdAfter = Timestamp(millisecondsSinceEpoch: 0) },
                { $0.createdBefore = Timestamp(millisecondsSinceEpoch: 0) }, { $0.resolvedAfter = Timestamp(millisecondsSinceEpoch: 0) },
                { $0.activityIDs = ["publish"] }, { $0.jobIDs = someIncident.jobID.map { [$0] } }, { $0.matchesNothing = true },
                { $0.deleted = true }, { $0.deleted = false },
            ] as [(inout IncidentFilters) -> Void] {
                var query = IncidentQuery(open: open)
                change(&query.filters)
                try await same("incidents with \(query.filters)") { try await $0.incidents(query, page: .all) }
            }
        }

        // Camunda's further instance filters (ProcessInstanceFilters), on running, ended and all.
        let middle = try #require(try await memory.instances(ProcessInstanceQuery(lifecycle: .any), page: .all).map(\.startedAt).sorted().dropFirst(5).first)
        let tops = try await memory.instances(ProcessInstanceQuery(lifecycle: .any, processDefinitionKey: "top", sorting: [Sorting(.businessKey)]), page: .all).map(\.id)
        let middles = try await memory.instances(ProcessInstanceQuery(lifecycle: .any, processDefinitionKey: "middle", sorting: [Sorting(.startTime)]), page: .all)
            .map(\.id)
        #expect(tops.count == 2 && middles.count == 2)
        for (root, expected) in [(tops[0], 3), (tops[1], 3), (middles[0], 0)] {
            var hierarchy = ProcessInstanceQuery(lifecycle: .any)
            hierarchy.filters.rootInstanceID = root
            let found = try await postgres.instances(hierarchy, page: .all)
            #expect(found.count == expected && found.allSatisfy { $0.rootInstanceID == root }, "the hierarchy under \(root): \(found.map(\.id))")
        }
        var annStarted = ProcessInstanceQuery(lifecycle: .any)
        annStarted.filters.startedBy = "ann"
        #expect(try await postgres.count(annStarted) == 4, "one review, and one top with the two instances its command called")
        let stillCalled = try await postgres.instances(ProcessInstanceQuery(processDefinitionKey: "middle"), page: .all)
        #expect(stillCalled.count == 2, "the middle of the cancelled top runs on, no longer waited for")
        let someInstance = try #require(try await memory.instances(ProcessInstanceQuery(lifecycle: .any), page: .all).first?.id)
        for lifecycle in [ProcessInstanceQuery.Lifecycle.running, .ended, .any] {
            func filtered(_ change: (inout ProcessInstanceFilters) -> Void) -> ProcessInstanceQuery {
                var query = ProcessInstanceQuery(lifecycle: lifecycle)
                change(&query.filters)
                return query
            }
            instanceQueries += [
                filtered { $0.idsExcluded = [someInstance] }, filtered { $0.processDefinitionKeys = ["wait", "x"] },
                filtered { $0.processDefinitionKeysExcluded = ["wait"] }, filtered { $0.businessKeys = ["bk-1", "w-2"] },
                filtered { $0.businessKeyLike = "bk-%" }, filtered { $0.rootsOnly = true }, filtered { $0.leavesOnly = true },
                filtered { $0.callerOf = someInstance }, filtered { $0.finishedAfter = Timestamp(millisecondsSinceEpoch: 0) },
                filtered { $0.finishedBefore = Timestamp(iso8601: "2100-01-01T00:00:00Z") }, filtered { $0.states = [.completed] },
                filtered { $0.states = [.terminated, .active] }, filtered { $0.incidents = .init(open: true) }, filtered { $0.incidents = .init(open: nil) },
                filtered { var incidents = ProcessInstanceFilters.IncidentFilter(open: false); incidents.type = "failedJob"; $0.incidents = incidents },
                filtered { var incidents = ProcessInstanceFilters.IncidentFilter(); incidents.messageLike = "%"; $0.incidents = incidents },
                filtered { $0.activeActivityIDs = ["check", "answer"] }, filtered { $0.executedActivityIDs = ["publish"] },
                filtered { $0.matchesNothing = true }, filtered { $0.rootInstanceID = tops[0] }, filtered { $0.rootInstanceID = tops[1] },
                filtered { $0.rootInstanceID = middles[0] }, filtered { $0.rootInstanceID = "nope" }, filtered { $0.startedBy = "ann" },
                filtered { $0.withJobsRetrying = true }, filtered { $0.executedActivityAfter = middle }, filtered { $0.executedActivityBefore = middle },
                filtered { $0.executedActivityAfter = middle; $0.executedActivityBefore = middle }, filtered { $0.executedJobAfter = middle },
                filtered { $0.executedJobBefore = middle }, filtered { $0.messageSubscriptionName = "answer" }, filtered { $0.signalSubscriptionName = "answer" },
            ]
        }
        #expect(try await postgres.count({ var q = ProcessInstanceQuery(lifecycle: .any); q.filters.incidents = .init(open: true); return q }()) > 0,
            "the failing instances hold open incidents")
        #expect(try await postgres.count({ var q = ProcessInstanceQuery(); q.filters.activeActivityIDs = ["check"]; return q }()) > 0)
        for (index, query) in instanceQueries.enumerated() {
            for page in pages { try await same("instances #\(index) \(page)") { try await $0.instances(query, page: page) } }
            try await same("instance count #\(index)") { try await $0.count(query) }
        }

        // Authorization: no definition, one definition, every definition but one, each widened
        // by grants on single instances (and a single task for the task list).
        let running = try await memory.instances(ProcessInstanceQuery(), page: .all).map(\.id)
        let waitDefinition = try #require(try await memory.instances(ProcessInstanceQuery(processDefinitionKey: "wait"), page: .all).first?.definitionID)
        let someTask = try #require(try await memory.tasks(TaskQuery(), page: .all).last)
        for (definitions, granted) in [
            (ResourceScope.only([]), ResourceScope.only([running[0], running[running.count - 1]])), (.only([waitDefinition]), .only([running[0]])),
            (.allExcept([waitDefinition]), .allExcept([running[0]])), (.only([]), .all),
        ] {
            var instances = ProcessInstanceQuery(lifecycle: .any), variables = VariableInstanceQuery(), jobs = JobQuery(), incidents = IncidentQuery()
            instances.definitions = definitions; variables.definitions = definitions; jobs.definitions = definitions; incidents.definitions = definitions
            instances.grantedInstances = granted; variables.grantedInstances = granted; jobs.grantedInstances = granted; incidents.grantedInstances = granted
            try await same("instances in \(definitions) or \(granted)") { try await $0.instances(instances, page: .all) }
            try await same("variables in \(definitions) or \(granted)") { try await $0.variableInstances(variables, page: .all) }
            try await same("jobs in \(definitions) or \(granted)") { try await $0.jobs(jobs, page: .all) }
            try await same("incidents in \(definitions) or \(granted)") { try await $0.incidents(incidents, page: .all) }
            try await same("instance count in \(definitions) or \(granted)") { try await $0.count(instances) }
            let tasks = TaskQuery(visibleTo: TaskVisibility(userID: "nobody", groups: [], definitions: definitions, tasks: .only([someTask.id])))
            try await same("tasks in \(definitions) or one task") { try await $0.tasks(tasks, page: .all) }
        }
        var grantedOnly = ProcessInstanceQuery()
        grantedOnly.definitions = .only([])
        grantedOnly.grantedInstances = .only([running[0]])
        #expect(try await postgres.instances(grantedOnly, page: .all).map(\.id) == [running[0]])

        // Camunda's date filters: created or started before and after a moment inside the data.
        var startedBefore = ProcessInstanceQuery(lifecycle: .any), startedAfter = ProcessInstanceQuery(lifecycle: .any)
        startedBefore.startedBefore = middle
        startedAfter.startedAfter = middle
        var createdBefore = TaskQuery(), createdAfter = TaskQuery()
        createdBefore.createdBefore = middle
        createdAfter.createdAfter = middle
        for (what, query) in [("started before", startedBefore), ("started after", startedAfter)] {
            try await same("instances \(what)") { try await $0.instances(query, page: .all) }
            #expect(try await postgres.count(query) > 0, "\(what) the middle")
        }
        var dueBefore = TaskQuery(), dueAfter = TaskQuery()
        dueBefore.dueBefore = Timestamp(iso8601: "2027-01-16T00:00:00Z")
        dueAfter.dueAfter = dueBefore.dueBefore
        for (what, query) in [("created before", createdBefore), ("created after", createdAfter), ("due before", dueBefore), ("due after", dueAfter)] {
            try await same("tasks \(what)") { try await $0.tasks(query, page: .all) }
            try await same("task count \(what)") { [try await $0.count(query)] }
        }
        let dueEarly = try await postgres.count(dueBefore), dueLate = try await postgres.count(dueAfter)
        #expect(dueEarly > 0 && dueLate > 0, "the due filters split the open tasks")

        let incidentQueries = [IncidentQuery(), IncidentQuery(open: true), IncidentQuery(activityID: "publish"), IncidentQuery(incidentType: "none")]
            + Self.everyKey { IncidentQuery(sorting: [$0]) }
        #expect(try await postgres.count(IncidentQuery(open: true)) > 0, "a failing publish raised an incident")
        for (index, query) in incidentQueries.enumerated() {
            for page in pages { try await same("incidents #\(index) \(page)") { try await $0.incidents(query, page: page) } }
            try await same("incident count #\(index)") { try await $0.count(query) }
        }

        var activityQueries = [
            HistoricActivityInstanceQuery(), HistoricActivityInstanceQuery(activityID: "check", completion: .finished),
            HistoricActivityInstanceQuery(activityType: "userTask", completion: .unfinished), HistoricActivityInstanceQuery(canceled: true),
            HistoricActivityInstanceQuery(completeScope: true), HistoricActivityInstanceQuery(sorting: [Sorting(.endTime, ascending: false)]),
        ] + Self.everyKey { HistoricActivityInstanceQuery(sorting: [$0]) }
        let annsTasks = try await memory.taskHistory(HistoricTaskInstanceQuery(assignee: "ann")).map(\.id)
        for change in [
            { (q: inout HistoricActivityInstanceQuery) in q.activityName = "Check" }, { $0.startedAfter = middle }, { $0.startedBefore = middle },
            { $0.finishedAfter = middle }, { $0.finishedBefore = Timestamp(iso8601: "2100-01-01T00:00:00Z") }, { $0.taskIDs = annsTasks },
        ] as [(inout HistoricActivityInstanceQuery) -> Void] {
            var query = HistoricActivityInstanceQuery()
            change(&query)
            activityQueries.append(query)
        }
        for (index, query) in activityQueries.enumerated() {
            for page in pages { try await same("activities #\(index) \(page)") { try await $0.activityHistory(query, page: page) } }
            try await same("activity count #\(index)") { try await $0.count(query) }
        }

        var historicTaskQueries = [
            HistoricTaskInstanceQuery(), HistoricTaskInstanceQuery(assignee: "ann"), HistoricTaskInstanceQuery(completion: .unfinished),
            HistoricTaskInstanceQuery(sorting: [Sorting(.duration, ascending: false)]),
        ] + Self.everyKey { HistoricTaskInstanceQuery(sorting: [$0]) }
        for change in [
            { (f: inout HistoricTaskFilters) in f.nameLike = "Ch%" }, { $0.name = "Check" }, { $0.taskDefinitionKeys = ["check"] },
            { $0.deleteReason = "completed" }, { $0.deleteReasonLike = "del%" }, { $0.assigneeLike = "a%" }, { $0.priority = 10 }, { $0.assigned = true },
            { $0.assigned = false }, { $0.withoutDueDate = true }, { $0.dueAfter = Timestamp(iso8601: "2027-01-12T00:00:00Z") },
            { $0.dueBefore = Timestamp(iso8601: "2027-01-15T00:00:00Z") }, { $0.startedAfter = middle }, { $0.finishedBefore = middle },
            { $0.processFinished = true }, { $0.processFinished = false }, { $0.processDefinitionKey = "review" }, { $0.matchesNothing = true },
            { $0.involvedUser = "ann" }, { $0.involvedGroup = "group-1" }, { $0.hadCandidateGroup = "group-2" }, { $0.hadCandidateUser = "ann" },
            { $0.withCandidateGroups = true }, { $0.withCandidateGroups = false }, { $0.owner = "ann" }, { $0.ownerLike = "%" },
            { $0.descriptionLike = "%" }, { $0.followUpAfter = Timestamp(millisecondsSinceEpoch: 0) },
            { $0.rootInstanceID = allTasks[0].processInstanceID }, { $0.rootInstanceID = tops[0] },
        ] as [(inout HistoricTaskFilters) -> Void] {
            var query = HistoricTaskInstanceQuery()
            change(&query.filters)
            historicTaskQueries.append(query)
        }
        for (index, query) in historicTaskQueries.enumerated() {
            for page in pages { try await same("historic tasks #\(index) \(page)") { try await $0.taskHistory(query, page: page) } }
            try await same("historic task count #\(index)") { try await $0.count(query) }
        }

        let variableQueries = [
            HistoricVariableInstanceQuery(), HistoricVariableInstanceQuery(variableName: "approved"), HistoricVariableInstanceQuery(variableNameLike: "a%"),
            HistoricVariableInstanceQuery(sorting: [Sorting(.variableName), Sorting(.instanceId, ascending: false)]),
        ] + Self.everyKey { HistoricVariableInstanceQuery(sorting: [$0]) }
        for (index, query) in variableQueries.enumerated() {
            for page in pages { try await same("historic variables #\(index) \(page)") { try await $0.variableHistory(query, page: page) } }
            try await same("historic variable count #\(index)") { try await $0.count(query) }
        }

        // A historic variable's id is derived from its row on PostgreSQL: each is found by it.
        let variableIDs = try await memory.variableHistory(HistoricVariableInstanceQuery(), page: .all).map(\.id)
        #expect(variableIDs.count > 40)
        for id in variableIDs + ["\(variableIDs[0])x", "id-1::nope", "no-colon"] {
            try await same("historic variable \(id)") { try await $0.variableHistory(HistoricVariableInstanceQuery(id: id), page: .all) }
            let found = try await postgres.variableHistory(HistoricVariableInstanceQuery(id: id), page: .all).map(\.id)
            #expect(found == (variableIDs.contains(id) ? [id] : []), "\(id)")
        }

        let runtimeVariableQueries = [
            VariableInstanceQuery(), VariableInstanceQuery(variableName: "group"), VariableInstanceQuery(variableNameLike: "%o%"),
            VariableInstanceQuery(sorting: [Sorting(.variableType), Sorting(.variableName)]),
        ] + Self.everyKey { VariableInstanceQuery(sorting: [$0]) }
        for (index, query) in runtimeVariableQueries.enumerated() {
            for page in pages { try await same("variables #\(index) \(page)") { try await $0.variableInstances(query, page: page) } }
            try await same("variable count #\(index)") { try await $0.count(query) }
        }

        let jobQueries = [JobQuery(), JobQuery(noRetriesLeft: true), JobQuery(activityID: "publish", sorting: [Sorting(.jobRetries)]), JobQuery(suspended: true)]
        for query in jobQueries + Self.everyKey({ JobQuery(sorting: [$0]) }) {
            try await same("jobs") { try await $0.jobs(query) }
            try await same("job count") { try await $0.count(query) }
        }
        for query in [EventSubscriptionQuery(), EventSubscriptionQuery(eventName: "answer", activityID: "answer")] + Self.everyKey({ EventSubscriptionQuery(sorting: [$0]) }) {
            try await same("subscriptions") { try await $0.eventSubscriptions(query) }
            try await same("subscription count") { try await $0.count(query) }
        }
        try await same("statistics") { try await $0.definitionStatistics() }
    }
}
