import BatonModel
import Foundation
import Testing

@Suite struct PersistedFormTests {
    private func encoded(_ value: VariableValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func variablesUseCamundaTypedValues() throws {
        #expect(try encoded(.long(42)) == #"{"type":"Long","value":42}"#)
        #expect(try encoded(.integer(7)) == #"{"type":"Integer","value":7}"#)
        #expect(try encoded(.null) == #"{"type":"Null"}"#)
        #expect(try encoded(.date(Timestamp(iso8601: "2026-11-22T10:00:00Z")!)) == #"{"type":"Date","value":"2026-11-22T10:00:00.000Z"}"#)
        #expect(try encoded(.json(.object([.init("b", .integer(1)), .init("a", .array([.null, .bool(true)]))])))
            == #"{"type":"Json","value":"{\"b\":1,\"a\":[null,true]}"}"#)
    }

    @Test(arguments: [
        VariableValue.null, .string("é ✓ \"quoted\"\n"), .boolean(false), .integer(-5), .long(.max), .double(0.1), .double(1e20),
        .date(Timestamp(millisecondsSinceEpoch: -1)), .json(.object([.init("z", .string("last")), .init("a", .double(2.5))])),
        .object(.array([.integer(1)]), typeName: "java.util.ArrayList"), .bytes([0, 255, 13, 10]), .bytes([]),
        .file(FileVariable(filename: "plan.pdf", mimeType: "application/pdf", encoding: nil, bytes: [37, 80, 68, 70])),
    ])
    func everyTypeReadsBackEqual(value: VariableValue) throws {
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(VariableValue.self, from: data) == value)
    }

    @Test func unknownTypesAndBrokenValuesAreRefused() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(VariableValue.self, from: Data(#"{"type":"Picture","value":"AA=="}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(VariableValue.self, from: Data(#"{"type":"Bytes","value":"AA="}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(VariableValue.self, from: Data(#"{"type":"File","value":"AA==","valueInfo":"{}"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(VariableValue.self, from: Data(#"{"type":"Json","value":"{oops"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(VariableValue.self, from: Data(#"{"type":"Date","value":"yesterday"}"#.utf8)) }
    }

    @Test func jsonTextEscapesExactlyWhatJSONRequires() {
        #expect(JSONText.render(.string("plain Zoë 😀")) == #""plain Zoë 😀""#)
        #expect(JSONText.render(.string("q\"b\\n\nr\rt\t\u{01}\u{1F}/")) == #""q\"b\\n\nr\rt\t\u0001\u001f/""#)
        #expect(JSONText.render(.string("")) == #""""#)
        #expect(JSONText.render(.string("\"")) == #""\"""#)
        #expect(
            JSONText.render(.object([.init("k\"", .array([.integer(-3), .double(0.5), .bool(true), .null]))]))
                == #"{"k\"":[-3,0.5,true,null]}"#)
    }

    /// Strings are scanned eight bytes at a time: each character that needs escaping, at every
    /// position of strings long and short, next to multi-byte UTF-8 and bytes just above 0x20.
    @Test func jsonTextEscapesAtEveryPositionOfAWord() {
        func escaped(_ character: Character) -> String {
            switch character {
            case "\"": #"\""#
            case "\\": #"\\"#
            case "\n": #"\n"#
            case "\r": #"\r"#
            case "\t": #"\t"#
            default:
                if let ascii = character.asciiValue, ascii < 0x20 { "\\u00" + (ascii < 0x10 ? "0" : "") + String(ascii, radix: 16) } else { String(character) }
            }
        }
        let filler: [Character] = ["a", " ", "!", "#", "[", "]", "é", "\u{7F}"]
        for special: Character in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\r", "\t", "\u{8}"] {
            for length in [1, 7, 8, 9, 16, 17, 23] {
                for position in 0..<length {
                    let characters = (0..<length).map { $0 == position ? special : filler[$0 % filler.count] }
                    let text = String(characters)
                    #expect(JSONText.render(.string(text)) == "\"" + characters.map(escaped).joined() + "\"")
                }
            }
        }
    }

    @Test func jsonTextParsesWhatItRendersAndRefusesWhatIsNotJSON() {
        let value = JSONValue.object([
            .init("name", .string("Zoë \u{1F600} \\ \"x\"\t")), .init("n", .integer(-12)), .init("d", .double(3.25)),
            .init("list", .array([.null, .bool(false), .object([])])),
        ])
        #expect(JSONText.parse(JSONText.render(value)) == value)
        #expect(JSONText.parse(#""\ud83d\ude00""#) == .string("\u{1F600}"))
        #expect(JSONText.parse(" [1, 2.0e1 , -0.5] ") == .array([.integer(1), .double(20), .double(-0.5)]))
        for invalid in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "\"\\ud83d\"", "1 2", "\"\u{01}\""] {
            #expect(JSONText.parse(invalid) == nil, "\(invalid) must be refused")
        }
        #expect(JSONText.parse(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)) == nil, "nesting is bounded")
    }
}
