import BatonPostgres
import Foundation
import Testing

@Suite struct MigrationTests {
    private let engine = { try Migrator.engine() }

    @Test func appliesTheEngineSchemaOnceAndRecordsIt() async throws {
        let connection = try await TestDatabase.fresh()
        let migrator = try engine()
        #expect(try await migrator.pending(connection) == migrator.migrations.map(\.version))
        #expect(try await migrator.migrate(connection) == migrator.migrations.map(\.version))
        #expect(try await migrator.migrate(connection) == [], "already applied")
        #expect(try await migrator.pending(connection).isEmpty)
        let tables = try await connection.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").rows.compactMap { $0[0] }
        for table in ["process_instances", "history_process_instances", "variables", "jobs", "user_tasks", "message_subscriptions", "history_incidents", "history_activity_instances", "history_task_instances", "history_variables", "history_events", "schema_migrations"] {
            #expect(tables.contains(table), "missing \(table)")
        }
    }

    /// The migrations inside the binary are the checkout's files, numbered from 1 without a gap;
    /// `--schemas DIR` reads the same files the same way.
    @Test func theBuiltInMigrationsAreTheCheckoutsFilesInOrder() throws {
        let schemas = TestDatabase.repositoryRoot.appendingPathComponent("Sources/BatonPostgres/Schemas")
        for (builtIn, directory) in [(try Migrator.engine(), try Migrator(directory: schemas.appendingPathComponent("engine"))),
                                     (try Migrator.retool(), try Migrator.retool(directory: schemas.appendingPathComponent("retool")))] {
            #expect(builtIn.migrations == directory.migrations)
            #expect(builtIn.table == directory.table && builtIn.lockKey == directory.lockKey)
            #expect(builtIn.migrations.map(\.version) == Array(1...builtIn.migrations.count))
        }
        #expect(try Migrator.engine().table != Migrator.retool().table)
    }

    @Test func twoMigratorsStartingAtOnceApplyEachMigrationOnce() async throws {
        let first = try await TestDatabase.fresh()
        let name = try #require(try await first.query("SELECT current_database()").rows.first?.first ?? nil)
        let server = try TestDatabase.server.get()
        let second = try await PostgresConnection.connect(server.connectionString.replacingOccurrences(of: "dbname=postgres", with: "dbname=\(name)"))
        let migrator = try engine()
        async let a = migrator.migrate(first)
        async let b = migrator.migrate(second)
        let applied = try await [a, b]
        #expect(applied.flatMap { $0 }.sorted() == migrator.migrations.map(\.version), "exactly one of them applied each")
        #expect(try await first.query("SELECT count(*) FROM schema_migrations").rows == [[String(migrator.migrations.count)]])
    }

