// How one template instance's rows become many: the values that differ per copy, and the SQL
// that copies a table's rows with them.

/// A set of copies of one template instance: how many, and what differs between them.
struct Cohort {
    var label: String
    var size: Int
    var template: TemplateInstance
    /// Where the instance row lives: running and ended instances have a table each.
    var instanceTable: String
    var businessKeyPrefix: String
    /// SQL over `g` (the copy's number): when it started.
    var startedAt: String
    /// SQL over `g` and `started_at`: when it ended; nil for running instances.
    var endedAt: String?

    /// Fills `fill_batch` with copies `$1…$2`: random-looking UUIDs as the engine makes, business
    /// keys as long as the template's, candidate groups round robin.
    var batchRows: String {
        let digits = max(1, template.businessKey.count - businessKeyPrefix.count)
        return """
            INSERT INTO fill_batch (g, instance_id, task_id, business_key, candidate_group, started_at, ended_at)
            SELECT g, md5('\(label)-instance-' || g)::uuid::text, md5('\(label)-task-' || g)::uuid::text,
                   '\(businessKeyPrefix)' || lpad(g::text, \(digits), '0'), 'group-' || (g % \(BulkFill.candidateGroups)),
                   started_at, \(endedAt ?? "NULL")
            FROM generate_series($1::bigint, $2::bigint) AS g, LATERAL (SELECT \(startedAt) AS started_at) AS start
            """
    }

    /// A template value with the copy's in its place: `b` is the copy's `fill_batch` row.
    func rewritten(_ text: String) -> String {
        let replacements = [
            (template.instanceID, "b.instance_id"), (template.taskID, "b.task_id"), (template.businessKey, "b.business_key"),
            (template.candidateGroup, "b.candidate_group"),
        ]
        return replacements.reduce(text) { "replace(\($0), \(SQL.literal($1.0)), \($1.1))" }
    }

    /// A template time moved to the copy: times before the template ended keep their distance
    /// from its start, later ones (the end, the removal time) their distance from its end;
    /// 'infinity' (a running instance's removal time) stays.
    func shifted(_ time: String, templateStart: String, templateEnd: String?) -> String {
        guard let templateEnd else { return "CASE WHEN isfinite(\(time)) THEN b.started_at + (\(time) - \(templateStart)) ELSE \(time) END" }
        return """
            CASE WHEN NOT isfinite(\(time)) THEN \(time) WHEN \(time) < \(templateEnd) THEN b.started_at + (\(time) - \(templateStart)) \
            ELSE b.ended_at + (\(time) - \(templateEnd)) END
            """
    }
}

/// One table's rows of a template instance, kept in a temporary table, and how to copy them.
struct TemplateTable {
    struct Column {
        var name: String
        var dataType: String
        var udtName: String
    }

    var table: String
    var snapshot: String
    var rowsPerInstance: Int
    var columns: [Column]

    /// Inserts the batch's copies, instance by instance (so each instance's rows sit together,
    /// as they roughly do when the engine writes them).
    func copyStatement(for cohort: Cohort) -> String {
        let times = "(SELECT started_at AS start, \(cohort.endedAt == nil ? "NULL::timestamptz" : "ended_at") AS end FROM \(cohort.instanceTable) WHERE id = \(SQL.literal(cohort.template.instanceID)))"
        let values = columns.map { column -> String in
            let value = "src.\(column.name)"
            // A variable's value key follows its value, which the copy rewrites (migration 032).
            if column.name == "value_key" { return "baton_value_key(\(cohort.rewritten("src.value::text"))::jsonb)" }
            // Each copy is the root of its own hierarchy (migration 033).
            if column.name == "root_key" { return "hashtext(b.instance_id)" }
            switch (column.dataType, column.udtName) {
            case ("text", _): return cohort.rewritten(value)
            case ("jsonb", _): return "\(cohort.rewritten("\(value)::text"))::jsonb"
            case ("ARRAY", "_text"): return "\(cohort.rewritten("\(value)::text"))::text[]"
            case ("timestamp with time zone", _):
                return cohort.shifted(value, templateStart: "template.start", templateEnd: cohort.endedAt == nil ? nil : "template.end")
            default: return value
            }
        }
        return """
            INSERT INTO \(table) (\(columns.map(\.name).joined(separator: ", ")))
            SELECT \(values.joined(separator: ", "))
            FROM fill_batch b CROSS JOIN \(snapshot) src CROSS JOIN \(times) template
            ORDER BY b.g
            """
    }
}

enum SQL {
    /// A string literal; only for values this program made (ids, markers), never user input.
    static func literal(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
}
