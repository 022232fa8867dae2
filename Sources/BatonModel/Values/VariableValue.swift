/// A process variable's value with its Camunda type (`String`, `Boolean`, `Integer`, `Long`,
/// `Double`, `Date`, `Json`, `Null`, `Object`, `Bytes`, `File`).
///
/// `Integer` is 32-bit and `Long` 64-bit, as in Camunda, so a value keeps the type its client gave
/// it when it is read back. `Object` keeps Camunda's serialized form: its JSON and the Java type name.
public enum VariableValue: Hashable, Sendable {
    case null
    case string(String)
    case boolean(Bool)
    case integer(Int32)
    case long(Int64)
    case double(Double)
    case date(Timestamp)
    case json(JSONValue)
    case object(JSONValue, typeName: String?)
    /// Both boxed: inline, a file (name, type, encoding, bytes) would make every value larger,
    /// and an array's payload leaves the event enum no spare bits for its tag (an event grew from
    /// 64 to 88 bytes; `EventFootprintTests` holds it).
    indirect case bytes([UInt8])
    indirect case file(FileVariable)

    /// The Camunda type name, as it appears in typed-value JSON.
    public var typeName: String {
        switch self {
        case .null: "Null"
        case .string: "String"
        case .boolean: "Boolean"
        case .integer: "Integer"
        case .long: "Long"
        case .double: "Double"
        case .date: "Date"
        case .json: "Json"
        case .object: "Object"
        case .bytes: "Bytes"
        case .file: "File"
        }
    }

    /// The value as a JSON document member would hold it: numbers as numbers, dates as ISO 8601.
    public var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .string(let s): .string(s)
        case .boolean(let b): .bool(b)
        case .integer(let i): .integer(Int64(i))
        case .long(let l): .integer(l)
        case .double(let d): .double(d)
        case .date(let t): .string(t.iso8601)
        case .json(let j), .object(let j, _): j
        case .bytes(let bytes): .string(Base64.encode(bytes))
        case .file(let file): .string(Base64.encode(file.bytes))
        }
    }

    /// Whether both are the same JSON value, as a database compares JSON: numbers by value
    /// whatever their type (Integer 5, Long 5 and Double 5.0 are one number).
    public func sameJSON(as other: VariableValue) -> Bool {
        switch (jsonValue, other.jsonValue) {
        case (.integer(let a), .integer(let b)): a == b
        case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)): Double(a) == b
        case (.double(let a), .double(let b)): a == b
        case (let a, let b): a == b
        }
    }

    /// A JSON member as a variable: scalars become their typed value, containers stay `Json`.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .boolean(b)
        case .integer(let i): self = .long(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array, .object: self = .json(json)
        }
    }
}

extension VariableValue {
    /// The value back from its type name and its plain JSON form (``jsonValue``), as a query
    /// store keeps it in a JSON column; `serialized` is the exact text of Json and Object
    /// values (a JSON column may reorder object members), and a File's ``FileVariable/valueInfo``.
    /// Nil when they do not fit together.
    public init?(typeName: String, plain: JSONValue, serialized: String? = nil, objectTypeName: String? = nil) {
        let document = serialized.flatMap(JSONText.parse) ?? plain
        switch (typeName, plain) {
        case ("Null", _): self = .null
        case ("String", .string(let text)): self = .string(text)
        case ("Boolean", .bool(let flag)): self = .boolean(flag)
        case ("Integer", .integer(let number)): guard let small = Int32(exactly: number) else { return nil }; self = .integer(small)
        case ("Long", .integer(let number)): self = .long(number)
        case ("Double", .double(let number)): self = .double(number)
        case ("Double", .integer(let number)): self = .double(Double(number))
        case ("Double", .null): self = .double(.nan)
        case ("Date", .string(let text)): guard let date = Timestamp(iso8601: text) else { return nil }; self = .date(date)
        case ("Json", _): self = .json(document)
        case ("Object", _): self = .object(document, typeName: objectTypeName)
        case ("Bytes", .string(let text)): guard let bytes = Base64.decode(text) else { return nil }; self = .bytes(bytes)
        case ("File", .string(let text)):
            guard let bytes = Base64.decode(text), let file = FileVariable(valueInfo: document, bytes: bytes) else { return nil }
            self = .file(file)
        default: return nil
        }
    }
}

/// A file held by a variable (Camunda's `File` type): its bytes, name, media type and text
/// encoding. Clients send and fetch the bytes through `…/variables/{name}/data`.
public struct FileVariable: Hashable, Sendable {
    public var filename: String
    public var mimeType: String?
    public var encoding: String?
    public var bytes: [UInt8]

    public init(filename: String, mimeType: String? = nil, encoding: String? = nil, bytes: [UInt8]) {
        self.filename = filename
        self.mimeType = mimeType
        self.encoding = encoding
        self.bytes = bytes
    }

    /// Camunda's `valueInfo` of a File value: `filename`, and `mimeType` and `encoding` when known.
    public var valueInfo: JSONValue { .object(valueInfoMembers) }

    public var valueInfoMembers: [JSONValue.Member] {
        var members: [JSONValue.Member] = [.init("filename", .string(filename))]
        if let mimeType { members.append(.init("mimeType", .string(mimeType))) }
        if let encoding { members.append(.init("encoding", .string(encoding))) }
        return members
    }

    /// The file from its `valueInfo` and bytes; nil without a file name.
    public init?(valueInfo: JSONValue, bytes: [UInt8]) {
        guard case .string(let filename)? = valueInfo["filename"], !filename.isEmpty else { return nil }
        func text(_ key: String) -> String? { if case .string(let value)? = valueInfo[key] { value } else { nil } }
        self.init(filename: filename, mimeType: text("mimeType"), encoding: text("encoding"), bytes: bytes)
    }
}
