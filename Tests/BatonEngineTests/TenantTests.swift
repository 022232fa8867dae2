import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Multi-tenancy as Camunda 7 has it (its MultiTenancy*Test classes): a deployment's tenant is
/// its definitions', and so every instance's and row's derived from them; versions, latest
/// versions and timer start events count per key and tenant; a key resolves within one tenant;
/// a call activity finds its process in the caller's tenant; messages and signals reach the
/// tenants they name; and a tenant's user reaches nothing of another tenant.
@Suite struct TenantTests {
    static let intake = ProcessTest.definitions("""
        <process id="intake" name="Intake" isExecutable="true">
          <startEvent id="start" /><userTask id="review" camunda:candidateGroups="clerks" /><endEvent id="end" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="end" />
        </process>
        """)

    @discardableResult
    static func deploy(_ test: ProcessTest, _ bpmn: String, tenant: String?, name: String = "model.bpmn") async throws -> DeploymentInfo {
        try await test.runtime.deploy(
            name: name, resources: [DeploymentResource(name: name, bytes: Array(bpmn.utf8))], duplicateFiltering: false, tenantID: tenant)
    }

    @Test(arguments: TestBackend.allCases) func versionsAndKeysCountWithinATenant(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let shared = try await Self.deploy(test, Self.intake, tenant: nil)
        let first = try await Self.deploy(test, Self.intake, tenant: "north")
        let second = try await Self.deploy(test, Self.intake, tenant: "north")
        let south = try await Self.deploy(test, Self.intake, tenant: "south")
        #expect([shared, first, second, south].map { $0.definitions[0].version } == [1, 1, 2, 1], "each tenant numbers its own versions")
        #expect(second.tenantID == "north" && second.definitions[0].tenantID == "north")

        // A key alone is the definitions of no tenant, as Camunda's REST API resolves it.
        let plain = try await test.runtime.start(processKey: "intake")
        #expect(plain.definitionID == shared.definitions[0].id && plain.tenantID == nil)
        let northern = try await test.runtime.start(processKey: "intake", tenantID: "north")
        #expect(northern.definitionID == second.definitions[0].id && northern.tenantID == "north")
        await #expect(throws: EngineError(.notFound, "Expected a deployed process with key 'intake' in tenant 'east', but there is none.")) {
            try await test.runtime.start(processKey: "intake", tenantID: "east")
        }

