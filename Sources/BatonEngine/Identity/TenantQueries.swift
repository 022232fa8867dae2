/// A tenant of Camunda's identity service: users belong to it directly or through their groups.
public struct TenantRecord: Hashable, Sendable {
    public var id: String
    public var name: String?

    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// Which tenants to list (Camunda's `/tenant` filters).
public struct TenantQuery: Hashable, Sendable {
    public enum SortKey: String, CaseIterable, Hashable, Sendable { case id, name }

    public var id: String?
    public var name: String?
    public var nameLike: String?
    /// Tenants this user belongs to directly (or, with ``includingGroupsOfUser``, also through
    /// one of their groups).
    public var userMember: String?
    public var includingGroupsOfUser = false
    /// Tenants this group belongs to.
    public var groupMember: String?
    /// The tenants the caller may read (those `READ` on Tenant grants, and their own).
    public var visible: ResourceScope = .all
    public var sorting: [Sorting<SortKey>] = []

    public init() {}

    /// `userGroups`: the groups of ``userMember``, when groups count.
    public func matches(_ tenant: TenantRow, userGroups: Set<String> = []) -> Bool {
        let record = tenant.record
        guard visible.contains(record.id), id.map({ $0 == record.id }) ?? true, UserQuery.text(record.name, name, nameLike) else { return false }
        if let user = userMember, !tenant.users.contains(user), !(includingGroupsOfUser && !tenant.groups.isDisjoint(with: userGroups)) { return false }
        if let group = groupMember, !tenant.groups.contains(group) { return false }
        return true
    }
}

/// A tenant as the memory store matches it: the record, its users and its groups.
public struct TenantRow: QueryRow {
    public var record: TenantRecord
    public var users: Set<String>
    public var groups: Set<String>

    public init(record: TenantRecord, users: Set<String>, groups: Set<String>) {
        self.record = record
        self.users = users
        self.groups = groups
    }

    public var tieBreaker: [SortValue] { [.text(record.id)] }

    public func sortValue(_ key: TenantQuery.SortKey) -> SortValue {
        switch key {
        case .id: .text(record.id)
        case .name: .text(record.name)
        }
    }
}
