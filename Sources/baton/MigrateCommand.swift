import ArgumentParser
import BatonPostgres
import Foundation

/// `baton migrate`: applies pending schema migrations, in order, once.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations from schemas/engine (or, with --retool, schemas/retool) to the database.",
        discussion: """
            Uses DATABASE_URL (or --database-url); without one, Baton's embedded PostgreSQL under
            $BATON_HOME/pg (default .baton/pg), started for the command and stopped after it. Migrations
            run in one transaction under an advisory lock, so concurrent starts are safe.
            --retool migrates Retool's drafts table in RETOOL_DATABASE_URL, by default a database named
            'retool' on the same server (created if missing); it only adds, never drops or rewrites.
            """
    )

    @Flag(help: "Migrate Retool's drafts schema (schemas/retool) in RETOOL_DATABASE_URL instead of the engine's.")
    var retool = false

    @Option(help: "A libpq connection string or postgresql:// URL (default: DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "The directory of NNN_name.sql migrations (default: schemas/engine).")
    var schemas: String?

    @Option(help: "A file of NAME=value lines (DATABASE_URL, RETOOL_DATABASE_URL), as for baton serve; the environment wins.")
    var config: String?

    func run() async throws {
        let migrator: Migrator
        do {
            migrator = retool
                ? try Migrator.retool(directory: try SchemaDirectory.find("retool", override: schemas))
                : try Migrator(directory: try SchemaDirectory.find("engine", override: schemas))
        } catch let error as MigrationError {
            throw CommandFailure("error: \(error.description)")
        }
        let settings = try ServeSettings.load(configFile: config)
        let location = try DatabaseLocation.resolve(databaseURL: databaseURL ?? settings["DATABASE_URL"])
        defer { location.close() }
        do {
            let target = retool ? try await RetoolDatabase.resolve(settings, engine: location.connectionString).connectionString : location.connectionString
            let connection = try await PostgresConnection.connect(target)
            let applied = try await migrator.migrate(connection)
            FileOutput.standardOutput.write(
                applied.isEmpty
                    ? "schema up to date (\(migrator.migrations.count) migration\(migrator.migrations.count == 1 ? "" : "s") applied before)\n"
                    : "applied migration\(applied.count == 1 ? "" : "s") \(applied.map(String.init).joined(separator: ", "))\n")
        } catch let error as PostgresError {
            throw CommandFailure("error: \(error.description)")
        } catch let error as MigrationError {
            throw CommandFailure("error: \(error.description)")
        }
    }
}
