import BatonEngine
import BatonModel
import Foundation

/// One query-side statement being built: a source, its `WHERE` conditions with bound
/// parameters, and then either a page of rows in a given order or a count. Values are always
/// bound as parameters, never spliced into the text.
struct SQLSelect {
    let from: String
    private(set) var conditions: [String] = []
    private(set) var parameters: [String?] = []

    init(from: String) { self.from = from }

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: String?) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    mutating func bind(_ values: [String]) -> String { bind(SQLSelect.arrayLiteral(values)) + "::text[]" }

    mutating func bindJSON(_ value: JSONValue) -> String { bind(JSONText.render(value)) + "::jsonb" }

    mutating func require(_ condition: String) { conditions.append(condition) }

    mutating func equal(_ column: String, _ value: String?) {
        if let value { require("\(column) = \(bind(value))") }
    }

    /// History rows of one process instance. They sit in the partition of that instance's removal
    /// time, read here from its own row ('infinity' while it runs, when it has none): PostgreSQL
    /// then prunes the other partitions as the statement runs and probes one index instead of
    /// every month's, so the lookup does not grow with the months of history kept.
    mutating func historyOf(instance id: String?) {
        guard let id else { return }
        let instance = bind(id)
        require("instance_id = \(instance)")
        require(Self.removalTime(ofInstance: instance))
    }

    /// The condition that a history row lies in the partition of its instance's removal time,
    /// the instance's id being `placeholder`.
    static func removalTime(ofInstance placeholder: String) -> String {
        "removal_time = COALESCE((SELECT removal_time FROM history_process_instances WHERE id = \(placeholder) LIMIT 1), 'infinity')"
    }

    /// Milliseconds from `start` to `end`, as a whole number.
    static func durationMillis(from start: String, to end: String) -> String { "(extract(epoch from \(end) - \(start)) * 1000)::bigint" }

    /// Rows an authorization lets the caller see: of the process definitions in the query's
    /// scope, or of the single process instances it was granted; nothing when it is all. And
    /// only of the query's tenants.
    mutating func scope(_ query: some DefinitionScoped, definition definitionColumn: String = "process_definition_id", instance instanceColumn: String = "instance_id") {
        tenants(query.tenants)
        // Nothing is bound for a side that admits every row: each bound value must be used.
        if query.grantedInstances.isAll { return }
        guard let byDefinition = condition(definitionColumn, in: query.definitions) else { return }
        if query.grantedInstances == .only([]) { return require(byDefinition) }
        require("(\(byDefinition) OR \(condition(instanceColumn, in: query.grantedInstances) ?? "true"))")
    }

    /// Rows of the tenants `filter` admits, by their `tenant_id`.
    mutating func tenants(_ filter: TenantFilter, column: String = "tenant_id") {
        guard !filter.isAny else { return }
        var ways: [String] = []
        if let ids = filter.tenantIDs {
            if !ids.isEmpty { ways.append("\(column) = ANY(\(bind(ids.sorted())))") }
        } else {
            ways.append("\(column) IS NOT NULL")
        }
        if filter.withoutTenant { ways.append("\(column) IS NULL") }
        require(ways.isEmpty ? "false" : "(" + ways.joined(separator: " OR ") + ")")
    }

    /// The condition that `column` lies in `scope`; nil when every value does.
    mutating func condition(_ column: String, in scope: ResourceScope) -> String? {
        switch scope {
        case .only(let ids): "\(column) = ANY(\(bind(ids.sorted())))"
        case .allExcept(let ids) where !ids.isEmpty: "NOT (\(column) = ANY(\(bind(ids.sorted()))))"
        case .allExcept: nil
        }
    }

    /// `column` strictly after `after` and before `before`, each when given (a NULL is neither).
    mutating func range(_ column: String, after: Timestamp? = nil, before: Timestamp? = nil) {
        if let after { require("\(column) > \(bind(after.iso8601))::timestamptz") }
        if let before { require("\(column) < \(bind(before.iso8601))::timestamptz") }
    }

    /// Rows of definitions of one of `keys`: a definition id starts with its key and a colon, and
    /// a key holds none.
    mutating func definitionKeys(_ keys: [String]?, column: String = "process_definition_id") {
        if let keys { require("split_part(\(column), ':', 1) = ANY(\(bind(keys)))") }
    }

    mutating func within(_ column: String, _ values: [String]?) {
        if let values { require("\(column) = ANY(\(bind(values)))") }
    }

    /// `column` (never null) is none of `values`, when there are values to exclude.
    mutating func outside(_ column: String, _ values: [String]?) {
        if let values { require("NOT \(column) = ANY(\(bind(values)))") }
    }

    /// `%` is Camunda's only wildcard; `_` and `\` in the pattern are meant literally.
    mutating func like(_ column: String, _ pattern: String?) {
        guard let pattern else { return }
        require("\(column) LIKE \(bind(Self.escapedLike(pattern)))")
    }

    /// A Camunda pattern as a LIKE pattern: `_` and `\` escaped, `%` kept.
    static func escapedLike(_ pattern: String) -> String {
        pattern.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "_", with: "\\_")
    }

    private var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }

    /// The page of `columns` in the order of `sorting` (mapped to columns by `column`), ties
    /// broken by `tieBreakers` ascending.
    func list<Key>(
        _ columns: String, sorting: [Sorting<Key>], column: (Key) -> String, tieBreakers: [String], page: Page
    ) -> PostgresStatement {
        var statement = self
        var order = sorting.map { "\(column($0.key)) \($0.ascending ? "ASC" : "DESC")" }
        order += tieBreakers.map { "\($0) ASC" }
        var sql = "SELECT \(columns) FROM \(from)\(whereClause) ORDER BY \(order.joined(separator: ", "))"
        if let maximum = page.maxResults { sql += " LIMIT \(statement.bind(String(maximum)))::bigint" }
        if page.firstResult > 0 { sql += " OFFSET \(statement.bind(String(page.firstResult)))::bigint" }
        return PostgresStatement(sql, statement.parameters)
    }

    /// `columns` of the rows and what `join` adds to each, grouped `by`, in `orderBy` order.
    func grouped(_ columns: String, join: String, by group: String, orderBy: String) -> PostgresStatement {
        PostgresStatement("SELECT \(columns) FROM \(from) \(join)\(whereClause) GROUP BY \(group) ORDER BY \(orderBy)", parameters)
    }

    func count() -> PostgresStatement {
        PostgresStatement("SELECT count(*) FROM \(from)\(whereClause)", parameters)
    }

    /// A PostgreSQL array literal of text elements, each quoted.
    static func arrayLiteral(_ values: [String]) -> String { arrayLiteral(values.map(Optional.some)) }

    /// A `text[]` literal; nil is NULL, every other element quoted. Written as bytes: appending a
    /// character to a `String` cost some 350 instructions, and every command writes a few.
    static func arrayLiteral(_ values: [String?]) -> String {
        var literal: [UInt8] = [UInt8(ascii: "{")]
        for (index, value) in values.enumerated() {
            if index > 0 { literal.append(UInt8(ascii: ",")) }
            guard let value else {
                literal.append(contentsOf: "NULL".utf8)
                continue
            }
            literal.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { literal.append(UInt8(ascii: "\\")) }
                literal.append(byte)
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        return String(decoding: literal, as: UTF8.self)
    }
}

