import BatonEngine
import BatonModel

/// Saved task filters (migration 028), their query and properties kept as Camunda's JSON (written
/// here, so always JSON that parses).
extension PostgresTransaction {
    func filters() async throws -> [FilterRecord] {
        try await read("SELECT id, resource_type, name, owner, query::text, properties::text FROM filters ORDER BY id").rows.map { row in
            FilterRecord(
                id: row[0]!, resourceType: row[1]!, name: row[2]!, owner: row[3], query: JSONText.parse(row[4]!) ?? .object([]),
                properties: JSONText.parse(row[5]!) ?? .object([]))
        }
    }

    func insertFilter(_ filter: FilterRecord) async throws {
        write(
            "INSERT INTO filters (id, resource_type, name, owner, query, properties) VALUES ($1, $2, $3, $4, $5::json, $6::json)",
            [filter.id, filter.resourceType, filter.name, filter.owner, JSONText.render(filter.query), JSONText.render(filter.properties)])
    }

    func updateFilter(_ filter: FilterRecord) async throws -> Bool {
        try await read(
            "UPDATE filters SET name = $2, owner = $3, query = $4::json, properties = $5::json WHERE id = $1",
            [filter.id, filter.name, filter.owner, JSONText.render(filter.query), JSONText.render(filter.properties)]
        ).affected == 1
    }

    func deleteFilter(id: String) async throws -> Bool {
        try await read("DELETE FROM filters WHERE id = $1", [id]).affected == 1
    }
}
