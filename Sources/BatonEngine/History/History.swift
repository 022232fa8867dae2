import BatonCore
import BatonModel

/// History as the query side keeps it: activity, task and variable instances and incidents,
/// each a read-model row written with the command that produced it.
extension Runtime {
    public func activityHistory(_ query: HistoricActivityInstanceQuery, page: Page = .all) async throws -> [HistoricActivityInstance] {
        try await store.list(query, page: page)
    }

    public func count(_ query: HistoricActivityInstanceQuery) async throws -> Int { try await store.count(query) }

    /// One instance's activity instances in the order they started.
    public func activityHistory(of instanceID: String) async throws -> [HistoricActivityInstance] {
        try await activityHistory(HistoricActivityInstanceQuery(processInstanceID: instanceID))
    }

    public func taskHistory(_ query: HistoricTaskInstanceQuery, page: Page = .all) async throws -> [HistoricTaskInstance] {
        try await store.list(query, page: page)
    }

    public func count(_ query: HistoricTaskInstanceQuery) async throws -> Int { try await store.count(query) }

    public func taskHistory(of instanceID: String) async throws -> [HistoricTaskInstance] {
        try await taskHistory(HistoricTaskInstanceQuery(processInstanceID: instanceID))
    }

    /// The latest value of each variable in each scope.
    public func variableHistory(_ query: HistoricVariableInstanceQuery, page: Page = .all) async throws -> [HistoricVariableInstance] {
        try await store.list(query, page: page)
    }

    public func count(_ query: HistoricVariableInstanceQuery) async throws -> Int { try await store.count(query) }

    public func incidents(_ query: IncidentQuery, page: Page = .all) async throws -> [HistoricIncident] { try await store.list(query, page: page) }

    public func count(_ query: IncidentQuery) async throws -> Int { try await store.count(query) }

    /// Incidents of one instance, open and resolved, oldest first.
    public func incidents(of instanceID: String) async throws -> [HistoricIncident] {
        try await incidents(IncidentQuery(processInstanceID: instanceID))
    }

    public func definitionStatistics() async throws -> [DefinitionStatistics] { try await store.definitionStatistics() }
    public func analytics(_ query: AnalyticsQuery) async throws -> ProcessAnalytics { try await store.analytics(query) }
    public func activityStatistics(definitionID: String) async throws -> [ActivityStatistics] {
        try await store.activityStatistics(definitionID: definitionID)
    }

    /// Rebuilds, from their event logs, the read-model rows of instances written before the
    /// read models existed (a database upgraded by migration 003), `batchSize` instances per
    /// transaction, until none is left; returns how many. Several Baton processes may run it at
    /// once: each takes its own batch.
    @discardableResult
    public func rebuildReadModels(batchSize: Int = 200) async throws -> Int {
        var rebuilt = 0
        while true {
            let batch = try await store.transaction { transaction in
                let ids = try await transaction.instancesAwaitingReadModelRebuild(limit: max(1, batchSize))
                for id in ids {
                    guard let record = try await transaction.lockInstance(id) else { continue }
                    let process = try await executable(record.definitionID, in: transaction)
                    let events = try await transaction.history(of: id)
                    let changes = ReadModelProjection(process: process, record: record, before: InstanceState(instanceID: id)).changes(for: events)
                    try await transaction.replaceReadModel(of: record, with: changes, events: events)
                }
                return ids.count
            }
            rebuilt += batch
            if batch < batchSize { return rebuilt }
        }
    }
}
