/// One lexical unit of an expression, with its offset for error messages.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case integer(Int64)
        case decimal(Double)
        case string(String)
        case identifier(String)
        case keyword(String)  // true false null and or not eq ne lt gt le ge div mod empty instanceof
        case symbol(String)  // ( ) [ ] . , ? : ! && || == != < <= > >= + - * / %
        case closingBrace  // the `}` that ends `${…}`
        case end
    }

    var kind: Kind
    var offset: Int
}

/// Splits expression text into tokens. Stops at the `}` that closes the expression, so a template
/// can continue reading literal text after it.
struct ExpressionLexer {
    static let keywords: Set<String> = [
        "true", "false", "null", "and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "empty",
        "instanceof",
    ]
    private static let twoCharacterSymbols: Set<String> = ["&&", "||", "==", "!=", "<=", ">="]
    private static let oneCharacterSymbols: Set<Unicode.Scalar> = [
        "(", ")", "[", "]", ".", ",", "?", ":", "!", "<", ">", "+", "-", "*", "/", "%",
    ]

    let scalars: [Unicode.Scalar]
    private(set) var position: Int

    init(scalars: [Unicode.Scalar], position: Int) {
        self.scalars = scalars
        self.position = position
    }

    mutating func next() throws(ExpressionSyntaxError) -> ExpressionToken {
        while position < scalars.count, isWhitespace(scalars[position]) { position += 1 }
        let start = position
        guard position < scalars.count else { return ExpressionToken(kind: .end, offset: start) }
        let c = scalars[position]

        if c == "}" {
            position += 1
            return ExpressionToken(kind: .closingBrace, offset: start)
        }
        if c == "'" || c == "\"" { return try string(quote: c) }
        if isDigit(c) || (c == "." && position + 1 < scalars.count && isDigit(scalars[position + 1])) {
            return try number()
        }
        if isIdentifierStart(c) {
            var name = String.UnicodeScalarView()
            while position < scalars.count, isIdentifierPart(scalars[position]) {
                name.append(scalars[position])
                position += 1
            }
            let word = String(name)
            return ExpressionToken(kind: Self.keywords.contains(word) ? .keyword(word) : .identifier(word), offset: start)
        }
        if position + 1 < scalars.count {
            let pair = String(String.UnicodeScalarView([c, scalars[position + 1]]))
            if Self.twoCharacterSymbols.contains(pair) {
                position += 2
                return ExpressionToken(kind: .symbol(pair), offset: start)
            }
        }
        if Self.oneCharacterSymbols.contains(c) {
            position += 1
            return ExpressionToken(kind: .symbol(String(c)), offset: start)
        }
        if c == "=" || c == "&" || c == "|" {
            throw ExpressionSyntaxError(offset: start, message: "Expected '\(c)\(c)', but found a single '\(c)'")
        }
        throw ExpressionSyntaxError(offset: start, message: "Expected an operator or operand, but found '\(c)'")
    }

    private mutating func string(quote: Unicode.Scalar) throws(ExpressionSyntaxError) -> ExpressionToken {
        let start = position
        position += 1
        var text = String.UnicodeScalarView()
        while position < scalars.count {
            let c = scalars[position]
            if c == "\\", position + 1 < scalars.count {
                text.append(scalars[position + 1])
                position += 2
                continue
            }
            position += 1
            if c == quote { return ExpressionToken(kind: .string(String(text)), offset: start) }
            text.append(c)
        }
        throw ExpressionSyntaxError(offset: start, message: "Expected a closing \(quote) for the string, but the text ended")
    }

    private mutating func number() throws(ExpressionSyntaxError) -> ExpressionToken {
        let start = position
        var text = ""
        var isDecimal = false
        while position < scalars.count {
            let c = scalars[position]
            if isDigit(c) {
                text.unicodeScalars.append(c)
            } else if c == ".", !isDecimal, position + 1 < scalars.count, isDigit(scalars[position + 1]) {
                isDecimal = true
                text.unicodeScalars.append(c)
            } else if c == "e" || c == "E" {
                isDecimal = true
                text.unicodeScalars.append(c)
                if position + 1 < scalars.count, scalars[position + 1] == "+" || scalars[position + 1] == "-" {
                    position += 1
                    text.unicodeScalars.append(scalars[position])
                }
            } else {
                break
            }
            position += 1
        }
        if isDecimal, let value = Double(text) { return ExpressionToken(kind: .decimal(value), offset: start) }
        if !isDecimal, let value = Int64(text) { return ExpressionToken(kind: .integer(value), offset: start) }
        throw ExpressionSyntaxError(offset: start, message: "Expected a number, but '\(text)' is not one (or is too large)")
    }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    // ASCII first: Unicode property lookups are only needed for the rare non-ASCII character.
    private func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c == " " || c == "\t" || c == "\n" || c == "\r") : c.properties.isWhitespace
    }
    private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == "$" }
        return c.properties.isAlphabetic
    }
    private func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
