import BatonEngine
import BatonModel

extension SQLSelect {
    /// The id and caller of every instance, running or ended, whose `column` equals `value`: a
    /// lookup by an index of each table.
    static func instances(where column: String, is value: String) -> String {
        """
        (SELECT id, parent_instance_id FROM process_instances WHERE \(column) = \(value)
         UNION ALL SELECT id, parent_instance_id FROM history_process_instances WHERE \(column) = \(value))
        """
    }

    /// The ids of the instances whose call hierarchy `root` (a placeholder) tops, itself
    /// included; none when `root` has a caller. A caller deleted since counts as none. Each step
    /// down looks the callees up by the caller indexes (LATERAL keeps it a lookup per caller), so
    /// the cost grows with the hierarchy, not with the instances stored.
    static func instancesUnder(root: String) -> String {
        """
        WITH RECURSIVE under(id) AS (
            SELECT r.id FROM \(instances(where: "id", is: root)) r
            WHERE NOT EXISTS (SELECT 1 FROM \(instances(where: "id", is: "r.parent_instance_id")) p)
            UNION ALL
            SELECT c.id FROM under, LATERAL \(instances(where: "parent_instance_id", is: "under.id")) c)
        SELECT id FROM under
        """
    }

    /// The top of the call hierarchy of the instance whose id and caller columns are given, as
    /// an expression: itself when nothing called it, else the last caller that still exists,
    /// each step up a lookup by id.
    static func rootInstance(id: String, parent: String) -> String {
        """
        CASE WHEN \(parent) IS NULL THEN \(id) ELSE (
            WITH RECURSIVE up(id, parent_instance_id, depth) AS (
                SELECT \(id), \(parent), 0
                UNION ALL
                SELECT a.id, a.parent_instance_id, up.depth + 1 FROM up, LATERAL \(instances(where: "id", is: "up.parent_instance_id")) a)
            SELECT id FROM up ORDER BY depth DESC LIMIT 1) END
        """
    }

    /// ``ProcessInstanceFilters`` over an instance source whose id is `instance` (qualified, as
    /// the subqueries over incidents and activity instances have ids of their own). The history
    /// rows are looked up in their instance's partition, as ``historyOf(instance:)`` does.
    mutating func apply(_ filters: ProcessInstanceFilters, instance: String) {
        if filters.matchesNothing { return require("false") }
        outside(instance, filters.idsExcluded)
        within("definition_id", filters.processDefinitionIDs)
        within("process_key", filters.processDefinitionKeys)
        outside("process_key", filters.processDefinitionKeysExcluded)
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
        if let root = filters.rootInstanceID { require("\(instance) IN (\(Self.instancesUnder(root: bind(root))))") }
        equal("start_user_id", filters.startedBy)
        for (kind, name) in [("message", filters.messageSubscriptionName), ("signal", filters.signalSubscriptionName)] {
            guard let name else { continue }
            require("EXISTS (SELECT 1 FROM message_subscriptions s WHERE s.instance_id = \(instance) AND s.event_type = '\(kind)' AND s.message_name = \(bind(name)))")
        }
        if filters.withJobsRetrying {
            require("EXISTS (SELECT 1 FROM jobs j WHERE j.instance_id = \(instance) AND j.kind <> 'external' AND j.retries > 0 AND j.last_error IS NOT NULL)")
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
        if filters.executedActivityAfter != nil || filters.executedActivityBefore != nil {
            var conditions = ["a.instance_id = \(instance)", "a.\(partition)"]
            if let after = filters.executedActivityAfter {
                let bound = bind(after.iso8601)
                conditions.append("(a.start_time >= \(bound)::timestamptz OR a.end_time >= \(bound)::timestamptz)")
            }
            if let before = filters.executedActivityBefore {
                let bound = bind(before.iso8601)
                conditions.append("(a.start_time <= \(bound)::timestamptz OR a.end_time <= \(bound)::timestamptz)")
            }
            require("EXISTS (SELECT 1 FROM history_activity_instances a WHERE \(conditions.joined(separator: " AND ")))")
        }
        if filters.executedJobAfter != nil || filters.executedJobBefore != nil {
            // A job ran in a command that recorded its success or failure; the command's events
            // share its time.
            var conditions = ["e.instance_id = \(instance)", "e.\(partition)"]
            if let after = filters.executedJobAfter { conditions.append("e.at >= \(bind(after.iso8601))::timestamptz") }
            if let before = filters.executedJobBefore { conditions.append("e.at <= \(bind(before.iso8601))::timestamptz") }
            conditions.append("EXISTS (SELECT 1 FROM json_array_elements(e.events) x WHERE x->'jobCompleted' IS NOT NULL OR x->'jobFailed' IS NOT NULL)")
            require("EXISTS (SELECT 1 FROM history_events e WHERE \(conditions.joined(separator: " AND ")))")
        }
        if let ids = filters.executedActivityIDs {
            require(
                "EXISTS (SELECT 1 FROM history_activity_instances a WHERE a.instance_id = \(instance) AND a.\(partition) AND a.activity_id = ANY(\(bind(ids))))")
        }
    }
}
