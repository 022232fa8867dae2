import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// Every row of an instance carries its call hierarchy's key (migration 033), the column Citus
/// would distribute the tables by, so a hierarchy's rows would share a node.
@Suite struct HierarchyKeyTests {
    /// The tables whose rows belong to one instance.
    static let instanceTables = [
        "process_instances", "history_process_instances", "user_tasks", "variables", "jobs", "message_subscriptions", "read_model_rebuilds",
        "called_instances", "history_activity_instances", "history_events", "history_task_instances", "history_variables", "history_incidents",
        "history_comments",
    ]

    /// What runs: a three-level hierarchy (top → middle → wait) writes every row of all three
    /// under the top's key, while running and after it ended.
    @Test func aCallHierarchysRowsCarryItsRootsKey() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        try await test.deploy(QueryParityTests.bpmn)
        let top = try await test.start("top", ["plan": .string("gold")])
        let alone = try await test.start("wait")
        let connection = try await PostgresConnection.connect(store.pool.connectionString)
        let topKey = try #require(try await connection.query("SELECT hashtext($1)", [top]).rows.first?.first ?? nil)
        let aloneKey = try #require(try await connection.query("SELECT hashtext($1)", [alone]).rows.first?.first ?? nil)
        /// Each instance table's keys, with the rows of each.
        func keys() async throws -> [String: [String: String]] {
            var found: [String: [String: String]] = [:]
            for table in Self.instanceTables {
                for row in try await connection.query("SELECT root_key, count(*) FROM \(table) GROUP BY root_key").rows {
                    found[table, default: [:]][row[0] ?? "?"] = row[1]
                }
            }
            return found
        }
        let running = try await keys()
        #expect(running["process_instances"] == [topKey: "3", aloneKey: "1"], "three instances in the hierarchy, all keyed by its top")
        #expect(running["called_instances"] == [topKey: "2"])
        #expect(running["message_subscriptions"] == [topKey: "1", aloneKey: "1"])
        for table in ["history_activity_instances", "history_events", "history_variables", "variables"] {
            #expect(Set(running[table]?.keys.map { $0 } ?? []) == (table.contains("variables") ? [topKey] : [topKey, aloneKey]), "\(table): \(running[table] ?? [:])")
        }
        #expect(try await connection.query("SELECT count(*) FROM process_instances WHERE coalesce(root_instance_id, id) = $1", [top]).rows == [["3"]])

        try await test.runtime.correlate(MessageCorrelation(messageName: "answer", all: true))
        #expect(try await test.runtime.instance(top).state == .completed)
        let ended = try await keys()
        #expect(ended["history_process_instances"] == [topKey: "3", aloneKey: "1"])
        #expect(ended["process_instances"] == nil && ended["called_instances"] == nil, "nothing of them is left running")
        #expect(try await connection.query("SELECT count(*) FROM history_process_instances WHERE coalesce(root_instance_id, id) = $1", [top]).rows == [["3"]])
    }

    /// Citus requires the distribution column in every primary and unique key of a distributed
    /// table and in every foreign key between two; a table added later that forgets it fails here.
    @Test func everyKeyOfAnInstancesTableIncludesTheHierarchyKey() async throws {
        let store = try await TestPostgres.freshStore()
        let connection = try await PostgresConnection.connect(store.pool.connectionString)
        let withInstanceColumn = Set(try await connection.query(
            """
            SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attname = 'instance_id'
            """
        ).rows.compactMap { $0[0] })
        // Not an instance's rows: a batch's list of the instances it works on, and the outbox of
        // signals waiting to be delivered (each delivery is a command of its own).
        #expect(withInstanceColumn.subtracting(Self.instanceTables) == ["batch_items", "signal_deliveries"])
        for table in Self.instanceTables {
            #expect(try await connection.query(
                "SELECT attnotnull FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'root_key'", [table]).rows == [["t"]], "\(table)")
            let keys = try await connection.query(
                """
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = $1::regclass AND i.indisunique
                  AND NOT EXISTS (SELECT FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k WHERE a.attname = 'root_key')
                """, [table]).rows
            #expect(keys.isEmpty, "\(table) has a unique key without root_key: \(keys)")
            let foreign = try await connection.query(
                """
                SELECT pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = $1::regclass AND contype = 'f' AND pg_get_constraintdef(oid) NOT LIKE '%root_key%'
                  AND confrelid::regclass::text = ANY($2::text[])
                """, [table, "{" + Self.instanceTables.joined(separator: ",") + "}"]).rows
            #expect(foreign.isEmpty, "\(table) references another instance table without root_key: \(foreign)")
        }
    }
}
