import BatonCore
import BatonEngine
import BatonModel
import Foundation

/// The engine's store in PostgreSQL. Each transaction is one database transaction on a pooled
/// connection; `lockInstance` takes the instance row `FOR UPDATE`, so commands on one instance
/// are serialized by the database (never failed with an optimistic-locking error), while
/// commands on different instances run side by side. The instance's state and its events are
/// stored as JSONB; the rows other processes query (tasks, jobs, subscriptions, incidents) are
/// kept in step with the executor's effects.
public final class PostgresStore: Store {
    public let pool: PostgresPool
    public let compiledDefinitions = CompiledDefinitions()
    /// States this process committed, by row version (see ``DecodedStates``).
    let decodedStates = DecodedStates()

    /// Whether each raised incident also writes its alert to `alert_outbox`, in the same
    /// transaction, for the webhook sender (`BATON_ALERT_WEBHOOK`).
    public let recordsIncidentAlerts: Bool

    public init(pool: PostgresPool, recordsIncidentAlerts: Bool = false) {
        self.pool = pool
        self.recordsIncidentAlerts = recordsIncidentAlerts
    }

    /// Under the tenant check (``TenantCheck``) a transaction runs as `baton_tenant_user`, whose
    /// row-level security policies (migrations 030, 031) let it read and write only the caller's
    /// tenants' rows and the shared ones, whatever the SQL asks for.
    public func transaction<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        try await postgresTransaction { try await body($0) }
    }

    /// A query runs without BEGIN and COMMIT and takes no row locks: a single statement costs
    /// one round trip. Under the tenant check it runs in a read-only transaction as
    /// `baton_tenant_user`, as a command does.
    public func read<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        try await postgresRead { try await body($0) }
    }

    func postgresTransaction<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws -> T {
        let connection = try await pool.lease()
        let transaction = PostgresTransaction(
            connection: connection, definitions: compiledDefinitions, recordsIncidentAlerts: recordsIncidentAlerts, tenantGuard: TenantCheck.tenantIDs,
            decodedStates: decodedStates)
        do {
            let result = try await connection.withSession {
                let result = try await body(transaction)
                try await transaction.commit()
                transaction.rememberCommittedStates()
                return result
            }
            await pool.giveBack(connection)
            return result
        } catch {
            await transaction.rollback()
            await pool.giveBack(connection)
            throw error
        }
    }

    func postgresRead<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws -> T {
        let connection = try await pool.lease()
        let transaction = PostgresTransaction(
            connection: connection, definitions: compiledDefinitions, readOnly: true, tenantGuard: TenantCheck.tenantIDs)
        do {
            let result = try await connection.withSession {
                let result = try await body(transaction)
                try transaction.checkNothingWritten()
                try await transaction.endTenantGuard()
                return result
            }
            await pool.giveBack(connection)
            return result
        } catch {
            await transaction.rollback()
            await pool.giveBack(connection)
            throw error
        }
    }
}

/// One database transaction. Writes are held back and sent in one pipeline with the next read,
/// or with COMMIT, so a command costs a round trip per read it makes plus one: BEGIN goes out
/// with the first read, and everything the command wrote goes out with COMMIT.
final class PostgresTransaction: StoreTransaction {
    let connection: PostgresConnection
    /// Instances this transaction holds locked (it inserted, locked or updated them), with what it
    /// last wrote: nobody else can change those rows before it commits, so reading them again
    /// would only cost a round trip.
    var held: [String: InstanceRecord] = [:]
    /// What the rows of the running instances in ``held`` know of their history, as this
    /// transaction leaves it.
    var historyFacts: [String: InstanceHistoryFacts] = [:]
    /// Whether BEGIN has been sent.
    var began = false
    /// Writes not yet sent, in order.
    var pending: [PostgresStatement] = []
    /// Instances inserted by a pending statement (its index, and the element table of the
    /// instance's definition): the statement's parameters are written when the batch is sent,
    /// from the state the instance has then, so a later update adds no UPDATE.
    var pendingInserts: [String: (index: Int, table: ElementTable)] = [:]
    /// Pending statements that write an instance's state and return its row's new version
    /// (`xmin`), by index: the instance, and the length of the state's JSON.
    var versionStatements: [Int: (id: String, cost: Int)] = [:]
    /// The row versions this transaction gave running instances' states.
    var rowVersions: [String: (version: String, cost: Int)] = [:]
    /// Instances whose row this transaction also changed in ways ``held`` does not follow (a
    /// migration to another version, a rebuilt read model): their states are not remembered.
    var rewrittenElsewhere: Set<String> = []
    /// Where committed states are remembered; nil: nowhere.
    let decodedStates: DecodedStates?
    let decoder = JSONDecoder()
    /// Where the element tables come from that stored states and events are read and written with.
    let definitions: CompiledDefinitions

    /// A read (``PostgresStore/read(_:)``): statements autocommit, instances are not locked.
    let readOnly: Bool

    /// The tenants the transaction works for under the tenant check; nil: no check. Its first
    /// round trip opens the database transaction (read-only for a read) as `baton_tenant_user`
    /// with these tenants set, so every statement goes through the row-level security policies.
    let tenantGuard: Set<String>?

    /// See ``PostgresStore/recordsIncidentAlerts``.
    let recordsIncidentAlerts: Bool

