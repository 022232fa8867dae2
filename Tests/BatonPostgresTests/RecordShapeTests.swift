import BatonModel
@testable import BatonPostgres
import BatonTesting
import Foundation
import Testing

/// Rows sent as parameters (``RecordShape``) read back from PostgreSQL exactly as given, in both
/// forms: a `VALUES` list for a few rows, arrays unnested beyond that. The text values are the
/// ones a quoting mistake would break: the array syntax's own characters, the word NULL, the
/// empty string, backslashes and quotes, and characters beyond ASCII.
@Suite struct RecordShapeTests {
    static let awkward = ["plain", "a,b", "{braced}", "say \"hi\"", "back\\slash", "NULL", "", "  spaced ", "é☃𝄞", "}{\"\\,"]

    static let shape = RecordShape([
        "position": "integer", "label": "text", "members": "text[]", "document": "jsonb", "at": "timestamptz", "large": "bigint", "flag": "boolean",
    ])

    static func text(_ index: Int) -> String { awkward[index % awkward.count] }
    static func label(_ index: Int) -> String? { index % 4 == 3 ? nil : text(index) }
    static func members(_ index: Int) -> [String] { index % 3 == 0 ? [] : [text(index), text(index + 1)] }
    static func at(_ index: Int) -> String { "2026-12-01T05:0\(index % 10):00.123Z" }

    static func row(_ index: Int) -> [String?] {
        let document = JSONText.render(.object([.init("key", .string(text(index)))]))
        return [
            String(index), label(index), SQLSelect.arrayLiteral(members(index)), document, at(index), String(Int64.max - Int64(index)),
            index % 2 == 0 ? "true" : "false",
        ]
    }

    @Test(arguments: [1, RecordShape.listedRows, RecordShape.listedRows + 1, 23])
    func rowsReadBackAsGiven(count: Int) async throws {
        let connection = try await PostgresConnection.connect(try await TestPostgres.freshDatabase())
        let rows = (0..<count).map(Self.row)
        // Numbered after two parameters before them, as in a read-model statement; and twice,
        // the second time from the shape's cache.
        for _ in 0..<2 {
            var parameters: [String?] = ["first", "second"]
            let relation = Self.shape.relation(first: Self.shape.append(rows, to: &parameters), rows: rows.count)
            #expect(relation.hasPrefix(count <= RecordShape.listedRows ? "(VALUES" : "(SELECT"))
            let read = try await connection.query(
                """
                SELECT $1::text || $2::text, position::text, label, to_json(members)::text, document->>'key',
                    (extract(epoch from at) * 1000)::bigint::text, large::text, flag::text FROM \(relation) ORDER BY r.position
                """, parameters)
            #expect(read.rows.count == count)
            for (index, row) in read.rows.enumerated() {
                #expect(row[0] == "firstsecond")
                #expect(row[1] == String(index))
                #expect(row[2] == Self.label(index))
                #expect(try JSONDecoder().decode([String].self, from: Data((row[3] ?? "").utf8)) == Self.members(index))
                #expect(row[4] == Self.text(index))
                #expect(row[5] == String(Timestamp(iso8601: Self.at(index))!.millisecondsSinceEpoch))
                #expect(row[6] == String(Int64.max - Int64(index)))
                #expect(row[7] == (index % 2 == 0 ? "true" : "false"))
            }
        }
    }
}
