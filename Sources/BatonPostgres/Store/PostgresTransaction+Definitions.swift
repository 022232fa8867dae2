import BatonCore
import BatonEngine
import BatonModel
import Foundation

/// Deployments and definitions, and the lock deployments of one process key take.
extension PostgresTransaction {
    func insertDeployment(_ deployment: DeploymentRecord) async throws {
        write(
            "INSERT INTO deployments (id, name, source, tenant_id, deployed_at) VALUES ($1, $2, $3, $4, $5::timestamptz)",
            [deployment.id, deployment.name, deployment.source, deployment.tenantID, time(deployment.deployedAt)])
    }

    func deleteDeployment(_ id: String) async throws {
        try fillPendingInserts()  // before their instances are forgotten
        write(Self.deletingInstances(of: "SELECT id FROM process_definitions WHERE deployment_id = $1") + "DELETE FROM deployments WHERE id = $1", [id])
        held.removeAll()
    }

    func deleteDefinitions(_ ids: [String]) async throws {
        let list = SQLSelect.arrayLiteral(ids)
        try fillPendingInserts()  // before their instances are forgotten
        write(Self.deletingInstances(of: "SELECT unnest($1::text[])") + "DELETE FROM process_definitions WHERE id = ANY($1::text[])", [list])
        held.removeAll()
        historyFacts.removeAll()
    }

    /// The start of a statement that deletes every instance of the definitions `source` selects
    /// (running or ended) with their runtime rows, their history and their timer start events.
    private static func deletingInstances(of source: String) -> String {
        """
        WITH definitions AS (\(source)),
             doomed AS (
                 SELECT id FROM process_instances WHERE definition_id IN (SELECT * FROM definitions)
                 UNION ALL SELECT id FROM history_process_instances WHERE definition_id IN (SELECT * FROM definitions)),
             running AS (DELETE FROM process_instances WHERE id IN (SELECT id FROM doomed)),
             user_tasks AS (DELETE FROM user_tasks WHERE instance_id IN (SELECT id FROM doomed)),
             jobs AS (DELETE FROM jobs WHERE instance_id IN (SELECT id FROM doomed)),
             message_subscriptions AS (DELETE FROM message_subscriptions WHERE instance_id IN (SELECT id FROM doomed)),
             runtime_variables AS (DELETE FROM variables WHERE instance_id IN (SELECT id FROM doomed)),
             ended AS (DELETE FROM history_process_instances WHERE id IN (SELECT id FROM doomed)),
             events AS (DELETE FROM history_events WHERE instance_id IN (SELECT id FROM doomed)),
             activities AS (DELETE FROM history_activity_instances WHERE instance_id IN (SELECT id FROM doomed)),
             tasks AS (DELETE FROM history_task_instances WHERE instance_id IN (SELECT id FROM doomed)),
             variables AS (DELETE FROM history_variables WHERE instance_id IN (SELECT id FROM doomed)),
             incidents AS (DELETE FROM history_incidents WHERE instance_id IN (SELECT id FROM doomed)),
             comments AS (DELETE FROM history_comments WHERE instance_id IN (SELECT id FROM doomed)),
             calls AS (DELETE FROM called_instances WHERE parent_instance_id IN (SELECT id FROM doomed) OR child_instance_id IN (SELECT id FROM doomed)),
             timers AS (DELETE FROM timer_starts WHERE definition_id IN (SELECT * FROM definitions))

        """
    }

    func instanceCount(ofDeployment id: String) async throws -> Int {
        try await instanceCount(ofDefinitionsIn: "SELECT id FROM process_definitions WHERE deployment_id = $1", [id])
    }

    func instanceCount(ofDefinitions ids: [String]) async throws -> Int {
        try await instanceCount(ofDefinitionsIn: "SELECT unnest($1::text[])", [SQLSelect.arrayLiteral(ids)])
    }

    private func instanceCount(ofDefinitionsIn source: String, _ parameters: [String?]) async throws -> Int {
        let count = try await read(
            """
            WITH definitions AS (\(source))
            SELECT (SELECT count(*) FROM process_instances WHERE definition_id IN (SELECT * FROM definitions))
                 + (SELECT count(*) FROM history_process_instances WHERE definition_id IN (SELECT * FROM definitions))
            """, parameters
        ).rows.first?.first ?? nil
        return count.flatMap { Int($0) } ?? 0
    }

