import BatonEngine
import BatonModel

extension SQLSelect {
    /// ``HistoricTaskFilters`` over `history_task_instances`.
    mutating func apply(_ filters: HistoricTaskFilters) {
        if filters.matchesNothing { return require("false") }
        within("instance_id", filters.processInstanceIDs)
        within("process_definition_id", filters.processDefinitionIDs)
        definitionKeys(filters.processDefinitionKey.map { [$0] })
        within("activity_instance_id", filters.activityInstanceIDs)
        equal("name", filters.name)
        like("name", filters.nameLike)
        within("task_definition_key", filters.taskDefinitionKeys)
        equal("delete_reason", filters.deleteReason)
        like("delete_reason", filters.deleteReasonLike)
        like("assignee", filters.assigneeLike)
        if let priority = filters.priority { require("priority = \(bind(String(priority)))::bigint") }
        if let assigned = filters.assigned { require(assigned ? "assignee IS NOT NULL" : "assignee IS NULL") }
        if let due = filters.dueDate { require("due_at = \(bind(due.iso8601))::timestamptz") }
        range("due_at", after: filters.dueAfter, before: filters.dueBefore)
        if filters.withoutDueDate { require("due_at IS NULL") }
        range("start_time", after: filters.startedAfter, before: filters.startedBefore)
        range("end_time", after: filters.finishedAfter, before: filters.finishedBefore)
        equal("owner", filters.owner)
        like("owner", filters.ownerLike)
        equal("description", filters.description)
        like("description", filters.descriptionLike)
        if let followUp = filters.followUpDate { require("follow_up_at = \(bind(followUp.iso8601))::timestamptz") }
        range("follow_up_at", after: filters.followUpAfter, before: filters.followUpBefore)
        if let user = filters.involvedUser {
            let placeholder = bind(user)
            require("(assignee = \(placeholder) OR owner = \(placeholder) OR candidate_users @> ARRAY[\(placeholder)::text])")
        }
        // A group is involved only as a candidate: both filters ask the same of the row.
        for group in [filters.involvedGroup, filters.hadCandidateGroup].compactMap({ $0 }) { require("candidate_groups @> ARRAY[\(bind(group))::text]") }
        if let user = filters.hadCandidateUser { require("candidate_users @> ARRAY[\(bind(user))::text]") }
        if let groups = filters.withCandidateGroups { require("cardinality(candidate_groups) \(groups ? ">" : "=") 0") }
        for condition in filters.processVariables {
            require(
                "EXISTS (SELECT 1 FROM history_variables v WHERE v.instance_id = history_task_instances.instance_id AND v.activity_instance_id IS NULL AND NOT v.deleted AND \(variableCondition(condition)))")
        }
        for condition in filters.taskVariables {
            require(
                "EXISTS (SELECT 1 FROM history_variables v WHERE v.instance_id = history_task_instances.instance_id AND v.activity_instance_id = history_task_instances.activity_instance_id AND NOT v.deleted AND \(variableCondition(condition)))")
        }
        if let root = filters.rootInstanceID { require("history_task_instances.instance_id IN (\(Self.instancesUnder(root: bind(root))))") }
        // An ended instance's row has moved to history_process_instances; a running one's has not.
        if let finished = filters.processFinished {
            require("\(finished ? "" : "NOT ")EXISTS (SELECT 1 FROM history_process_instances p WHERE p.id = history_task_instances.instance_id)")
        }
    }
}
