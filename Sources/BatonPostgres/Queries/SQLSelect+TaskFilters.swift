import BatonEngine
import BatonModel

extension SQLSelect {
    /// ``TaskFilters`` over `user_tasks`, each a condition on the row's own columns.
    mutating func apply(_ filters: TaskFilters) {
        if filters.matchesNothing { return require("false") }
        within("id", filters.taskIDs)
        within("instance_id", filters.processInstanceIDs)
        equal("instance_id", filters.executionID)
        within("activity_instance_id", filters.activityInstanceIDs)
        within("process_definition_id", filters.processDefinitionIDs)
        within("process_key", filters.processDefinitionKeys)
        within("business_key", filters.businessKeys)
        like("business_key", filters.businessKeyLike)
        like("assignee", filters.assigneeLike)
        within("assignee", filters.assignees)
        if let excluded = filters.assigneesExcluded { require("(assignee IS NULL OR NOT assignee = ANY(\(bind(excluded))))") }
        if filters.assigned { require("assignee IS NOT NULL") }
        if let pattern = filters.candidateGroupLike {
            require("EXISTS (SELECT 1 FROM unnest(candidate_groups) AS g(name) WHERE g.name LIKE \(bind(Self.escapedLike(pattern))))")
        }
        if let user = filters.involvedUser {
            let placeholder = bind(user)
            require("(assignee = \(placeholder) OR owner = \(placeholder) OR candidate_users @> ARRAY[\(placeholder)::text])")
        }
        within("task_definition_key", filters.taskDefinitionKeys)
        outside("task_definition_key", filters.taskDefinitionKeysExcluded)
        like("task_definition_key", filters.taskDefinitionKeyLike)
        equal("name", filters.name)
        if let after = filters.updatedAfter { require("coalesce(last_updated, created_at) > \(bind(after.iso8601))::timestamptz") }
        if let name = filters.nameNotEqual { require("name <> \(bind(name))") }
        like("name", filters.nameLike)
        if let pattern = filters.nameNotLike { require("name NOT LIKE \(bind(Self.escapedLike(pattern)))") }
        equal("description", filters.description)
        like("description", filters.descriptionLike)
        if let priority = filters.priority { require("priority = \(bind(String(priority)))::bigint") }
        if let priority = filters.minPriority { require("priority >= \(bind(String(priority)))::bigint") }
        if let priority = filters.maxPriority { require("priority <= \(bind(String(priority)))::bigint") }
        if let due = filters.dueDate { require("due_at = \(bind(due.iso8601))::timestamptz") }
        if filters.withoutDueDate { require("due_at IS NULL") }
        if let followUp = filters.followUpDate { require("follow_up_at = \(bind(followUp.iso8601))::timestamptz") }
        range("follow_up_at", after: filters.followUpAfter, before: filters.followUpBefore)
        if let before = filters.followUpBeforeOrNotExistent { require("(follow_up_at IS NULL OR follow_up_at < \(bind(before.iso8601))::timestamptz)") }
        if let created = filters.createdOn { require("created_at = \(bind(created.iso8601))::timestamptz") }
        if filters.withCandidateGroups { require("cardinality(candidate_groups) > 0") }
        if filters.withoutCandidateGroups { require("cardinality(candidate_groups) = 0") }
        if filters.withCandidateUsers { require("cardinality(candidate_users) > 0") }
        if filters.withoutCandidateUsers { require("cardinality(candidate_users) = 0") }
        for condition in filters.processVariables {
            require(
                "EXISTS (SELECT 1 FROM variables v WHERE v.instance_id = user_tasks.instance_id AND v.activity_instance_id = v.instance_id AND \(variableCondition(condition)))")
        }
        for condition in filters.taskVariables {
            require(
                "EXISTS (SELECT 1 FROM variables v WHERE v.instance_id = user_tasks.instance_id AND v.activity_instance_id = user_tasks.activity_instance_id AND \(variableCondition(condition)))")
        }
    }
}
