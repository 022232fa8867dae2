/// Where an expression reads its variables from: an instance's scopes at run time, a dictionary in tests.
public protocol VariableScope {
    /// The value of the variable visible under `name`, or nil when no scope defines it.
    func variable(named name: String) -> VariableValue?
    /// The context object the engine offers under `name` here (`execution`, `task`), resolved
    /// before a variable of that name as in Camunda; nil when there is none.
    func contextObject(named name: String) -> (any ContextObject)?
    /// A context value (`authenticatedUserId`), resolved before a variable of that name.
    func contextValue(named name: String) -> VariableValue?
    /// The time `now()` and `dateTime()` give; nil where there is no clock (deploy-time checks).
    var now: Timestamp? { get }
}

/// Variables held in a dictionary, with no engine context: a called instance's output, a form's
/// values.
public struct VariableDictionary: VariableScope {
    public let values: [String: VariableValue]
    public init(_ values: [String: VariableValue]) { self.values = values }
    public func variable(named name: String) -> VariableValue? { values[name] }
}

extension VariableScope {
    public func contextObject(named name: String) -> (any ContextObject)? { nil }
    public func contextValue(named name: String) -> VariableValue? { nil }
    public var now: Timestamp? { nil }
}

/// Why an expression could not be evaluated against the variables at hand.
public struct ExpressionEvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Evaluates ``Expression`` trees with the coercion rules of the Unified Expression Language
/// (JUEL), so conditions written for Camunda keep their meaning.
///
/// Arithmetic is over 64-bit integers unless a side is decimal; `/` is always decimal; `==`
/// coerces to number, boolean or string as EL does; `null` in arithmetic counts as 0.
public enum ExpressionEvaluator {
    /// The functions Baton evaluates; any other call is a deploy-time diagnostic.
    public static let supportedMethods: Set<String> = Set([
        "size", "isEmpty", "contains", "equals", "toString", "compareTo",
        "concat", "startsWith", "endsWith", "toUpperCase", "toLowerCase", "trim", "length", "substring",
    ])
        .union(ContextObjects.methods).union(ContextObjects.functions).union(ContextObjects.dateMethods)

    public static func evaluate(_ expression: Expression, in scope: some VariableScope) throws(ExpressionEvaluationError) -> VariableValue {
        switch expression {
        case .literal(let value):
            return value
        case .identifier(let name):
            if let value = scope.contextValue(named: name) { return value }
            if scope.contextObject(named: name) != nil {
                throw ExpressionEvaluationError("Expected a value, but '\(name)' is an object; read one of its properties")
            }
            guard let value = scope.variable(named: name) else {
                throw ExpressionEvaluationError("\(unknownPropertyMessage): cannot resolve identifier '\(name)'")
            }
            return value
        case .member(.identifier(let objectName), let name) where scope.contextObject(named: objectName) != nil:
            guard let value = scope.contextObject(named: objectName)!.property(name) else {
                throw ExpressionEvaluationError("Cannot read property '\(name)' of '\(objectName)': it has no such property")
            }
            return value
        case .member(let base, let name):
            return try property(name, of: evaluate(base, in: scope))
        case .index(let base, let key):
            return try element(of: evaluate(base, in: scope), at: evaluate(key, in: scope))
        case .call(let target, let name, let arguments):
            return try call(target: target, name: name, arguments: arguments, in: scope)
        case .unary(.not, let operand):
            return .boolean(try !truth(evaluate(operand, in: scope)))
        case .unary(.empty, let operand):
            return .boolean(isEmpty(try evaluate(operand, in: scope)))
        case .unary(.negate, let operand):
            switch try number(evaluate(operand, in: scope)) {
            case .integer(let i): return .long(0 &- i)
            case .decimal(let d): return .double(-d)
            }
        case .binary(.and, let lhs, let rhs):
            guard try truth(evaluate(lhs, in: scope)) else { return .boolean(false) }
            return .boolean(try truth(evaluate(rhs, in: scope)))
        case .binary(.or, let lhs, let rhs):
            if try truth(evaluate(lhs, in: scope)) { return .boolean(true) }
            return .boolean(try truth(evaluate(rhs, in: scope)))
        case .binary(let op, let lhs, let rhs):
            return try binary(op, evaluate(lhs, in: scope), evaluate(rhs, in: scope))
        case .conditional(let condition, let whenTrue, let whenFalse):
            return try truth(evaluate(condition, in: scope)) ? evaluate(whenTrue, in: scope) : evaluate(whenFalse, in: scope)
        }
    }

