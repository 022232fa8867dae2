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
}
