import Hummingbird

/// A request's query parameters, checked against what the endpoint accepts: an unknown name or
/// a malformed value answers 400 naming the parameter.
struct QueryParameters {
    private let values: [(name: String, value: String)]

    init(_ request: Request, allowed: Set<String>) throws {
        values = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        if let unknown = values.first(where: { !allowed.contains($0.name) }) {
            throw RestError.invalid("Unknown query parameter '\(unknown.name)'; expected one of \(allowed.sorted().joined(separator: ", ")).")
        }
    }

    func string(_ name: String) -> String? { values.last { $0.name == name }?.value }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw RestError.invalid("Expected query parameter '\(name)' to be true or false, but it is '\(text)'.")
        }
    }

    func integer(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let number = Int(text) else { throw RestError.invalid("Expected query parameter '\(name)' to be an integer, but it is '\(text)'.") }
        return number
    }

    /// A comma-separated list (`candidateGroups=a,b`).
    func list(_ name: String) -> [String]? {
        string(name).map { $0.split(separator: ",").map(String.init).filter { !$0.isEmpty } }
    }
}
