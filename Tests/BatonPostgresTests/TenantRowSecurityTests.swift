import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// Tenants enforced by PostgreSQL itself (migrations 030 and 031): a tenant-checked caller's reads and
/// commands run as `baton_tenant_user`, whose row-level security policies let it reach the rows
/// of no tenant and of the caller's tenants only. Tested the hard way: queries that ask for no
/// tenant at all, through the store and in plain SQL, see nothing of another tenant, and
/// statements that would change another tenant's rows change nothing.
@Suite struct TenantRowSecurityTests {
    static let model = ProcessTest.definitions("""
        <process id="claim" isExecutable="true">
          <startEvent id="start" /><userTask id="review" camunda:candidateGroups="clerks" />
          <serviceTask id="publish" camunda:asyncBefore="true" camunda:expression="${missing.value}">
            <extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle></extensionElements></serviceTask>
          <endEvent id="end" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="publish" />
          <sequenceFlow id="f3" sourceRef="publish" targetRef="end" />
        </process>
        """)

    /// Per tenant (north, south and none): an instance past its task and stopped by an incident
    /// at its job, one waiting at its task, and one cancelled.
    static func populate() async throws -> (test: ProcessTest, store: PostgresStore) {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        for tenant in [nil, "north", "south"] {
            _ = try await test.runtime.deploy(
                name: "claim.bpmn", resources: [DeploymentResource(name: "claim.bpmn", bytes: Array(model.utf8))], tenantID: tenant)
            for index in 0..<3 {
                let instance = try await test.runtime.start(processKey: "claim", tenantID: tenant, variables: ["owner": .string(tenant ?? "shared")])
                if index == 0 { try await test.complete("review", in: instance.id) }
                if index == 2 { try await test.runtime.cancel(instance.id) }
            }
        }
        try await test.advance(by: "PT1M")
        try await test.advance(by: "PT2M")
        return (test, store)
    }

    @Test func queriesWithoutATenantFilterSeeOnlyTheCallersTenantsUnderRowLevelSecurity() async throws {
        let (test, store) = try await Self.populate()
        let everything = try await (store.count(TaskQuery()), store.count(ProcessInstanceQuery(lifecycle: .any)), store.count(IncidentQuery()))
        #expect(everything == (3, 9, 3), "no check: every tenant's rows")

        try await TenantCheck.$tenantIDs.withValue(["north"]) { () async throws in
            // The queries name no tenant; the policies alone keep south out.
            #expect(Set(try await store.list(TaskQuery(), page: .all).map(\.tenantID)) == [nil, "north"])
            #expect(Set(try await store.list(ProcessInstanceQuery(lifecycle: .any), page: .all).map(\.tenantID)) == [nil, "north"])
            #expect(Set(try await store.list(IncidentQuery(), page: .all).map(\.tenantID)) == [nil, "north"])
            #expect(Set(try await store.list(JobQuery(), page: .all).map(\.tenantID)) == [nil, "north"])
            #expect(Set(try await store.list(VariableInstanceQuery(), page: .all).map(\.value)) == [.string("shared"), .string("north")])
            #expect(Set(try await store.list(HistoricVariableInstanceQuery(), page: .all).map(\.tenantID)) == [nil, "north"])
            #expect(Set(try await store.list(HistoricTaskInstanceQuery(), page: .all).map(\.tenantID)) == [nil, "north"])
            #expect(Set(try await store.list(HistoricActivityInstanceQuery(), page: .all).map(\.tenantID)) == [nil, "north"])
            #expect(try await store.count(TaskQuery()) == 2)
            #expect(Set(try await test.runtime.deployments().map(\.tenantID)) == [nil, "north"])
            #expect(try await store.read { try await $0.definitions(key: nil) }.allSatisfy { $0.tenantID != "south" })
        }
        try await TenantCheck.$tenantIDs.withValue([]) { () async throws in
            #expect(Set(try await store.list(ProcessInstanceQuery(lifecycle: .any), page: .all).map(\.tenantID)) == [nil], "no tenant: the shared rows only")
        }
        #expect(try await store.count(TaskQuery()) == 3, "after the checked reads, the pooled connections are the engine's again")
    }

    @Test func theTenantRoleReachesNoOtherTenantsRowsInPlainSQL() async throws {
        let (_, store) = try await Self.populate()
        let connection = try await store.pool.lease()
        defer { Task { await store.pool.giveBack(connection) } }
        _ = try await connection.query("BEGIN READ ONLY")
        _ = try await connection.query("SET LOCAL ROLE baton_tenant_user")
        _ = try await connection.query("SELECT set_config('baton.tenant_ids', $1, true)", [#"["north"]"#])
        for table in [
            "process_definitions", "deployments", "process_instances", "history_process_instances", "user_tasks", "jobs", "variables",
            "history_activity_instances", "history_task_instances", "history_variables", "history_incidents",
        ] {
            let count = try await connection.query("SELECT count(*) FROM \(table) WHERE tenant_id = 'south'").rows.first?.first ?? nil
            #expect(count == "0", "\(table) shows south's rows")
            let own = try await connection.query("SELECT count(*) FROM \(table) WHERE tenant_id = 'north'").rows.first?.first ?? nil
            #expect(own != "0", "\(table) hides north's own rows")
        }
        // A partition is reached through its parent only, and so only under the policies.
        await #expect(throws: PostgresError.self) { try await connection.query("SELECT count(*) FROM history_task_instances_running") }
        _ = try await connection.query("ROLLBACK")
        // It changes its tenants' rows only, and writes none for another tenant.
        _ = try await connection.query("BEGIN")
        _ = try await connection.query("SET LOCAL ROLE baton_tenant_user")
        _ = try await connection.query("SELECT set_config('baton.tenant_ids', $1, true)", [#"["north"]"#])
        #expect(try await connection.query("UPDATE user_tasks SET name = 'taken' WHERE tenant_id = 'south'").affected == 0)
        #expect(try await connection.query("DELETE FROM history_variables WHERE tenant_id = 'south'").affected == 0)
        #expect(try await connection.query("UPDATE user_tasks SET name = 'mine' WHERE tenant_id = 'north'").affected == 1)
        await #expect(throws: PostgresError.self, "a row moved to another tenant") {
            try await connection.query("UPDATE user_tasks SET tenant_id = 'south' WHERE tenant_id = 'north'")
        }
        _ = try await connection.query("ROLLBACK")
    }
}
