import BatonModel

/// Swift code bound by name to execution and task listeners (`delegateExpression="${name}"` or
/// `class="name"`), run inside the command whose event it listens to, as Camunda runs listeners.
///
/// A listener runs inside the pure executor, so it must decide from what the invocation tells it
/// alone: no clock, no randomness, no I/O. (The same command decided twice must give the same
/// events; work that talks to the world belongs in a service task.) Throwing fails the command:
/// nothing it did is kept, and a job that ran it retries or raises an incident.
public protocol ListenerHandler: Sendable {
    func notify(_ invocation: ListenerInvocation) throws
}

/// What a listener is told, and what it may change: variables, and a task's assignee and candidates.
public struct ListenerInvocation {
    /// `start`, `end`, `take`; or `create`, `assignment`, `update`, `complete`, `delete`, `timeout`.
    public let eventName: String
    public let processInstanceID: String
    public let businessKey: String?
    public let processDefinitionID: String
    /// The element the event happened at (the flow's source for `take`; the start or end event
    /// for the process's own listeners).
    public let activityID: String?
    /// The flow being taken, for `take`.
    public let transitionID: String?
    /// The user task, for task listeners.
    public let task: UserTaskRecord?
    let scope: ExpressionScope

    /// The value of a variable visible from the element, including what this listener set.
    public func variable(_ name: String) -> VariableValue? { scope.variable(named: name) }

    /// Every variable visible from the element, inner scopes shadowing outer ones.
    public var variables: [String: VariableValue] {
        var result = scope.state.visibleVariables(from: scope.key)
        for (name, value) in scope.writes?.pending ?? [:] { result[name] = value }
        return result
    }

    /// Sets a variable where it lives, or on the process instance when it is new (Camunda's `setVariable`).
    public func setVariable(_ name: String, _ value: VariableValue) {
        scope.writes?.record(.set(name: name, value: value, local: false))
    }

    /// Sets a variable on the element itself.
    public func setVariableLocal(_ name: String, _ value: VariableValue) {
        scope.writes?.record(.set(name: name, value: value, local: true))
    }

    public func removeVariable(_ name: String) {
        scope.writes?.record(.remove(name: name, local: false))
    }

    /// Assigns the task (task listeners on `create`, `assignment`, `update` and `timeout`).
    public func setAssignee(_ userID: String?) {
        scope.writes?.record(.assignee(userID))
    }

    /// Offers the task to more users and groups.
    public func addCandidates(users: [String] = [], groups: [String] = []) {
        scope.writes?.record(.candidates(users: users, groups: groups))
    }
}