    /// Evaluates a sequence-flow or completion condition, which must produce a boolean.
    /// A conditional event's condition, as Camunda evaluates one: a variable nobody has set
    /// makes it false (Camunda catches the PropertyNotFoundException); other failures stay failures.
    public static func evaluateEventCondition(_ expression: Expression, in scope: some VariableScope) throws(ExpressionEvaluationError) -> Bool {
        do {
            return try evaluateCondition(expression, in: scope)
        } catch where error.message.hasPrefix(unknownPropertyMessage) {
            return false
        }
    }

    static let unknownPropertyMessage = "Unknown property used in expression"

    public static func evaluateCondition(_ expression: Expression, in scope: some VariableScope) throws(ExpressionEvaluationError) -> Bool {
        let value = try evaluate(expression, in: scope)
        guard case .boolean(let result) = value else {
            throw ExpressionEvaluationError("Expected the condition to evaluate to a Boolean, but it evaluated to a \(value.typeName)")
        }
        return result
    }

    /// Renders a template: a lone `${…}` keeps its value's type; mixed text becomes a String.
    public static func evaluate(_ template: Template, in scope: some VariableScope) throws(ExpressionEvaluationError) -> VariableValue {
        if let single = template.singleExpression { return try evaluate(single, in: scope) }
        var text = ""
        for segment in template.segments {
            switch segment {
            case .text(let literal): text += literal
            case .expression(let expression): text += string(try evaluate(expression, in: scope))
            }
        }
        return .string(text)
    }

    // MARK: - Coercions (EL specification, section 1.23)

    enum Number {
        case integer(Int64)
        case decimal(Double)

        var asDouble: Double {
            switch self {
            case .integer(let i): Double(i)
            case .decimal(let d): d
            }
        }
    }

    static func number(_ value: VariableValue) throws(ExpressionEvaluationError) -> Number {
        switch value {
        case .null: return .integer(0)
        case .integer(let i): return .integer(Int64(i))
        case .long(let l): return .integer(l)
        case .double(let d): return .decimal(d)
        case .string(let s):
            if s.isEmpty { return .integer(0) }
            if let i = Int64(s) { return .integer(i) }
            if let d = Double(s), d.isFinite { return .decimal(d) }
            throw ExpressionEvaluationError("Cannot coerce the String '\(s)' to a number")
        case .boolean, .date, .json, .object, .bytes, .file:
            throw ExpressionEvaluationError("Cannot coerce a \(value.typeName) to a number")
        }
    }

    static func truth(_ value: VariableValue) throws(ExpressionEvaluationError) -> Bool {
        switch value {
        case .null: return false
        case .boolean(let b): return b
        case .string(let s): return s.lowercased() == "true"
        default: throw ExpressionEvaluationError("Cannot coerce a \(value.typeName) to a Boolean")
        }
    }

    static func isEmpty(_ value: VariableValue) -> Bool {
        switch value {
        case .null: true
        case .string(let s): s.isEmpty
        case .json(.array(let items)), .object(.array(let items), _): items.isEmpty
        case .json(.object(let members)), .object(.object(let members), _): members.isEmpty
        case .json(.null): true
        case .bytes(let bytes): bytes.isEmpty
        case .file(let file): file.bytes.isEmpty
        default: false
        }
    }

