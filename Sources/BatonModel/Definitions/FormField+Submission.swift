/// Reading what a person typed into a generated form (`camunda:formData`) as the field's type,
/// and checking it against the field's `camunda:validation` constraints, as Camunda's form
/// service does before it completes the task: `required`, `readonly`, `minlength`, `maxlength`,
/// `min` and `max`. A custom `validator` (a Java class in Camunda) is not checked.
extension FormField {
    /// Why a submitted value is refused, for the person who typed it.
    public struct Problem: Error, Hashable, Sendable {
        public var fieldID: String
        public var message: String

        public init(fieldID: String, message: String) {
            self.fieldID = fieldID
            self.message = message
        }
    }

    public var isRequired: Bool { constraints.contains { $0.name == "required" } }
    public var isReadOnly: Bool { constraints.contains { $0.name == "readonly" } }

    func constraint(_ name: String) -> String? { constraints.first { $0.name == name }?.config }

    /// The value `text` stands for, or nil when the field is left empty (a checkbox left
    /// unticked is `false`), once it passes ``check(_:)``.
    ///
    /// - Parameter text: as a browser sends it: nil when the field was not sent at all.
    public func submittedValue(_ text: String?) throws(Problem) -> VariableValue? {
        let trimmed = text?.trimmingASCIIWhitespace() ?? ""
        let value: VariableValue?
        switch type {
        case "boolean":
            value = .boolean(["true", "on", "yes"].contains(trimmed.lowercased()))
        case _ where trimmed.isEmpty:
            value = nil
        case "long":
            guard let number = Int64(trimmed) else { throw Problem(fieldID: id, message: "\(displayName) must be a whole number.") }
            value = .long(number)
        case "date":
            guard let day = Timestamp(day: trimmed) else {
                throw Problem(fieldID: id, message: "\(displayName) must be a date such as 2026-01-31.")
            }
            value = .date(day)
        case "enum":
            value = .string(trimmed)
        default:
            value = .string(text ?? "")
        }
        try check(value)
        return value
    }

    /// Checks a submitted value against the field's constraints, as Camunda's form service does
    /// for `submitTaskForm` and `submitStartForm`: `required` (present, not null, not an empty
    /// string), `min`/`max` for numbers, `minlength`/`maxlength` for text, and an enum's values.
    public func check(_ value: VariableValue?) throws(Problem) {
        let missing: Bool = switch value {
        case nil, .null?: true
        case .string(let text)?: text.trimmingASCIIWhitespace().isEmpty
        default: false
        }
        if missing {
            if isRequired { throw Problem(fieldID: id, message: "\(displayName) is required.") }
            return
        }
        switch value {
        case .integer(let number)?: try checkRange(Int64(number))
        case .long(let number)?: try checkRange(number)
        case .string(let text)? where type == "enum":
            guard enumValues.contains(where: { $0.id == text }) else {
                throw Problem(fieldID: id, message: "\(displayName) must be one of \(enumValues.map(\.id).joined(separator: ", ")).")
            }
        case .string(let text)?:
            if let min = constraint("minlength").flatMap({ Int($0.trimmingASCIIWhitespace()) }), text.count < min {
                throw Problem(fieldID: id, message: "\(displayName) must have at least \(min) characters.")
            }
            if let max = constraint("maxlength").flatMap({ Int($0.trimmingASCIIWhitespace()) }), text.count > max {
                throw Problem(fieldID: id, message: "\(displayName) must have at most \(max) characters.")
            }
        default:
            break
        }
    }

    private func checkRange(_ number: Int64) throws(Problem) {
        if let min = constraint("min").flatMap({ Int64($0.trimmingASCIIWhitespace()) }), number < min {
            throw Problem(fieldID: id, message: "\(displayName) must be at least \(min).")
        }
        if let max = constraint("max").flatMap({ Int64($0.trimmingASCIIWhitespace()) }), number > max {
            throw Problem(fieldID: id, message: "\(displayName) must be at most \(max).")
        }
    }

    private var displayName: String { label ?? id }
}
