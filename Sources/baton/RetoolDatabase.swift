import BatonPostgres
import Foundation

/// Retool's database: RETOOL_DATABASE_URL, or else one named `retool` on the server Baton uses,
/// created if it is missing.
enum RetoolDatabase {
    /// The connection string, and whether it is the default database on Baton's server (which
    /// Baton then also migrates; an existing Retool database is migrated by `baton migrate --retool`).
    static func resolve(_ settings: ServeSettings, engine: String) async throws -> (connectionString: String, onBatonsServer: Bool) {
        if let url = settings["RETOOL_DATABASE_URL"], !url.isEmpty { return (url, false) }
        return (try await onSameServer(as: engine), true)
    }

    private static func onSameServer(as engine: String) async throws -> String {
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