    /// A database written under 001 alone keeps everything when 002 moves ended instances out of
    /// the runtime tables and mirrors running instances' variables, when 003 moves variables
    /// to activity-instance scopes and gives open tasks their definition, and when 006 keys
    /// activity instances by element key.
    @Test func laterMigrationsKeepWhatTheEarlierSchemaWrote() async throws {
        let connection = try await TestDatabase.fresh()
        let all = try engine().migrations
        try await Migrator(migrations: all.filter { $0.version == 1 }).migrate(connection)
        try await connection.execute(script: """
            INSERT INTO deployments VALUES ('d', 'd', NULL, NULL, now());
            INSERT INTO process_definitions (id, key, version, deployment_id, resource_name, checksum, xml) VALUES ('p:1', 'p', 1, 'd', 'p.bpmn', 'c', '');
            INSERT INTO process_instances (id, definition_id, process_key, status, started_at, ended_at, removal_time, state) VALUES
              ('ended', 'p:1', 'p', 'completed', now(), now(), now() + interval '1 day', '{"variables": []}'),
              ('running', 'p:1', 'p', 'active', now(), NULL, NULL,
               '{"variables": [{"name": "plan", "value": {"type": "String", "value": "gold"}},
                               {"scope": 4, "name": "doc", "value": {"type": "Json", "value": "{\\"tier\\": 2}"}}]}');
            INSERT INTO user_tasks (id, instance_id, element_key, task_definition_key, created_at) VALUES ('t1', 'running', 4, 'review', now());
            INSERT INTO incidents (id, instance_id, kind, element_id, message, created_at) VALUES ('i1', 'running', 'failedJob', 'publish', 'down', now());
            """)
        try await Migrator(migrations: all.filter { $0.version <= 2 }).migrate(connection)
        #expect(try await connection.query("SELECT id FROM process_instances").rows == [["running"]])
        #expect(try await connection.query("SELECT id, status FROM history_process_instances").rows == [["ended", "completed"]])
        #expect(try await connection.query("SELECT scope_key, name, type, value::text FROM variables ORDER BY scope_key").rows == [
            ["0", "plan", "String", #""gold""#], ["4", "doc", "Json", #"{"tier": 2}"#],
        ])
        try await Migrator(migrations: all.filter { $0.version <= 5 }).migrate(connection)
        try await connection.execute(script: """
            INSERT INTO history_activity_instances (id, instance_id, process_definition_id, parent_activity_instance_id, element_key, activity_id, activity_type, start_time)
            VALUES ('running:4', 'running', 'p:1', 'running', 4, 'sub', 'subProcess', now()),
                   ('running:5', 'running', 'p:1', 'running:4', 5, 'review', 'userTask', now());
            """)
        try await Migrator(migrations: all).migrate(connection)
        #expect(try await connection.query("SELECT instance_id, element_key, parent_element_key FROM history_activity_instances ORDER BY 2").rows == [
            ["running", "4", nil], ["running", "5", "4"],
        ], "006 keeps each activity's parent as its element key")
        #expect(try await connection.query("SELECT activity_instance_id, name, process_definition_id FROM variables ORDER BY 1").rows == [
            ["running", "plan", "p:1"], ["running:4", "doc", "p:1"],
        ])
        #expect(try await connection.query("SELECT id, process_definition_id, process_key, activity_instance_id FROM user_tasks").rows == [
            ["t1", "p:1", "p", "running:4"],
        ])
        #expect(try await connection.query("SELECT id, process_definition_id, resolved_at IS NULL FROM history_incidents").rows == [["i1", "p:1", "t"]])
    }

    /// 033 keys every row by its call hierarchy: the top of its parent chain, running or ended,
    /// and for an instance whose caller was deleted, the top of what remains.
    @Test func migration33KeysEachRowByItsHierarchysRoot() async throws {
        let connection = try await TestDatabase.fresh()
        let all = try engine().migrations
        try await Migrator(migrations: all.filter { $0.version <= 32 }).migrate(connection)
        try await connection.execute(script: """
            INSERT INTO deployments VALUES ('d', 'd', NULL, NULL, now());
            INSERT INTO process_definitions (id, key, version, deployment_id, resource_name, checksum, xml) VALUES ('p:1', 'p', 1, 'd', 'p.bpmn', 'c', '');
            INSERT INTO process_instances (id, definition_id, process_key, status, parent_instance_id, parent_element_key, started_at, state) VALUES
              ('top', 'p:1', 'p', 'active', NULL, NULL, now(), '{}'), ('middle', 'p:1', 'p', 'active', 'top', 3, now(), '{}');
            INSERT INTO history_process_instances (id, definition_id, process_key, status, parent_instance_id, parent_element_key, started_at, ended_at,
                removal_time) VALUES
              ('leaf', 'p:1', 'p', 'completed', 'middle', 2, now(), now(), 'infinity'),
              ('orphan', 'p:1', 'p', 'completed', 'deleted', 2, now(), now(), 'infinity'),
              ('orphan child', 'p:1', 'p', 'completed', 'orphan', 2, now(), now(), 'infinity');
            INSERT INTO called_instances (parent_instance_id, element_key, child_instance_id) VALUES ('top', 3, 'middle');
            INSERT INTO user_tasks (id, instance_id, task_definition_key, created_at, process_definition_id, process_key, activity_instance_id)
            VALUES ('t1', 'middle', 'review', now(), 'p:1', 'p', 'middle:4');
            INSERT INTO variables (instance_id, process_definition_id, activity_instance_id, name, type, value) VALUES ('middle', 'p:1', 'middle', 'plan', 'String', '"gold"');
            INSERT INTO history_events (instance_id, sequence, at, events) VALUES ('leaf', 1, now(), '[]'), ('orphan child', 1, now(), '[]'), ('top', 1, now(), '[]');
            INSERT INTO history_activity_instances (instance_id, element_key, process_definition_id, activity_id, activity_type, start_time)
            VALUES ('leaf', 1, 'p:1', 'start', 'startEvent', now()), ('vanished', 1, 'p:1', 'start', 'startEvent', now());
            """)
        try await Migrator(migrations: all).migrate(connection)
        #expect(try await connection.query(
            """
            SELECT id, root_instance_id, root_key = hashtext(coalesce(root_instance_id, id)) FROM process_instances
            UNION ALL SELECT id, root_instance_id, root_key = hashtext(coalesce(root_instance_id, id)) FROM history_process_instances ORDER BY 1
            """).rows == [
                ["leaf", "top", "t"], ["middle", "top", "t"], ["orphan", nil, "t"], ["orphan child", "orphan", "t"], ["top", nil, "t"],
            ], "a root names no root")
        #expect(try await connection.query(
            """
            SELECT 'task', instance_id, root_key = hashtext('top') FROM user_tasks
            UNION ALL SELECT 'variable', instance_id, root_key = hashtext('top') FROM variables
            UNION ALL SELECT 'call', parent_instance_id, root_key = hashtext('top') FROM called_instances
            UNION ALL SELECT 'event', instance_id, root_key = hashtext(CASE instance_id WHEN 'orphan child' THEN 'orphan' ELSE 'top' END) FROM history_events
            UNION ALL SELECT 'activity', instance_id, root_key = hashtext(CASE instance_id WHEN 'vanished' THEN 'vanished' ELSE 'top' END)
                FROM history_activity_instances
            ORDER BY 1, 2
            """).rows == [
                ["activity", "leaf", "t"], ["activity", "vanished", "t"], ["call", "top", "t"], ["event", "leaf", "t"], ["event", "orphan child", "t"],
                ["event", "top", "t"], ["task", "middle", "t"], ["variable", "middle", "t"],
            ], "a row whose instance is gone keeps its own key")
    }

    /// 035 drops the cascades from an instance's row to its runtime rows (the statement that
    /// ends an instance deletes them) and keeps the rows.
    @Test func migration35DropsTheRuntimeRowsCascadesAndKeepsTheRows() async throws {
        let connection = try await TestDatabase.fresh()
        let all = try engine().migrations
        try await Migrator(migrations: all.filter { $0.version <= 34 }).migrate(connection)
        let cascades = """
            SELECT conrelid::regclass::text FROM pg_constraint
            WHERE contype = 'f' AND confrelid = 'process_instances'::regclass AND confdeltype = 'c' ORDER BY 1
            """
        #expect(try await connection.query(cascades).rows == [["jobs"], ["message_subscriptions"], ["user_tasks"], ["variables"]])
        try await connection.execute(script: """
            INSERT INTO deployments VALUES ('d', 'd', NULL, NULL, now());
            INSERT INTO process_definitions (id, key, version, deployment_id, resource_name, checksum, xml) VALUES ('p:1', 'p', 1, 'd', 'p.bpmn', 'c', '');
            INSERT INTO process_instances (id, definition_id, process_key, status, started_at, state, root_key) VALUES ('i', 'p:1', 'p', 'active', now(), '{}', hashtext('i'));
            INSERT INTO user_tasks (id, instance_id, task_definition_key, created_at, process_definition_id, process_key, activity_instance_id, root_key)
            VALUES ('t1', 'i', 'review', now(), 'p:1', 'p', 'i:4', hashtext('i'));
            """)
        try await Migrator(migrations: all).migrate(connection)
        #expect(try await connection.query(cascades).rows == [])
        #expect(try await connection.query("SELECT id FROM user_tasks").rows == [["t1"]])
    }

    @Test func anEditedMigrationIsRefusedAndAFailingOneAppliesNothing() async throws {
        let connection = try await TestDatabase.fresh()
        try await Migrator(migrations: [Migration(version: 1, name: "a", sql: "CREATE TABLE a (x int);")]).migrate(connection)
        await #expect(throws: MigrationError.self) {
            try await Migrator(migrations: [Migration(version: 1, name: "a", sql: "CREATE TABLE a (x bigint);")]).migrate(connection)
        }
        let failing = Migrator(migrations: [
            Migration(version: 1, name: "a", sql: "CREATE TABLE a (x int);"),
            Migration(version: 2, name: "b", sql: "CREATE TABLE b (y int);"),
            Migration(version: 3, name: "broken", sql: "CREATE TABLE c (z nonexistent_type);"),
        ])
        await #expect(throws: PostgresError.self) { try await failing.migrate(connection) }
        #expect(try await connection.query("SELECT to_regclass('b') IS NULL").rows == [["t"]], "migration 2 rolled back with 3")
        #expect(try await connection.query("SELECT max(version) FROM schema_migrations").rows == [["1"]])
    }

    @Test func badlyNamedFilesAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "SELECT 1;".write(to: directory.appendingPathComponent("initial.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError("Expected migration files named NNN_name.sql, but 'initial.sql' is not.")) { try Migrator(directory: directory) }
    }
}
