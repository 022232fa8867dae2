import BatonModel

/// The rest of Camunda's job and external-task filters (`/job`, `/external-task`). `nil` (or
/// false) filters nothing.
public struct JobFilters: Hashable, Sendable {
    /// A time comparison of Camunda's `dueDates` and `createTimes` (`gt_…`, `lt_…`).
    public struct TimeCondition: Hashable, Sendable {
        public var after: Bool
        public var time: Timestamp

        public init(after: Bool, time: Timestamp) {
            self.after = after
            self.time = time
        }

        func holds(_ value: Timestamp?) -> Bool { value.map { after ? $0 > time : $0 < time } ?? false }
    }

    public var ids: [String]?
    public var processInstanceIDs: [String]?
    public var activityIDs: [String]?
    public var processDefinitionIDs: [String]?
    public var processDefinitionKeys: [String]?
    public var workerID: String?
    /// Locked (or not) at this moment: a lock counts until it expires.
    public var lockedAt: Timestamp?
    public var notLockedAt: Timestamp?
    public var lockExpirationAfter: Timestamp?
    public var lockExpirationBefore: Timestamp?
    /// Only jobs whose last run failed, with this message if given.
    public var withException = false
    public var exceptionMessage: String?
    public var dueDates: [TimeCondition] = []
    public var createTimes: [TimeCondition] = []
    /// Conditions on the variables of the job's process instance (its own scope); answered by
    /// the store, which holds the variables.
    public var processVariables: [VariableCondition] = []
    public var matchesNothing = false

    public init() {}

    public func matches(_ job: JobInfo) -> Bool {
        if matchesNothing { return false }
        if let ids, !ids.contains(job.id) { return false }
        if let processInstanceIDs, !processInstanceIDs.contains(job.processInstanceID) { return false }
        if let activityIDs, !activityIDs.contains(job.activityID) { return false }
        if let processDefinitionIDs, !processDefinitionIDs.contains(job.processDefinitionID) { return false }
        if let processDefinitionKeys, !processDefinitionKeys.contains(processKey(ofDefinition: job.processDefinitionID)) { return false }
        if let workerID, job.lock?.workerID != workerID { return false }
        if let lockedAt, !(job.lock.map { $0.expiresAt > lockedAt } ?? false) { return false }
        if let notLockedAt, job.lock.map({ $0.expiresAt > notLockedAt }) ?? false { return false }
        if let after = lockExpirationAfter, !(job.lock.map { $0.expiresAt > after } ?? false) { return false }
        if let before = lockExpirationBefore, !(job.lock.map { $0.expiresAt < before } ?? false) { return false }
        if withException, job.errorMessage == nil { return false }
        if let exceptionMessage, job.errorMessage != exceptionMessage { return false }
        if !dueDates.allSatisfy({ $0.holds(job.dueAt) }) { return false }
        if !createTimes.allSatisfy({ $0.holds(job.createTime) }) { return false }
        return true
    }
}
