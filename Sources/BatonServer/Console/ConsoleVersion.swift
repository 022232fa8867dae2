import BatonEngine
import BatonModel

/// A deployed process version as the console lists it: read from the definition references,
/// never from the stored BPMN (a dashboard over many versions must not load every file), with
/// its name from the parsed-file cache.
struct ConsoleVersion: Sendable {
    var id: String
    var key: String
    /// From the id, `<key>:<version>:<uuid>` as Baton deploys it.
    var version: Int
    var versionTag: String?
    var suspended: Bool

    init(_ reference: DefinitionReference) {
        id = reference.id
        key = reference.key
        let parts = reference.id.split(separator: ":")
        version = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        versionTag = reference.versionTag
        suspended = reference.suspended
    }
}

extension ConsoleRoutes {
    /// Every deployed version (of `key`), newest first per key.
    func versions(of key: String? = nil) async throws -> [ConsoleVersion] {
        try await runtime.definitionReferences().filter { key == nil || $0.key == key }.map(ConsoleVersion.init)
            .sorted { ($0.key, $1.version) < ($1.key, $0.version) }
    }

    /// The process's name in that version's BPMN, when it has one.
    func name(of version: ConsoleVersion) async throws -> String? {
        try await diagrams.definitions(of: version.id, runtime: runtime)?.process(ElementID(version.key))?.name
    }
}
