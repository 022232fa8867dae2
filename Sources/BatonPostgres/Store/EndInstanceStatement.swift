import BatonCore
import Synchronization

/// The statement that moves an instance that ended from the runtime tables to history
/// (parameters as ``PostgresTransaction/rowParameters(of:)``). It touches only the tables that
/// can hold rows of the instance: a data-modifying statement costs PostgreSQL about as much to set
/// up for a table without a row of it as for one with, and an instance seldom has rows in all.
struct EndInstanceStatement: Hashable {
    /// Whether a call activity started it: its link from the caller goes.
    var called: Bool
    /// The runtime tables whose rows of it go (migration 035: no cascade deletes them), and the
    /// history tables besides events whose rows of it move to their month.
    var tables: InstanceTables

    /// For an instance that ends in a command, from its state as the command found it (`before`)
    /// and as it left it. The read model's rows (tasks, variables) mirror `before`: the command
    /// writes none for an instance it ends. The command side's rows (jobs, subscriptions) mirror
    /// the state it leaves: each record the command closed went with its own effect, so these
    /// tables are touched only if something is left open.
    init(ending instance: InstanceState, before: InstanceState, history: InstanceTables) {
        called = instance.parent != nil
        tables = history.intersection(.history)
        if !before.tasks.isEmpty { tables.insert(.tasks) }
        if before.variables.values.contains(where: { !$0.isEmpty }) { tables.insert(.variables) }
        if !instance.jobs.isEmpty { tables.insert(.jobs) }
        if !instance.subscriptions.isEmpty { tables.insert(.subscriptions) }
    }

    var text: String {
        if let known = Self.texts.withLock({ $0[self] }) { return known }
        var parts = ["gone AS (DELETE FROM process_instances WHERE id = $1)"]
        if called { parts.append("calls AS (DELETE FROM called_instances WHERE child_instance_id = $1)") }
        for (table, bit) in InstanceTables.byTable where InstanceTables.runtime.contains(bit) && tables.contains(bit) {
            parts.append("\(table) AS (DELETE FROM \(table) WHERE instance_id = $1)")
        }
        parts.append(HistoryPartitions.settingRemovalTime(instance: "$1", to: "$10::timestamptz", holding: tables))
        let text = """
            WITH \(parts.joined(separator: ",\n"))
            INSERT INTO history_process_instances (id, definition_id, process_key, business_key, status, parent_instance_id, parent_element_key, started_at,
                ended_at, removal_time, start_user_id, tenant_id, root_instance_id, root_key)
            VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8::timestamptz, $9::timestamptz, $10::timestamptz, $11, $12, nullif($13, $1), hashtext($13))
            """
        Self.texts.withLock { $0[self] = text }
        return text
    }

    /// Each shape's text, built once: there are at most 2 × 2⁹ of them.
    private static let texts = Mutex<[EndInstanceStatement: String]>([:])
}
