/// The versions that count as one line: a process key within one tenant (nil: the definitions
/// shared by every tenant). Each lineage has its own version numbers, its own latest version and
/// its own timer start events, as in Camunda.
public struct DefinitionLineage: Hashable, Comparable, Sendable {
    public var key: String
    public var tenantID: String?

    public init(key: String, tenantID: String?) {
        self.key = key
        self.tenantID = tenantID
    }

    public init(_ definition: DefinitionRecord) { self.init(key: definition.key, tenantID: definition.tenantID) }
    public init(_ definition: DefinitionReference) { self.init(key: definition.key, tenantID: definition.tenantID) }
    public init(_ definition: ProcessDefinitionInfo) { self.init(key: definition.key, tenantID: definition.tenantID) }

    public static func < (a: Self, b: Self) -> Bool { (a.key, a.tenantID ?? "") < (b.key, b.tenantID ?? "") }
}