    init(
        connection: PostgresConnection, definitions: CompiledDefinitions, readOnly: Bool = false, recordsIncidentAlerts: Bool = false,
        tenantGuard: Set<String>? = nil, decodedStates: DecodedStates? = nil
    ) {
        self.connection = connection
        self.decodedStates = decodedStates
        self.definitions = definitions
        self.readOnly = readOnly
        self.tenantGuard = tenantGuard
        self.recordsIncidentAlerts = recordsIncidentAlerts
    }

    // MARK: Round trips

    func write(_ sql: String, _ parameters: [String?] = []) {
        pending.append(PostgresStatement(sql, parameters))
    }

    /// Sends the pending writes and `sql`, returning what `sql` returned.
    @discardableResult
    func read(_ sql: String, _ parameters: [String?] = []) async throws -> PostgresRows {
        try await send(PostgresStatement(sql, parameters))
    }

    @discardableResult
    func send(_ last: PostgresStatement) async throws -> PostgresRows {
        var batch: [PostgresStatement] = []
        if !began {
            if let tenants = tenantGuard {
                let list = JSONText.render(.array(tenants.sorted().map(JSONValue.string)))
                batch += [
                    PostgresStatement(readOnly ? "BEGIN READ ONLY" : "BEGIN"), PostgresStatement("SET LOCAL ROLE baton_tenant_user"),
                    PostgresStatement("SELECT set_config('baton.tenant_ids', $1, true)", [list]),
                ]
            } else if !readOnly {
                batch.append(PostgresStatement("BEGIN"))
            }
        }
        try fillPendingInserts()
        began = true
        let offset = batch.count
        batch += pending
        batch.append(last)
        pending.removeAll(keepingCapacity: true)
        let written = versionStatements
        versionStatements.removeAll(keepingCapacity: true)
        let results = try await connection.pipeline(batch)
        for (index, write) in written {
            if let version = results[offset + index].rows.first?.first ?? nil { rowVersions[write.id] = (version, write.cost) }
        }
        return results.last!
    }

    /// After COMMIT: what this transaction wrote of running instances' states, with the versions
    /// their rows have now, for the next command on them (``DecodedStates``). Written rows no
    /// longer held (their definition deleted) are forgotten; an instance only locked keeps what
    /// was remembered of it, as locking leaves its row's `xmin` as it was.
    func rememberCommittedStates() {
        guard let decodedStates else { return }
        for (id, written) in rowVersions {
            if let record = held[id], record.state.status == .active, !rewrittenElsewhere.contains(id) {
                decodedStates.remember(id, version: written.version, state: record.state, cost: written.cost)
            } else {
                decodedStates.forget(id)
            }
        }
        for (id, record) in held where record.state.status != .active || rewrittenElsewhere.contains(id) { decodedStates.forget(id) }
    }

    func commit() async throws {
        guard began || !pending.isEmpty else { return }
        try await send(PostgresStatement("COMMIT"))
    }

    func checkNothingWritten() throws {
        guard pending.isEmpty else {
            throw PostgresError(.client, message: "a read tried to write (\(pending.count) statements); writes belong in a transaction")
        }
    }

    /// Ends the read-only transaction a tenant-checked read opened.
    func endTenantGuard() async throws {
        guard began, readOnly, tenantGuard != nil else { return }
        try await connection.query("COMMIT")
    }

    func rollback() async {
        guard began, !readOnly || tenantGuard != nil else { return }
        _ = try? await connection.query("ROLLBACK")
    }

    // MARK: Encoding helpers

    func json(_ value: some Encodable) throws -> String { try SortedJSONEncoder().encode(value) }

    /// The element table that states and events of definition `id`'s instances are stored with.
    func elementTable(_ definitionID: String) async throws -> ElementTable {
        try await definitions.elementTable(definitionID, in: self)
    }

    /// A stored state or event read back: element ids resolved with `table`.
    func fromStoredJSON<Value: Decodable>(_ type: Value.Type, _ text: String, _ table: ElementTable) throws -> Value {
        decoder.userInfo[.elementTable] = table
        defer { decoder.userInfo[.elementTable] = nil }
        return try decoder.decode(type, from: Data(text.utf8))
    }
    func time(_ timestamp: Timestamp?) -> String? { timestamp?.iso8601 }
    func millis(_ column: String) -> String { SQLColumns.millis(column) }
    func timestamp(_ text: String?) -> Timestamp? { text.flatMap(Int64.init).map(Timestamp.init(millisecondsSinceEpoch:)) }

    func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = Array("\\x".utf8)
        out.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    func bytes(hex text: String) -> [UInt8] {
        var result: [UInt8] = []
        let utf8 = Array(text.utf8)
        result.reserveCapacity(utf8.count / 2)
        func value(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
        var i = 0
        while i + 1 < utf8.count {
            result.append(value(utf8[i]) << 4 | value(utf8[i + 1]))
            i += 2
        }
        return result
    }
}

extension PostgresStore {
    /// Runs `sql` inside `transaction`, a transaction this store began: rows an adapter keeps
    /// beside the engine's (a captured data event and its outcome) change with the command's, or
    /// not at all.
    public static func query(_ sql: String, _ parameters: [String?] = [], in transaction: any StoreTransaction) async throws -> PostgresRows {
        guard let transaction = transaction as? PostgresTransaction else {
            throw PostgresError(.client, message: "Expected a transaction of a PostgreSQL store, but got \(type(of: transaction)).")
        }
        return try await transaction.read(sql, parameters)
    }
}
