import BatonModel
import Foundation
import Testing

/// The encoder the PostgreSQL store writes states and events with. Every core scenario also
/// compares it with Foundation's on each state and event it steps through (`CoreScenario`).
@Suite struct SortedJSONEncoderTests {
    struct Sample: Encodable {
        var zeta = "last"
        var alpha: Int64 = -3
        var nested = ["b": 2.5, "a": 1]
        var list: [Bool?] = [true, nil]
        var absent: String? = nil
        var text = "quote \" backslash \\ newline \n tab \t bell \u{07} é 𝄞"
    }

    @Test func writesCompactJSONWithMembersSortedAndNilsLeftOut() throws {
        let text = try SortedJSONEncoder().encode(Sample())
        #expect(
            text
                == #"{"alpha":-3,"list":[true,null],"nested":{"a":1.0,"b":2.5},"text":"quote \" backslash \\ newline \n tab \t bell \u0007 é 𝄞","zeta":"last"}"#
        )
        let foundation = JSONEncoder()
        foundation.outputFormatting = .sortedKeys
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: foundation.encode(Sample())) as? NSDictionary
        #expect(decoded == expected)
    }

    /// Synthesized enum coding opens a nested container per case; a custom coding may write to a
    /// container after opening another, or encode through `superEncoder`.
    enum Shape: Encodable {
        case circle(radius: Int)
        case labelled(String, sides: Int)
    }

    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case first, second, parent }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            var inner = outer.nestedUnkeyedContainer(forKey: .second)
            try outer.encode(1, forKey: .first)
            try inner.encode("after the outer write")
            var parent = outer.superEncoder(forKey: .parent).container(keyedBy: Keys.self)
            try parent.encode(2, forKey: .first)
            try outer.encode(3, forKey: .first)  // written twice: the last write wins, as in Foundation
        }
    }

    @Test func nestedContainersStayOpenUntilTheValueIsDone() throws {
        #expect(try SortedJSONEncoder().encode([Shape.circle(radius: 2), .labelled("tri", sides: 3)]) == #"[{"circle":{"radius":2}},{"labelled":{"_0":"tri","sides":3}}]"#)
        #expect(try SortedJSONEncoder().encode(Interleaved()) == #"{"first":3,"parent":{"first":2},"second":["after the outer write"]}"#)
    }

    struct Silent: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    @Test func aNestedValueThatWritesNothingIsAnEmptyObjectAndATopLevelOneAnError() throws {
        #expect(try SortedJSONEncoder().encode(["quiet": Silent()]) == #"{"quiet":{}}"#)
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode(Silent()) }
    }

    @Test func whatJSONCannotHoldIsAnErrorNamingWhere() throws {
        do {
            _ = try SortedJSONEncoder().encode(["values": [1.0, .nan]])
            Issue.record("NaN was encoded")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["values", "1"])
        }
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode([UInt64.max]) }
        #expect(try SortedJSONEncoder().encode([UInt64(Int64.max)]) == "[9223372036854775807]")
    }

    struct NeedsTable: Encodable {
        static let key = CodingUserInfoKey(rawValue: "test.prefix")!
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode((encoder.userInfo[Self.key] as? String ?? "none") + "-value")
        }
    }

    @Test func userInfoReachesNestedValues() throws {
        var encoder = SortedJSONEncoder()
        encoder.userInfo[NeedsTable.key] = "table"
        #expect(try encoder.encode(["a": [NeedsTable()]]) == #"{"a":["table-value"]}"#)
    }

    @Test func membersAreInTheByteOrderOfTheirKeys() throws {
        // Small and heap strings, a prefix, case, the empty key, and multi-byte UTF-8.
        let keys = ["é", "z", "Z", "a", "ab", "", "𝄞", "abc-a-key-beyond-small-strings", "abc-a-key-beyond-small-stringS", "ab\u{0}"]
        let values = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        let expected = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let text = try SortedJSONEncoder().encode(values)
        #expect(text == "{" + expected.map { "\(JSONText.render(.string($0))):\(values[$0]!)" }.joined(separator: ",") + "}")
    }

    @Test func integersAreWrittenDigitByDigit() {
        let values: [Int64] = [0, 7, -7, 10, 1_234_567_890, Int64.max, Int64.min]
        #expect(JSONText.render(.array(values.map(JSONValue.integer))) == "[" + values.map(String.init).joined(separator: ",") + "]")
    }
}
