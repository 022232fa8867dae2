/// Variables persist as Camunda typed values: `{"type": "Long", "value": 42}`. As in Camunda,
/// `Json` and `Object` values are serialized JSON text (which keeps object members in their
/// order; a JSON object decoded by `Codable` would not), `Date` is ISO 8601 text, `Bytes` and
/// `File` base64 (a File with its `valueInfo` as serialized JSON).
extension VariableValue: Codable {
    private enum CodingKeys: String, CodingKey { case type, value, objectTypeName, valueInfo }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "Null": self = .null
        case "String": self = .string(try container.decode(String.self, forKey: .value))
        case "Boolean": self = .boolean(try container.decode(Bool.self, forKey: .value))
        case "Integer": self = .integer(try container.decode(Int32.self, forKey: .value))
        case "Long": self = .long(try container.decode(Int64.self, forKey: .value))
        case "Double": self = .double(try container.decode(Double.self, forKey: .value))
        case "Date":
            let text = try container.decode(String.self, forKey: .value)
            guard let date = Timestamp(iso8601: text) else {
                throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "Expected an ISO 8601 date, but got '\(text)'.")
            }
            self = .date(date)
        case "Json": self = .json(try Self.json(container))
        case "Object": self = .object(try Self.json(container), typeName: try container.decodeIfPresent(String.self, forKey: .objectTypeName))
        case "Bytes": self = .bytes(try Self.bytes(container))
        case "File":
            let info = try container.decode(String.self, forKey: .valueInfo)
            guard let valueInfo = JSONText.parse(info), let file = FileVariable(valueInfo: valueInfo, bytes: try Self.bytes(container)) else {
                throw DecodingError.dataCorruptedError(forKey: .valueInfo, in: container, debugDescription: "Expected a File's valueInfo with a filename.")
            }
            self = .file(file)
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "Expected a Camunda variable type, but got '\(type)'.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .null: break
        case .string(let s): try container.encode(s, forKey: .value)
        case .boolean(let b): try container.encode(b, forKey: .value)
        case .integer(let i): try container.encode(i, forKey: .value)
        case .long(let l): try container.encode(l, forKey: .value)
        case .double(let d): try container.encode(d, forKey: .value)
        case .date(let t): try container.encode(t.iso8601, forKey: .value)
        case .json(let j): try container.encode(JSONText.render(j), forKey: .value)
        case .object(let j, let typeName):
            try container.encode(JSONText.render(j), forKey: .value)
            try container.encodeIfPresent(typeName, forKey: .objectTypeName)
        case .bytes(let bytes): try container.encode(Base64.encode(bytes), forKey: .value)
        case .file(let file):
            try container.encode(Base64.encode(file.bytes), forKey: .value)
            try container.encode(JSONText.render(file.valueInfo), forKey: .valueInfo)
        }
    }

    private static func bytes(_ container: KeyedDecodingContainer<CodingKeys>) throws -> [UInt8] {
        guard let bytes = Base64.decode(try container.decode(String.self, forKey: .value)) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "Expected base64, but the value is not.")
        }
        return bytes
    }

    private static func json(_ container: KeyedDecodingContainer<CodingKeys>) throws -> JSONValue {
        let text = try container.decode(String.self, forKey: .value)
        guard let value = JSONText.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "Expected serialized JSON, but the value does not parse.")
        }
        return value
    }
}

/// Durations persist as their ISO 8601 text.
extension ISODuration: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let duration = ISODuration(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Expected an ISO 8601 duration, but got '\(text)'."))
        }
        self = duration
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CallActivityDefinition.Binding: Codable {}
