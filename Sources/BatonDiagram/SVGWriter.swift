/// Builds SVG markup one element per line, escaping every attribute value and text node.
///
/// The only way text reaches the output: callers never concatenate markup themselves, so a BPMN
/// name such as `<script>` cannot become markup. One element per line keeps snapshot diffs readable.
struct SVGWriter {
    typealias Attributes = [(name: String, value: String)]

    private(set) var output = ""
    private var depth: Int

    /// `depth`: indentation of the first line, for markup that is later nested with ``append(_:)``.
    init(depth: Int = 0) { self.depth = depth }

    /// Inserts markup another writer built (already at the right depth).
    mutating func append(_ other: SVGWriter) { output += other.output }

    /// `<name attributes>`; pair with ``close(_:)``.
    mutating func open(_ name: String, _ attributes: Attributes = []) {
        line("<\(name)\(Self.render(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// `<name attributes/>`
    mutating func leaf(_ name: String, _ attributes: Attributes) {
        line("<\(name)\(Self.render(attributes))/>")
    }

    /// `<name attributes>text</name>` with the text escaped.
    mutating func text(_ name: String, _ attributes: Attributes = [], _ content: String) {
        line("<\(name)\(Self.render(attributes))>\(Self.escape(content))</\(name)>")
    }

    /// A `<title>`: the tooltip browsers show and the name screen readers announce.
    mutating func title(_ content: String) { text("title", [], content) }

    private mutating func line(_ markup: String) {
        output += String(repeating: "  ", count: depth)
        output += markup
        output += "\n"
    }

    private static func render(_ attributes: Attributes) -> String {
        var result = ""
        for attribute in attributes {
            result += " \(attribute.name)=\"\(escape(attribute.value))\""
        }
        return result
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}

/// Formats a coordinate with at most two decimals and no trailing zeros, the same on every
/// platform (no locale, no `%g`), so renders are byte-for-byte reproducible.
func svgNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = Int((value * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = hundredths.magnitude
    let whole = magnitude / 100
    let fraction = magnitude % 100
    if fraction == 0 { return "\(sign)\(whole)" }
    if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}
