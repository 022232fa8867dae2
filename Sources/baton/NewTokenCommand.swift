import ArgumentParser
import BatonServer
import HummingbirdBcrypt

/// `baton new-token --user NAME`: a new bearer token for BATON_API_TOKENS. The token is printed
/// once, for the client; the entry holds only its id and bcrypt hash.
struct NewTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-token",
        abstract: "Make a bearer API token that acts as a user, and print it with its BATON_API_TOKENS entry.",
        discussion: "The token (baton_<id>_<secret>) goes to the client; the entry (user:id:hash) goes into BATON_API_TOKENS, entries separated by ';'."
    )

    @Option(help: "The user the token acts as (its groups are that user's in BATON_USERS).")
    var user: String

    @Option(help: "The bcrypt cost (work factor), 10 to 16.")
    var cost: UInt8 = 12

    func validate() throws {
        guard (10...16).contains(cost) else { throw ValidationError("Expected --cost between 10 and 16, but it is \(cost).") }
        guard !user.isEmpty, !user.contains(":"), !user.contains(";") else {
            throw ValidationError("Expected --user to be a user name without ':' or ';', but it is '\(user)'.")
        }
    }

    func run() throws {
        let made = APIToken.make()
        FileOutput.standardOutput.write(
            """
            token:             \(made.token)
            BATON_API_TOKENS:  \(user):\(made.id):\(Bcrypt.hash(made.token, cost: cost))

            """)
    }
}
