import BatonEngine
import BatonModel

extension SQLSelect {
    /// The condition on a variable row aliased `v` (its `name` and plain JSON `value`) that
    /// ``VariableCondition/holds(_:)`` states. Equality finds candidates by an index: a scalar
    /// by its value key, an object or array by `@>` and the GIN index of the values; text orders
    /// by code point (`COLLATE "C"`), as the memory store compares it, whatever the database's
    /// collation.
    mutating func variableCondition(_ condition: VariableCondition, alias v: String = "v") -> String {
        let name = condition.ignoreNameCase ? "lower(\(v).name) = lower(\(bind(condition.name)))" : "\(v).name = \(bind(condition.name))"
        let plain = PostgresTransaction.plainJSONValue(condition.value)
        let text: String? = if case .string(let value) = plain { value } else { nil }
        let number = if case .integer = plain { true } else if case .double = plain { true } else { false }
        let value: String
        switch condition.comparison {
        case .eq where condition.ignoreValueCase && text != nil:
            value = "jsonb_typeof(\(v).value) = 'string' AND lower(\(v).value #>> '{}') = lower(\(bind(text)))"
        case .eq:
            let json = bindJSON(plain)
            // A scalar's key (migration 032) finds its rows by an index also under row-level
            // security; containment keeps the GIN index for objects and arrays.
            let scalar = if case .object = plain { false } else if case .array = plain { false } else { true }
            value = scalar
                ? "\(v).value_key = baton_value_key(\(json)) AND \(v).value = \(json)"
                : "\(v).value @> \(json) AND \(v).value = \(json)"
        case .neq where condition.ignoreValueCase && text != nil:
            value = "NOT (jsonb_typeof(\(v).value) = 'string' AND lower(\(v).value #>> '{}') = lower(\(bind(text))))"
        case .neq:
            value = "\(v).value <> \(bindJSON(plain))"
        case .like:
            guard let text else { value = "false"; break }
            let pattern = bind(Self.escapedLike(text))
            value = condition.ignoreValueCase
                ? "jsonb_typeof(\(v).value) = 'string' AND lower(\(v).value #>> '{}') LIKE lower(\(pattern))"
                : "jsonb_typeof(\(v).value) = 'string' AND (\(v).value #>> '{}') LIKE \(pattern)"
        case .gt, .gteq, .lt, .lteq:
            let op = [VariableCondition.Operator.gt: ">", .gteq: ">=", .lt: "<", .lteq: "<="][condition.comparison]!
            if number {
                value = "jsonb_typeof(\(v).value) = 'number' AND \(v).value \(op) \(bindJSON(plain))"
            } else if let text {
                value = "jsonb_typeof(\(v).value) = 'string' AND (\(v).value #>> '{}') COLLATE \"C\" \(op) \(bind(text)) COLLATE \"C\""
            } else {
                value = "false"
            }
        }
        return "\(name) AND \(value)"
    }
}
