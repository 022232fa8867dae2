import BatonCore
import BatonModel

/// The rest of Camunda's instance filters (`/process-instance`, `/history/process-instance`):
/// lists and patterns over an instance's own columns, its end, its state, and what its incidents
/// and activity instances hold. `nil` (or false) filters nothing.
public struct ProcessInstanceFilters: Hashable, Sendable {
    public var idsExcluded: [String]?
    /// Definition ids a deployment id or a definition name stand for.
    public var processDefinitionIDs: [String]?
    public var processDefinitionKeys: [String]?
    public var processDefinitionKeysExcluded: [String]?
    public var businessKeys: [String]?
    public var businessKeyLike: String?
    /// Only instances no other instance called.
    public var rootsOnly = false
    /// Only instances that call no other instance.
    public var leavesOnly = false
    /// Only the instance that called this one (Camunda's `subProcessInstance`).
    public var callerOf: String?
    /// Only instances whose call hierarchy this instance tops (itself included).
    public var rootInstanceID: String?
    /// Only instances this user started (Camunda's `startedBy`).
    public var startedBy: String?
    /// Only instances waiting for a message or signal of this name.
    public var messageSubscriptionName: String?
    public var signalSubscriptionName: String?
    /// Only instances with a job (not an external task, as in Camunda) that failed and has
    /// retries left.
    public var withJobsRetrying = false
    /// Only instances with an activity instance that started or ended in this window (either
    /// bound may be open), as Camunda's `executedActivityAfter`/`Before` read it.
    public var executedActivityAfter: Timestamp?
    public var executedActivityBefore: Timestamp?
    /// Only instances that ran a job (it succeeded or failed) in this window.
    public var executedJobAfter: Timestamp?
    public var executedJobBefore: Timestamp?
    public var finishedBefore: Timestamp?
    public var finishedAfter: Timestamp?
    /// Only instances in one of these states.
    public var states: Set<ProcessInstanceInfo.State>?
    public var incidents: IncidentFilter?
    /// Instances with a running activity instance of one of these activities.
    public var activeActivityIDs: [String]?
    /// Instances with an activity instance, running or ended, of one of these activities.
    public var executedActivityIDs: [String]?
    /// A filter no instance of Baton's can meet (a tenant, a case instance).
    public var matchesNothing = false

    /// Which incidents an instance must have one of.
    public struct IncidentFilter: Hashable, Sendable {
        /// true: open ones only; false: resolved ones only; nil: either.
        public var open: Bool?
        public var ids: [String]?
        public var type: String?
        public var message: String?
        public var messageLike: String?

        public init(open: Bool? = nil) { self.open = open }

        public func matches(_ incident: HistoricIncident) -> Bool {
            if let open, (incident.resolvedAt == nil) != open { return false }
            if let ids, !ids.contains(incident.id) { return false }
            if let type, incident.kind != type { return false }
            if let message, incident.message != message { return false }
            if let messageLike, !likeMatches(incident.message, messageLike) { return false }
            return true
        }
    }

    public init() {}

    /// The filters on the instance's own row.
    public func matches(_ instance: ProcessInstanceInfo) -> Bool {
        if matchesNothing { return false }
        if let idsExcluded, idsExcluded.contains(instance.id) { return false }
        if let processDefinitionIDs, !processDefinitionIDs.contains(instance.definitionID) { return false }
        if let processDefinitionKeys, !processDefinitionKeys.contains(instance.processKey) { return false }
        if let processDefinitionKeysExcluded, processDefinitionKeysExcluded.contains(instance.processKey) { return false }
        if let businessKeys, !(instance.businessKey.map(businessKeys.contains) ?? false) { return false }
        if let businessKeyLike, !(instance.businessKey.map { likeMatches($0, businessKeyLike) } ?? false) { return false }
        if rootsOnly, instance.superInstanceID != nil { return false }
        if let rootInstanceID, instance.rootInstanceID != rootInstanceID { return false }
        if let startedBy, instance.startUserID != startedBy { return false }
        if let finishedBefore, !(instance.endedAt.map { $0 < finishedBefore } ?? false) { return false }
        if let finishedAfter, !(instance.endedAt.map { $0 > finishedAfter } ?? false) { return false }
        if let states, !states.contains(instance.state) { return false }
        return true
    }

    /// The filters on what the instance holds: its incidents, activity instances, jobs,
    /// subscriptions and events, whether it called another instance, and (`callerOfSubInstance`) the instance that
    /// called ``callerOf``.
    public func matches(
        _ instance: ProcessInstanceInfo, incidents: [HistoricIncident], activities: [HistoricActivityInstance], jobs: [JobRecord],
        subscriptions: [SubscriptionRecord], events: [RecordedEvent], callerOfSubInstance: String?, callsAny: Bool
    ) -> Bool {
        if let filter = self.incidents, !incidents.contains(where: filter.matches) { return false }
        if let ids = activeActivityIDs, !activities.contains(where: { $0.endTime == nil && ids.contains($0.activityID) }) { return false }
        if let ids = executedActivityIDs, !activities.contains(where: { ids.contains($0.activityID) }) { return false }
        if executedActivityAfter != nil || executedActivityBefore != nil {
            let executed = activities.contains { activity in
                let times = [activity.startTime] + (activity.endTime.map { [$0] } ?? [])
                return executedActivityAfter.map { after in times.contains { $0 >= after } } ?? true
                    && executedActivityBefore.map { before in times.contains { $0 <= before } } ?? true
            }
            if !executed { return false }
        }
        if executedJobAfter != nil || executedJobBefore != nil {
            let ran = events.contains { recorded in
                guard executedJobAfter.map({ recorded.at >= $0 }) ?? true, executedJobBefore.map({ recorded.at <= $0 }) ?? true else { return false }
                switch recorded.event {
                case .jobCompleted, .jobFailed: return true
                default: return false
                }
            }
            if !ran { return false }
        }
        if let name = messageSubscriptionName, !subscriptions.contains(where: { $0.kind == .message && $0.eventName == name }) { return false }
        if let name = signalSubscriptionName, !subscriptions.contains(where: { $0.kind == .signal && $0.eventName == name }) { return false }
        if withJobsRetrying, !jobs.contains(where: { job in
            if case .external = job.kind { return false }
            return job.lastError != nil && job.retries > 0
        }) {
            return false
        }
        if leavesOnly, callsAny { return false }
        if callerOf != nil, callerOfSubInstance != instance.id { return false }
        return true
    }
}
