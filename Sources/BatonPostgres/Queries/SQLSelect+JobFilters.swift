import BatonEngine
import BatonModel

extension SQLSelect {
    /// ``JobFilters`` over `jobs`, each a condition on the row's own columns.
    mutating func apply(_ filters: JobFilters) {
        if filters.matchesNothing { return require("false") }
        within("id", filters.ids)
        within("instance_id", filters.processInstanceIDs)
        within("element_id", filters.activityIDs)
        within("process_definition_id", filters.processDefinitionIDs)
        definitionKeys(filters.processDefinitionKeys)
        equal("lock_owner", filters.workerID)
        if let now = filters.lockedAt { require("lock_expires_at > \(bind(now.iso8601))::timestamptz") }
        if let now = filters.notLockedAt { require("(lock_expires_at IS NULL OR lock_expires_at <= \(bind(now.iso8601))::timestamptz)") }
        range("lock_expires_at", after: filters.lockExpirationAfter, before: filters.lockExpirationBefore)
        if filters.withException { require("last_error IS NOT NULL") }
        equal("last_error", filters.exceptionMessage)
        for condition in filters.dueDates { require("due_at \(condition.after ? ">" : "<") \(bind(condition.time.iso8601))::timestamptz") }
        for condition in filters.processVariables {
            require(
                "EXISTS (SELECT 1 FROM variables v WHERE v.instance_id = jobs.instance_id AND v.activity_instance_id = v.instance_id AND \(variableCondition(condition)))")
        }
        for condition in filters.createTimes { require("created_at \(condition.after ? ">" : "<") \(bind(condition.time.iso8601))::timestamptz") }
    }
}
