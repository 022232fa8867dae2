/// Text that may embed `${…}` (or `#{…}`) expressions: conditions, assignees, input parameters,
/// timer values. Literal text alone is a valid template.
public struct Template: Hashable, Sendable, CustomStringConvertible {
    public enum Segment: Hashable, Sendable {
        case text(String)
        case expression(Expression)
    }

    /// The text exactly as written in the BPMN file.
    public let source: String
    public let segments: [Segment]

    public var description: String { source }

    /// Plain text with no expression in it.
    public init(literal text: String) {
        source = text
        segments = text.isEmpty ? [] : [.text(text)]
    }

    /// Parses `source`, reporting the first syntax error with its offset.
    public init(parsing source: String) throws(ExpressionSyntaxError) {
        // Most attribute values (group names, topics, form keys) hold no expression at all.
        self.source = source
        if !source.utf8.contains(where: { $0 == UInt8(ascii: "{") }) {
            segments = source.isEmpty ? [] : [.text(source)]
            return
        }
        let scalars = Array(source.unicodeScalars)
        var segments: [Segment] = []
        var text = String.UnicodeScalarView()
        var position = 0
        while position < scalars.count {
            let c = scalars[position]
            if (c == "$" || c == "#"), position + 1 < scalars.count, scalars[position + 1] == "{" {
                // `\${` is JUEL's escape for a literal `${`.
                if position > 0, scalars[position - 1] == "\\", !text.isEmpty {
                    text.removeLast()
                    text.append(c)
                    position += 1
                    continue
                }
                if !text.isEmpty {
                    segments.append(.text(String(text)))
                    text = String.UnicodeScalarView()
                }
                var parser = try ExpressionParser(scalars: scalars, position: position + 2)
                let (expression, next) = try parser.parseUntilClosingBrace()
                segments.append(.expression(expression))
                position = next
            } else {
                text.append(c)
                position += 1
            }
        }
        if !text.isEmpty { segments.append(.text(String(text))) }
        self.segments = segments
    }

    /// The expression when the whole text is exactly one `${…}` (surrounding blanks allowed).
    public var singleExpression: Expression? {
        let meaningful = segments.filter {
            if case .text(let t) = $0 { return !t.trimmingASCIIWhitespace().isEmpty }
            return true
        }
        guard meaningful.count == 1, case .expression(let expression) = meaningful[0] else { return nil }
        return expression
    }

    /// True when the template has no expression, only literal text.
    public var isLiteral: Bool {
        !segments.contains { if case .expression = $0 { true } else { false } }
    }

    /// Every expression in the template, in order.
    public var expressions: [Expression] {
        segments.compactMap { if case .expression(let e) = $0 { e } else { nil } }
    }
}