    /// A value as a whole number the way EL coerces it, nil when it is not one.
    public static func wholeNumber(_ value: VariableValue) -> Int? {
        guard case .integer(let n)? = try? number(value) else { return nil }
        return Int(exactly: n)
    }

    /// A value as text, the way JUEL turns a value into a String (`null` is empty).
    public static func text(_ value: VariableValue) -> String { string(value) }

    static func string(_ value: VariableValue) -> String {
        switch value {
        case .null: ""
        case .string(let s): s
        case .boolean(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .long(let l): String(l)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(format: d) : String(d)
        case .date(let t): t.iso8601
        case .json(let j), .object(let j, _): JSONText.render(j)
        // Bytes read as their base64 text; a file as its name (its bytes are no text to show).
        case .bytes(let bytes): Base64.encode(bytes)
        case .file(let file): file.filename
        }
    }

    private static func isNumeric(_ value: VariableValue) -> Bool {
        switch value {
        case .integer, .long, .double: true
        default: false
        }
    }

    private static func isDecimal(_ value: VariableValue) -> Bool {
        switch value {
        case .double: return true
        case .string(let s): return s.contains(".") || s.contains("e") || s.contains("E")
        default: return false
        }
    }

    private static func binary(_ op: Expression.BinaryOperator, _ lhs: VariableValue, _ rhs: VariableValue) throws(ExpressionEvaluationError) -> VariableValue {
        switch op {
        case .equal: return .boolean(try equal(lhs, rhs))
        case .notEqual: return .boolean(try !equal(lhs, rhs))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if lhs == rhs, op == .lessOrEqual || op == .greaterOrEqual { return .boolean(true) }
            if lhs == .null || rhs == .null { return .boolean(false) }
            let order = try compare(lhs, rhs)
            switch op {
            case .less: return .boolean(order < 0)
            case .lessOrEqual: return .boolean(order <= 0)
            case .greater: return .boolean(order > 0)
            default: return .boolean(order >= 0)
            }
        case .divide:
            let divisor = try number(rhs).asDouble
            guard divisor != 0 else { throw ExpressionEvaluationError("Division by zero") }
            return .double(try number(lhs).asDouble / divisor)
        case .add, .subtract, .multiply, .remainder:
            if isDecimal(lhs) || isDecimal(rhs) {
                let a = try number(lhs).asDouble
                let b = try number(rhs).asDouble
                switch op {
                case .add: return .double(a + b)
                case .subtract: return .double(a - b)
                case .multiply: return .double(a * b)
                default:
                    guard b != 0 else { throw ExpressionEvaluationError("Division by zero") }
                    return .double(a.truncatingRemainder(dividingBy: b))
                }
            }
            guard case .integer(let a) = try number(lhs), case .integer(let b) = try number(rhs) else {
                throw ExpressionEvaluationError("Cannot coerce the operands of '\(op.rawValue)' to numbers")
            }
            // Wrapping arithmetic, as Java's long does in JUEL.
            switch op {
            case .add: return .long(a &+ b)
            case .subtract: return .long(a &- b)
            case .multiply: return .long(a &* b)
            default:
                guard b != 0 else { throw ExpressionEvaluationError("Division by zero") }
                return .long(b == -1 ? 0 : a % b)
            }
        case .and, .or:
            preconditionFailure("'&&' and '||' short-circuit in evaluate(_:in:) and never reach here")
        }
    }

    static func equal(_ lhs: VariableValue, _ rhs: VariableValue) throws(ExpressionEvaluationError) -> Bool {
        if lhs == rhs { return true }
        if lhs == .null || rhs == .null { return false }
        if isNumeric(lhs) || isNumeric(rhs) {
            let a = try number(lhs), b = try number(rhs)
            if case .integer(let x) = a, case .integer(let y) = b { return x == y }
            return a.asDouble == b.asDouble
        }
        if case .boolean = lhs { return try truth(lhs) == truth(rhs) }
        if case .boolean = rhs { return try truth(lhs) == truth(rhs) }
        if case .string = lhs { return string(lhs) == string(rhs) }
        if case .string = rhs { return string(lhs) == string(rhs) }
        if case .date(let a) = lhs, case .date(let b) = rhs { return a == b }
        return lhs.jsonValue == rhs.jsonValue
    }

    private static func compare(_ lhs: VariableValue, _ rhs: VariableValue) throws(ExpressionEvaluationError) -> Int {
        if case .date(let a) = lhs, case .date(let b) = rhs { return a < b ? -1 : (a == b ? 0 : 1) }
        if isNumeric(lhs) || isNumeric(rhs) {
            let a = try number(lhs), b = try number(rhs)
            if case .integer(let x) = a, case .integer(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
            return a.asDouble < b.asDouble ? -1 : (a.asDouble == b.asDouble ? 0 : 1)
        }
        if case .string(let a) = lhs, case .string(let b) = rhs { return a < b ? -1 : (a == b ? 0 : 1) }
        throw ExpressionEvaluationError("Cannot compare a \(lhs.typeName) with a \(rhs.typeName)")
    }

    private static func property(_ name: String, of base: VariableValue) throws(ExpressionEvaluationError) -> VariableValue {
        switch base {
        case .null: return .null
        case .json(let json), .object(let json, _):
            guard case .object = json else {
                throw ExpressionEvaluationError("Cannot read property '\(name)' of a JSON \(json.kindName)")
            }
            return json[name].map(VariableValue.init) ?? .null
        default:
            throw ExpressionEvaluationError("Cannot read property '\(name)' of a \(base.typeName)")
        }
    }

    private static func element(of base: VariableValue, at key: VariableValue) throws(ExpressionEvaluationError) -> VariableValue {
        switch base {
        case .null: return .null
        case .json(.array(let items)), .object(.array(let items), _):
            guard case .integer(let i) = try number(key) else {
                throw ExpressionEvaluationError("Expected an integer index into a list, but got a \(key.typeName)")
            }
            return i >= 0 && i < items.count ? VariableValue(items[Int(i)]) : .null
        case .json(.object), .object(.object, _):
            return try property(string(key), of: base)
        default:
            throw ExpressionEvaluationError("Cannot index into a \(base.typeName)")
        }
    }

    private static func call(target: Expression?, name: String, arguments: [Expression], in scope: some VariableScope) throws(ExpressionEvaluationError) -> VariableValue {
        var values: [VariableValue] = []
        for argument in arguments { values.append(try evaluate(argument, in: scope)) }
        if case .identifier(let objectName)? = target, let object = scope.contextObject(named: objectName) {
            if let result = try object.call(name, values) { return result }
            if values.isEmpty, let property = ContextObjects.property(ofGetter: name), let value = object.property(property) { return value }
            throw ExpressionEvaluationError("Unknown method '\(objectName).\(name)' with \(values.count) argument(s)")
        }
        if target == nil, ContextObjects.functions.contains(name), values.isEmpty {
            guard let now = scope.now else { throw ExpressionEvaluationError("'\(name)()' has no clock to read here") }
            return .date(now)
        }
        // `execution.getVariable('x')` is how Camunda models read variables that may be absent;
        // it works where the engine offers no `execution` (deploy-time checks, tests).
        if case .identifier("execution")? = target, scope.variable(named: "execution") == nil {
            switch (name, values.count) {
            case ("getVariable", 1): return scope.variable(named: string(values[0])) ?? .null
            case ("hasVariable", 1): return .boolean(scope.variable(named: string(values[0])) != nil)
            default: throw ExpressionEvaluationError("Unknown method 'execution.\(name)' with \(values.count) argument(s)")
            }
        }
        guard let target else { throw ExpressionEvaluationError("Unknown function '\(name)'") }
        let receiver = try evaluate(target, in: scope)
        switch (name, values.count) {
        case ("size", 0):
            switch receiver {
            case .string(let s): return .integer(Int32(clamping: s.count))
            case .json(.array(let a)), .object(.array(let a), _): return .integer(Int32(clamping: a.count))
            case .json(.object(let m)), .object(.object(let m), _): return .integer(Int32(clamping: m.count))
            default: throw ExpressionEvaluationError("Cannot call size() on a \(receiver.typeName)")
            }
        case ("isEmpty", 0): return .boolean(isEmpty(receiver))
        case ("contains", 1):
            switch receiver {
            case .string(let s): return .boolean(s.contains(string(values[0])))
            case .json(.array(let items)), .object(.array(let items), _):
                for item in items where try equal(VariableValue(item), values[0]) { return .boolean(true) }
                return .boolean(false)
            default: throw ExpressionEvaluationError("Cannot call contains() on a \(receiver.typeName)")
            }
        case ("concat", 1), ("startsWith", 1), ("endsWith", 1), ("toUpperCase", 0), ("toLowerCase", 0), ("trim", 0), ("length", 0),
            ("substring", 1), ("substring", 2):
            guard case .string(let text) = receiver else { throw ExpressionEvaluationError("Cannot call \(name)() on a \(receiver.typeName)") }
            return try stringMethod(name, of: text, values)
        case ("equals", 1): return .boolean(try equal(receiver, values[0]))
        case ("compareTo", 1):
            if receiver == .null || values[0] == .null { throw ExpressionEvaluationError("Cannot compare with null") }
            return .integer(Int32(try compare(receiver, values[0])))
        case ("toString", 0): return .string(string(receiver))
        case (_, 0...1) where ContextObjects.dateMethods.contains(name):
            guard case .date(let date) = receiver else {
                throw ExpressionEvaluationError("Cannot call \(name)() on a \(receiver.typeName)")
            }
            var amount: Int64?
            if let argument = values.first {
                if case .date(let other) = argument {
                    switch name {
                    case "isBefore": return .boolean(date < other)
                    case "isAfter": return .boolean(other < date)
                    default: break
                    }
                }
                guard case .integer(let n) = try number(argument) else {
                    throw ExpressionEvaluationError("Expected a whole number for \(name)(), but got a \(argument.typeName)")
                }
                amount = n
            }
            guard let result = date.call(name, amount, now: scope.now) else {
                throw ExpressionEvaluationError("Unknown method '\(name)' with \(values.count) argument(s) on a Date")
            }
            return result
        default: throw ExpressionEvaluationError("Unknown method '\(name)' with \(values.count) argument(s)")
        }
    }
}

extension ExpressionEvaluator {
    /// The methods of Java's String that models use on text.
    fileprivate static func stringMethod(_ name: String, of text: String, _ values: [VariableValue]) throws(ExpressionEvaluationError) -> VariableValue {
        switch name {
        case "concat": return .string(text + string(values[0]))
        case "startsWith": return .boolean(text.hasPrefix(string(values[0])))
        case "endsWith": return .boolean(text.hasSuffix(string(values[0])))
        case "toUpperCase": return .string(text.uppercased())
        case "toLowerCase": return .string(text.lowercased())
        case "trim": return .string(text.trimmingASCIIWhitespace())
        case "length": return .integer(Int32(clamping: text.count))
        default:
            let characters = Array(text)
            var bounds: [Int] = []
            for value in values {
                guard case .integer(let n) = try number(value), let index = Int(exactly: n) else {
                    throw ExpressionEvaluationError("Expected whole numbers for substring(), but got '\(string(value))'")
                }
                bounds.append(index)
            }
            let start = bounds[0], end = bounds.count > 1 ? bounds[1] : characters.count
            guard start >= 0, start <= end, end <= characters.count else {
                throw ExpressionEvaluationError("Expected substring(\(bounds.map(String.init).joined(separator: ", "))) to lie within a text of \(characters.count) characters")
            }
            return .string(String(characters[start..<end]))
        }
    }
}

extension String {
    /// A whole-number double printed the way Java prints it (`2.0`), never in exponent form.
    init(format value: Double) {
        self = String(Int64(value)) + ".0"
    }
}
