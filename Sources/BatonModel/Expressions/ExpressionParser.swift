/// A recursive-descent parser for the JUEL subset, precedence lowest to highest:
/// `?:`, `|| or`, `&& and`, `== != eq ne`, `< <= > >= lt le gt ge`, `+ -`, `* / % div mod`,
/// unary `- ! not empty`, then member access, indexing and calls.
struct ExpressionParser {
    private var lexer: ExpressionLexer
    private var current: ExpressionToken
    /// Nesting depth, bounded so a hostile `((((…` cannot overflow the stack.
    private var depth = 0
    static let maximumDepth = 200

    init(scalars: [Unicode.Scalar], position: Int) throws(ExpressionSyntaxError) {
        lexer = ExpressionLexer(scalars: scalars, position: position)
        current = try lexer.next()
    }

    /// Parses one expression that must be followed by the `}` closing `${`; returns the expression
    /// and the position just after that brace.
    mutating func parseUntilClosingBrace() throws(ExpressionSyntaxError) -> (Expression, Int) {
        if current.kind == .closingBrace {
            throw ExpressionSyntaxError(offset: current.offset, message: "Expected an expression inside '${}', but it is empty")
        }
        let expression = try conditional()
        guard current.kind == .closingBrace else {
            if current.kind == .end {
                throw ExpressionSyntaxError(offset: current.offset, message: "Expected '}' to close the expression, but the text ended")
            }
            throw ExpressionSyntaxError(offset: current.offset, message: "Expected '}' or an operator, but found \(describe(current))")
        }
        return (expression, lexer.position)
    }

    private mutating func advance() throws(ExpressionSyntaxError) { current = try lexer.next() }

    private mutating func accept(symbol: String) throws(ExpressionSyntaxError) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        try advance()
        return true
    }

    private mutating func acceptOperator(_ table: [(token: ExpressionToken.Kind, op: Expression.BinaryOperator)]) throws(ExpressionSyntaxError) -> Expression.BinaryOperator? {
        for entry in table where entry.token == current.kind {
            try advance()
            return entry.op
        }
        return nil
    }

    private mutating func conditional() throws(ExpressionSyntaxError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionSyntaxError(offset: current.offset, message: "Expected at most \(Self.maximumDepth) nested sub-expressions, but there are more")
        }
        let condition = try binary(level: 0)
        guard try accept(symbol: "?") else { return condition }
        let whenTrue = try conditional()
        guard try accept(symbol: ":") else {
            throw ExpressionSyntaxError(offset: current.offset, message: "Expected ':' in the conditional expression, but found \(describe(current))")
        }
        let whenFalse = try conditional()
        return .conditional(condition, then: whenTrue, else: whenFalse)
    }

    private static let levels: [[(token: ExpressionToken.Kind, op: Expression.BinaryOperator)]] = [
        [(.symbol("||"), .or), (.keyword("or"), .or)],
        [(.symbol("&&"), .and), (.keyword("and"), .and)],
        [(.symbol("=="), .equal), (.keyword("eq"), .equal), (.symbol("!="), .notEqual), (.keyword("ne"), .notEqual)],
        [
            (.symbol("<"), .less), (.keyword("lt"), .less), (.symbol("<="), .lessOrEqual), (.keyword("le"), .lessOrEqual),
            (.symbol(">"), .greater), (.keyword("gt"), .greater), (.symbol(">="), .greaterOrEqual),
            (.keyword("ge"), .greaterOrEqual),
        ],
        [(.symbol("+"), .add), (.symbol("-"), .subtract)],
        [
            (.symbol("*"), .multiply), (.symbol("/"), .divide), (.keyword("div"), .divide), (.symbol("%"), .remainder),
            (.keyword("mod"), .remainder),
        ],
    ]

    private mutating func binary(level: Int) throws(ExpressionSyntaxError) -> Expression {
        guard level < Self.levels.count else { return try unary() }
        var lhs = try binary(level: level + 1)
        while let op = try acceptOperator(Self.levels[level]) {
            let rhs = try binary(level: level + 1)
            lhs = .binary(op, lhs, rhs)
        }
        return lhs
    }

    private mutating func unary() throws(ExpressionSyntaxError) -> Expression {
        let op: Expression.UnaryOperator?
        switch current.kind {
        case .symbol("-"): op = .negate
        case .symbol("!"), .keyword("not"): op = .not
        case .keyword("empty"): op = .empty
        default: op = nil
        }
        guard let op else { return try postfix() }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionSyntaxError(offset: current.offset, message: "Expected at most \(Self.maximumDepth) nested sub-expressions, but there are more")
        }
        try advance()
        return .unary(op, try unary())
    }

    private mutating func postfix() throws(ExpressionSyntaxError) -> Expression {
        var expression = try primary()
        while true {
            if try accept(symbol: ".") {
                guard case .identifier(let name) = current.kind else {
                    throw ExpressionSyntaxError(offset: current.offset, message: "Expected a property name after '.', but found \(describe(current))")
                }
                try advance()
                if try accept(symbol: "(") {
                    expression = .call(target: expression, name: name, arguments: try arguments())
                } else {
                    expression = .member(expression, name)
                }
            } else if try accept(symbol: "[") {
                let key = try conditional()
                guard try accept(symbol: "]") else {
                    throw ExpressionSyntaxError(offset: current.offset, message: "Expected ']' after the index, but found \(describe(current))")
                }
                expression = .index(expression, key)
            } else {
                return expression
            }
        }
    }

    /// Reads call arguments after the opening parenthesis, through the closing one.
    private mutating func arguments() throws(ExpressionSyntaxError) -> [Expression] {
        var result: [Expression] = []
        if try accept(symbol: ")") { return result }
        repeat {
            result.append(try conditional())
        } while try accept(symbol: ",")
        guard try accept(symbol: ")") else {
            throw ExpressionSyntaxError(offset: current.offset, message: "Expected ',' or ')' in the argument list, but found \(describe(current))")
        }
        return result
    }

    private mutating func primary() throws(ExpressionSyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let value):
            try advance()
            return .literal(.long(value))
        case .decimal(let value):
            try advance()
            return .literal(.double(value))
        case .string(let value):
            try advance()
            return .literal(.string(value))
        case .keyword("true"):
            try advance()
            return .literal(.boolean(true))
        case .keyword("false"):
            try advance()
            return .literal(.boolean(false))
        case .keyword("null"):
            try advance()
            return .literal(.null)
        case .identifier(let name):
            try advance()
            if try accept(symbol: "(") { return .call(target: nil, name: name, arguments: try arguments()) }
            return .identifier(name)
        case .symbol("("):
            try advance()
            let inner = try conditional()
            guard try accept(symbol: ")") else {
                throw ExpressionSyntaxError(offset: current.offset, message: "Expected ')' to close '(', but found \(describe(current))")
            }
            return inner
        case .keyword(let word) where word == "instanceof":
            throw ExpressionSyntaxError(offset: token.offset, message: "Expected an operand, but found 'instanceof', which Baton does not support")
        default:
            throw ExpressionSyntaxError(offset: token.offset, message: "Expected an operand, but found \(describe(token))")
        }
    }

    private func describe(_ token: ExpressionToken) -> String {
        switch token.kind {
        case .integer(let v): "the number \(v)"
        case .decimal(let v): "the number \(v)"
        case .string(let s): "the string '\(s)'"
        case .identifier(let name): "'\(name)'"
        case .keyword(let word): "'\(word)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .closingBrace: "'}'"
        case .end: "the end of the text"
        }
    }
}
