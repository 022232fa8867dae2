import BatonPostgres
import Foundation

/// One embedded PostgreSQL for the whole test run, in a fresh temporary directory, stopped when
/// the test process exits; each test gets a database of its own.
enum TestDatabase {
    struct StartFailure: Error, CustomStringConvertible { var description: String }

    static let server: Result<EmbeddedPostgres, StartFailure> = {
        do {
            let directory = URL(fileURLWithPath: "/tmp/baton-test-pg-\(getpid())")
            try? FileManager.default.removeItem(at: directory)
            let server = try EmbeddedPostgres(directory: directory)
            try server.start()
            atexit {
                if case .success(let server) = TestDatabase.server {
                    try? server.stop()
                    try? FileManager.default.removeItem(at: server.directory)
                }
            }
            return .success(server)
        } catch {
            return .failure(StartFailure(description: "could not start the test PostgreSQL: \(error)"))
        }
    }()

    /// A connection to a new, empty database.
    static func fresh() async throws -> PostgresConnection {
        let server = try server.get()
        let admin = try await PostgresConnection.connect(server.connectionString)
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.query("CREATE DATABASE \(name)")
        return try await PostgresConnection.connect(server.connectionString.replacingOccurrences(of: "dbname=postgres", with: "dbname=\(name)"))
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
