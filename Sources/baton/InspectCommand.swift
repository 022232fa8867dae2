import ArgumentParser
import BatonBPMN
import BatonModel

/// `baton inspect FILE`: what Baton read from a BPMN file, element by element.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the processes, flow nodes and sequence flows Baton reads from a BPMN file.",
        discussion: "Exits 0 when the file was read (even with diagnostics), 1 when it is not well-formed XML or not BPMN."
    )

    @Argument(help: "The BPMN file to inspect.")
    var file: String

    @Flag(help: "Print the model as JSON.")
    var json = false

    @Option(help: "Refuse files larger than this many bytes.")
    var maxFileSize = BPMNReadOptions().maximumFileSize

    func run() throws {
        let document = BPMNFileLoader.load(file, options: BPMNReadOptions(maximumFileSize: maxFileSize))
        let report = InspectReport(document)
        if json {
            FileOutput.standardOutput.write(try JSONOutput.encode(report) + "\n")
        } else {
            FileOutput.standardOutput.write(report.text)
            for diagnostic in document.diagnostics { FileOutput.standardError.write("\(diagnostic)\n") }
        }
        if document.definitions == nil { throw ExitCode.failure }
    }
}
