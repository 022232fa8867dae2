import BatonBPMN
import BatonModel

/// A diagnostic as JSON: every field present, `null` where unknown, so scripts need no guesswork.
struct DiagnosticJSON: Encodable {
    var severity: String
    var code: String
    var name: String
    var message: String
    var file: String
    var line: Int
    var column: Int?
    var elementId: String?
    var elementType: String?
    var attribute: String?
    var notes: [String]

    init(_ diagnostic: Diagnostic) {
        severity = diagnostic.severity.rawValue
        code = diagnostic.code.identifier
        name = diagnostic.code.name
        message = diagnostic.message
        file = diagnostic.location.file
        line = diagnostic.location.line
        column = diagnostic.location.column
        elementId = diagnostic.elementID?.rawValue
        elementType = diagnostic.elementTag
        attribute = diagnostic.attribute
        notes = diagnostic.notes
    }

    enum CodingKeys: String, CodingKey {
        case severity, code, name, message, file, line, column, elementId, elementType, attribute, notes
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(message, forKey: .message)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(elementId, forKey: .elementId)
        try container.encode(elementType, forKey: .elementType)
        try container.encode(attribute, forKey: .attribute)
        try container.encode(notes, forKey: .notes)
    }
}
