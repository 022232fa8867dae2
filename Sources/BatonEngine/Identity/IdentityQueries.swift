/// Which users to list (Camunda's `/user` filters). Text filters match exactly, `…Like` with `%`.
public struct UserQuery: ListQuery {
    public enum SortKey: String, CaseIterable, Hashable, Sendable { case userId, firstName, lastName, email }

    public var id: String?
    public var ids: [String]?
    public var firstName: String?
    public var firstNameLike: String?
    public var lastName: String?
    public var lastNameLike: String?
    public var email: String?
    public var emailLike: String?
    public var memberOfGroup: String?
    /// Users who belong to this tenant themselves (not through a group), as Camunda's filter reads it.
    public var memberOfTenant: String?
    /// Users a process definition names as candidate starters: by id, or through a group
    /// (Camunda's `potentialStarter`, from `camunda:candidateStarterUsers` and `…Groups`).
    public var potentialStarter: (users: [String], groups: [String])?
    /// The users the caller may read (their own, and those `READ` on User grants).
    public var visible: ResourceScope = .all
    public var sorting: [Sorting<SortKey>] = []

    public init() {}

    public func matches(_ user: UserRow) -> Bool {
        let record = user.record
        return visible.contains(record.id) && (id.map { $0 == record.id } ?? true) && (ids.map { $0.contains(record.id) } ?? true)
            && Self.text(record.firstName, firstName, firstNameLike) && Self.text(record.lastName, lastName, lastNameLike)
            && Self.text(record.email, email, emailLike) && (memberOfGroup.map { user.groups.contains($0) } ?? true)
            && (memberOfTenant.map { user.tenants.contains($0) } ?? true)
            && (potentialStarter.map { $0.users.contains(record.id) || !user.groups.isDisjoint(with: $0.groups) } ?? true)
    }

    static func text(_ value: String?, _ equal: String?, _ like: String?) -> Bool {
        if let equal, value != equal { return false }
        if let like { return value.map { likeMatches($0, like) } ?? false }
        return true
    }
}

/// A user as the memory store matches it: the record, the groups and the tenants it belongs to.
public struct UserRow: QueryRow {
    public var record: UserRecord
    public var groups: Set<String>
    public var tenants: Set<String>

    public init(record: UserRecord, groups: Set<String>, tenants: Set<String> = []) {
        self.record = record
        self.groups = groups
        self.tenants = tenants
    }

    public var tieBreaker: [SortValue] { [.text(record.id)] }

    public func sortValue(_ key: UserQuery.SortKey) -> SortValue {
        switch key {
        case .userId: .text(record.id)
        case .firstName: .text(record.firstName)
        case .lastName: .text(record.lastName)
        case .email: .text(record.email)
        }
    }
}

/// Which groups to list (Camunda's `/group` filters).
public struct GroupQuery: ListQuery, Hashable {
    public enum SortKey: String, CaseIterable, Hashable, Sendable { case id, name, type }

    public var id: String?
    public var ids: [String]?
    public var name: String?
    public var nameLike: String?
    public var type: String?
    /// Groups user `member` belongs to.
    public var member: String?
    /// Groups that belong to this tenant.
    public var memberOfTenant: String?
    /// The groups the caller may read (their own, and those `READ` on Group grants).
    public var visible: ResourceScope = .all
    public var sorting: [Sorting<SortKey>] = []

    public init() {}

    public func matches(_ group: GroupRow) -> Bool {
        let record = group.record
        return visible.contains(record.id) && (id.map { $0 == record.id } ?? true) && (ids.map { $0.contains(record.id) } ?? true)
            && UserQuery.text(record.name, name, nameLike) && (type.map { $0 == record.type } ?? true)
            && (member.map { group.members.contains($0) } ?? true) && (memberOfTenant.map { group.tenants.contains($0) } ?? true)
    }
}

/// A group as the memory store matches it: the record, its members and its tenants.
public struct GroupRow: QueryRow {
    public var record: GroupRecord
    public var members: Set<String>
    public var tenants: Set<String>

    public init(record: GroupRecord, members: Set<String>, tenants: Set<String> = []) {
        self.record = record
        self.members = members
        self.tenants = tenants
    }

    public var tieBreaker: [SortValue] { [.text(record.id)] }

    public func sortValue(_ key: GroupQuery.SortKey) -> SortValue {
        switch key {
        case .id: .text(record.id)
        case .name: .text(record.name)
        case .type: .text(record.type)
        }
    }
}
