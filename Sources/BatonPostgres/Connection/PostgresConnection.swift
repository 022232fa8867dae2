internal import CLibPQ
import Dispatch
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

/// One libpq connection. libpq blocks, so every call runs on the connection's own serial queue,
/// never on Swift's cooperative thread pool; callers simply `await`.
///
/// `@unchecked Sendable` is sound because the `PGconn` handle is touched only on `queue`, one
/// call at a time (the GRDB `SerializedDatabase` rule), and never escapes this type.
public final class PostgresConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let queue: DispatchQueue
    private let statements = Atomic<Int>(0)

    /// Statements sent on this connection so far (each is one round trip), for benchmarks.
    public var statementsExecuted: Int { statements.load(ordering: .relaxed) }

    private init(handle: OpaquePointer, queue: DispatchQueue) {
        self.handle = handle
        self.queue = queue
    }

    deinit { PQfinish(handle) }

    /// Opens a connection; `conninfo` is a libpq connection string or `postgresql://` URL.
    public static func connect(_ conninfo: String) async throws -> PostgresConnection {
        let queue = DispatchQueue(label: "baton.postgres.connection")
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                guard let handle = PQconnectdb(conninfo) else {
                    continuation.resume(throwing: PostgresError(.client, message: "libpq could not allocate a connection"))
                    return
                }
                guard PQstatus(handle) == CONNECTION_OK else {
                    let message = Self.errorMessage(handle)
                    PQfinish(handle)
                    continuation.resume(throwing: PostgresError(.unavailable, message: message))
                    return
                }
                continuation.resume(returning: PostgresConnection(handle: handle, queue: queue))
            }
        }
    }

    /// Whether the connection still works; after a server restart it does not until ``reset()``.
    public var isOpen: Bool {
        get async { (try? await run { PQstatus($0) == CONNECTION_OK }) ?? false }
    }

    /// Reconnects with the same parameters (after the server restarted).
    public func reset() async throws {
        try await run { handle throws(PostgresError) in
            PQreset(handle)
            guard PQstatus(handle) == CONNECTION_OK else { throw PostgresError(.unavailable, message: Self.errorMessage(handle)) }
        }
    }

    /// Runs one statement with `$1, $2…` parameters sent separately from the SQL (text format;
    /// cast in SQL where a type matters, e.g. `$1::jsonb`).
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) async throws -> PostgresRows {
        try await run { handle throws(PostgresError) in
            let result = Self.withCStrings(parameters) { values in
                PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
            }
            return try Self.rows(from: result, on: handle)
        }
    }

    /// Runs a script of several statements without parameters (migrations).
    public func execute(script sql: String) async throws {
        try await run { handle throws(PostgresError) in
            _ = try Self.rows(from: PQexec(handle, sql), on: handle)
        }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws(PostgresError) -> T) async throws -> T {
        statements.add(1, ordering: .relaxed)
        let handle = UnsafeSendable(handle)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    continuation.resume(returning: try body(handle.value))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
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
            throw PostgresError(
                .server, sqlState: field(result, "C"), message: field(result, "M") ?? errorMessage(handle), detail: field(result, "D"))
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

    private static func errorMessage(_ handle: OpaquePointer) -> String {
        var message = PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown libpq error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        return message
    }

    /// Calls `body` with the parameters as C strings (nil for SQL NULL), valid during the call.
    private static func withCStrings<T>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = values.map { $0.map { strdup($0) } ?? nil }
        defer { pointers.forEach { free($0) } }
        return body(pointers.map { $0.map { UnsafePointer($0) } })
    }
}

/// Carries a value the compiler cannot prove sendable into the connection's queue, where only
/// that queue uses it.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
