import BatonModel
@testable import BatonPostgres
import Foundation
import BatonTesting
import Testing

/// Rows sent as parameters (``RecordRows``) read back from PostgreSQL exactly as given, in both
/// forms: a `VALUES` list for a few rows, arrays unnested beyond that. The text values are the
/// ones a quoting mistake would break: the array syntax's own characters, the word NULL, the
/// empty string, backslashes and quotes, and characters beyond ASCII.
@Suite struct RecordRowsTests {
    static let awkward = ["plain", "a,b", "{braced}", "say \"hi\"", "back\\slash", "NULL", "", "  spaced ", "é☃𝄞", "}{\"\\,"]

    static func row(_ index: Int) -> [RecordRows.Cell] {
        let text = awkward[index % awkward.count]
        return [
            .init("position", "integer", String(index)),
            .init("label", "text", index % 4 == 3 ? nil : text),
            .init("members", "text[]", SQLSelect.arrayLiteral(index % 3 == 0 ? [] : [text, awkward[(index + 1) % awkward.count]])),
            .init("document", "jsonb", #"{"key": "\#(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))"}"#),
            .init("at", "timestamptz", "2026-12-01T05:0\(index % 10):00.123Z"),
            .init("large", "bigint", String(Int64.max - Int64(index))),
            .init("flag", "boolean", index % 2 == 0 ? "true" : "false"),
        ]
    }

    @Test(arguments: [1, RecordRows.listedRows, RecordRows.listedRows + 1, 23])
    func rowsReadBackAsGiven(count: Int) async throws {
        let connection = try await PostgresConnection.connect(try await TestPostgres.freshDatabase())
        let rows = (0..<count).map(Self.row)
        var parameters: [String?] = []
        let relation = RecordRows(rows).relation(&parameters)
        #expect(relation.hasPrefix(count <= RecordRows.listedRows ? "(VALUES" : "(SELECT"))
        let read = try await connection.query(
            """
            SELECT position::text, label, to_json(members)::text, document->>'key', (extract(epoch from at) * 1000)::bigint::text, large::text,
                flag::text FROM \(relation) ORDER BY r.position
            """, parameters)
        #expect(read.rows.count == count)
        for (index, row) in read.rows.enumerated() {
            let text = Self.awkward[index % Self.awkward.count], next = Self.awkward[(index + 1) % Self.awkward.count]
            let members = index % 3 == 0 ? [] : [text, next]
            #expect(row[0] == String(index))
            #expect(row[1] == (index % 4 == 3 ? nil : text))
            #expect(try JSONDecoder().decode([String].self, from: Data((row[2] ?? "").utf8)) == members)
            #expect(row[3] == text)
            #expect(row[4] == String(Timestamp(iso8601: "2026-12-01T05:0\(index % 10):00.123Z")!.millisecondsSinceEpoch))
            #expect(row[5] == String(Int64.max - Int64(index)))
            #expect(row[6] == (index % 2 == 0 ? "true" : "false"))
        }
    }
}
