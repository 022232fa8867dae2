import BatonModel

/// JSON text compared by meaning: members in key order, and a number equal whether written
/// `1` or `1.0` (Foundation writes integral doubles without the fraction, ``JSONText`` with it).
struct JSONCanonical: Equatable, CustomStringConvertible {
    let value: JSONValue?

    init(_ text: String) { value = JSONText.parse(text).map(Self.canonical) }

    var description: String { value.map(JSONText.render) ?? "not JSON" }

    private static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let number) where number.rounded() == number && abs(number) < 9e15: .integer(Int64(number))
        case .array(let items): .array(items.map(canonical))
        case .object(let members):
            .object(members.map { JSONValue.Member($0.key, canonical($0.value)) }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
        default: value
        }
    }
}
