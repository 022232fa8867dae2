/// One of Camunda 7's authorizations: who (a user, a group, or everyone) is granted or refused
/// which permissions on which resource (`*` for all of its kind).
public struct AuthorizationRecord: Hashable, Sendable {
    /// Camunda's authorization types, with its numbers.
    public enum Kind: Int, Hashable, Sendable, CaseIterable {
        /// Applies to every user (`userId` is `*`).
        case global = 0
        case grant = 1
        case revoke = 2
    }

    public var id: String
    public var kind: Kind
    /// `*` for a global authorization; nil when it names a group.
    public var userID: String?
    public var groupID: String?
    /// Camunda's resource type number (see ``AuthorizationResource``).
    public var resourceType: Int
    /// The resource's id (a process definition key, a deployment id…) or `*`.
    public var resourceID: String
    /// Permission names (`READ`, `CREATE_INSTANCE`…), `ALL` for every one.
    public var permissions: [String]

    public init(id: String, kind: Kind, userID: String?, groupID: String?, resourceType: Int, resourceID: String, permissions: [String]) {
        self.id = id
        self.kind = kind
        self.userID = userID
        self.groupID = groupID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.permissions = permissions
    }

    func covers(_ permission: String) -> Bool { permissions.contains(permission) || permissions.contains("ALL") }
}

/// The resources Baton guards, with Camunda's resource type numbers and the permissions each
/// knows.
public enum AuthorizationResource: Int, Hashable, Sendable, CaseIterable {
    case user = 1
    case group = 2
    case groupMembership = 3
    case authorization = 4
    case filter = 5
    case processDefinition = 6
    case task = 7
    case processInstance = 8
    case deployment = 9
    case tenant = 11
    case tenantMembership = 12

    public var name: String {
        switch self {
        case .user: "User"
        case .group: "Group"
        case .groupMembership: "GroupMembership"
        case .authorization: "Authorization"
        case .filter: "Filter"
        case .processDefinition: "ProcessDefinition"
        case .task: "Task"
        case .processInstance: "ProcessInstance"
        case .deployment: "Deployment"
        case .tenant: "Tenant"
        case .tenantMembership: "TenantMembership"
        }
    }

    public var permissions: [String] {
        switch self {
        case .user, .group, .authorization, .deployment, .filter, .tenant: ["READ", "UPDATE", "CREATE", "DELETE"]
        case .groupMembership, .tenantMembership: ["CREATE", "DELETE"]
        case .task: ["READ", "UPDATE", "CREATE", "DELETE", "READ_VARIABLE", "UPDATE_VARIABLE", "TASK_ASSIGN", "TASK_WORK"]
        case .processInstance: ["READ", "UPDATE", "CREATE", "DELETE", "RETRY_JOB", "SUSPEND", "UPDATE_VARIABLE"]
        case .processDefinition:
            [
                "READ", "UPDATE", "DELETE", "CREATE_INSTANCE", "READ_INSTANCE", "UPDATE_INSTANCE", "DELETE_INSTANCE", "READ_TASK", "UPDATE_TASK",
                "TASK_WORK", "TASK_ASSIGN", "READ_HISTORY", "SUSPEND", "SUSPEND_INSTANCE", "MIGRATE_INSTANCE",
            ]
        }
    }
}

extension AuthorizationResource {
    /// What a process-definition permission over all of a definition's instances is on one
    /// process instance (Camunda's ProcessInstance resource): `READ_INSTANCE` is `READ` there, and
    /// so on; nil for permissions that concern the definition itself.
    public static func instancePermission(for definitionPermission: String) -> String? {
        switch definitionPermission {
        case "READ_INSTANCE": "READ"
        case "UPDATE_INSTANCE": "UPDATE"
        case "DELETE_INSTANCE": "DELETE"
        case "SUSPEND_INSTANCE": "SUSPEND"
        default: nil
        }
    }
}
