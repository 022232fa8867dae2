import BatonEngine

/// Who may see and work on which task. Without credentials configured (no identity) everyone;
/// members of the admin group on all; others on a task as its assignee or one of its candidates
/// (user or group), as Camunda's implicit task rights are, or where an authorization grants it on
/// the task's process definition (`READ_TASK` to see, `TASK_WORK` / `UPDATE_TASK` to work) or on
/// the task itself (Camunda's Task resource: `READ`, `TASK_WORK` / `UPDATE`).
enum Authorization {
    /// What only the admin group may do (everyone without credentials): `what` says it in the refusal.
    static func requireAdmin(_ identity: Identity?, to what: String) throws {
        if let identity, !identity.isAdmin {
            throw RestError.forbidden("The user with id '\(identity.userID)' may not \(what): that takes the admin group.")
        }
    }

    /// The tasks a caller may see, as a query condition; nil when they may see all.
    static func taskVisibility(_ identity: Identity?, _ access: Access) async throws -> TaskVisibility? {
        guard let identity, !identity.isAdmin else { return nil }
        return TaskVisibility(
            userID: identity.userID, groups: identity.groups, definitions: try await access.definitions("READ_TASK"),
            tasks: access.caller?.scope(of: "READ", on: .task) ?? .all)
    }

    /// Seeing a task and what it holds: whoever may work on it, and whoever `READ_TASK` on its
    /// definition or `READ` on the task lets see it.
    static func requireRead(on task: TaskInfo, _ identity: Identity?, _ access: Access) throws {
        guard let identity, !identity.isAdmin else { return }
        let key = Access.processKey(ofDefinition: task.processDefinitionID)
        if access.allows("READ_TASK", processKey: key) || access.allows("READ", onTask: task.id) { return }
        try requireWork(on: task, identity, access)
    }

    static func requireWork(on task: TaskInfo, _ identity: Identity?, _ access: Access) throws {
        guard let identity, !identity.isAdmin else { return }
        let key = Access.processKey(ofDefinition: task.processDefinitionID)
        if TaskVisibility(userID: identity.userID, groups: identity.groups).allows(task) || access.allows("TASK_WORK", processKey: key)
            || access.allows("UPDATE_TASK", processKey: key) || access.allows("TASK_WORK", onTask: task.id) || access.allows("UPDATE", onTask: task.id)
        {
            return
        }
        throw RestError.forbidden(
            "User '\(identity.userID)' may not work on task '\(task.id)': only its assignee, its candidate users and groups, the admin group, and users granted TASK_WORK on process definition '\(key)' or on the task may.")
    }

    /// Changing who a task is offered to: the admin group, or `TASK_ASSIGN` / `UPDATE_TASK` on its
    /// definition, or `TASK_ASSIGN` / `UPDATE` on the task (a candidate may work on a task, not
    /// hand it to others), as in Camunda.
    static func requireAssign(on task: TaskInfo, _ identity: Identity?, _ access: Access) throws {
        guard let identity, !identity.isAdmin else { return }
        let key = Access.processKey(ofDefinition: task.processDefinitionID)
        if access.allows("TASK_ASSIGN", processKey: key) || access.allows("UPDATE_TASK", processKey: key)
            || access.allows("TASK_ASSIGN", onTask: task.id) || access.allows("UPDATE", onTask: task.id)
        {
            return
        }
        throw RestError.forbidden(
            "User '\(identity.userID)' may not change who task '\(task.id)' is offered to: only the admin group and users granted TASK_ASSIGN or UPDATE_TASK on process definition '\(key)', or TASK_ASSIGN on the task, may.")
    }

    /// A non-admin acts only as themselves (claiming for someone else is an admin's job).
    static func requireSelf(_ userID: String?, _ identity: Identity?) throws {
        guard let identity, !identity.isAdmin, let userID, userID != identity.userID else { return }
        throw RestError.forbidden("User '\(identity.userID)' may not act for user '\(userID)'.")
    }
}
