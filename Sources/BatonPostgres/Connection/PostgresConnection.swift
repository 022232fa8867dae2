internal import CLibPQ
import Foundation
import Synchronization

/// The rows a statement returned, as text (PostgreSQL's text format), with column names.
public struct PostgresRows: Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Rows inserted, updated or deleted, for statements that report it.
    public var affected: Int

    public subscript(row: Int, column: String) -> String? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return rows[row][index]
    }
}

/// One statement and its `$1, $2…` parameters (text format; cast in SQL where a type matters,
/// e.g. `$1::jsonb`).
public struct PostgresStatement: Sendable {
    public var sql: String
    public var parameters: [String?]

    public init(_ sql: String, _ parameters: [String?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

/// One libpq connection. libpq blocks, so every call runs on the connection's own thread, never
/// on Swift's cooperative thread pool; callers simply `await`. Code inside ``withSession(_:)``
/// runs on that thread too, so its calls need no thread hop.
///
/// Statements are prepared on first use and run by name afterwards, so the server parses and
/// plans each distinct SQL text once per connection. ``pipeline(_:)`` sends several statements
/// in one round trip (libpq's pipeline mode).
///
/// `@unchecked Sendable` is sound because the `PGconn` handle and the prepared-statement cache
/// are touched only on `thread`, one call at a time (the GRDB `SerializedDatabase` rule), and
/// never escape this type.
public final class PostgresConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let thread: ConnectionThread
    private let statements = Atomic<Int>(0)
    private let trips = Atomic<Int>(0)
    /// SQL text → prepared statement name. Touched only on `thread`.
    private var prepared: [PreparedKey: String] = [:]
    /// Names handed out so far; never reused, as a name whose prepare was skipped may still exist.
    private var preparedNames = 0
    /// Distinct SQL texts worth preparing per connection; beyond this (e.g. multi-row inserts of
    /// many sizes) statements run unnamed so the cache cannot grow without bound.
    private static let preparedLimit = 256

    /// Statements sent on this connection so far, for benchmarks.
    public var statementsExecuted: Int { statements.load(ordering: .relaxed) }
    /// Round trips to the server so far: a pipeline of several statements is one.
    public var roundTrips: Int { trips.load(ordering: .relaxed) }

    private init(handle: OpaquePointer, thread: ConnectionThread) {
        self.handle = handle
        self.thread = thread
    }

    deinit {
        PQfinish(handle)
        thread.stop()
    }

    /// Whether the caller runs on this connection's thread (inside ``withSession(_:)``), where
    /// its calls run inline.
    public var isCurrentThread: Bool { thread.isCurrent }

    /// Runs `body` with this connection's thread as its task executor: the connection's calls
    /// inside it run inline, without a thread hop each. For a transaction's whole life.
    public func withSession<T>(_ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(thread, operation: body)
    }

    /// Opens a connection; `conninfo` is a libpq connection string or `postgresql://` URL.
    public static func connect(_ conninfo: String) async throws -> PostgresConnection {
        let thread = ConnectionThread(name: "baton-postgres")
        do {
            let handle = try await thread.run { () throws(PostgresError) -> UnsafeSendable<OpaquePointer> in
                guard let handle = PQconnectdb(conninfo) else { throw PostgresError(.client, message: "libpq could not allocate a connection") }
                guard PQstatus(handle) == CONNECTION_OK else {
                    let message = Self.errorMessage(handle)
                    PQfinish(handle)
                    throw PostgresError(.unavailable, message: message)
                }
                // Server notices ("relation already exists, skipping") are not errors; libpq
                // would print them to stderr.
                PQsetNoticeProcessor(handle, { _, _ in }, nil)
                return UnsafeSendable(handle)
            }
            return PostgresConnection(handle: handle.value, thread: thread)
        } catch {
            thread.stop()
            throw error
        }
    }

    /// Whether the connection still works; after a server restart it does not until ``reset()``.
    public var isOpen: Bool {
        get async { (try? await run { handle, _ in PQstatus(handle) == CONNECTION_OK }) ?? false }
    }

    /// ``isOpen`` for a connection nobody is using (the pool's idle ones), read on the caller's
    /// thread. `PQstatus` reads a field that only calls on the connection change, and the pool
    /// hands connections out and takes them back under its isolation, so the last user's calls
    /// happen before this read. Asking the connection's thread instead cost two thread wake-ups
    /// on every lease.
    var isOpenWhileIdle: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Reconnects with the same parameters (after the server restarted). The new session has
    /// none of the old one's prepared statements.
    public func reset() async throws {
        try await run { handle, connection throws(PostgresError) in
            connection.prepared.removeAll()
            PQreset(handle)
            guard PQstatus(handle) == CONNECTION_OK else { throw PostgresError(.unavailable, message: Self.errorMessage(handle)) }
        }
    }

    /// Runs one statement with `$1, $2…` parameters sent separately from the SQL.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) async throws -> PostgresRows {
        try await pipeline([PostgresStatement(sql, parameters)])[0]
    }

    /// Sends `batch` in one round trip and returns each statement's rows, in order. The
    /// statements run one after another as if sent separately; if one fails the rest are
    /// skipped and its error is thrown (inside a transaction, the transaction is then aborted).
    @discardableResult
    public func pipeline(_ batch: [PostgresStatement]) async throws -> [PostgresRows] {
        guard !batch.isEmpty else { return [] }
        statements.add(batch.count, ordering: .relaxed)
        trips.add(1, ordering: .relaxed)
        return try await run { handle, connection throws(PostgresError) in try connection.send(batch, on: handle) }
    }

    /// Runs a script of several statements without parameters (migrations).
    public func execute(script sql: String) async throws {
        statements.add(1, ordering: .relaxed)
        trips.add(1, ordering: .relaxed)
        try await run { handle, _ throws(PostgresError) in
            _ = try Self.rows(from: PQexec(handle, sql), on: handle)
        }
    }

    /// On `thread`: sends the batch in pipeline mode, preparing statements not yet prepared, then
    /// reads every result up to the sync point (which must be read even after an error, or the
    /// connection is left mid-pipeline).
    private func send(_ batch: [PostgresStatement], on handle: OpaquePointer) throws(PostgresError) -> [PostgresRows] {
        guard PQenterPipelineMode(handle) == 1 else { throw Self.failure(on: handle) }
        defer { PQexitPipelineMode(handle) }
        var preparing: [(sql: String, name: String)?] = []
        var sendFailure: PostgresError?
        for statement in batch {
            var name = prepared[PreparedKey(statement.sql)]
            var newlyPrepared: (String, String)?
            if name == nil, prepared.count < Self.preparedLimit, !preparing.contains(where: { $0?.sql == statement.sql }) {
                preparedNames += 1
                let fresh = "baton_\(preparedNames)"
                if PQsendPrepare(handle, fresh, statement.sql, Int32(statement.parameters.count), nil) == 1 {
                    name = fresh
                    newlyPrepared = (statement.sql, fresh)
                }
            }
            preparing.append(newlyPrepared)
            let sent = Self.withCStrings(statement.parameters) { values in
                if let name {
                    PQsendQueryPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
                } else {
                    PQsendQueryParams(handle, statement.sql, Int32(values.count), nil, values, nil, nil, 0)
                }
            }
            if sent != 1 {
                sendFailure = Self.failure(on: handle)
                break
            }
        }
        guard PQpipelineSync(handle) == 1 else { throw sendFailure ?? Self.failure(on: handle) }

        var results: [PostgresRows] = []
        var firstError: PostgresError? = sendFailure
        for index in 0..<preparing.count {
            if let (sql, name) = preparing[index] {
                do throws(PostgresError) {
                    _ = try Self.nextResult(on: handle)
                    prepared[PreparedKey(sql)] = name
                } catch {
                    firstError = firstError ?? error
                }
            }
            do throws(PostgresError) {
                results.append(try Self.nextResult(on: handle))
            } catch {
                firstError = firstError ?? error
            }
        }
        // Up to and including the sync point.
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if let firstError { throw firstError }
        return results
    }

    /// Reads one statement's result and the NULL that ends it.
    private static func nextResult(on handle: OpaquePointer) throws(PostgresError) -> PostgresRows {
        let result = PQgetResult(handle)
        if result != nil {
            while let extra = PQgetResult(handle) { PQclear(extra) }
        }
        if let result, PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
            PQclear(result)
            throw PostgresError(.server, sqlState: "25P02", message: "skipped: an earlier statement of the pipeline failed")
        }
        return try rows(from: result, on: handle)
    }

