public import BatonModel

/// One finding about a BPMN file: what is wrong, where, and how it may be fixed.
///
/// Messages follow the "Expected …, but …" form and name the element. They never contain process
/// variable values, so diagnostics can be logged and returned to API clients as they are.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error, warning, note

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation
    /// The id of the element at fault, when it has one.
    public var elementID: ElementID?
    /// The element's tag as written, e.g. `bpmn:userTask`.
    public var elementTag: String?
    /// The attribute or child element at fault, e.g. `camunda:assignee` or `conditionExpression`.
    public var attribute: String?
    /// Hints such as "did you mean 'Task_8'?" or where a duplicate was first defined.
    public var notes: [String]

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, location: SourceLocation,
        elementID: ElementID? = nil, elementTag: String? = nil, attribute: String? = nil, notes: [String] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.elementID = elementID
        self.elementTag = elementTag
        self.attribute = attribute
        self.notes = notes
    }

    /// Compiler style: `file:12:5: error: [BPMN-E012] Expected … (element 'Flow_3')`, then one
    /// `note:` line per note.
    public var description: String {
        var line = "\(location): \(severity.rawValue): [\(code.identifier)] \(message)"
        if let elementID { line += " (element '\(elementID)')" }
        for note in notes { line += "\n\(location): note: \(note)" }
        return line
    }
}

extension [Diagnostic] {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
