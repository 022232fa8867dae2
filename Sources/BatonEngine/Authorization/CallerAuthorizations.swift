/// What one caller (a user and their groups) is authorized to do, decided from the
/// authorizations that name them, their groups or everyone, as Camunda 7 decides: the user's own
/// authorizations outweigh their groups', which outweigh global ones; within a level a revoke
/// outweighs a grant; a specific resource id and `*` count alike within a level.
public struct CallerAuthorizations: Sendable {
    public let userID: String
    public let groups: [String]
    private let entries: [AuthorizationRecord]

    public init(userID: String, groups: [String], authorizations: [AuthorizationRecord]) {
        self.userID = userID
        self.groups = groups
        entries = authorizations
    }

    /// Whether `permission` on `resource` `resourceID` is granted.
    public func allows(_ permission: String, on resource: AuthorizationResource, _ resourceID: String) -> Bool {
        decide(permission, resource) { $0 == "*" || $0 == resourceID } ?? false
    }

    /// Which resources of `resource` the caller holds `permission` on: every one but some, or
    /// only some.
    public func scope(of permission: String, on resource: AuthorizationResource) -> ResourceScope {
        let named = Set(entries.filter { $0.resourceType == resource.rawValue && $0.resourceID != "*" }.map(\.resourceID))
        let wildcard = decide(permission, resource) { $0 == "*" } ?? false
        let decided = named.filter { id in allows(permission, on: resource, id) != wildcard }
        return wildcard ? .allExcept(decided) : .only(decided)
    }

    /// The first level (user, groups, everyone) that decides; nil when none does.
    private func decide(_ permission: String, _ resource: AuthorizationResource, matching: (String) -> Bool) -> Bool? {
        let relevant = entries.filter { $0.resourceType == resource.rawValue && matching($0.resourceID) && $0.covers(permission) }
        let levels: [(AuthorizationRecord) -> Bool] = [
            { $0.kind != .global && $0.userID == userID },
            { $0.groupID.map(groups.contains) ?? false },
            { $0.kind == .global },
        ]
        for level in levels {
            let here = relevant.filter(level)
            if here.contains(where: { $0.kind == .revoke }) { return false }
            if !here.isEmpty { return true }
        }
        return nil
    }
}

/// A set of resource ids, as a query condition.
public enum ResourceScope: Hashable, Sendable {
    case only(Set<String>)
    case allExcept(Set<String>)

    public static let all = ResourceScope.allExcept([])

    public func contains(_ id: String) -> Bool {
        switch self {
        case .only(let ids): ids.contains(id)
        case .allExcept(let ids): !ids.contains(id)
        }
    }

    public var isAll: Bool { self == .all }

    /// The ids in both scopes.
    public func intersection(_ other: ResourceScope) -> ResourceScope {
        switch (self, other) {
        case (.only(let a), .only(let b)): .only(a.intersection(b))
        case (.only(let a), .allExcept(let b)), (.allExcept(let b), .only(let a)): .only(a.subtracting(b))
        case (.allExcept(let a), .allExcept(let b)): .allExcept(a.union(b))
        }
    }
}

/// A query that authorization can narrow to the process definitions a caller may see, and widen
/// by the single process instances they are granted (Camunda's ProcessInstance resource); and
/// that tenants narrow, both those asked for (`tenantIdIn`, `withoutTenantId`) and those the
/// caller belongs to.
public protocol DefinitionScoped {
    /// The process definitions (by id) whose rows may be listed.
    var definitions: ResourceScope { get set }
    /// Process instances (by id) whose rows may be listed whatever their definition.
    var grantedInstances: ResourceScope { get set }
    /// The tenants whose rows may be listed; no grant reaches past them.
    var tenants: TenantFilter { get set }
}

extension DefinitionScoped {
    /// Whether a row of instance `instance` of definition `definition`, in tenant `tenant`, may be
    /// listed. The running request's tenant check applies too, as PostgreSQL's row-level security
    /// applies it to the same query there.
    public func admits(definition: String, instance: String, tenant: String?) -> Bool {
        tenants.admits(tenant) && TenantCheck.filter.admits(tenant) && (definitions.contains(definition) || grantedInstances.contains(instance))
    }
}

extension ProcessInstanceQuery: DefinitionScoped {}
extension TaskQuery: DefinitionScoped {}
extension JobQuery: DefinitionScoped {}
extension VariableInstanceQuery: DefinitionScoped {}
extension EventSubscriptionQuery: DefinitionScoped {}
extension IncidentQuery: DefinitionScoped {}
extension HistoricActivityInstanceQuery: DefinitionScoped {}
extension HistoricTaskInstanceQuery: DefinitionScoped {}
extension HistoricVariableInstanceQuery: DefinitionScoped {}
