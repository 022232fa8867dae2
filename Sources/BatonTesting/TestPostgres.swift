import BatonCore
import BatonEngine
import BatonPostgres
import Foundation

/// One embedded PostgreSQL per test process, in a fresh temporary directory, stopped when the
/// process exits; each caller gets a database of its own, migrated to the engine schema.
public enum TestPostgres {
    struct StartFailure: Error, CustomStringConvertible { var description: String }

    /// The repository checkout this library was built from.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let server: Result<EmbeddedPostgres, StartFailure> = {
        do {
            let directory = URL(fileURLWithPath: "/tmp/baton-test-pg-\(getpid())")
            try? FileManager.default.removeItem(at: directory)
            // Suites run in parallel, each with pools and runtimes of its own (some several, as
            // several Baton processes would): more connections than a server's default 100, and
            // room for the locks of migrations that tests run at once (each partition it creates
            // holds one until it commits).
            let server = try EmbeddedPostgres(directory: directory, settings: [("max_connections", "500"), ("max_locks_per_transaction", "256")])
            try server.start()
            // atexit runs on a normal exit only.
            try Watchdog.stopServer(dataDirectory: server.dataDirectory, removing: directory)
            atexit {
                if case .success(let server) = TestPostgres.server {
                    try? server.stop()
                    try? FileManager.default.removeItem(at: server.directory)
                }
            }
            return .success(server)
        } catch {
            return .failure(StartFailure(description: "could not start the test PostgreSQL: \(error)"))
        }
    }()

    /// The running test server.
    public static func embedded() throws -> EmbeddedPostgres { try server.get() }

    /// The connection string of a new, empty database (not migrated).
    public static func freshDatabase() async throws -> String {
        let server = try server.get()
        let admin = try await PostgresConnection.connect(server.connectionString)
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.query("CREATE DATABASE \(name)")
        return server.connectionString.replacingOccurrences(of: "dbname=postgres", with: "dbname=\(name)")
    }

    /// A new database migrated to Retool's drafts schema, as a connection string.
    public static func freshRetoolDatabase() async throws -> String {
        let conninfo = try await freshDatabase()
        try await Migrator.retool().migrate(PostgresConnection.connect(conninfo))
        return conninfo
    }

    /// A file of the repository (`processes/benefit-approval.bpmn`), as bytes.
    public static func repositoryFile(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repositoryRoot.appendingPathComponent(path)))
    }

    /// A store over a new database migrated to the engine schema: a copy of a template migrated
    /// once per test process. Migrating every test's database anew took thousands of locks at a
    /// time across parallel suites (the server ran out of lock memory on a slow machine), and
    /// copying is faster.
    public static func freshStore(maximumConnections: Int = 4) async throws -> PostgresStore {
        let server = try server.get()
        let template = try await engineTemplate.value
        let admin = try await PostgresConnection.connect(server.connectionString)
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.query("CREATE DATABASE \(name) TEMPLATE \(template)")
        let conninfo = server.connectionString.replacingOccurrences(of: "dbname=postgres", with: "dbname=\(name)")
        return PostgresStore(pool: PostgresPool(connectionString: conninfo, maximum: maximumConnections))
    }

    /// The migrated template's name; its connection is gone before anyone copies it (PostgreSQL
    /// copies no database someone is connected to).
    private static let engineTemplate = Task<String, any Error> {
        let conninfo = try await freshDatabase()
        try await migrate(conninfo)
        guard let name = conninfo.split(separator: " ").first(where: { $0.hasPrefix("dbname=") })?.dropFirst("dbname=".count) else {
            throw StartFailure(description: "expected a dbname in the test server's connection string")
        }
        return String(name)
    }

    private static func migrate(_ conninfo: String) async throws {
        let connection = try await PostgresConnection.connect(conninfo)
        try await Migrator.engine().migrate(connection)
    }
}

/// Which store a test runs on: scenarios run on both, so the stores behave alike.
public enum TestBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory, postgres

    public var description: String { rawValue }

    public func store() async throws -> any Store {
        switch self {
        case .memory: MemoryStore()
        case .postgres: try await TestPostgres.freshStore()
        }
    }
}

extension ProcessTest {
    /// A process test on `backend`.
    public static func on(
        _ backend: TestBackend, handlers: [String: any ServiceTaskHandler] = [:], listenerHandlers: [String: any ListenerHandler] = [:]
    ) async throws -> ProcessTest {
        ProcessTest(store: try await backend.store(), handlers: handlers, listenerHandlers: listenerHandlers)
    }
}
