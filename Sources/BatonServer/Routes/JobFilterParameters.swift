import BatonEngine
import BatonModel

/// Camunda's further `/job` and `/external-task` parameters, read into ``JobFilters``.
extension EngineRestAPI {
    static let jobFilterParameters: Set<String> = [
        "jobIds", "jobDefinitionId", "processInstanceIds", "executionId", "processDefinitionKey", "dueDates", "createTimes", "withException",
        "exceptionMessage", "failedActivityId", "acquired", "tenantIdIn", "withoutTenantId", "includeJobsWithoutTenantId",
    ]

    static let externalTaskFilterParameters: Set<String> = [
        "externalTaskIdIn", "workerId", "locked", "notLocked", "lockExpirationAfter", "lockExpirationBefore", "activityIdIn", "executionId",
        "processInstanceIdIn", "active", "suspended", "processDefinitionKey", "processDefinitionKeyIn", "processDefinitionName",
        "processDefinitionNameLike", "tenantIdIn", "processVariables", "variableNamesIgnoreCase", "variableValuesIgnoreCase",
    ]

    /// `/job`'s further filters. A job definition is Baton's `<activity>:<kind>`; Baton's worker
    /// holds no job acquired between transactions, so `acquired=true` finds none.
    func jobFilters(_ query: QueryParameters, kinds: inout Set<JobInfo.Kind>) throws -> JobFilters {
        var filters = JobFilters()
        filters.matchesNothing = try query.bool("acquired") == true
        filters.ids = query.list("jobIds")
        filters.processInstanceIDs = query.list("processInstanceIds")
        if let execution = query.string("executionId") { filters.processInstanceIDs = (filters.processInstanceIDs ?? [execution]).filter { $0 == execution } }
        filters.processDefinitionKeys = query.string("processDefinitionKey").map { [$0] }
        if let definition = query.string("jobDefinitionId") {
            let parts = definition.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let kind = JobInfo.Kind(rawValue: String(parts[1])) else {
                throw RestError.invalid("Expected 'jobDefinitionId' to be one of Baton's job definition ids, <activity id>:<kind>, but it is '\(definition)'.")
            }
            filters.activityIDs = [String(parts[0])]
            kinds.formIntersection([kind])
        }
        filters.withException = try query.bool("withException") == true
        filters.exceptionMessage = query.string("exceptionMessage")
        if let failed = query.string("failedActivityId") {
            filters.activityIDs = (filters.activityIDs ?? [failed]).filter { $0 == failed }
            filters.withException = true
        }
        filters.dueDates = try Self.timeConditions(query, "dueDates")
        filters.createTimes = try Self.timeConditions(query, "createTimes")
        return filters
    }

    /// `/external-task`'s further filters; `locked` and `notLocked` mean at this moment.
    func externalTaskFilters(_ query: QueryParameters) async throws -> JobFilters {
        var filters = JobFilters()
        filters.ids = query.list("externalTaskIdIn")
        filters.workerID = query.string("workerId")
        let now = runtime.clock.now()
        if try query.bool("locked") == true { filters.lockedAt = now }
        if try query.bool("notLocked") == true { filters.notLockedAt = now }
        filters.lockExpirationAfter = try query.date("lockExpirationAfter")
        filters.lockExpirationBefore = try query.date("lockExpirationBefore")
        filters.activityIDs = query.list("activityIdIn")
        filters.processInstanceIDs = query.list("processInstanceIdIn")
        if let execution = query.string("executionId") { filters.processInstanceIDs = (filters.processInstanceIDs ?? [execution]).filter { $0 == execution } }
        let keys = (query.list("processDefinitionKeyIn") ?? []) + (query.string("processDefinitionKey").map { [$0] } ?? [])
        if !keys.isEmpty { filters.processDefinitionKeys = keys }
        filters.processDefinitionIDs = try await definitionIDs(query)
        filters.processVariables = try Self.variableConditions(query, "processVariables")
        return filters
    }

