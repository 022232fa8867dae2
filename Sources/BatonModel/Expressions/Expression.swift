/// The syntax tree of one `${…}` expression in Baton's JUEL subset.
///
/// Parsed once at deploy time (syntax errors become diagnostics), evaluated many times at run time
/// by ``ExpressionEvaluator``.
public indirect enum Expression: Hashable, Sendable {
    case literal(VariableValue)
    case identifier(String)
    /// `a.b`
    case member(Expression, String)
    /// `a[b]`
    case index(Expression, Expression)
    /// `target.name(arguments)`, or `name(arguments)` when `target` is nil.
    case call(target: Expression?, name: String, arguments: [Expression])
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case conditional(Expression, then: Expression, else: Expression)

    public enum UnaryOperator: String, Hashable, Sendable {
        case not = "!"
        case negate = "-"
        case empty
    }

    public enum BinaryOperator: String, Hashable, Sendable {
        case or = "||", and = "&&"
        case equal = "==", notEqual = "!="
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    }
}
