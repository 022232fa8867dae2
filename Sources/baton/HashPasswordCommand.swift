import ArgumentParser
import HummingbirdBcrypt

/// `baton hash-password`: the bcrypt hash of a password or API token read from standard input,
/// for BATON_USERS and BATON_API_TOKENS. Reading stdin keeps the secret out of shell history.
struct HashPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-password",
        abstract: "Print the bcrypt hash of a password or API token read from standard input.",
        discussion: "echo -n 's3cret' | baton hash-password  →  $2b$12$…   (use it as ann:$2b$12$…:group in BATON_USERS)"
    )

    @Option(help: "The bcrypt cost (work factor), 10 to 16.")
    var cost: UInt8 = 12

    func validate() throws {
        guard (10...16).contains(cost) else { throw ValidationError("Expected --cost between 10 and 16, but it is \(cost).") }
    }

    func run() throws {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure("error: Expected the password on standard input, but it is empty.")
        }
        FileOutput.standardOutput.write(Bcrypt.hash(line, cost: cost) + "\n")
    }
}
