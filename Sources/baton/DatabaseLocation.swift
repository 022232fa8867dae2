import BatonPostgres
import Foundation

/// Where Baton's database is: `DATABASE_URL` (or `--database-url`), else the embedded server
/// under `$BATON_HOME/pg` (default `.baton/pg`), started for the command and stopped after it.
struct DatabaseLocation {
    let connectionString: String
    let embedded: EmbeddedPostgres?

    static func resolve(databaseURL: String?) throws -> DatabaseLocation {
        if let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            return DatabaseLocation(connectionString: url, embedded: nil)
        }
        let home = ProcessInfo.processInfo.environment["BATON_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".baton")
        do {
            let server = try EmbeddedPostgres(directory: home.appendingPathComponent("pg"))
            return DatabaseLocation(connectionString: try server.start(), embedded: server)
        } catch let error as EmbeddedPostgresError {
            throw CommandFailure("error: \(error.description)")
        }
    }

    /// Stops the embedded server, if this command started one.
    func close() { try? embedded?.stop() }
}

/// A file or folder of Baton's repository (the benchmark scenarios' processes): under the current
/// directory, else beside the executable or up to five folders above it (`.build/release/baton`).
enum RepositoryPath {
    static func find(_ relative: String, what: String, remedy: String = "") throws -> URL {
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative)]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent(relative))
            directory.deleteLastPathComponent()
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw CommandFailure("error: Expected \(what) in \(relative) (looked in \(candidates.map(\.path).joined(separator: ", "))), but none is there\(remedy).")
        }
        return found
    }
}
