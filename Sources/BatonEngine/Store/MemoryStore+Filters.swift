/// The memory store's saved task filters.
extension MemoryTransaction {
    func filters() -> [FilterRecord] { data.filters.values.sorted { $0.id < $1.id } }

    func insertFilter(_ filter: FilterRecord) { set(\.filters, filter.id, filter) }

    func updateFilter(_ filter: FilterRecord) -> Bool {
        guard data.filters[filter.id] != nil else { return false }
        set(\.filters, filter.id, filter)
        return true
    }

    func deleteFilter(id: String) -> Bool {
        guard data.filters[id] != nil else { return false }
        set(\.filters, id, nil)
        return true
    }
}
