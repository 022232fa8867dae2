import BatonCore
import BatonModel

/// A row of a runtime read model after a command: its new image, or gone.
public enum RowChange<Row: Sendable>: Sendable {
    case upsert(Row)
    case delete(id: String)
}

/// How one command changed the read models the query side answers from. Computed once per
/// command by ``ReadModelProjection`` (the one place that maps events to rows) and written by
/// the store in the same transaction as the instance's state and events, so a query never sees
/// half a command. Each row appears at most once: a task created and completed in the same
/// command is one delete, an activity started and ended in it one insert with its end.
public struct ReadModelChanges: Sendable {
    /// The instance's row after the command.
    public var instance: ProcessInstanceInfo
    /// True when the command ended the instance: its runtime rows all go.
    public var ended: Bool
    /// The instance was suspended (true) or activated (false) by this command: its instance,
    /// task and job rows all take the new value.
    public var suspension: Bool?

    public var tasks: [RowChange<TaskInfo>] = []
    public var jobs: [RowChange<JobInfo>] = []
    public var subscriptions: [RowChange<EventSubscriptionInfo>] = []
    /// Variables set (their new value), in scopes still open.
    public var variablesSet: [VariableInstanceInfo] = []
    /// Scopes (activity instance ids) whose local variables ended with them.
    public var variableScopesEnded: [String] = []
    /// Variables removed (and not set again) by this command, in scopes still open.
    public var variablesRemoved: [VariableReference] = []

    /// A variable by where it lives: its scope's activity instance id and its name.
    public struct VariableReference: Hashable, Sendable {
        public var activityInstanceID: String
        public var name: String
        /// As ``VariableInstanceInfo/id`` names it.
        public var id: String { "\(activityInstanceID):\(name)" }
    }

    /// Activity instances that started in this command (with their end, if they also ended).
    public var activitiesStarted: [HistoricActivityInstance] = []
    /// Activity instances started earlier that ended in this command.
    public var activitiesEnded: [ActivityEnd] = []
    /// The full image of every historic task this command created or changed.
    public var historicTasks: [HistoricTaskInstance] = []
    /// The tasks (by id) this command created: no row of theirs exists yet, so a store may
    /// insert them without looking for one.
    public var tasksCreated: Set<String> = []
    /// The latest value of every variable this command set.
    public var historicVariables: [HistoricVariableInstance] = []
    /// Historic variables (by id) removed from their scope in this command but set before it.
    public var historicVariablesDeleted: [String] = []
    public var incidentsRaised: [HistoricIncident] = []
    public var incidentsResolved: [IncidentResolution] = []

    public struct ActivityEnd: Hashable, Sendable {
        public var id: String
        public var elementKey: Int64
        public var endTime: Timestamp
        public var canceled: Bool
        public var completeScope: Bool
    }

    public struct IncidentResolution: Hashable, Sendable {
        public var id: String
        public var resolvedAt: Timestamp
        /// Ended by a cancellation, not resolved.
        public var deleted = false
    }
}

extension ReadModelChanges {
    /// The row of a job this command created or changed, for the command side's job row.
    public func job(_ id: String) -> JobInfo? {
        for case .upsert(let job) in jobs where job.id == id { return job }
        return nil
    }

    public func subscription(_ id: String) -> EventSubscriptionInfo? {
        for case .upsert(let subscription) in subscriptions where subscription.id == id { return subscription }
        return nil
    }
}

extension ReadModelChanges {
    /// Gives the variable and history rows the instance's tenant: what derives from an instance
    /// belongs to its definition's tenant. (The instance, task, job and subscription rows take it
    /// where the projection makes them.)
    mutating func stampTenant(_ tenantID: String?) {
        guard let tenantID else { return }
        for index in variablesSet.indices { variablesSet[index].tenantID = tenantID }
        for index in activitiesStarted.indices { activitiesStarted[index].tenantID = tenantID }
        for index in historicTasks.indices { historicTasks[index].tenantID = tenantID }
        for index in historicVariables.indices { historicVariables[index].tenantID = tenantID }
        for index in incidentsRaised.indices { incidentsRaised[index].tenantID = tenantID }
    }
}
