import Synchronization

/// The columns of rows a statement writes from parameters, read in SQL as a relation `r` with
/// typed columns. A few rows (what nearly every command writes) are a `VALUES` list of typed
/// parameters; more are one array per column, unnested, so the statement's text (and so its
/// prepared plan) stops growing with them.
///
/// Both forms replaced one JSON parameter per table read with `jsonb_to_recordset`: PostgreSQL's
/// JSON parser and the record type it built on every call were about a tenth of the server's
/// instructions per command (callgrind of the server's backend over `baton bench usertask.bpmn`).
final class RecordShape: Sendable {
    let columns: [(name: String, type: String)]

    /// Rows beyond this many are sent as arrays.
    static let listedRows = 4

    /// The relation's text by the number of its first parameter and its rows (0: the arrays), as
    /// written once: every table of every command reads one, and writing it anew took some 100
    /// instructions a piece.
    private let texts = Mutex<[Int: String]>([:])

    /// Columns by name and SQL type, in order.
    init(_ columns: [(key: String, value: String)]) {
        self.columns = columns.map { (name: $0.key, type: $0.value) }
    }

    convenience init(_ columns: KeyValuePairs<String, String>) { self.init(Array(columns)) }

    /// Appends `rows`' parameters (each row listing this shape's columns in order; at least one)
    /// and returns the number of the first.
    func append(_ rows: [[String?]], to parameters: inout [String?]) -> Int {
        precondition(!rows.isEmpty && rows.allSatisfy { $0.count == columns.count }, "expected rows of \(columns.count) columns")
        let first = parameters.count + 1
        if rows.count <= Self.listedRows {
            for row in rows { parameters.append(contentsOf: row) }
        } else {
            for index in columns.indices { parameters.append(SQLSelect.arrayLiteral(rows.map { $0[index] })) }
        }
        return first
    }

    /// What the relation's text depends on besides its first parameter: the number of rows
    /// listed, or 0 for the arrays.
    static func layout(rows: Int) -> Int { rows <= listedRows ? rows : 0 }

    /// `(VALUES ($3::text, …), …) AS r(id, …)`, or its `unnest` form, for `rows` rows whose
    /// parameters (``append(_:to:)``) start at number `first`.
    func relation(first: Int, rows: Int) -> String {
        let layout = Self.layout(rows: rows)
        let key = first << 8 | layout
        if let text = texts.withLock({ $0[key] }) { return text }
        let text = layout > 0 ? values(rows: rows, first: first) : unnest(first: first)
        texts.withLock { $0[key] = text }
        return text
    }

    private var names: String { columns.map(\.name).joined(separator: ", ") }

    private func values(rows: Int, first: Int) -> String {
        let tuples = (0..<rows).map { row in
            "(" + columns.enumerated().map { "$\(first + row * columns.count + $0.offset)::\($0.element.type)" }.joined(separator: ", ") + ")"
        }
        return "(VALUES \(tuples.joined(separator: ", "))) AS r(\(names))"
    }

    private func unnest(first: Int) -> String {
        let casts = columns.map { "u.\($0.name)::\($0.type) AS \($0.name)" }.joined(separator: ", ")
        let arrays = columns.indices.map { "$\(first + $0)::text[]" }.joined(separator: ", ")
        return "(SELECT \(casts) FROM unnest(\(arrays)) AS u(\(names))) AS r"
    }
}
