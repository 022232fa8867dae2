import Foundation
import PackagePlugin

/// Compiles the commit the package is built from into the module as `BuildCommit.id`, for
/// `baton --version`. It is regenerated whenever the checkout's HEAD moves.
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let repository = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        return [
            .buildCommand(
                displayName: "Recording the commit \(target.name) is built from",
                executable: try context.tool(named: "baton-embed").url,
                arguments: ["commit", output.path, repository.path],
                inputFiles: headFiles(of: repository), outputFiles: [output])
        ]
    }

    /// The files that change when HEAD moves: HEAD itself, the branch it names, and packed refs.
    private func headFiles(of repository: URL) -> [URL] {
        let git = repository.appending(path: ".git")
        let head = git.appending(path: "HEAD")
        var files = [head, git.appending(path: "packed-refs")]
        if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref: ") {
            files.append(git.appending(path: text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
