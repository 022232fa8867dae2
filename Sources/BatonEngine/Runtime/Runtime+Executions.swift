import BatonModel

/// Which executions to list (`GET /execution`): each running process instance is one, and each
/// element instance in it is another (`<instance id>:<element key>`), as Camunda's execution tree
/// has one per scope and concurrent token.
public struct ExecutionQuery: Hashable, Sendable, DefinitionScoped {
    /// Camunda's sort keys for executions; an instance's own executions follow it in activation order.
    public enum SortKey: String, Hashable, Sendable, CaseIterable {
        case instanceId, definitionKey, definitionId, tenantId

        var instanceKey: ProcessInstanceInfo.SortKey {
            switch self {
            case .instanceId: .instanceId
            case .definitionKey: .definitionKey
            case .definitionId: .definitionId
            case .tenantId: .tenantId
            }
        }
    }

    /// The process definitions (by id) whose executions may be listed: authorization narrows it.
    public var definitions: ResourceScope = .all
    /// Process instances (by id) whose rows may be listed besides: grants on single instances.
    public var grantedInstances: ResourceScope = .only([])
    public var tenants: TenantFilter = .any
    public var processInstanceID: String?
    public var processDefinitionID: String?
    public var processDefinitionKey: String?
    public var businessKey: String?
    /// Only executions at this activity (so never a process instance's own).
    public var activityID: String?
    public var suspended: Bool?
    /// Conditions on the variables of the execution's process instance (Camunda's
    /// `processVariables`).
    public var processVariables: [VariableCondition] = []
    /// Conditions on the execution's own variables (Camunda's `variables`): the instance's for
    /// its own execution, an activity instance's local ones for an element's.
    public var variables: [VariableCondition] = []
    /// Filters on what a process instance waits for and its open incidents. Baton reports every
    /// subscription's and incident's execution as its process instance (`executionId`), so only
    /// an instance's own execution can match them.
    public var instanceFilters = ProcessInstanceFilters()
    public var sorting: [Sorting<SortKey>]

    public init(
        processInstanceID: String? = nil, processDefinitionID: String? = nil, processDefinitionKey: String? = nil, businessKey: String? = nil,
        activityID: String? = nil, suspended: Bool? = nil, sorting: [Sorting<SortKey>] = [Sorting(.instanceId)]
    ) {
        self.processInstanceID = processInstanceID
        self.processDefinitionID = processDefinitionID
        self.processDefinitionKey = processDefinitionKey
        self.businessKey = businessKey
        self.activityID = activityID
        self.suspended = suspended
        self.sorting = sorting
    }

    var instances: ProcessInstanceQuery {
        var query = ProcessInstanceQuery(
            lifecycle: .running, ids: processInstanceID.map { [$0] }, processDefinitionKey: processDefinitionKey,
            processDefinitionID: processDefinitionID, businessKey: businessKey, variables: processVariables, suspended: suspended,
            sorting: sorting.map { Sorting($0.key.instanceKey, ascending: $0.ascending) })
        query.definitions = definitions
        query.grantedInstances = grantedInstances
        query.tenants = tenants
        query.filters = instanceFilters
        return query
    }

    /// Whether a filter applies that only an instance's own execution can meet.
    var onlyInstanceExecutions: Bool {
        instanceFilters.messageSubscriptionName != nil || instanceFilters.signalSubscriptionName != nil || instanceFilters.incidents != nil
    }
}

/// One execution: a running process instance, or an element instance in one.
public struct ExecutionInfo: Hashable, Sendable {
    public var id: String
    public var processInstanceID: String
    /// The element it is at; nil for the process instance's own execution.
    public var activityID: String?
    public var suspended: Bool
    /// Its instance's tenant.
    public var tenantID: String?
}