    private static func failure(on handle: OpaquePointer) -> PostgresError {
        PostgresError(PQstatus(handle) == CONNECTION_OK ? .client : .unavailable, message: errorMessage(handle))
    }

    func run<T: Sendable>(
        _ body: @escaping @Sendable (OpaquePointer, PostgresConnection) throws(PostgresError) -> T
    ) async throws -> T {
        if thread.isCurrent { return try body(handle, self) }
        let handle = UnsafeSendable(handle)
        return try await thread.run { () throws(PostgresError) in try body(handle.value, self) }
    }

    private static func rows(from result: OpaquePointer?, on handle: OpaquePointer) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw PostgresError(PQstatus(handle) == CONNECTION_OK ? .client : .unavailable, message: errorMessage(handle))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            break
        default:
            if PQstatus(handle) != CONNECTION_OK {
                throw PostgresError(.unavailable, message: errorMessage(handle))
            }
            let sqlState = field(result, "C")
            // Class 08 (connection exception) and 57P (the server shutting down or starting up)
            // mean the database is unavailable, not that the statement was wrong.
            let unavailable = sqlState.map { $0.hasPrefix("08") || $0.hasPrefix("57P") } ?? false
            throw PostgresError(
                unavailable ? .unavailable : .server, sqlState: sqlState, message: field(result, "M") ?? errorMessage(handle),
                detail: field(result, "D"))
        }
        let columnCount = Int(PQnfields(result)), rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var rows: [[String?]] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            rows.append((0..<columnCount).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            })
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, rows: rows, affected: affected)
    }

    private static func field(_ result: OpaquePointer, _ code: Character) -> String? {
        PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
    }

    static func errorMessage(_ handle: OpaquePointer) -> String {
        var message = PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown libpq error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        return message
    }

    /// Calls `body` with the parameters as C strings (nil for SQL NULL), valid during the call:
    /// all of them in one buffer, each followed by its NUL (a `strdup` and a `free` per parameter
    /// were 1.5% of Baton's instructions per command).
    private static func withCStrings<T>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        var length = 0
        for value in values { length += (value?.utf8.count ?? 0) + 1 }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: max(length, 1)) { buffer in
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(values.count)
            var offset = 0
            for value in values {
                guard let value else {
                    pointers.append(nil)
                    continue
                }
                let start = buffer.baseAddress! + offset
                var text = value
                offset += text.withUTF8 { bytes in
                    if let source = bytes.baseAddress { UnsafeMutableRawPointer(start).copyMemory(from: source, byteCount: bytes.count) }
                    return bytes.count
                }
                buffer[offset] = 0
                offset += 1
                pointers.append(UnsafePointer(start))
            }
            return body(pointers)
        }
    }
}

/// Carries a value the compiler cannot prove sendable to or from the connection's thread, where
/// only that thread uses it.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A statement's SQL as the key of a connection's prepared statements. Hashing the whole text
/// (a command's read-model statement is some 3 KB) cost 4,000 instructions per statement sent, a
/// twentieth of the rest of Baton's work on it; this hashes its length and 32 words spread over
/// it. Keys that hash alike still compare their whole texts.
private struct PreparedKey: Hashable {
    let sql: String

    init(_ sql: String) { self.sql = sql }

    static func == (a: Self, b: Self) -> Bool { a.sql == b.sql }

    func hash(into hasher: inout Hasher) {
        var sql = sql
        sql.withUTF8 { bytes in
            hasher.combine(bytes.count)
            guard bytes.count >= 8 else { return hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }
            let samples = min(32, bytes.count / 8), stride = (bytes.count - 8) / max(samples - 1, 1)
            for sample in 0..<samples {
                hasher.combine(UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: sample * stride, as: UInt64.self))
            }
        }
    }
}