/// Reading query-side columns by name, so a row is never read by position.
struct NamedRow {
    let columns: [String: Int]
    let values: [String?]

    func text(_ name: String) -> String? { columns[name].flatMap { values[$0] } }

    func required(_ name: String) throws -> String {
        guard let value = text(name) else { throw PostgresError(.client, message: "expected column '\(name)' to hold a value, but it is null or missing") }
        return value
    }

    func int(_ name: String) throws -> Int {
        guard let value = Int(try required(name)) else { throw PostgresError(.client, message: "expected column '\(name)' to hold an integer") }
        return value
    }

    /// Timestamps are selected as epoch milliseconds (see ``SQLColumns/millis(_:as:)``).
    func time(_ name: String) -> Timestamp? { text(name).flatMap(Int64.init).map(Timestamp.init(millisecondsSinceEpoch:)) }

    func requiredTime(_ name: String) throws -> Timestamp {
        guard let value = time(name) else { throw PostgresError(.client, message: "expected column '\(name)' to hold a time") }
        return value
    }

    func bool(_ name: String) -> Bool { text(name) == "t" || text(name) == "true" }

    func textArray(_ name: String) -> [String] {
        guard let json = text(name).flatMap(JSONText.parse), case .array(let items) = json else { return [] }
        return items.compactMap { if case .string(let item) = $0 { item } else { nil } }
    }

    /// A variable's value from its `type`, plain JSON `value`, `serialized` text and `object_type` columns.
    func variableValue() throws -> VariableValue {
        let type = try required("type")
        guard let plain = JSONText.parse(try required("value")),
            let value = VariableValue(typeName: type, plain: plain, serialized: text("serialized"), objectTypeName: text("object_type"))
        else { throw PostgresError(.client, message: "expected a stored \(type) variable value, but it does not read back") }
        return value
    }

    static func rows(_ result: PostgresRows) -> [NamedRow] {
        var columns: [String: Int] = [:]
        for (index, name) in result.columns.enumerated() { columns[name] = index }
        return result.rows.map { NamedRow(columns: columns, values: $0) }
    }
}

enum SQLColumns {
    /// A timestamptz column as epoch milliseconds named `name`.
    static func millis(_ column: String) -> String { "(extract(epoch from \(column)) * 1000)::bigint" }

    static func millis(_ column: String, as name: String) -> String { "\(millis(column)) AS \(name)" }
}
