import BatonCore
import BatonModel

/// Camunda's generated forms (`camunda:formData`): what a task's or a start event's form shows,
/// as `GET /task/{id}/form-variables` and `GET /process-definition/{id}/form-variables` answer.
extension FormField {
    /// The field's value: the variable of its id when set, else its default (evaluated against
    /// the variables, read as the field's type: a `long` default `5` is the number 5), else null.
    public func formValue(among variables: [String: VariableValue]) -> VariableValue {
        if let value = variables[id] { return value }
        guard let defaultValue else { return .null }
        guard let value = try? ExpressionEvaluator.evaluate(defaultValue, in: VariableDictionary(variables)) else { return .null }
        guard case .string(let text) = value else { return value }
        switch type {
        case "long": return Int64(text.trimmingASCIIWhitespace()).map(VariableValue.long) ?? value
        case "boolean": return ["true", "false"].contains(text.lowercased()) ? .boolean(text.lowercased() == "true") : value
        default: return value
        }
    }
}

/// A start event's form: its key and declared fields.
public struct StartForm: Hashable, Sendable {
    public var key: String?
    public var fields: [FormField]
}

extension Runtime {
    /// A task's form variables: every variable the task sees, and each declared field with its
    /// value or default; only `names` when given (Camunda's `variableNames`).
    public func taskFormVariables(_ taskID: String, names: [String]? = nil) async throws -> [String: VariableValue] {
        try await store.read { transaction in
            let (record, task) = try await openTask(taskID, in: transaction)
            let process = try await executable(record.definitionID, in: transaction)
            var variables = record.state.visibleVariables(from: task.elementKey)
            if case .userTask(let definition) = process.nodes[task.node].kind {
                let visible = variables
                for field in definition.formFields { variables[field.id] = field.formValue(among: visible) }
            }
            return names.map { wanted in variables.filter { wanted.contains($0.key) } } ?? variables
        }
    }

    /// The form of definition `id`'s none start event (no key and no fields when it has none).
    public func startForm(ofDefinition id: String) async throws -> StartForm {
        let process = try await executable(id)
        guard let start = process.root.noneStart, case .startEvent(let definition) = process.nodes[start].kind else {
            return StartForm(key: nil, fields: [])
        }
        return StartForm(key: definition.formKey, fields: definition.formFields)
    }

    /// The start form's fields with their defaults, only `names` when given.
    public func startFormVariables(ofDefinition id: String, names: [String]? = nil) async throws -> [String: VariableValue] {
        var variables: [String: VariableValue] = [:]
        for field in try await startForm(ofDefinition: id).fields where names?.contains(field.id) ?? true {
            variables[field.id] = field.formValue(among: [:])
        }
        return variables
    }
}
