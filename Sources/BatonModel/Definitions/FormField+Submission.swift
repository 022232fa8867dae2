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
    /// unticked is `false`); throws the first constraint it breaks.
    ///
    /// - Parameter text: as a browser sends it: nil when the field was not sent at all.
    public func submittedValue(_ text: String?) throws(Problem) -> VariableValue? {
        let trimmed = text?.trimmingASCIIWhitespace() ?? ""
        let name = label ?? id
        if type == "boolean" { return .boolean(["true", "on", "yes"].contains(trimmed.lowercased())) }
        guard !trimmed.isEmpty else {
            if isRequired { throw Problem(fieldID: id, message: "\(name) is required.") }
            return nil
        }
        switch type {
        case "long":
            guard let number = Int64(trimmed) else { throw Problem(fieldID: id, message: "\(name) must be a whole number.") }
            if let min = constraint("min").flatMap({ Int64($0.trimmingASCIIWhitespace()) }), number < min {
                throw Problem(fieldID: id, message: "\(name) must be at least \(min).")
            }
            if let max = constraint("max").flatMap({ Int64($0.trimmingASCIIWhitespace()) }), number > max {
                throw Problem(fieldID: id, message: "\(name) must be at most \(max).")
            }
            return .long(number)
        case "date":
            guard let day = Timestamp(iso8601: trimmed + "T00:00:00Z") ?? Timestamp(iso8601: trimmed) else {
                throw Problem(fieldID: id, message: "\(name) must be a date such as 2026-01-31.")
            }
            return .date(day)
        case "enum":
            guard enumValues.contains(where: { $0.id == trimmed }) else {
                throw Problem(fieldID: id, message: "\(name) must be one of \(enumValues.map(\.id).joined(separator: ", ")).")
            }
            return .string(trimmed)
        default:
            let typed = text ?? ""
            let length = typed.count
            if let min = constraint("minlength").flatMap({ Int($0.trimmingASCIIWhitespace()) }), length < min {
                throw Problem(fieldID: id, message: "\(name) must have at least \(min) characters.")
            }
            if let max = constraint("maxlength").flatMap({ Int($0.trimmingASCIIWhitespace()) }), length > max {
                throw Problem(fieldID: id, message: "\(name) must have at most \(max) characters.")
            }
            return .string(typed)
        }
    }
}
