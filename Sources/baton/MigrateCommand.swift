import ArgumentParser
import BatonPostgres
import Foundation

/// `baton migrate`: applies pending schema migrations, in order, once.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the pending schema migrations built into baton (the engine's, or with --retool, Retool's drafts schema) to the database.",
        discussion: """
            Uses DATABASE_URL (or --database-url); without one, Baton's embedded PostgreSQL under
            $BATON_HOME/pg (default .baton/pg), started for the command and stopped after it. Migrations
            run in one transaction under an advisory lock, so concurrent starts are safe.
            --retool migrates Retool's drafts table in RETOOL_DATABASE_URL, by default a database named
            'retool' on the same server (created if missing); it only adds, never drops or rewrites.
            """
    )

    @Flag(help: "Migrate Retool's drafts schema in RETOOL_DATABASE_URL instead of the engine's.")
    var retool = false

    @Option(help: "A libpq connection string or postgresql:// URL (default: DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "A directory of NNN_name.sql migrations to apply instead of the built-in ones.")
    var schemas: String?

    @Option(help: "A file of NAME=value lines (DATABASE_URL, RETOOL_DATABASE_URL), as for baton serve; the environment wins.")
    var config: String?

    func run() async throws {
        let migrator: Migrator
        do {
            switch (retool, schemas.map { URL(fileURLWithPath: $0) }) {
            case (true, let directory?): migrator = try Migrator.retool(directory: directory)
            case (true, nil): migrator = try Migrator.retool()
            case (false, let directory?): migrator = try Migrator(directory: directory)
            case (false, nil): migrator = try Migrator.engine()
            }
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
