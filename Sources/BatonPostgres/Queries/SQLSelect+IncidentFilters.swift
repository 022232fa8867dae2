import BatonEngine
import BatonModel

extension SQLSelect {
    /// ``IncidentFilters`` over `history_incidents`.
    mutating func apply(_ filters: IncidentFilters) {
        if filters.matchesNothing { return require("false") }
        within("id", filters.ids)
        equal("message", filters.message)
        like("message", filters.messageLike)
        definitionKeys(filters.processDefinitionKeys)
        range("created_at", after: filters.createdAfter, before: filters.createdBefore)
        range("resolved_at", after: filters.resolvedAfter, before: filters.resolvedBefore)
        within("activity_id", filters.activityIDs)
        within("job_id", filters.jobIDs)
        if let deleted = filters.deleted { require(deleted ? "deleted" : "NOT deleted") }
    }
}
