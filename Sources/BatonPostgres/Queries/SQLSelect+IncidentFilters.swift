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
        if let before = filters.createdBefore { require("created_at < \(bind(before.iso8601))::timestamptz") }
        if let after = filters.createdAfter { require("created_at > \(bind(after.iso8601))::timestamptz") }
        if let before = filters.resolvedBefore { require("resolved_at < \(bind(before.iso8601))::timestamptz") }
        if let after = filters.resolvedAfter { require("resolved_at > \(bind(after.iso8601))::timestamptz") }
        within("activity_id", filters.activityIDs)
        within("job_id", filters.jobIDs)
    }
}
