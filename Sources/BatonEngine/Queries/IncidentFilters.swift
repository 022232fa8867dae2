import BatonModel

/// The rest of Camunda's incident filters (`/incident`, `/history/incident`). Every incident of
/// Baton's is its own cause and root cause, and its configuration is its job's id.
public struct IncidentFilters: Hashable, Sendable {
    public var ids: [String]?
    public var message: String?
    public var messageLike: String?
    public var processDefinitionKeys: [String]?
    public var createdBefore: Timestamp?
    public var createdAfter: Timestamp?
    public var resolvedBefore: Timestamp?
    public var resolvedAfter: Timestamp?
    public var activityIDs: [String]?
    public var jobIDs: [String]?
    /// true: only incidents deleted with their activity; false: none of those.
    public var deleted: Bool?
    public var matchesNothing = false

    public init() {}

    public func matches(_ incident: HistoricIncident) -> Bool {
        if matchesNothing { return false }
        if let ids, !ids.contains(incident.id) { return false }
        if let message, incident.message != message { return false }
        if let messageLike, !likeMatches(incident.message, messageLike) { return false }
        if let keys = processDefinitionKeys, !keys.contains(processKey(ofDefinition: incident.processDefinitionID)) { return false }
        if let createdBefore, incident.createdAt >= createdBefore { return false }
        if let createdAfter, incident.createdAt <= createdAfter { return false }
        if let resolvedBefore, !(incident.resolvedAt.map { $0 < resolvedBefore } ?? false) { return false }
        if let resolvedAfter, !(incident.resolvedAt.map { $0 > resolvedAfter } ?? false) { return false }
        if let activityIDs, !activityIDs.contains(incident.activityID) { return false }
        if let jobIDs, !(incident.jobID.map(jobIDs.contains) ?? false) { return false }
        if let deleted, incident.deleted != deleted { return false }
        return true
    }
}
