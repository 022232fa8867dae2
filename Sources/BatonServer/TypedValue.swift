import BatonModel

/// Camunda's typed-value JSON: `{"value": …, "type": "String", "valueInfo": {…}}`.
public enum TypedValue {
    /// A typed value from a client. Without `type` the JSON value's own kind decides (as Camunda
    /// does); `Json` and `Object` values arrive as serialized text.
    static func decode(_ json: JSONValue, path: String) throws -> VariableValue {
        guard case .object = json else { throw RestError.invalid("Expected '\(path)' to be a typed value {\"value\": …, \"type\": …}, but it is a JSON \(json.kindName).") }
        let value = json["value"] ?? .null
        let type: String?
        switch json["type"] {
        case .string(let name)?: type = name
        case nil, .null?: type = nil
        case let other?: throw RestError.invalid("Expected '\(path).type' to be a type name, but it is a JSON \(other.kindName).")
        }
        func wrong(_ expected: String) -> RestError {
            RestError.invalid("Expected '\(path).value' to be \(expected) for type \(type ?? "inferred"), but it is a JSON \(value.kindName).")
        }
        switch (type?.lowercased(), value) {
        // Untyped, as Camunda's JSON reading types it: a whole number that fits 32 bits is an
        // Integer, a larger one a Long.
        case (nil, .integer(let number)): return Int32(exactly: number).map(VariableValue.integer) ?? .long(number)
        case (nil, _): return VariableValue(value)
        case ("null", _): return .null
        case (_, .null): return .null
        case ("string", .string(let text)): return .string(text)
        case ("string", _): throw wrong("a string")
        case ("boolean", .bool(let flag)): return .boolean(flag)
        case ("boolean", .string(let text)) where text == "true" || text == "false": return .boolean(text == "true")
        case ("boolean", _): throw wrong("true or false")
        case ("integer", _), ("short", _):
            guard let number = integer(value), let small = Int32(exactly: number) else { throw wrong("a 32-bit integer") }
            return .integer(small)
        case ("long", _):
            guard let number = integer(value) else { throw wrong("an integer") }
            return .long(number)
        case ("double", .integer(let number)): return .double(Double(number))
        case ("double", .double(let number)): return .double(number)
        case ("double", .string(let text)) where Double(text) != nil: return .double(Double(text)!)
        case ("double", _): throw wrong("a number")
        case ("date", .string(let text)):
            guard let timestamp = parseDate(text) else {
                throw RestError.invalid("Expected '\(path).value' to be a date such as 2026-01-31T09:30:00.000+0000, but it is '\(text)'.")
            }
            return .date(timestamp)
        case ("date", _): throw wrong("a date string")
        case ("json", .string(let text)), ("object", .string(let text)):
            guard let parsed = JSONText.parse(text) else { throw RestError.invalid("Expected '\(path).value' to hold serialized JSON, but it does not parse.") }
            if type?.lowercased() == "json" { return .json(parsed) }
            let typeName: String?
            if case .string(let name)? = json["valueInfo"]?["objectTypeName"] { typeName = name } else { typeName = nil }
            return .object(parsed, typeName: typeName)
        case ("json", .object), ("json", .array): return .json(value)
        case ("json", _), ("object", _): throw wrong("serialized JSON text")
        case ("bytes", .string(let text)), ("file", .string(let text)):
            guard let bytes = Base64.decode(text) else { throw RestError.invalid("Expected '\(path).value' to be base64 for type \(type ?? ""), but it is not.") }
            if type?.lowercased() == "bytes" { return .bytes(bytes) }
            guard let file = FileVariable(valueInfo: json["valueInfo"] ?? .null, bytes: bytes) else {
                throw RestError.invalid("Expected '\(path).valueInfo.filename' for a File value, but it is missing.")
            }
            return .file(file)
        case ("bytes", _), ("file", _): throw wrong("a base64 string")
        default:
            throw RestError.invalid(
                "Expected '\(path).type' to be one of String, Boolean, Integer, Short, Long, Double, Date, Json, Object, Bytes, File or Null, but it is '\(type ?? "")'.")
        }
    }

    private static func integer(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let number): number
        case .double(let number) where number.rounded() == number && abs(number) < 9.0e15: Int64(number)
        case .string(let text): Int64(text)
        default: nil
        }
    }

    /// Camunda's date format (`2026-01-31T09:30:00.000+0000`) or ISO 8601 with `Z` or `+00:00`.
    static func parseDate(_ text: String) -> Timestamp? {
        if let timestamp = Timestamp(iso8601: text) { return timestamp }
        // +0000 → +00:00
        let characters = Array(text)
        if characters.count > 5, let sign = characters.dropLast(4).last, sign == "+" || sign == "-",
            characters.suffix(4).allSatisfy(\.isNumber)
        {
            return Timestamp(iso8601: String(characters.dropLast(2)) + ":" + String(characters.suffix(2)))
        }
        return nil
    }

    /// Camunda prints dates with a numeric offset: `2026-01-31T09:30:00.000+0000`.
    static func formatDate(_ timestamp: Timestamp) -> String {
        let text = timestamp.iso8601
        return text.hasSuffix("Z") ? String(text.dropLast()) + "+0000" : text
    }

    static func encode(_ value: VariableValue) -> JSONValue {
        let (json, info): (JSONValue, [JSONValue.Member]) = switch value {
        case .null: (.null, [])
        case .string(let text): (.string(text), [])
        case .boolean(let flag): (.bool(flag), [])
        case .integer(let number): (.integer(Int64(number)), [])
        case .long(let number): (.integer(number), [])
        case .double(let number): (number.isFinite ? .double(number) : .null, [])
        case .date(let timestamp): (.string(formatDate(timestamp)), [])
        case .json(let document): (.string(JSONText.render(document)), [])
        case .object(let document, let typeName):
            (.string(JSONText.render(document)), [
                .init("objectTypeName", .orNull(typeName)), .init("serializationDataFormat", .string("application/json")),
            ])
        case .bytes(let bytes): (.string(Base64.encode(bytes)), [])
        // As Camunda: a file's bytes only through `…/data`, never inline.
        case .file(let file): (.null, file.valueInfoMembers)
        }
        return .object([.init("type", .string(value.typeName)), .init("value", json), .init("valueInfo", .object(info))])
    }

    /// A variable instance as Camunda lists it: id, name, the typed value's members, then `more`.
    static func variable(id: String, name: String, value: VariableValue, _ more: [JSONValue.Member]) -> JSONValue {
        guard case .object(let typed) = encode(value) else { return .null }
        return .object([.init("id", .string(id)), .init("name", .string(name))] + typed + more)
    }

    /// `{"name": typed value, …}`, sorted by name.
    public static func encode(_ variables: [String: VariableValue]) -> JSONValue {
        .object(variables.keys.sorted().map { .init($0, encode(variables[$0]!)) })
    }

    static func date(_ timestamp: Timestamp?) -> JSONValue { timestamp.map { .string(formatDate($0)) } ?? .null }
}
