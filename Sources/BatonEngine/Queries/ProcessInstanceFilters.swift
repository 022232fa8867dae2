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
        if let finishedBefore, !(instance.endedAt.map { $0 < finishedBefore } ?? false) { return false }
        if let finishedAfter, !(instance.endedAt.map { $0 > finishedAfter } ?? false) { return false }
        if let states, !states.contains(instance.state) { return false }
        return true
    }

    /// The filters on what the instance holds: its incidents and activity instances, whether it
    /// called another instance, and (`callerOfSubInstance`) the instance that called ``callerOf``.
    public func matches(
        _ instance: ProcessInstanceInfo, incidents: [HistoricIncident], activities: [HistoricActivityInstance], callerOfSubInstance: String?,
        callsAny: Bool
    ) -> Bool {
        if let filter = self.incidents, !incidents.contains(where: filter.matches) { return false }
        if let ids = activeActivityIDs, !activities.contains(where: { $0.endTime == nil && ids.contains($0.activityID) }) { return false }
        if let ids = executedActivityIDs, !activities.contains(where: { ids.contains($0.activityID) }) { return false }
        if leavesOnly, callsAny { return false }
        if callerOf != nil, callerOfSubInstance != instance.id { return false }
        return true
    }
}
