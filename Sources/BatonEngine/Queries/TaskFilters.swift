import BatonModel

/// The rest of Camunda's task-list filters (`GET /task`): lists, patterns and ranges over the
/// columns a task row has. `nil` (or false) filters nothing. Text patterns use `%` only.
public struct TaskFilters: Hashable, Sendable {
    public var taskIDs: [String]?
    public var processInstanceIDs: [String]?
    /// Camunda's `executionId`: a task's execution is its process instance in Baton.
    public var executionID: String?
    public var activityInstanceIDs: [String]?
    public var processDefinitionIDs: [String]?
    public var processDefinitionKeys: [String]?
    public var businessKeys: [String]?
    public var businessKeyLike: String?
    public var assigneeLike: String?
    public var assignees: [String]?
    public var assigneesExcluded: [String]?
    /// Only tasks someone holds.
    public var assigned = false
    public var candidateGroupLike: String?
    /// The user is the assignee, the owner or a candidate user.
    public var involvedUser: String?
    public var taskDefinitionKeys: [String]?
    public var taskDefinitionKeysExcluded: [String]?
    public var taskDefinitionKeyLike: String?
    public var name: String?
    public var nameNotEqual: String?
    public var nameLike: String?
    public var nameNotLike: String?
    public var description: String?
    public var descriptionLike: String?
    public var priority: Int?
    public var minPriority: Int?
    public var maxPriority: Int?
    public var dueDate: Timestamp?
    public var withoutDueDate = false
    public var followUpDate: Timestamp?
    public var followUpBefore: Timestamp?
    public var followUpAfter: Timestamp?
    /// Tasks following up before this, or not at all.
    public var followUpBeforeOrNotExistent: Timestamp?
    public var createdOn: Timestamp?
    /// Tasks that changed after this, or were created after it and never changed since.
    public var updatedAfter: Timestamp?
    public var withCandidateGroups = false
    public var withoutCandidateGroups = false
    public var withCandidateUsers = false
    public var withoutCandidateUsers = false
    /// A filter Baton's tasks can never match (a parent task, a case instance, a tenant): the
    /// query answers nothing, as Camunda's would for tasks without them.
    public var matchesNothing = false
    /// Conditions on the variables of the task's process instance (its own scope), and on the
    /// task's local variables (its activity instance's scope); answered by the store.
    public var processVariables: [VariableCondition] = []
    public var taskVariables: [VariableCondition] = []

    /// Whether the task's variables meet ``processVariables`` and ``taskVariables``: `variables`
    /// are the instance's variables by scope (the instance's id for its own).
    public func matchesVariables(of task: TaskInfo, _ variables: [String: [String: VariableValue]]) -> Bool {
        processVariables.allSatisfy { $0.holds(in: variables[task.processInstanceID] ?? [:]) }
            && taskVariables.allSatisfy { $0.holds(in: variables[task.activityInstanceID] ?? [:]) }
    }

    public init() {}

    public func matches(_ task: TaskInfo) -> Bool {
        if matchesNothing { return false }
        guard admitted(task.id, by: taskIDs), admitted(task.processInstanceID, by: processInstanceIDs), admitted(task.activityInstanceID, by: activityInstanceIDs),
            admitted(task.processDefinitionID, by: processDefinitionIDs), admitted(task.processDefinitionKey, by: processDefinitionKeys),
            admitted(task.businessKey, by: businessKeys), admitted(task.businessKey, like: businessKeyLike), executionID.map({ $0 == task.processInstanceID }) ?? true,
            admitted(task.assignee, like: assigneeLike), admitted(task.assignee, by: assignees), admitted(task.taskDefinitionKey, by: taskDefinitionKeys),
            admitted(task.taskDefinitionKey, like: taskDefinitionKeyLike), admitted(task.name, like: nameLike), admitted(task.description, like: descriptionLike)
        else { return false }
        if let excluded = assigneesExcluded, let assignee = task.assignee, excluded.contains(assignee) { return false }
        if assigned, task.assignee == nil { return false }
        if let pattern = candidateGroupLike, !task.candidateGroups.contains(where: { likeMatches($0, pattern) }) { return false }
        if let user = involvedUser, task.assignee != user, task.owner != user, !task.candidateUsers.contains(user) { return false }
        if let excluded = taskDefinitionKeysExcluded, excluded.contains(task.taskDefinitionKey) { return false }
        if let name, task.name != name { return false }
        if let nameNotEqual, task.name == nil || task.name == nameNotEqual { return false }
        if let nameNotLike, task.name.map({ likeMatches($0, nameNotLike) }) ?? true { return false }
        if let description, task.description != description { return false }
        if let priority, task.priority != priority { return false }
        if let minPriority, task.priority < minPriority { return false }
        if let maxPriority, task.priority > maxPriority { return false }
        if let dueDate, task.due != dueDate { return false }
        if withoutDueDate, task.due != nil { return false }
        if let followUpDate, task.followUp != followUpDate { return false }
        if let followUpBefore, !(task.followUp.map { $0 < followUpBefore } ?? false) { return false }
        if let followUpAfter, !(task.followUp.map { $0 > followUpAfter } ?? false) { return false }
        if let before = followUpBeforeOrNotExistent, let followUp = task.followUp, followUp >= before { return false }
        if let createdOn, task.created != createdOn { return false }
        if let updatedAfter, (task.lastUpdated ?? task.created) <= updatedAfter { return false }
        if withCandidateGroups, task.candidateGroups.isEmpty { return false }
        if withoutCandidateGroups, !task.candidateGroups.isEmpty { return false }
        if withCandidateUsers, task.candidateUsers.isEmpty { return false }
        if withoutCandidateUsers, !task.candidateUsers.isEmpty { return false }
        return true
    }
}
