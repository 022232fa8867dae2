import ArgumentParser
import BatonEngine
import BatonPostgres

/// `baton history …`: maintenance of recorded history.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Maintain recorded history.",
        subcommands: [HistoryCleanupCommand.self]
    )
}

/// `baton history cleanup`: deletes ended instances whose history time-to-live has passed.
struct HistoryCleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Delete ended instances (and their history) whose history time-to-live has passed.",
        discussion: "The time-to-live is the process's camunda:historyTimeToLive, or 180 days. The job worker of `baton serve` does this hourly."
    )

    @Option(help: "A libpq connection string or postgresql:// URL (default: DATABASE_URL, else the embedded server).")
    var databaseURL: String?

    @Option(help: "Instances deleted per transaction.")
    var batchSize = 500

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("Expected --batch-size to be at least 1, but it is \(batchSize).") }
    }

    func run() async throws {
        let location = try DatabaseLocation.resolve(databaseURL: databaseURL)
        defer { location.close() }
        do {
            let runtime = Runtime(store: PostgresStore(pool: PostgresPool(connectionString: location.connectionString, maximum: 1)))
            let removed = try await runtime.cleanUpHistory(batchSize: batchSize)
            FileOutput.standardOutput.write("removed \(removed) ended instance\(removed == 1 ? "" : "s") past their history time-to-live\n")
        } catch let error as PostgresError {
            throw CommandFailure("error: \(error.description)")
        }
    }
}
