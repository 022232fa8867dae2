import BatonModel

/// A variable as Camunda's typed-value JSON: `{"type": "Long", "value": 42}`.
struct TypedValueJSON: Encodable {
    var value: VariableValue

    enum CodingKeys: String, CodingKey { case type, value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value.typeName, forKey: .type)
        switch value {
        case .null: try container.encodeNil(forKey: .value)
        case .string(let s): try container.encode(s, forKey: .value)
        case .boolean(let b): try container.encode(b, forKey: .value)
        case .integer(let i): try container.encode(i, forKey: .value)
        case .long(let l): try container.encode(l, forKey: .value)
        case .double(let d): try container.encode(d, forKey: .value)
        case .date(let t): try container.encode(t.iso8601, forKey: .value)
        case .json(let j), .object(let j, _): try container.encode(JSONText.render(j), forKey: .value)
        }
    }
}
