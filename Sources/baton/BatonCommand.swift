import ArgumentParser

/// `baton`: the command-line face of the engine.
struct BatonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Baton, an in-process BPMN workflow engine (Camunda 7 dialect).",
        version: BatonVersion.description,
        subcommands: [ServeCommand.self, HashPasswordCommand.self, NewTokenCommand.self, LintCommand.self, InspectCommand.self, RunCommand.self, BenchCommand.self, MigrateCommand.self, HistoryCommand.self]
    )
}

/// Runs the command line with Baton's exit codes: 0 success, 1 a failure the command reports
/// (bad BPMN, unreadable file), 2 a usage error (unknown flag, missing argument).
@main
enum BatonMain {
    static func main() async {
        do {
            var command = try BatonCommand.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let code = BatonCommand.exitCode(for: error)
            if let failure = error as? CommandFailure {
                FileOutput.standardError.write(failure.description + "\n")
                BatonCommand.exit(withError: ExitCode.failure)
            }
            if code == .validationFailure {
                let message = BatonCommand.fullMessage(for: error)
                FileOutput.standardError.write(message + "\n")
                BatonCommand.exit(withError: ExitCode(2))
            }
            BatonCommand.exit(withError: error)
        }
    }
}
