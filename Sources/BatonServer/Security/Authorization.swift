import BatonEngine

/// What an authenticated caller may do. Without credentials configured (no identity) everything
/// is allowed; members of the admin group may do everything; others work on a task only as its
/// assignee or one of its candidates (user or group), and leave deployments, cancellation and
/// process variables to admins.
enum Authorization {
    static func mayWork(on task: TaskInfo, _ identity: Identity?) -> Bool {
        taskVisibility(identity)?.allows(task) ?? true
    }

    /// The tasks a caller may see, as a query condition; nil when they may see all.
    static func taskVisibility(_ identity: Identity?) -> TaskVisibility? {
        guard let identity, !identity.isAdmin else { return nil }
        return TaskVisibility(userID: identity.userID, groups: identity.groups)
    }

    static func requireWork(on task: TaskInfo, _ identity: Identity?) throws {
        guard mayWork(on: task, identity) else {
            throw RestError.forbidden(
                "User '\(identity?.userID ?? "")' may not work on task '\(task.id)': only its assignee, its candidate users and groups, and the admin group may.")
        }
    }

    static func requireAdmin(_ identity: Identity?, to action: String) throws {
        guard let identity, !identity.isAdmin else { return }
        throw RestError.forbidden("User '\(identity.userID)' may not \(action): that is for members of the admin group.")
    }

    /// A non-admin acts only as themselves (claiming for someone else is an admin's job).
    static func requireSelf(_ userID: String?, _ identity: Identity?) throws {
        guard let identity, !identity.isAdmin, let userID, userID != identity.userID else { return }
        throw RestError.forbidden("User '\(identity.userID)' may not act for user '\(userID)'.")
    }
}