        // What derives from an instance carries its tenant.
        let task = try await test.task("review", in: northern.id)
        #expect(task.tenantID == "north")
        #expect(try await test.runtime.instance(northern.id).tenantID == "north")
        try await test.runtime.complete(task.id)
        let ended = try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .ended), page: .all)
        #expect(ended.map(\.tenantID) == ["north"])
        var history = HistoricActivityInstanceQuery()
        history.processInstanceID = northern.id
        #expect(Set(try await test.runtime.activityHistory(history, page: .all).map(\.tenantID)) == ["north"])
    }

    @Test(arguments: TestBackend.allCases) func queriesKeepToTheTenantsTheyAskFor(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        for tenant in [nil, "north", "south"] { try await Self.deploy(test, Self.intake, tenant: tenant) }
        for tenant in [nil, "north", "south"] {
            _ = try await test.runtime.start(processKey: "intake", tenantID: tenant, variables: ["who": .string(tenant ?? "shared")])
        }
        func tenants(of query: TaskQuery) async throws -> [String?] { try await test.runtime.tasks(query, page: .all).map(\.tenantID).sorted { ($0 ?? "") < ($1 ?? "") } }
        var tasks = TaskQuery()
        #expect(try await tenants(of: tasks) == [nil, "north", "south"])
        tasks.tenants = TenantFilter(tenantIDs: ["south"], withoutTenant: false)
        #expect(try await tenants(of: tasks) == ["south"])
        tasks.tenants = .none
        #expect(try await tenants(of: tasks) == [nil])
        tasks.tenants = .member(of: ["north"])
        #expect(try await tenants(of: tasks) == [nil, "north"], "a member of north sees north's and the shared ones")
        #expect(try await test.runtime.count(tasks) == 2)

        var instances = ProcessInstanceQuery()
        instances.tenants = TenantFilter(tenantIDs: ["north", "south"], withoutTenant: false)
        #expect(try await test.runtime.count(instances) == 2)
        var variables = VariableInstanceQuery()
        variables.tenants = TenantFilter(tenantIDs: ["north"], withoutTenant: false)
        #expect(try await test.runtime.variableInstances(variables, page: .all).map(\.value) == [.string("north")])
        var historic = HistoricVariableInstanceQuery()
        historic.tenants = .none
        #expect(try await test.runtime.variableHistory(historic, page: .all).map(\.value) == [.string("shared")])
    }

    @Test(arguments: TestBackend.allCases) func aCalledProcessIsLookedUpInTheCallersTenant(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let parent = ProcessTest.definitions("""
            <process id="parent" isExecutable="true">
              <startEvent id="s" /><callActivity id="call" calledElement="intake" /><endEvent id="e" />
              <sequenceFlow id="g1" sourceRef="s" targetRef="call" /><sequenceFlow id="g2" sourceRef="call" targetRef="e" />
            </process>
            """)
        try await Self.deploy(test, Self.intake, tenant: nil)
        let northern = try await Self.deploy(test, Self.intake, tenant: "north")
        try await Self.deploy(test, parent, tenant: "north", name: "parent.bpmn")
        try await Self.deploy(test, parent, tenant: "south", name: "parent.bpmn")
        let caller = try await test.runtime.start(processKey: "parent", tenantID: "north")
        var called = ProcessInstanceQuery()
        called.superInstanceID = caller.id
        let child = try #require(try await test.runtime.instances(called, page: .all).first)
        #expect(child.definitionID == northern.definitions[0].id && child.tenantID == "north", "north's intake, not the shared one")
        // South has no intake of its own: its call activity finds none, as in Camunda.
        await #expect(throws: EngineError.self) { try await test.runtime.start(processKey: "parent", tenantID: "south") }
    }

    @Test(arguments: TestBackend.allCases) func messagesAndSignalsReachTheTenantsTheyName(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let starter = ProcessTest.definitions("""
            <process id="starter" isExecutable="true">
              <startEvent id="s"><messageEventDefinition messageRef="m" /></startEvent>
              <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="sig" /></intermediateCatchEvent><endEvent id="e" />
              <sequenceFlow id="g1" sourceRef="s" targetRef="wait" /><sequenceFlow id="g2" sourceRef="wait" targetRef="e" />
            </process>
            <message id="m" name="kickoff" /><signal id="sig" name="go" />
            """)
        try await Self.deploy(test, starter, tenant: "north")
        try await Self.deploy(test, starter, tenant: "south")
        // One message name, two tenants' processes: the message must say whose.
        let refusal = await #expect(throws: EngineError.self) { try await test.runtime.correlate(MessageCorrelation(messageName: "kickoff")) }
        #expect(refusal?.message.contains("'north', 'south'") == true, "the refusal names the tenants: \(refusal?.message ?? "")")
        let started = try await test.runtime.correlate(
            MessageCorrelation(messageName: "kickoff", tenants: TenantFilter(tenantIDs: ["south"], withoutTenant: false)))
        #expect(try await test.runtime.instance(started[0].processInstanceID).tenantID == "south")
        _ = try await test.runtime.correlate(MessageCorrelation(messageName: "kickoff", tenants: TenantFilter(tenantIDs: ["north"], withoutTenant: false)))

        try await test.runtime.throwSignal(SignalThrow(name: "go"), tenants: TenantFilter(tenantIDs: ["north"], withoutTenant: false))
        try await test.runJobs()
        let ended = try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .ended), page: .all)
        #expect(ended.map(\.tenantID) == ["north"], "the signal went to north's instance alone")
    }

    @Test(arguments: TestBackend.allCases) func eachTenantKeepsItsOwnTimerStartEvents(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let nightly = ProcessTest.definitions("""
            <process id="nightly" isExecutable="true">
              <startEvent id="s"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></startEvent><endEvent id="e" />
              <sequenceFlow id="g1" sourceRef="s" targetRef="e" />
            </process>
            """)
        try await Self.deploy(test, nightly, tenant: "north")
        try await Self.deploy(test, nightly, tenant: "south")
        try await Self.deploy(test, nightly, tenant: "south")
        try await test.advance(by: "PT61M")
        let started = try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any), page: .all)
        #expect(started.map(\.tenantID).sorted { ($0 ?? "") < ($1 ?? "") } == ["north", "south"], "south's redeployment replaced south's timer only")
    }

    @Test(arguments: TestBackend.allCases) func aTenantsUserReachesNothingOfAnotherTenant(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await Self.deploy(test, Self.intake, tenant: "north")
        let south = try await Self.deploy(test, Self.intake, tenant: "south")
        let northern = try await test.runtime.start(processKey: "intake", tenantID: "north")
        let southern = try await test.runtime.start(processKey: "intake", tenantID: "south")
        let southTask = try await test.task("review", in: southern.id)
        try await TenantCheck.$tenantIDs.withValue(["north"]) { () async throws in
            // Another tenant's task and instance do not exist for north's user, on either store.
            await #expect(throws: EngineError(.notFound, "Expected task '\(southTask.id)' to be open, but it is not (task already completed or not found).")) {
                try await test.runtime.complete(southTask.id)
            }
            await #expect(throws: EngineError(.notFound, "Expected process instance '\(southern.id)' to exist, but it does not.")) {
                try await test.runtime.cancel(southern.id)
            }
            await #expect(throws: EngineError.self) { try await test.runtime.start(definitionID: south.definitions[0].id) }
            await #expect(throws: EngineError.self) { try await test.runtime.start(processKey: "intake", tenantID: "south") }
            // Queries that name no tenant, and lookups by id, keep to north on both stores.
            #expect(try await test.runtime.tasks(TaskQuery(), page: .all).map(\.tenantID) == ["north"])
            #expect(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any), page: .all).map(\.tenantID) == ["north"])
            await #expect(throws: EngineError.self) { try await test.runtime.instance(southern.id) }
            #expect(try await test.runtime.processDefinitions().map(\.tenantID) == ["north"])
            #expect(try await test.runtime.deployments().map(\.tenantID) == ["north"])
            try await test.complete("review", in: northern.id)
        }
        #expect(try await test.runtime.instance(southern.id).state == .active, "south's instance is as it was")
        try await test.expectEnded(northern.id)
    }
}
