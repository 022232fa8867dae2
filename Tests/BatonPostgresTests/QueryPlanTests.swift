@testable import BatonPostgres
import BatonEngine
import BatonModel
import BatonTesting
import Foundation
import Testing

/// The lists the Retool app and operators call most are answered from indexes, whatever the
/// number of ended instances: with thousands of them (and thousands of open tasks), no plan
/// reads a history table from end to end, and no page of tasks reads the task table. (Counting
/// a group's tasks may scan `user_tasks` when PostgreSQL finds that cheaper: its size is the
/// open tasks, which ended instances never add to.)
@Suite struct QueryPlanTests {
    /// Running and ended instances with `change` made to their filters.
    static func instances(_ change: (inout ProcessInstanceFilters) -> Void) -> ProcessInstanceQuery {
        var query = ProcessInstanceQuery(lifecycle: .any)
        change(&query.filters)
        return query
    }

    @Test func listsAndCountsUseIndexesNotScansOfHistory() async throws {
        let store = try await TestPostgres.freshStore()
        try await Runtime(store: store).cleanUpHistory()  // this month's partitions and the next months'
        let connection = try await PostgresConnection.connect(store.pool.connectionString)
        // Ended instances' removal times spread over the next 200 days (so over several monthly
        // partitions); running instances' history rows stay with the running.
        try await connection.execute(script: """
            INSERT INTO deployments VALUES ('d', 'd', NULL, NULL, now());
            INSERT INTO process_definitions (id, key, version, deployment_id, resource_name, checksum, xml) VALUES ('p:1', 'p', 1, 'd', 'p.bpmn', 'c', '');
            INSERT INTO history_process_instances (id, definition_id, process_key, business_key, status, started_at, ended_at, removal_time, state,
                root_key)
            SELECT 'h' || g, 'p:1', 'p', 'bk-' || g, 'completed', now() - g * interval '1 minute', now() - g * interval '1 minute' + interval '5 seconds',
                   now() + (g % 200) * interval '1 day', '{}', hashtext('h' || g)
            FROM generate_series(1, 20000) g;
            INSERT INTO history_activity_instances (instance_id, process_definition_id, element_key, activity_id,
                activity_type, start_time, end_time, removal_time, root_key)
            SELECT 'h' || g, 'p:1', k, 'a' || k, 'userTask', now() - g * interval '1 minute', now(),
                   now() + (g % 200) * interval '1 day', hashtext('h' || g)
            FROM generate_series(1, 20000) g, generate_series(1, 3) k;
            INSERT INTO history_activity_instances (instance_id, process_definition_id, element_key, activity_id, activity_type, start_time, root_key)
            SELECT 'r' || g, 'p:1', 1, 'review', 'userTask', now(), hashtext('r' || g) FROM generate_series(1, 10000) g;
            INSERT INTO history_incidents (id, instance_id, process_definition_id, kind, activity_id, message, created_at, resolved_at, removal_time,
                root_key)
            SELECT 'i' || g, 'h' || g, 'p:1', 'failedJob', 'publish', 'down', now() - g * interval '1 minute', now(), now() + (g % 200) * interval '1 day',
                   hashtext('h' || g)
            FROM generate_series(1, 20000) g;
            INSERT INTO history_incidents (id, instance_id, process_definition_id, kind, activity_id, message, created_at, root_key)
            SELECT 'open' || g, 'r' || g, 'p:1', 'failedJob', 'publish', 'down', now(), hashtext('r' || g) FROM generate_series(1, 20) g;
            INSERT INTO process_instances (id, definition_id, process_key, business_key, status, started_at, state, root_key)
            SELECT 'r' || g, 'p:1', 'p', 'open-' || g, 'active', now() - g * interval '1 second', '{}', hashtext('r' || g)
            FROM generate_series(1, 10000) g;
            INSERT INTO user_tasks (id, instance_id, task_definition_key, candidate_groups, created_at, process_definition_id, process_key,
                activity_instance_id, root_key)
            SELECT 't' || g, 'r' || g, 'review', ARRAY['group-' || (g % 20)], now() - g * interval '1 second', 'p:1', 'p', 'r' || g || ':1',
                   hashtext('r' || g)
            FROM generate_series(1, 10000) g;
            -- Call hierarchies: nine of every ten ended instances were called by the tenth.
            UPDATE history_process_instances SET parent_instance_id = 'h' || (substr(id, 2)::int / 10 * 10 + 10)
            WHERE substr(id, 2)::int % 10 <> 0;
            ANALYZE;
            """)
        let firstPage = Page(firstResult: 0, maxResults: 15)
        let statements: [(String, PostgresStatement, scansTasks: Bool)] = [
            ("task list of a group", store.statement(TaskQuery(candidateGroups: ["group-3"], sorting: [Sorting(.created, ascending: false)]), page: firstPage), false),
            ("task count of a group", store.select(TaskQuery(candidateGroups: ["group-3"])).count(), true),
            ("open incidents", store.statement(IncidentQuery(open: true), page: firstPage), false),
            ("ended instances of a definition", store.statement(
                ProcessInstanceQuery(lifecycle: .ended, processDefinitionID: "p:1", sorting: [Sorting(.endTime, ascending: false)]), page: firstPage), false),
            ("instances by business key", store.statement(ProcessInstanceQuery(lifecycle: .any, businessKey: "bk-77"), page: .all), false),
            ("activity history of an instance", store.statement(HistoricActivityInstanceQuery(processInstanceID: "h42"), page: .all), false),
            ("an activity instance by id", store.statement(HistoricActivityInstanceQuery(activityInstanceID: "h42:2"), page: .all), false),
            ("a call hierarchy by its root", store.statement(Self.instances { $0.rootInstanceID = "h40" }, page: firstPage), false),
            ("instances by who started them", store.statement(Self.instances { $0.startedBy = "ann" }, page: firstPage), false),
        ]
        // A scan of an empty or tiny partition (the default one, say) reads nothing; what must
        // never be scanned is a table or partition that holds the rows.
        let large = try await connection.query("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > 1000 AND relname LIKE 'history%'")
            .rows.compactMap { $0[0] }
        #expect(large.count >= 6, "the fill reaches several monthly partitions: \(large)")
        for (what, statement, scansTasks) in statements {
            let plan = try await connection.query("EXPLAIN " + statement.sql, statement.parameters).rows.compactMap { $0[0] }.joined(separator: "\n")
            if what.hasPrefix("a call hierarchy") {
                #expect(plan.contains("Index Cond: (parent_instance_id = under"), "each step down is a lookup by caller:\n\(plan)")
            }
            for table in large + (scansTasks ? [] : ["user_tasks"]) {
                #expect(!plan.contains("Seq Scan on \(table) "), "\(what) scans \(table):\n\(plan)")
            }
        }
        // What runs now (executions, per-activity statistics) reads the running partition only,
        // never a month of ended instances' history.
        let months = large.filter { !$0.hasSuffix("_running") }
        for (what, statement) in [
            ("unfinished activity instances", store.select(HistoricActivityInstanceQuery(completion: .unfinished)).count()),
            ("activity statistics of a definition", store.activityStatisticsStatement(definitionID: "p:1")),
        ] {
            let plan = try await connection.query("EXPLAIN " + statement.sql, statement.parameters).rows.compactMap { $0[0] }.joined(separator: "\n")
            for table in months { #expect(!plan.contains(" on \(table) "), "\(what) reads \(table):\n\(plan)") }
        }
        // One instance's history is read from the one partition of its removal time, not from
        // every month's: the other partitions are pruned as the statement runs.
        for (what, statement, table) in [
            ("activity history of an instance", store.statement(HistoricActivityInstanceQuery(processInstanceID: "h42"), page: .all), "history_activity_instances"),
            ("an activity instance by id", store.statement(HistoricActivityInstanceQuery(activityInstanceID: "h42:2"), page: .all), "history_activity_instances"),
            ("incidents of an instance", store.statement(IncidentQuery(processInstanceID: "h42"), page: .all), "history_incidents"),
            ("activity history of a running instance", store.statement(HistoricActivityInstanceQuery(processInstanceID: "r42"), page: .all), "history_activity_instances"),
        ] {
            let plan = try await connection.query("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + statement.sql, statement.parameters)
                .rows.compactMap { $0[0] }
            let read = Set(plan.filter { !$0.contains("never executed") && !$0.contains("Bitmap Index Scan") }.compactMap { line -> String? in
                guard let range = line.range(of: #"Scan (using \S+ )?on \S+"#, options: .regularExpression) else { return nil }
                return line[range].split(separator: " ").last.map(String.init)
            }.filter { $0.hasPrefix(table) })
            #expect(read.count == 1, "\(what) reads \(read.sorted()):\n\(plan.joined(separator: "\n"))")
        }
        // Analytics of a window read the window's instances and activities through indexes, not
        // every ended instance (the running partition holds what runs now, all of it in the window).
        let now = Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
        let window = AnalyticsQuery(definitions: .only(["p:1"]), from: now.adding(milliseconds: -3_600_000), to: now, perActivity: true)
        for (what, statement) in [("instance figures", store.instanceFigures(window)), ("activity figures", store.activityFigures(window))] {
            let plan = try await connection.query("EXPLAIN " + statement.sql, statement.parameters).rows.compactMap { $0[0] }.joined(separator: "\n")
            for table in months { #expect(!plan.contains("Seq Scan on \(table) "), "\(what) scans \(table):\n\(plan)") }
        }
        // Suspended instances and their tasks are few: their lists come from partial indexes, not
        // from reading every running instance or open task.
        for (what, statement, table) in [
            ("suspended instances", store.statement(ProcessInstanceQuery(suspended: true), page: firstPage), "process_instances"),
            ("tasks of suspended instances", store.statement(TaskQuery(suspended: true), page: firstPage), "user_tasks"),
        ] {
            let plan = try await connection.query("EXPLAIN " + statement.sql, statement.parameters).rows.compactMap { $0[0] }.joined(separator: "\n")
            #expect(!plan.contains("Seq Scan on \(table) "), "\(what) scans \(table):\n\(plan)")
        }
    }

    /// A tenant's user runs as `baton_tenant_user`, under row-level security, where PostgreSQL
    /// applies a condition before the policy only when its operator is leakproof. Their searches
    /// of history must still be lookups: by business key and definition (text equality), and by
    /// a variable's value (the value key of migration 032, not jsonb containment).
    @Test func aTenantsUserSearchesHistoryThroughIndexesToo() async throws {
        let store = try await TestPostgres.freshStore()
        try await Runtime(store: store).cleanUpHistory()
        let connection = try await PostgresConnection.connect(store.pool.connectionString)
        try await connection.execute(script: """
            INSERT INTO deployments VALUES ('d', 'd', NULL, NULL, now());
            INSERT INTO process_definitions (id, key, version, deployment_id, resource_name, checksum, xml) VALUES ('p:1', 'p', 1, 'd', 'p.bpmn', 'c', '');
            INSERT INTO history_process_instances (id, definition_id, process_key, business_key, status, started_at, ended_at, removal_time, state, tenant_id,
                root_key)
            SELECT 'h' || g, 'p:1', 'p', 'bk-' || g, 'completed', now() - g * interval '1 minute', now(), now() + (g % 200) * interval '1 day', '{}',
                   CASE WHEN g % 2 = 0 THEN 'north' ELSE 'south' END, hashtext('h' || g)
            FROM generate_series(1, 20000) g;
            INSERT INTO history_variables (instance_id, process_definition_id, name, type, value, create_time, removal_time, tenant_id, value_key,
                root_key)
            SELECT 'h' || g, 'p:1', 'order', 'String', to_jsonb('order-' || g), now(), now() + (g % 200) * interval '1 day',
                   CASE WHEN g % 2 = 0 THEN 'north' ELSE 'south' END, baton_value_key(to_jsonb('order-' || g)), hashtext('h' || g)
            FROM generate_series(1, 20000) g;
            ANALYZE;
            """)
        let large = try await connection.query("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > 1000 AND relname LIKE 'history%'")
            .rows.compactMap { $0[0] }
        #expect(large.count >= 6, "the fill reaches several monthly partitions: \(large)")
        func ended(_ change: (inout ProcessInstanceQuery) -> Void) -> ProcessInstanceQuery {
            var query = ProcessInstanceQuery(lifecycle: .ended)
            change(&query)
            return query
        }
        for (what, query, north) in [
            ("by a variable's value", ended { $0.variables = [VariableCondition(name: "order", value: .string("order-78"))] }, 1),
            ("by another tenant's variable value", ended { $0.variables = [VariableCondition(name: "order", value: .string("order-77"))] }, 0),
            ("by business key", ended { $0.businessKey = "bk-78" }, 1),
        ] {
            let statement = store.statement(query, page: .all)
            _ = try await connection.query("BEGIN READ ONLY")
            _ = try await connection.query("SET LOCAL ROLE baton_tenant_user")
            _ = try await connection.query("SELECT set_config('baton.tenant_ids', $1, true)", [#"["north"]"#])
            let plan = try await connection.query("EXPLAIN " + statement.sql, statement.parameters).rows.compactMap { $0[0] }.joined(separator: "\n")
            let rows = try await connection.query(statement.sql, statement.parameters).rows.count
            _ = try await connection.query("ROLLBACK")
            #expect(rows == north, "instances \(what) that north's user sees")
            for table in large { #expect(!plan.contains("Seq Scan on \(table) "), "instances \(what) scan \(table) for a tenant's user:\n\(plan)") }
        }
    }
}
