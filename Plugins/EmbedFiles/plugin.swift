import PackagePlugin

/// Compiles a module's non-Swift files (migrations, the OpenAPI document, console assets) into it
/// as `EmbeddedFiles.texts`, so the `baton` binary runs from any directory with nothing beside it.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let files = module.sourceFiles.map(\.url).filter { $0.pathExtension != "swift" }.sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files in \(module.name)",
                executable: try context.tool(named: "baton-embed").url,
                arguments: ["files", output.path, module.directoryURL.path] + files.map(\.path),
                inputFiles: files, outputFiles: [output])
        ]
    }
}