extension Runtime {
    /// Executions in `page`: the matching running instances from the query side, in order, each
    /// followed by its element instances (its unfinished activity instances). Reading stops once
    /// the page is full, so a page costs what lies before and in it, never every instance.
    public func executions(_ query: ExecutionQuery, page: Page = .all) async throws -> [ExecutionInfo] {
        var result: [ExecutionInfo] = []
        var skipped = 0
        try await forEachExecution(query) { execution in
            if skipped < page.firstResult {
                skipped += 1
                return true
            }
            if let maximum = page.maxResults, result.count >= maximum { return false }
            result.append(execution)
            return page.maxResults.map { result.count < $0 } ?? true
        }
        return result
    }

    /// How many executions match. With no filter on the instances beyond their definition (a key
    /// is its versions' ids), two counts on the query side; otherwise the matching instances are walked.
    public func count(_ query: ExecutionQuery) async throws -> Int {
        // A key filter narrows the definitions, which grants on some single instances would
        // bypass: with both, the instances are walked (their query applies the key on its own).
        // A grant on every instance leaves the key the only narrowing.
        let grants = query.grantedInstances
        if query.businessKey == nil, query.suspended == nil, query.processVariables.isEmpty, query.variables.isEmpty,
            query.instanceFilters == ProcessInstanceFilters(),
            query.processDefinitionKey == nil || grants == .only([]) || grants.isAll
        {
            let instances = query.activityID == nil ? try await count(query.instances) : 0
            var activities = HistoricActivityInstanceQuery(
                processInstanceID: query.processInstanceID, processDefinitionID: query.processDefinitionID, activityID: query.activityID,
                completion: .unfinished)
            activities.definitions = query.definitions
            activities.tenants = query.tenants
            activities.grantedInstances = grants
            if let key = query.processDefinitionKey {
                let versions = ResourceScope.only(Set(try await processDefinitions(key: key).map(\.id)))
                activities.definitions = grants.isAll ? versions : activities.definitions.intersection(versions)
                activities.grantedInstances = .only([])
            }
            return instances + (try await count(activities))
        }
        var total = 0
        try await forEachExecution(query) { _ in
            total += 1
            return true
        }
        return total
    }

    /// Visits the matching executions in order until `visit` returns false.
    private func forEachExecution(_ query: ExecutionQuery, _ visit: (ExecutionInfo) -> Bool) async throws {
        let batch = 200
        var offset = 0
        while true {
            let instances = try await self.instances(query.instances, page: Page(firstResult: offset, maxResults: batch))
            for instance in instances {
                if query.activityID == nil, try await hasVariables(query.variables, instance: instance.id, scope: instance.id),
                    !visit(ExecutionInfo(id: instance.id, processInstanceID: instance.id, activityID: nil, suspended: instance.suspended, tenantID: instance.tenantID))
                {
                    return
                }
                if query.onlyInstanceExecutions { continue }
                var elements = HistoricActivityInstanceQuery(processInstanceID: instance.id, activityID: query.activityID, completion: .unfinished)
                elements.definitions = query.definitions
                elements.grantedInstances = query.grantedInstances
                elements.tenants = query.tenants
                for element in try await activityHistory(elements) {
                    guard try await hasVariables(query.variables, instance: instance.id, scope: element.id) else { continue }
                    let execution = ExecutionInfo(
                        id: element.id, processInstanceID: instance.id, activityID: element.activityID, suspended: instance.suspended,
                        tenantID: instance.tenantID)
                    if !visit(execution) { return }
                }
            }
            if instances.count < batch { return }
            offset += batch
        }
    }

    /// Whether the variables of one scope (an activity instance's id, or the instance's own)
    /// meet every condition.
    private func hasVariables(_ conditions: [VariableCondition], instance: String, scope: String) async throws -> Bool {
        guard !conditions.isEmpty else { return true }
        let local = try await variableInstances(VariableInstanceQuery(processInstanceIDs: [instance], activityInstanceIDs: [scope]))
        let values = Dictionary(local.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        return conditions.allSatisfy { $0.holds(in: values) }
    }
}
