import BatonModel
import Hummingbird

/// A JSON request body, read with a size limit and taken apart field by field: every mistake
/// answers 400 with a message that names the field.
struct JSONBody {
    let value: JSONValue
    /// Where this object sits in the body, for messages ("variables.amount").
    let path: String

    /// The body of `request` (an empty body is an empty object).
    static func read(_ request: Request, context: some RequestContext, limit: Int) async throws -> JSONBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw RestError(.contentTooLarge, type: "RequestTooLargeException", "Expected a JSON body of at most \(limit) bytes, but it is larger.")
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw RestError.invalid("Expected the request body to be UTF-8, but it holds bytes that are not.")
        }
        if text.allSatisfy(\.isWhitespace) { return JSONBody(value: .object([]), path: "") }
        guard let value = JSONText.parse(text) else { throw RestError.invalid("Expected the request body to be JSON, but it is not well-formed.") }
        guard case .object = value else { throw RestError.invalid("Expected the request body to be a JSON object, but it is a JSON \(value.kindName).") }
        if let path = Self.firstNUL(in: value, at: "") {
            throw RestError.invalid("Expected text without NUL characters (\\u0000), but '\(path)' holds one; nothing can store it.")
        }
        return JSONBody(value: value, path: "")
    }

    /// Where the first string or member name holding U+0000 is, as a field path.
    private static func firstNUL(in value: JSONValue, at path: String) -> String? {
        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        switch value {
        case .string(let text): return text.unicodeScalars.contains("\u{0}") ? path : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstNUL(in: item, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let members):
            for member in members {
                if member.key.unicodeScalars.contains("\u{0}") { return child(member.key) }
                if let found = firstNUL(in: member.value, at: child(member.key)) { return found }
            }
            return nil
        default: return nil
        }
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Refuses members this endpoint does not know, so a typo never passes silently.
    func allowOnly(_ keys: Set<String>) throws {
        guard case .object(let members) = value else { return }
        if let unknown = members.first(where: { !keys.contains($0.key) }) {
            throw RestError.invalid("Unknown parameter '\(name(unknown.key))'; expected one of \(keys.sorted().joined(separator: ", ")).")
        }
    }

    private func member(_ key: String) -> JSONValue? {
        guard let member = value[key], member != .null else { return nil }
        return member
    }

    func string(_ key: String) throws -> String? {
        guard let member = member(key) else { return nil }
        guard case .string(let text) = member else { throw mismatch(key, "a string", member) }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let member = member(key) else { return nil }
        guard case .bool(let flag) = member else { throw mismatch(key, "true or false", member) }
        return flag
    }

    /// A boolean the request cannot do without, such as a suspension request's `suspended`.
    func requiredBool(_ key: String) throws -> Bool {
        guard let flag = try bool(key) else { throw RestError.invalid("Expected '\(name(key))' (true or false) in the body, but it is missing.") }
        return flag
    }

    func integer(_ key: String) throws -> Int64? {
        guard let member = member(key) else { return nil }
        switch member {
        case .integer(let number): return number
        case .double(let number) where number.rounded() == number && abs(number) < 9.0e15: return Int64(number)
        default: throw mismatch(key, "an integer", member)
        }
    }

    func object(_ key: String) throws -> JSONBody? {
        guard let member = member(key) else { return nil }
        guard case .object = member else { throw mismatch(key, "an object", member) }
        return JSONBody(value: member, path: name(key))
    }

    func array(_ key: String) throws -> [JSONBody]? {
        guard let member = member(key) else { return nil }
        guard case .array(let items) = member else { throw mismatch(key, "an array", member) }
        return items.enumerated().map { JSONBody(value: $1, path: "\(name(key))[\($0)]") }
    }

    func strings(_ key: String) throws -> [String]? {
        try array(key)?.map { item in
            guard case .string(let text) = item.value else { throw RestError.invalid("Expected '\(item.path)' to be a string, but it is a JSON \(item.value.kindName).") }
            return text
        }
    }

    /// Camunda typed variables under `key`: `{"name": {"value": …, "type": "…"}}`.
    func variables(_ key: String) throws -> [String: VariableValue] {
        guard let object = try object(key), case .object(let members) = object.value else { return [:] }
        var result: [String: VariableValue] = [:]
        for member in members { result[member.key] = try TypedValue.decode(member.value, path: object.name(member.key)) }
        return result
    }

    private func mismatch(_ key: String, _ expected: String, _ actual: JSONValue) -> RestError {
        RestError.invalid("Expected '\(name(key))' to be \(expected), but it is a JSON \(actual.kindName).")
    }
}
