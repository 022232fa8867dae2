import BatonModel

/// What an expression asks of the engine that Baton cannot give, found at deploy time: calls to
/// functions it does not evaluate, and properties `execution` or `task` do not have.
struct ExpressionCheck {
    private(set) var unsupportedCalls: [String] = []
    private(set) var unknownProperties: [(object: String, property: String)] = []
    /// Whether the expression reads `task`, which only task listeners offer.
    private(set) var readsTask = false

    mutating func visit(_ expression: Expression) {
        switch expression {
        case .literal:
            break
        case .identifier(let name):
            if name == "task" { readsTask = true }
        case .member(.identifier(let object), let property) where Self.properties(of: object) != nil:
            if object == "task" { readsTask = true }
            if !Self.properties(of: object)!.contains(property) { noteUnknown(object, property) }
        case .member(let base, _):
            visit(base)
        case .index(let base, let key):
            visit(base)
            visit(key)
        case .call(let target, let name, let arguments):
            if case .identifier("task")? = target { readsTask = true }
            if case .identifier(let object)? = target, let properties = Self.properties(of: object),
                !ContextObjects.methods.contains(name)
            {
                // A getter reads a property: `execution.getProcessBusinessKey()`.
                if let property = ContextObjects.property(ofGetter: name), arguments.isEmpty {
                    if !properties.contains(property) { noteUnknown(object, property) }
                } else {
                    noteUnsupported(name)
                }
            } else {
                target.map { visit($0) }
                if !ExpressionEvaluator.supportedMethods.contains(name) { noteUnsupported(name) }
            }
            arguments.forEach { visit($0) }
        case .unary(_, let operand):
            visit(operand)
        case .binary(_, let lhs, let rhs):
            visit(lhs)
            visit(rhs)
        case .conditional(let condition, let whenTrue, let whenFalse):
            visit(condition)
            visit(whenTrue)
            visit(whenFalse)
        }
    }

    private static func properties(of object: String) -> Set<String>? {
        switch object {
        case "execution": ContextObjects.executionProperties
        case "task": ContextObjects.taskProperties
        default: nil
        }
    }

    private mutating func noteUnsupported(_ name: String) {
        if !unsupportedCalls.contains(name) { unsupportedCalls.append(name) }
    }

    private mutating func noteUnknown(_ object: String, _ property: String) {
        if !unknownProperties.contains(where: { $0 == (object, property) }) { unknownProperties.append((object, property)) }
    }
}
