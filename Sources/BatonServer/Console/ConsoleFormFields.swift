import BatonEngine
import BatonModel

/// A generated form (`camunda:formData`) in the console, for a task or a start event: one input
/// per field as its type calls for, and what a posted form gives, checked field by field.
extension ConsoleRoutes {
    /// The form's inputs: each field with what was entered, else its value or default among
    /// `values`, and its problem; a generic variable row when there are no fields.
    static func fields(_ fields: [FormField], values: [String: VariableValue], entered: [String: String]?, problems: [String: String]) -> HTML {
        guard !fields.isEmpty else { return genericFields(entered) }
        return HTML.join(fields.map { input(for: $0, current: entered?[$0.id] ?? formText($0.formValue(among: values)), problem: problems[$0.id]) })
    }

    /// The variables a posted form gives and the problem of each field that refused its value
    /// (``FormField/submittedValue(_:)``); read-only fields are not taken.
    static func submitted(_ fields: [FormField], _ form: ConsoleForm) throws -> (variables: [String: VariableValue], problems: [String: String]) {
        var variables: [String: VariableValue] = [:]
        var problems: [String: String] = [:]
        for field in fields where !field.isReadOnly {
            do {
                if let value = try field.submittedValue(form.value(field.id)) { variables[field.id] = value }
            } catch {
                problems[field.id] = error.message
            }
        }
        if fields.isEmpty, let name = form.text("variableName") {
            variables[name] = try typedValue(type: form.value("variableType") ?? "String", text: form.value("variableValue") ?? "", name: name)
        }
        return (variables, problems)
    }

    /// One field of a generated form: its label (marked when required), the input its type calls
    /// for, and the problem with what was entered, tied to the input for screen readers.
    static func input(for field: FormField, current: String, problem: String?) -> HTML {
        let id = "field-\(field.id)"
        let label = field.label ?? field.id
        let required: HTML = field.isRequired ? " <span class=\"required\">(required)</span>" : ""
        let described: HTML = problem == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(id)-problem\""
        let readOnly: HTML = field.isReadOnly ? " readonly" : ""
        let ariaRequired: HTML = field.isRequired ? " aria-required=\"true\"" : ""
        let control: HTML
        switch field.type {
        case "boolean":
            let checked: HTML = ["true", "on"].contains(current.lowercased()) ? " checked" : ""
            control = "<input type=\"checkbox\" id=\"\(id)\" name=\"\(field.id)\" value=\"true\"\(checked)\(readOnly)\(described)>"
        case "enum":
            let options = ([FormField.EnumValue(id: "", name: "–")] + field.enumValues).map { value -> HTML in
                "<option value=\"\(value.id)\"\(value.id == current ? HTML(" selected") : "")>\(value.name ?? value.id)</option>"
            }
            control = "<select id=\"\(id)\" name=\"\(field.id)\"\(ariaRequired)\(described)>\(options)</select>"
        case "long":
            control = "<input id=\"\(id)\" name=\"\(field.id)\" inputmode=\"numeric\" value=\"\(current)\"\(ariaRequired)\(readOnly)\(described)>"
        case "date":
            control = "<input id=\"\(id)\" name=\"\(field.id)\" type=\"date\" value=\"\(current)\"\(ariaRequired)\(readOnly)\(described)>"
        default:
            control = "<input id=\"\(id)\" name=\"\(field.id)\" value=\"\(current)\"\(ariaRequired)\(readOnly)\(described)>"
        }
        let message: HTML = problem.map { "<span class=\"field-error\" id=\"\(id)-problem\">\($0)</span>" } ?? ""
        return "<div class=\"field\"><label for=\"\(id)\">\(label)\(required)</label>\(control)\(message)</div>"
    }

    /// A value as a form shows it (a date as the day, as `<input type="date">` takes it).
    static func formText(_ value: VariableValue) -> String {
        switch value {
        case .null: ""
        case .date(let day): String(day.iso8601.prefix(10))
        default: displayText(value)
        }
    }

    /// A task without form data: completed as it is, or with one variable set.
    static func genericFields(_ entered: [String: String]?) -> HTML {
        let types = ["String", "Boolean", "Long", "Double", "Date", "Json"].map { type -> HTML in
            "<option\(type == entered?["variableType"] ? HTML(" selected") : "")>\(type)</option>"
        }
        return """
            <p class="hint">This task has no form data. You may set one variable as you complete it.</p>
            <div class="field"><label for="g-name">Variable name</label><input id="g-name" name="variableName" value="\(entered?["variableName"])"></div>
            <div class="field"><label for="g-type">Type</label><select id="g-type" name="variableType">\(types)</select></div>
            <div class="field"><label for="g-value">Value</label><input id="g-value" name="variableValue" value="\(entered?["variableValue"])"></div>
            """
    }
}