    /// Camunda's `gt_<date>,lt_<date>` conditions.
    static func timeConditions(_ query: QueryParameters, _ name: String) throws -> [JobFilters.TimeCondition] {
        try (query.list(name) ?? []).map { entry in
            let parts = entry.split(separator: "_", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["gt", "lt"].contains(parts[0]), let time = TypedValue.parseDate(parts[1]) else {
                throw RestError.invalid("Expected each of '\(name)' to be gt_<date> or lt_<date> (e.g. lt_2026-01-31T09:30:00.000+0000), but '\(entry)' is not.")
            }
            return JobFilters.TimeCondition(after: parts[0] == "gt", time: time)
        }
    }
}

/// Camunda's further `/incident` and `/history/incident` parameters, read into ``IncidentFilters``.
extension EngineRestAPI {
    static let incidentFilterParameters: Set<String> = [
        "incidentMessage", "incidentMessageLike", "processDefinitionKeyIn", "executionId", "incidentTimestampBefore", "incidentTimestampAfter",
        "failedActivityId", "causeIncidentId", "rootCauseIncidentId", "configuration", "jobDefinitionIdIn", "tenantIdIn",
    ]

    static let historicIncidentFilterParameters: Set<String> = [
        "incidentMessage", "incidentMessageLike", "processDefinitionKey", "processDefinitionKeyIn", "executionId", "createTimeBefore",
        "createTimeAfter", "endTimeBefore", "endTimeAfter", "failedActivityId", "causeIncidentId", "rootCauseIncidentId", "configuration",
        "historyConfiguration", "jobDefinitionIdIn", "tenantIdIn", "withoutTenantId",
    ]

    /// Both incident lists' further filters. An incident's execution is its instance, its cause
    /// and root cause itself, its configuration (and history configuration) its job's id, and a
    /// job definition Baton's `<activity>:<kind>`.
    func incidentFilters(_ query: QueryParameters, into incidents: inout IncidentQuery) throws {
        var filters = IncidentFilters()
        incidents.tenants = try query.tenants()
        filters.message = query.string("incidentMessage")
        filters.messageLike = query.string("incidentMessageLike")
        let keys = (query.list("processDefinitionKeyIn") ?? []) + (query.string("processDefinitionKey").map { [$0] } ?? [])
        if !keys.isEmpty { filters.processDefinitionKeys = keys }
        if let execution = query.string("executionId") {
            if let instance = incidents.processInstanceID, instance != execution { filters.matchesNothing = true }
            incidents.processInstanceID = execution
        }
        filters.createdBefore = try query.date("incidentTimestampBefore") ?? query.date("createTimeBefore")
        filters.createdAfter = try query.date("incidentTimestampAfter") ?? query.date("createTimeAfter")
        filters.resolvedBefore = try query.date("endTimeBefore")
        filters.resolvedAfter = try query.date("endTimeAfter")
        if let failed = query.string("failedActivityId") { filters.activityIDs = [failed] }
        let causes = [query.string("causeIncidentId"), query.string("rootCauseIncidentId")].compactMap { $0 }
        if !causes.isEmpty { filters.ids = Set(causes).count == 1 ? [causes[0]] : [] }
        let configurations = [query.string("configuration"), query.string("historyConfiguration")].compactMap { $0 }
        if !configurations.isEmpty { filters.jobIDs = Set(configurations).count == 1 ? [configurations[0]] : [] }
        if let definitions = query.list("jobDefinitionIdIn") {
            let named = try definitions.map { definition -> (activity: String, kind: JobInfo.Kind) in
                let parts = definition.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, let kind = JobInfo.Kind(rawValue: String(parts[1])) else {
                    throw RestError.invalid("Expected each of 'jobDefinitionIdIn' to be one of Baton's job definition ids, <activity id>:<kind>, but '\(definition)' is not.")
                }
                return (String(parts[0]), kind)
            }
            let activities = named.map(\.activity)
            filters.activityIDs = (filters.activityIDs ?? activities).filter(activities.contains)
            // An external task's incident is of its own type, as in Camunda.
            incidents.incidentType = incidents.incidentType ?? (named.allSatisfy { $0.kind == .external } ? "failedExternalTask" : "failedJob")
        }
        incidents.filters = filters
    }
}
