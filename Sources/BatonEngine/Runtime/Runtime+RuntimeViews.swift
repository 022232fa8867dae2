import BatonCore
import BatonModel

extension Runtime {
    public func eventSubscriptions(_ query: EventSubscriptionQuery = EventSubscriptionQuery(), page: Page = .all) async throws -> [EventSubscriptionInfo] {
        try await store.list(query, page: page)
    }

    public func count(_ query: EventSubscriptionQuery) async throws -> Int { try await store.count(query) }

    /// Variables of running instances, process-level and local.
    public func variableInstances(_ query: VariableInstanceQuery = VariableInstanceQuery(), page: Page = .all) async throws -> [VariableInstanceInfo] {
        try await store.list(query, page: page)
    }

    public func count(_ query: VariableInstanceQuery) async throws -> Int { try await store.count(query) }
}