    func deployments() async throws -> [DeploymentRecord] {
        try await read("SELECT id, name, source, tenant_id, \(millis("deployed_at")) FROM deployments ORDER BY deployed_at, id").rows.map {
            DeploymentRecord(id: $0[0]!, name: $0[1]!, source: $0[2], tenantID: $0[3], deployedAt: timestamp($0[4])!)
        }
    }

    func updateHistoryTimeToLive(definitionID: String, days: Int?) async throws -> Bool {
        try await read("UPDATE process_definitions SET history_ttl_days = $2::integer WHERE id = $1", [definitionID, days.map(String.init)]).affected == 1
    }

    func insertDefinition(_ definition: DefinitionRecord) async throws {
        write(
            """
            INSERT INTO process_definitions (id, key, version, version_tag, name, deployment_id, resource_name, checksum, history_ttl_days, xml,
                category, startable_in_tasklist, tenant_id)
            VALUES ($1, $2, $3::integer, $4, $5, $6, $7, $8, $9::integer, $10::bytea, $11, $12::boolean, $13)
            """,
            [
                definition.id, definition.key, String(definition.version), definition.versionTag, definition.name, definition.deploymentID,
                definition.resourceName, definition.checksum, definition.historyTimeToLiveDays.map(String.init), hex(definition.bytes),
                definition.category, definition.startableInTasklist ? "true" : "false", definition.tenantID,
            ])
    }

    static let definitionColumns =
        "id, key, version, version_tag, name, deployment_id, resource_name, checksum, history_ttl_days, encode(xml, 'hex'), suspended, category, startable_in_tasklist, tenant_id"

    func definition(_ row: [String?]) -> DefinitionRecord {
        var record = DefinitionRecord(
            id: row[0]!, key: row[1]!, version: Int(row[2]!)!, versionTag: row[3], name: row[4], deploymentID: row[5]!, resourceName: row[6]!,
            checksum: row[7]!, historyTimeToLiveDays: row[8].flatMap(Int.init), bytes: bytes(hex: row[9] ?? ""))
        record.suspended = row[10] == "t"
        record.category = row[11]
        record.startableInTasklist = row[12] != "f"
        record.tenantID = row[13]
        return record
    }

    func definitions(key: String?) async throws -> [DefinitionRecord] {
        let rows = try await read(
            "SELECT \(Self.definitionColumns) FROM process_definitions WHERE $1::text IS NULL OR key = $1 ORDER BY key, version", [key])
        // What the protocol promises: each key's versions in order, newest last.
        return rows.rows.map(definition)
    }

    func definitionReferences() async throws -> [DefinitionReference] {
        try await read("SELECT id, key, version_tag, suspended, tenant_id FROM process_definitions ORDER BY key, version").rows.map {
            DefinitionReference(id: $0[0]!, key: $0[1]!, versionTag: $0[2], suspended: $0[3] == "t", tenantID: $0[4])
        }
    }

    func lockDefinitions(keys: [String]) async throws {
        // Transaction-level advisory locks, taken in key order so two deployers cannot deadlock.
        let sorted = Array(Set(keys)).sorted()
        guard !sorted.isEmpty else { return }
        try await read(
            "SELECT pg_advisory_xact_lock(\(Self.deploymentLockSpace), hashtext(key)) FROM unnest($1::text[]) AS key ORDER BY key", [array(sorted)])
    }

    /// The first key of the two-key advisory locks deployments take ("bd": Baton deployments),
    /// apart from the migrator's one-key lock.
    static let deploymentLockSpace: Int32 = 0x6264

    func latestDefinition(key: String, tenantID: String?) async throws -> DefinitionReference? {
        try await read(
            "SELECT id, suspended FROM process_definitions WHERE key = $1 AND tenant_id IS NOT DISTINCT FROM $2 ORDER BY version DESC LIMIT 1", [key, tenantID]
        ).rows.first.map { DefinitionReference(id: $0[0]!, key: key, suspended: $0[1] == "t", tenantID: tenantID) }
    }

    func setDefinitionSuspended(_ id: String, _ suspended: Bool) async throws {
        write("UPDATE process_definitions SET suspended = $2::boolean WHERE id = $1", [id, suspended ? "true" : "false"])
    }

    func definition(id: String) async throws -> DefinitionRecord? {
        try await read("SELECT \(Self.definitionColumns) FROM process_definitions WHERE id = $1", [id]).rows.first.map(definition)
    }
}
