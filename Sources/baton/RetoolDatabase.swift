import BatonPostgres
import Foundation

/// Retool's database when RETOOL_DATABASE_URL is not set: one named `retool` on the server Baton
/// uses, created if it is missing.
enum RetoolDatabase {
    static func onSameServer(as engine: String) async throws -> String {
        let admin = try await PostgresConnection.connect(engine)
        if try await admin.query("SELECT 1 FROM pg_database WHERE datname = 'retool'").rows.isEmpty {
            try await admin.query("CREATE DATABASE retool")
        }
        return connectionString(engine, database: "retool")
    }

    /// `engine` pointing at another database: a URL gets a new path, a key=value string a later
    /// `dbname` (libpq takes the last value of a repeated keyword).
    static func connectionString(_ engine: String, database: String) -> String {
        if engine.hasPrefix("postgres://") || engine.hasPrefix("postgresql://"), var components = URLComponents(string: engine) {
            components.path = "/" + database
            return components.string ?? engine
        }
        return engine + " dbname=\(database)"
    }
}
