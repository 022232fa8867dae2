import BatonCore
import BatonModel

/// The memory store's query side: it scans its rows (it serves tests, simulations and
/// benchmarks, not millions of instances) and answers exactly as PostgreSQL does. A query that
/// names its instances reads only theirs, as PostgreSQL's instance indexes do: a simulation or
/// benchmark asks for one instance's tasks after every command.
extension MemoryStore {
    private func scan<Row: Sendable>(_ instances: [String]?, _ rows: (MemoryInstanceRows) -> [Row]) async throws -> [Row] {
        try await snapshot { stored in (instances ?? stored.data.instanceOrder).flatMap { stored.data.rows[$0].map(rows) ?? [] } }
    }

    private func answer<Query: ListQuery & InstanceScoped>(_ query: Query, page: Page, _ rows: (MemoryInstanceRows) -> [Query.Row]) async throws
        -> [Query.Row]
    {
        query.answer(try await scan(query.instanceScope, rows), page: page)
    }

    private func total<Query: ListQuery & InstanceScoped>(_ query: Query, _ rows: (MemoryInstanceRows) -> [Query.Row]) async throws -> Int {
        try await scan(query.instanceScope, rows).count(where: query.matches)
    }

    /// Open tasks, with the task filters on variables already applied (they read the instance's
    /// variable rows, which a task's row does not hold).
    private func tasks(_ query: TaskQuery) async throws -> [TaskInfo] {
        let filters = query.filters
        let needsVariables = !filters.processVariables.isEmpty || !filters.taskVariables.isEmpty
        return try await scan(query.instanceScope) { rows in
            guard needsVariables else { return Array(rows.tasks.values) }
            var variables: [String: [String: VariableValue]] = [:]
            for variable in rows.variables.values { variables[variable.activityInstanceID, default: [:]][variable.name] = variable.value }
            return rows.tasks.values.filter { filters.matchesVariables(of: $0, variables) }
        }
    }

