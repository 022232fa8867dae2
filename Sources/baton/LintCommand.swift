import ArgumentParser
import BatonBPMN
import BatonModel
import Foundation

/// `baton lint FILE...`: checks BPMN files the way deployment will, printing compiler-style diagnostics.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check BPMN files and print every problem with its file, line and element.",
        discussion: """
            Exits 0 when every file holds an executable process and has no errors, 1 otherwise,
            2 on a usage error. A directory stands for the .bpmn files directly inside it.
            """
    )

    @Argument(help: "BPMN files or directories to check.")
    var files: [String]

    @Flag(help: "Print the diagnostics as JSON.")
    var json = false

    @Option(help: "Refuse files larger than this many bytes.")
    var maxFileSize = BPMNReadOptions().maximumFileSize

    func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be a positive number of bytes.") }
    }

    func run() throws {
        let options = BPMNReadOptions(maximumFileSize: maxFileSize)
        let documents = BPMNFileLoader.expand(files).map { path in
            var document = BPMNFileLoader.load(path, options: options)
            if let definitions = document.definitions, definitions.executableProcesses.isEmpty {
                document.diagnostics.insert(
                    Diagnostic(
                        .error, .noExecutableProcess,
                        "Expected at least one process with isExecutable=\"true\", but \(definitions.processes.isEmpty ? "the file has no process" : "none of its \(definitions.processes.count) process(es) is executable").",
                        location: SourceLocation(file: path, line: 1)), at: 0)
            }
            return document
        }
        let diagnostics = documents.flatMap(\.diagnostics)
        let errorCount = diagnostics.filter { $0.severity == .error }.count
        let warningCount = diagnostics.filter { $0.severity == .warning }.count

        if json {
            let report = LintReport(
                files: documents.map {
                    LintReport.File(file: $0.file, deployable: !$0.diagnostics.hasErrors && $0.definitions != nil, diagnostics: $0.diagnostics.map(DiagnosticJSON.init))
                },
                errors: errorCount, warnings: warningCount)
            FileOutput.standardOutput.write(try JSONOutput.encode(report) + "\n")
        } else {
            for diagnostic in diagnostics { FileOutput.standardOutput.write("\(diagnostic)\n") }
            let summary = "\(documents.count) file\(documents.count == 1 ? "" : "s") checked: \(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")"
            FileOutput.standardError.write(summary + "\n")
        }
        if errorCount > 0 || documents.isEmpty { throw ExitCode.failure }
    }
}

/// The `--json` shape of `baton lint`.
struct LintReport: Encodable {
    struct File: Encodable {
        var file: String
        var deployable: Bool
        var diagnostics: [DiagnosticJSON]
    }

    var files: [File]
    var errors: Int
    var warnings: Int
}
