/// Rows a statement writes, sent as parameters and read in SQL as a relation `r` with typed
/// columns. A few rows (what nearly every command writes) are a `VALUES` list of typed
/// parameters; more are one array per column, unnested, so the statement's text (and so its
/// prepared plan) stops growing with them.
///
/// Both forms replaced one JSON parameter per table read with `jsonb_to_recordset`: PostgreSQL's
/// JSON parser and the record type it built on every call were about a tenth of the server's
/// instructions per command (callgrind of the server's backend over `baton bench usertask.bpmn`).
struct RecordRows {
    /// A column's value as PostgreSQL's text input reads it (nil: SQL NULL), and the column's name
    /// and type; each row lists its columns in the same order.
    struct Cell {
        var column: StaticString
        var type: StaticString
        var value: String?

        init(_ column: StaticString, _ type: StaticString, _ value: String?) {
            self.column = column
            self.type = type
            self.value = value
        }
    }

    /// Rows beyond this many are sent as arrays.
    static let listedRows = 4

    let rows: [[Cell]]

    init(_ rows: [[Cell]]) { self.rows = rows }

    /// `(VALUES ($3::text, …), …) AS r(id, …)` or its `unnest` form, appending the parameters to
    /// `parameters` (numbered from its count). There is at least one row.
    func relation(_ parameters: inout [String?]) -> String {
        let first = rows[0]
        let names = first.map { "\($0.column)" }.joined(separator: ", ")
        if rows.count <= Self.listedRows {
            let tuples = rows.map { row in
                "(" + row.map { cell in
                    parameters.append(cell.value)
                    return "$\(parameters.count)::\(cell.type)"
                }.joined(separator: ", ") + ")"
            }
            return "(VALUES \(tuples.joined(separator: ", "))) AS r(\(names))"
        }
        var arrays: [String] = [], columns: [String] = []
        for (index, cell) in first.enumerated() {
            parameters.append(SQLSelect.arrayLiteral(rows.map { $0[index].value }))
            arrays.append("$\(parameters.count)::text[]")
            columns.append("u.\(cell.column)::\(cell.type) AS \(cell.column)")
        }
        return "(SELECT \(columns.joined(separator: ", ")) FROM unnest(\(arrays.joined(separator: ", "))) AS u(\(names))) AS r"
    }
}
