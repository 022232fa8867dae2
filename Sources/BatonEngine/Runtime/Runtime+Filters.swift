import BatonCore
import BatonModel

/// Saved task filters (Camunda's `/filter`). What a filter's query means is the REST layer's: it
/// is Camunda's task-query JSON, checked when the filter is saved and run as `POST /task` runs it.
extension Runtime {
    public func filters() async throws -> [FilterRecord] { try await store.read { try await $0.filters() } }

    public func filter(_ id: String) async throws -> FilterRecord {
        guard let filter = try await filters().first(where: { $0.id == id }) else {
            throw EngineError(.notFound, "Filter with id \(id) does not exist.")
        }
        return filter
    }

    /// Saves a new filter under a fresh id.
    public func createFilter(name: String, owner: String?, query: JSONValue, properties: JSONValue) async throws -> FilterRecord {
        let filter = FilterRecord(id: ids.next(), name: name, owner: owner, query: query, properties: properties)
        try await store.transaction { try await $0.insertFilter(filter) }
        return filter
    }

    public func updateFilter(_ filter: FilterRecord) async throws {
        guard try await store.transaction({ try await $0.updateFilter(filter) }) else {
            throw EngineError(.notFound, "Filter with id \(filter.id) does not exist.")
        }
    }

    public func deleteFilter(_ id: String) async throws {
        guard try await store.transaction({ try await $0.deleteFilter(id: id) }) else {
            throw EngineError(.notFound, "Filter with id \(id) does not exist.")
        }
    }
}
