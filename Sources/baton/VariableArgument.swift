import ArgumentParser
import BatonModel

/// A variable given on the command line: `name=value` (type inferred: true/false, whole numbers,
/// decimals, else text) or `name:Type=value` with a Camunda type (String, Boolean, Integer, Long,
/// Double, Date, Json, Null).
struct VariableArgument: ExpressibleByArgument {
    var name: String
    var value: VariableValue

    init?(argument: String) {
        guard let parsed = try? Self.parse(argument) else { return nil }
        self = parsed
    }

    init(name: String, value: VariableValue) {
        self.name = name
        self.value = value
    }

    static func parse(_ argument: String) throws -> VariableArgument {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ValidationError("Expected a variable as name=value or name:Type=value, but '\(argument)' has no '='.")
        }
        let left = String(argument[..<equals]), text = String(argument[argument.index(after: equals)...])
        let parts = left.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first, !name.isEmpty else {
            throw ValidationError("Expected a variable name before '=' in '\(argument)', but it is empty.")
        }
        guard parts.count == 2 else { return VariableArgument(name: name, value: infer(text)) }
        let type = parts[1]
        let value: VariableValue?
        switch type.lowercased() {
        case "string": value = .string(text)
        case "boolean": value = text == "true" ? .boolean(true) : text == "false" ? .boolean(false) : nil
        case "integer": value = Int32(text).map(VariableValue.integer)
        case "long": value = Int64(text).map(VariableValue.long)
        case "double": value = Double(text).map(VariableValue.double)
        case "date": value = Timestamp(iso8601: text).map(VariableValue.date)
        case "json": value = JSONText.parse(text).map(VariableValue.json)
        case "null": value = .null
        default:
            throw ValidationError("Expected a Camunda type (String, Boolean, Integer, Long, Double, Date, Json, Null) for '\(name)', but got '\(type)'.")
        }
        guard let value else { throw ValidationError("Expected '\(text)' to be a \(type) for variable '\(name)', but it is not.") }
        return VariableArgument(name: name, value: value)
    }

    private static func infer(_ text: String) -> VariableValue {
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        if let integer = Int32(text) { return .integer(integer) }
        if let long = Int64(text) { return .long(long) }
        if text.contains("."), let double = Double(text) { return .double(double) }
        return .string(text)
    }

    /// `name=value,name=value` as used by `--complete` and `--complete-user-tasks`.
    static func list(_ text: String) throws -> [String: VariableValue] {
        var result: [String: VariableValue] = [:]
        for item in text.split(separator: ",") where !item.isEmpty {
            let variable = try parse(String(item))
            result[variable.name] = variable.value
        }
        return result
    }
}
