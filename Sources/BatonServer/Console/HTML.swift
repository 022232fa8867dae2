import BatonDiagram

/// A fragment of HTML. Text interpolated into it is escaped; only another `HTML` value goes in
/// as markup. So a variable's value, a business key or an element name can never become markup,
/// whatever it holds, and a page cannot forget to escape one.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var markup: String

    init(stringLiteral literal: String) { markup = literal }
    init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }
    private init(trusted markup: String) { self.markup = markup }

    /// Markup produced by a renderer that escapes its own text (the diagram's SVG).
    static func trusted(_ markup: String) -> HTML { HTML(trusted: markup) }

    static let empty: HTML = ""

    var description: String { markup }

    struct Interpolation: StringInterpolationProtocol {
        var markup = ""
        init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + interpolationCount * 16) }
        mutating func appendLiteral(_ literal: String) { markup += literal }
        mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        mutating func appendInterpolation(_ fragments: [HTML]) { for fragment in fragments { markup += fragment.markup } }
        mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        mutating func appendInterpolation(_ text: String?) { markup += HTML.escape(text ?? "") }
        mutating func appendInterpolation(_ number: Int) { markup += String(number) }
    }

    /// Escapes the characters that matter in text and in quoted attribute values.
    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    /// Joins fragments, each already HTML.
    static func join(_ fragments: [HTML], separator: HTML = .empty) -> HTML {
        HTML(trusted: fragments.map(\.markup).joined(separator: separator.markup))
    }
}

/// A query string for a console link: names and values percent-encoded, empty values left out.
func consoleQuery(_ items: [(String, String?)]) -> String {
    let pairs = items.compactMap { name, value -> String? in
        guard let value, !value.isEmpty else { return nil }
        return "\(percentEncoded(name))=\(percentEncoded(value))"
    }
    return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for a path segment or a
/// query value.
func percentEncoded(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            result.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = Array("0123456789ABCDEF")
            result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
        }
    }
    return result
}