    public func list(_ query: TaskQuery, page: Page) async throws -> [TaskInfo] { query.answer(try await tasks(query), page: page) }
    public func count(_ query: TaskQuery) async throws -> Int { try await tasks(query).count(where: query.matches) }
    public func candidateGroupCounts(_ query: TaskQuery) async throws -> [CandidateGroupCount] {
        var counts: [String?: Int] = [:]
        for task in try await tasks(query) where query.matches(task) {
            if task.candidateGroups.isEmpty { counts[nil, default: 0] += 1 }
            for group in Set(task.candidateGroups) { counts[group, default: 0] += 1 }
        }
        return counts.map { CandidateGroupCount(group: $0.key, tasks: $0.value) }.sorted { a, b in
            switch (a.group, b.group) {
            case (let x?, let y?): Array(x.utf8).lexicographicallyPrecedes(y.utf8)
            case (nil, _): false
            case (_, nil): true
            }
        }
    }
    /// Jobs with their locks, which the memory store keeps apart from the rows.
    private func lockedJobs(_ query: JobQuery) async throws -> [JobInfo] {
        let conditions = query.filters.processVariables
        return try await snapshot { stored in
            (query.instanceScope ?? stored.data.instanceOrder).flatMap { id -> [JobInfo] in
                guard let rows = stored.data.rows[id] else { return [] }
                if !conditions.isEmpty {
                    let own = Dictionary(rows.variables.values.filter { $0.activityInstanceID == id }.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
                    guard conditions.allSatisfy({ $0.holds(in: own) }) else { return [] }
                }
                return Array(rows.jobs.values)
            }.map { job in
                var job = job
                job.lock = stored.data.jobLocks[job.id]
                return job
            }
        }
    }

    public func list(_ query: JobQuery, page: Page) async throws -> [JobInfo] { query.answer(try await lockedJobs(query), page: page) }
    public func count(_ query: JobQuery) async throws -> Int { try await lockedJobs(query).count(where: query.matches) }
    public func list(_ query: VariableInstanceQuery, page: Page) async throws -> [VariableInstanceInfo] {
        try await answer(query, page: page) { Array($0.variables.values) }
    }
    public func count(_ query: VariableInstanceQuery) async throws -> Int { try await total(query) { Array($0.variables.values) } }
    public func list(_ query: EventSubscriptionQuery, page: Page) async throws -> [EventSubscriptionInfo] {
        try await answer(query, page: page) { Array($0.subscriptions.values) }
    }
    public func count(_ query: EventSubscriptionQuery) async throws -> Int { try await total(query) { Array($0.subscriptions.values) } }
    public func list(_ query: IncidentQuery, page: Page) async throws -> [HistoricIncident] {
        try await answer(query, page: page) { Array($0.incidents.values) }
    }
    public func count(_ query: IncidentQuery) async throws -> Int { try await total(query) { Array($0.incidents.values) } }
    public func list(_ query: HistoricActivityInstanceQuery, page: Page) async throws -> [HistoricActivityInstance] {
        try await answer(query, page: page) { $0.activities }
    }
    public func count(_ query: HistoricActivityInstanceQuery) async throws -> Int { try await total(query) { $0.activities } }
    /// Task history, of ended or running instances only when the query says which.
    private func historicTasks(_ query: HistoricTaskInstanceQuery) async throws -> [HistoricTaskInstance] {
        try await snapshot { stored in
            (query.instanceScope ?? stored.data.instanceOrder).flatMap { id -> [HistoricTaskInstance] in
                if let finished = query.filters.processFinished, (stored.data.instances[id]?.state.status != .active) != finished { return [] }
                if let root = query.filters.rootInstanceID, stored.data.instances[id] == nil || stored.data.rootInstance(of: id) != root { return [] }
                guard let rows = stored.data.rows[id] else { return [] }
                let filters = query.filters
                guard !filters.processVariables.isEmpty || !filters.taskVariables.isEmpty else { return Array(rows.historicTasks.values) }
                var scopes: [String: [String: VariableValue]] = [:]
                for variable in rows.historicVariables.values where !variable.deleted {
                    scopes[variable.activityInstanceID ?? id, default: [:]][variable.name] = variable.value
                }
                return rows.historicTasks.values.filter { task in
                    filters.processVariables.allSatisfy { $0.holds(in: scopes[id] ?? [:]) }
                        && filters.taskVariables.allSatisfy { $0.holds(in: scopes[task.activityInstanceID] ?? [:]) }
                }
            }
        }
    }

    public func list(_ query: HistoricTaskInstanceQuery, page: Page) async throws -> [HistoricTaskInstance] {
        query.answer(try await historicTasks(query), page: page)
    }
    public func count(_ query: HistoricTaskInstanceQuery) async throws -> Int { try await historicTasks(query).count(where: query.matches) }
    public func list(_ query: HistoricVariableInstanceQuery, page: Page) async throws -> [HistoricVariableInstance] {
        try await answer(query, page: page) { Array($0.historicVariables.values) }
    }
    public func count(_ query: HistoricVariableInstanceQuery) async throws -> Int { try await total(query) { Array($0.historicVariables.values) } }

    private func instances(_ query: ProcessInstanceQuery) async throws -> [ProcessInstanceInfo] {
        try await snapshot { stored in
            let filters = query.filters
            let callers = filters.leavesOnly ? Set(stored.data.instances.values.compactMap { $0.state.parent?.instanceID }) : []
            let callerOfSubInstance = filters.callerOf.flatMap { stored.data.instances[$0]?.state.parent?.instanceID }
            return (query.ids ?? stored.data.instanceOrder).compactMap { id -> ProcessInstanceInfo? in
                guard let record = stored.data.instances[id] else { return nil }
                var info = ProcessInstanceInfo(record)
                info.rootInstanceID = stored.data.rootInstance(of: id)
                guard query.matches(info), query.matchesVariables(record.state.variables[nil] ?? [:]) else { return nil }
                let rows = stored.data.rows[id]
                guard filters.matches(
                    info, incidents: rows.map { Array($0.incidents.values) } ?? [], activities: rows?.activities ?? [], jobs: record.state.jobs,
                    subscriptions: record.state.subscriptions, events: stored.data.events[id] ?? [], callerOfSubInstance: callerOfSubInstance, callsAny: callers.contains(id))
                else { return nil }
                return info
            }
        }
    }

    public func list(_ query: ProcessInstanceQuery, page: Page) async throws -> [ProcessInstanceInfo] {
        page.apply(try await instances(query).sorted(by: query.sorting))
    }
    public func count(_ query: ProcessInstanceQuery) async throws -> Int { try await instances(query).count }

    public func activityStatistics(definitionID: String) async throws -> [ActivityStatistics] {
        try await snapshot { stored in
            let rows = stored.data.instanceOrder.compactMap { stored.data.rows[$0] }
            let running = rows.flatMap(\.activities).filter {
                $0.processDefinitionID == definitionID && $0.endTime == nil && $0.activityType != "multiInstanceBody"
            }
            let open = rows.flatMap { $0.incidents.values }.filter { $0.processDefinitionID == definitionID && $0.resolvedAt == nil }
            return Set(running.map(\.activityID)).union(open.map(\.activityID)).sorted().map { activity in
                let incidents = open.filter { $0.activityID == activity }
                return ActivityStatistics(
                    activityID: activity, instances: running.count { $0.activityID == activity },
                    openIncidents: Set(incidents.map(\.kind)).sorted().map { kind in
                        let ofKind = incidents.filter { $0.kind == kind }
                        return .init(kind: kind, count: ofKind.count, failedJobs: ofKind.count { $0.jobID != nil && $0.kind == "failedJob" })
                    })
            }
        }
    }

    public func definitionStatistics() async throws -> [DefinitionStatistics] {
        try await snapshot { stored in
            stored.data.definitions.sorted { ($0.key, $0.version) < ($1.key, $1.version) }.map { definition in
                let running = stored.data.instanceOrder.count { stored.data.instances[$0].map { $0.definitionID == definition.id && $0.state.status == .active } ?? false }
                let open = stored.data.instanceOrder.flatMap { stored.data.rows[$0]?.incidents.values.map { $0 } ?? [] }
                    .filter { $0.processDefinitionID == definition.id && $0.resolvedAt == nil }
                let kinds = Set(open.map(\.kind)).sorted()
                return DefinitionStatistics(
                    definitionID: definition.id, runningInstances: running,
                    openIncidents: kinds.map { kind in
                        let ofKind = open.filter { $0.kind == kind }
                        return .init(kind: kind, count: ofKind.count, failedJobs: ofKind.count { $0.jobID != nil && $0.kind == "failedJob" })
                    })
            }
        }
    }
}

/// A query whose rows all belong to the instances it names (nil: any instance).
protocol InstanceScoped {
    var instanceScope: [String]? { get }
}

extension TaskQuery: InstanceScoped { var instanceScope: [String]? { processInstanceID.map { [$0] } } }
extension JobQuery: InstanceScoped { var instanceScope: [String]? { processInstanceID.map { [$0] } } }
extension VariableInstanceQuery: InstanceScoped { var instanceScope: [String]? { processInstanceIDs } }
extension EventSubscriptionQuery: InstanceScoped { var instanceScope: [String]? { processInstanceID.map { [$0] } } }
extension IncidentQuery: InstanceScoped { var instanceScope: [String]? { processInstanceID.map { [$0] } } }
extension HistoricActivityInstanceQuery: InstanceScoped { var instanceScope: [String]? { processInstanceID.map { [$0] } } }
extension HistoricTaskInstanceQuery: InstanceScoped { var instanceScope: [String]? { processInstanceID.map { [$0] } } }
extension HistoricVariableInstanceQuery: InstanceScoped { var instanceScope: [String]? { processInstanceIDs } }
