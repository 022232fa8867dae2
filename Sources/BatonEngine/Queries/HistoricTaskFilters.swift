import BatonModel

/// The rest of Camunda's task-history filters (`/history/task`) that a history row can answer:
/// lists, patterns, priorities, dates, deletion reasons, and whether the instance ended.
public struct HistoricTaskFilters: Hashable, Sendable {
    public var processInstanceIDs: [String]?
    public var processDefinitionIDs: [String]?
    public var processDefinitionKey: String?
    public var activityInstanceIDs: [String]?
    public var name: String?
    public var nameLike: String?
    public var taskDefinitionKeys: [String]?
    public var deleteReason: String?
    public var deleteReasonLike: String?
    public var assigneeLike: String?
    public var priority: Int?
    /// true: only tasks someone held; false: only tasks nobody did.
    public var assigned: Bool?
    public var dueDate: Timestamp?
    public var dueBefore: Timestamp?
    public var dueAfter: Timestamp?
    public var withoutDueDate = false
    public var startedBefore: Timestamp?
    public var startedAfter: Timestamp?
    public var finishedBefore: Timestamp?
    public var finishedAfter: Timestamp?
    /// Only tasks of instances that ended (true) or run (false); answered by the store.
    public var processFinished: Bool?
    /// Only tasks of instances whose call hierarchy this instance tops; answered by the store.
    public var rootInstanceID: String?
    /// Conditions on the latest values of the instance's own variables, and of the task's local
    /// ones; answered by the store, which holds the variable history.
    public var processVariables: [VariableCondition] = []
    public var taskVariables: [VariableCondition] = []
    public var owner: String?
    public var ownerLike: String?
    public var description: String?
    public var descriptionLike: String?
    public var followUpDate: Timestamp?
    public var followUpBefore: Timestamp?
    public var followUpAfter: Timestamp?
    /// The user was its assignee, its owner or one of its candidates.
    public var involvedUser: String?
    /// The group was one of its candidates.
    public var involvedGroup: String?
    public var hadCandidateUser: String?
    public var hadCandidateGroup: String?
    /// true: only tasks offered to some group; false: only tasks offered to none.
    public var withCandidateGroups: Bool?
    public var matchesNothing = false

    public init() {}

    /// The filters a row answers alone (all but ``processFinished``, ``rootInstanceID`` and the variables).
    public func matches(_ task: HistoricTaskInstance) -> Bool {
        if matchesNothing { return false }
        guard admitted(task.processInstanceID, by: processInstanceIDs), admitted(task.processDefinitionID, by: processDefinitionIDs),
            admitted(task.activityInstanceID, by: activityInstanceIDs), admitted(task.taskDefinitionKey, by: taskDefinitionKeys), admitted(task.name, like: nameLike),
            admitted(task.deleteReason, like: deleteReasonLike), admitted(task.assignee, like: assigneeLike)
        else { return false }
        if let key = processDefinitionKey, processKey(ofDefinition: task.processDefinitionID) != key { return false }
        if let name, task.name != name { return false }
        if let deleteReason, task.deleteReason != deleteReason { return false }
        if let priority, task.priority != priority { return false }
        if let assigned, (task.assignee != nil) != assigned { return false }
        if let dueDate, task.due != dueDate { return false }
        if let dueBefore, !(task.due.map { $0 < dueBefore } ?? false) { return false }
        if let dueAfter, !(task.due.map { $0 > dueAfter } ?? false) { return false }
        if withoutDueDate, task.due != nil { return false }
        if let startedBefore, task.startTime >= startedBefore { return false }
        if let startedAfter, task.startTime <= startedAfter { return false }
        if let finishedBefore, !(task.endTime.map { $0 < finishedBefore } ?? false) { return false }
        if let finishedAfter, !(task.endTime.map { $0 > finishedAfter } ?? false) { return false }
        guard admitted(task.owner, like: ownerLike), admitted(task.description, like: descriptionLike) else { return false }
        if let owner, task.owner != owner { return false }
        if let description, task.description != description { return false }
        if let followUpDate, task.followUp != followUpDate { return false }
        if let followUpBefore, !(task.followUp.map { $0 < followUpBefore } ?? false) { return false }
        if let followUpAfter, !(task.followUp.map { $0 > followUpAfter } ?? false) { return false }
        if let user = involvedUser, task.assignee != user, task.owner != user, !task.candidateUsers.contains(user) { return false }
        if let group = involvedGroup, !task.candidateGroups.contains(group) { return false }
        if let user = hadCandidateUser, !task.candidateUsers.contains(user) { return false }
        if let group = hadCandidateGroup, !task.candidateGroups.contains(group) { return false }
        if let withCandidateGroups, task.candidateGroups.isEmpty == withCandidateGroups { return false }
        return true
    }
}
