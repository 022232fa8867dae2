/// The versions that count as one line: a process key within one tenant (nil: the definitions
/// shared by every tenant). Each lineage has its own version numbers, its own latest version and
/// its own timer start events, as in Camunda.
struct LatestVersionKey: Hashable, Comparable, Sendable {
    var key: String
    var tenantID: String?

    init(key: String, tenantID: String?) {
        self.key = key
        self.tenantID = tenantID
    }

    init(_ definition: DefinitionRecord) { self.init(key: definition.key, tenantID: definition.tenantID) }
    init(_ definition: DefinitionReference) { self.init(key: definition.key, tenantID: definition.tenantID) }

    static func < (a: Self, b: Self) -> Bool { (a.key, a.tenantID ?? "") < (b.key, b.tenantID ?? "") }
}
