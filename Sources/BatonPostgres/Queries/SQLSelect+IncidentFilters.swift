import BatonEngine
import BatonModel

extension SQLSelect {
    /// ``IncidentFilters`` over `history_incidents`.
    mutating func apply(_ filters: IncidentFilters) {
        if filters.matchesNothing { return require("false") }
        within("id", filters.ids)
        equal("message", filters.message)
        like("message", filters.messageLike)
        if let keys = filters.processDefinitionKeys { require("split_part(process_definition_id, ':', 1) = ANY(\(bind(keys)))") }
        range("created_at", after: filters.createdAfter, before: filters.createdBefore)
        range("resolved_at", after: filters.resolvedAfter, before: filters.resolvedBefore)
        within("activity_id", filters.activityIDs)
        within("job_id", filters.jobIDs)
    }
}
