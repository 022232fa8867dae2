import BatonEngine
import BatonModel

extension SQLSelect {
    /// ``ProcessInstanceFilters`` over an instance source whose id is `instance` (qualified, as
    /// the subqueries over incidents and activity instances have ids of their own). The history
    /// rows are looked up in their instance's partition, as ``historyOf(instance:)`` does.
    mutating func apply(_ filters: ProcessInstanceFilters, instance: String) {
        if filters.matchesNothing { return require("false") }
        if let excluded = filters.idsExcluded { require("NOT \(instance) = ANY(\(bind(excluded)))") }
        within("definition_id", filters.processDefinitionIDs)
        within("process_key", filters.processDefinitionKeys)
        if let excluded = filters.processDefinitionKeysExcluded { require("NOT process_key = ANY(\(bind(excluded)))") }
        within("business_key", filters.businessKeys)
        like("business_key", filters.businessKeyLike)
        if filters.rootsOnly { require("parent_instance_id IS NULL") }
        if filters.leavesOnly {
            require("NOT EXISTS (SELECT 1 FROM process_instances c WHERE c.parent_instance_id = \(instance))")
            require("NOT EXISTS (SELECT 1 FROM history_process_instances c WHERE c.parent_instance_id = \(instance))")
        }
        if let sub = filters.callerOf {
            let placeholder = bind(sub)
            require(
                "\(instance) = (SELECT parent_instance_id FROM process_instances WHERE id = \(placeholder) UNION ALL SELECT parent_instance_id FROM history_process_instances WHERE id = \(placeholder) LIMIT 1)")
        }
        range("ended_at", after: filters.finishedAfter, before: filters.finishedBefore)
        if let states = filters.states { within("status", states.map(\.rawValue).sorted()) }
        let partition = Self.removalTime(ofInstance: instance)
        if let incidents = filters.incidents {
            var conditions = ["n.instance_id = \(instance)", "n.\(partition)"]
            if let open = incidents.open { conditions.append(open ? "n.resolved_at IS NULL" : "n.resolved_at IS NOT NULL") }
            if let ids = incidents.ids { conditions.append("n.id = ANY(\(bind(ids)))") }
            if let type = incidents.type { conditions.append("n.kind = \(bind(type))") }
            if let message = incidents.message { conditions.append("n.message = \(bind(message))") }
            if let pattern = incidents.messageLike { conditions.append("n.message LIKE \(bind(Self.escapedLike(pattern)))") }
            require("EXISTS (SELECT 1 FROM history_incidents n WHERE \(conditions.joined(separator: " AND ")))")
        }
        if let ids = filters.activeActivityIDs {
            require(
                "EXISTS (SELECT 1 FROM history_activity_instances a WHERE a.instance_id = \(instance) AND a.\(partition) AND a.end_time IS NULL AND a.activity_id = ANY(\(bind(ids))))")
        }
        if let ids = filters.executedActivityIDs {
            require(
                "EXISTS (SELECT 1 FROM history_activity_instances a WHERE a.instance_id = \(instance) AND a.\(partition) AND a.activity_id = ANY(\(bind(ids))))")
        }
    }
}
