/// Which tenants' rows a query or a command may reach: Camunda's `tenantIdIn` and
/// `withoutTenantId` (and `include…WithoutTenantId`), or a caller's tenant memberships.
public struct TenantFilter: Hashable, Sendable {
    /// These tenants' rows; nil: any tenant's.
    public var tenantIDs: Set<String>?
    /// Rows of no tenant (shared definitions and what derives from them).
    public var withoutTenant: Bool

    public init(tenantIDs: Set<String>?, withoutTenant: Bool) {
        self.tenantIDs = tenantIDs
        self.withoutTenant = withoutTenant
    }

    /// Every row, of any tenant or none.
    public static let any = TenantFilter(tenantIDs: nil, withoutTenant: true)
    /// Only the rows of no tenant.
    public static let none = TenantFilter(tenantIDs: [], withoutTenant: true)

    /// Camunda's tenant check: a caller sees the rows of their tenants and those of no tenant.
    public static func member(of tenants: some Sequence<String>) -> TenantFilter {
        TenantFilter(tenantIDs: Set(tenants), withoutTenant: true)
    }

    public var isAny: Bool { tenantIDs == nil && withoutTenant }

    public func admits(_ tenantID: String?) -> Bool {
        guard let tenantID else { return withoutTenant }
        return tenantIDs?.contains(tenantID) ?? true
    }

    /// What both filters let through.
    public func intersection(_ other: TenantFilter) -> TenantFilter {
        let ids: Set<String>? = switch (tenantIDs, other.tenantIDs) {
        case (nil, let some), (let some, nil): some
        case (let a?, let b?): a.intersection(b)
        }
        return TenantFilter(tenantIDs: ids, withoutTenant: withoutTenant && other.withoutTenant)
    }
}

/// The tenants the caller of the running request belongs to, when Camunda's tenant check applies
/// to them (an authenticated user outside the admin group): they reach only their tenants' rows
/// and those of no tenant. Task-local, as ``AuthenticatedUser`` is; nil (the job worker, an
/// administrator, a server without authentication) checks nothing. The PostgreSQL store runs a
/// checked caller's queries and commands under row-level security, so a statement that forgets
/// the filter still reaches nothing of another tenant; the memory store checks each row it scans.
public enum TenantCheck {
    @TaskLocal public static var tenantIDs: Set<String>?

    /// The filter the check amounts to (``TenantFilter/any`` when nothing is checked).
    public static var filter: TenantFilter { tenantIDs.map(TenantFilter.member) ?? .any }
}
