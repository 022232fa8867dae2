import BatonEngine
import Foundation

/// One schema migration: `Schemas/engine/NNN_name.sql`.
public struct Migration: Hashable, Sendable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// A stable checksum of the SQL, recorded when applied, so an edited migration is noticed.
    public var checksum: String { Checksum.fnv1a64(Array(sql.utf8), salt: "migration") }
}

/// Applies pending migrations in order, in one transaction, under an advisory lock: two Baton
/// processes starting at once never apply a migration twice, and a failure applies nothing.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// Distinguishes migration sets sharing a database (the engine's, Retool's).
    public let lockKey: Int64
    /// Where applied versions are recorded; each migration set has its own table.
    public let table: String

    public init(migrations: [Migration], lockKey: Int64 = 0x6261_746F_6E00, table: String = "schema_migrations") {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.lockKey = lockKey
        self.table = table
    }

    /// The engine's migrations compiled into this binary (`Sources/BatonPostgres/Schemas/engine`).
    public static func engine() throws -> Migrator {
        try Migrator(files: EmbeddedFiles.files(in: "Schemas/engine"), source: "the engine's built-in migrations")
    }

    /// Retool's drafts schema compiled into this binary (`Sources/BatonPostgres/Schemas/retool`):
    /// its own lock and its own record of versions, so it can share a database with the engine's.
    public static func retool() throws -> Migrator {
        try Migrator(files: EmbeddedFiles.files(in: "Schemas/retool"), source: "Retool's built-in migrations", lockKey: retoolLockKey, table: retoolTable)
    }

    /// Retool's drafts schema read from `directory` (`--schemas` overrides the built-in one).
    public static func retool(directory: URL) throws -> Migrator {
        try Migrator(directory: directory, lockKey: retoolLockKey, table: retoolTable)
    }

    private static let retoolLockKey: Int64 = 0x6261_746F_6E01
    private static let retoolTable = "baton_retool_migrations"

    /// Reads `NNN_name.sql` files from `directory`, refusing anything else that looks like a migration.
    public init(directory: URL, lockKey: Int64 = 0x6261_746F_6E00, table: String = "schema_migrations") throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            throw MigrationError("Expected a directory of migrations at '\(directory.path)', but it cannot be read.")
        }
        let files = try names.filter { $0.hasSuffix(".sql") }.sorted().map { name in
            (name: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
        try self.init(files: files, source: directory.path, lockKey: lockKey, table: table)
    }

    /// Migrations from `NNN_name.sql` files given by name and text; `source` names where they came from in errors.
    init(files: [(name: String, text: String)], source: String, lockKey: Int64 = 0x6261_746F_6E00, table: String = "schema_migrations") throws {
        var migrations: [Migration] = []
        for (file, sql) in files where file.hasSuffix(".sql") {
            let base = String(file.dropLast(4))
            guard let underscore = base.firstIndex(of: "_"), let version = Int(base[..<underscore]) else {
                throw MigrationError("Expected migration files named NNN_name.sql, but '\(file)' is not.")
            }
            migrations.append(Migration(version: version, name: String(base[base.index(after: underscore)...]), sql: sql))
        }
        let versions = migrations.map(\.version)
        guard Set(versions).count == versions.count else {
            throw MigrationError("Expected each migration version once, but \(source) repeats one of \(versions).")
        }
        self.init(migrations: migrations, lockKey: lockKey, table: table)
    }

    /// Applies what is pending; returns the versions applied now.
    @discardableResult
    public func migrate(_ connection: PostgresConnection) async throws -> [Int] {
        try await connection.query("BEGIN")
        do {
            try await connection.query("SELECT pg_advisory_xact_lock($1::bigint)", [String(lockKey)])
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS \(table) (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let applied = try await connection.query("SELECT version, checksum FROM \(table)")
            var checksums: [Int: String] = [:]
            for row in applied.rows { if let version = row[0].flatMap(Int.init) { checksums[version] = row[1] } }
            var appliedNow: [Int] = []
            for migration in migrations {
                if let recorded = checksums[migration.version] {
                    guard recorded == migration.checksum else {
                        throw MigrationError(
                            "Expected migration \(migration.version)_\(migration.name) to be unchanged since it was applied, but its SQL differs; released migrations are never edited: add a new one instead.")
                    }
                    continue
                }
                try await connection.execute(script: migration.sql)
                try await connection.query(
                    "INSERT INTO \(table) (version, name, checksum) VALUES ($1::integer, $2, $3)",
                    [String(migration.version), migration.name, migration.checksum])
                appliedNow.append(migration.version)
            }
            try await connection.query("COMMIT")
            return appliedNow
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    /// Versions not yet applied (for readiness checks).
    public func pending(_ connection: PostgresConnection) async throws -> [Int] {
        let exists = try await connection.query("SELECT to_regclass($1) IS NOT NULL", [table])
        guard exists.rows.first?.first == "t" else { return migrations.map(\.version) }
        let applied = Set(try await connection.query("SELECT version FROM \(table)").rows.compactMap { $0[0].flatMap(Int.init) })
        return migrations.map(\.version).filter { !applied.contains($0) }
    }
}

public struct MigrationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
