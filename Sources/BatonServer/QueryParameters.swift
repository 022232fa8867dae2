import BatonEngine
import BatonModel
import Hummingbird

/// A request's query parameters, checked against what the endpoint accepts: an unknown name or
/// a malformed value answers 400 naming the parameter.
struct QueryParameters {
    private let values: [(name: String, value: String)]
    /// A JSON body's `variables`, `processVariables` and `taskVariables` as `[{name, operator,
    /// value}]`, typed as sent (a GET query's `name_op_value` text is read by
    /// ``EngineRestAPI/variableFilter(_:)`` instead).
    private(set) var variableConditions: [String: [VariableCondition]] = [:]
    static let variableConditionKeys: Set<String> = ["variables", "processVariables", "taskVariables", "variableValues", "caseInstanceVariables"]

    init(_ request: Request, allowed: Set<String>) throws {
        try self.init(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, allowed: allowed)
    }

    /// The same parameters sent as a JSON body (Camunda's `POST` queries): scalars as their text,
    /// arrays of strings comma-joined, and `sorting: [{sortBy, sortOrder}]` as its first entry.
    init(body: JSONBody, allowed: Set<String>) throws {
        guard case .object(let members) = body.value else { throw RestError.invalid("Expected the query to be a JSON object.") }
        var values: [(String, String)] = []
        var variables: [String: [VariableCondition]] = [:]
        for member in members {
            switch member.value {
            case .null: continue
            case .string(let text): values.append((member.key, text))
            case .bool(let flag): values.append((member.key, flag ? "true" : "false"))
            case .integer(let number): values.append((member.key, String(number)))
            case .double(let number) where number.rounded() == number && abs(number) < 9.0e15: values.append((member.key, String(Int64(number))))
            case .double(let number): throw RestError.invalid("Expected '\(member.key)' to be a whole number, but it is \(number).")
            case .array(let items) where Self.variableConditionKeys.contains(member.key) && items.allSatisfy({ if case .object = $0 { true } else { false } }):
                variables[member.key] = try items.map(Self.variableCondition)
            case .array(let items) where member.key == "sorting":
                for item in items {
                    guard case .string(let key)? = item["sortBy"] else { throw RestError.invalid("Expected each entry of 'sorting' to name a 'sortBy'.") }
                    values.append(("sortBy", key))
                    if case .string(let order)? = item["sortOrder"] { values.append(("sortOrder", order)) } else { values.append(("sortOrder", "asc")) }
                }
            case .array(let items):
                let texts = try items.map { item -> String in
                    guard case .string(let text) = item else { throw RestError.invalid("Expected '\(member.key)' to be a list of strings.") }
                    return text
                }
                values.append((member.key, texts.joined(separator: ",")))
            default:
                throw RestError.invalid(
                    "Expected '\(member.key)' to be a string, whole number, boolean or list of strings, but it is a JSON \(member.value.kindName).")
            }
        }
        // `variables` is checked against `allowed` like any member; its conditions are kept typed
        // in ``variableConditions``, not as text.
        try self.init(values + variables.keys.sorted().map { ($0, "") }, allowed: allowed.union(["sorting"]))
        variableConditions = variables
    }

    /// `{name, operator, value}`, the value typed as sent.
    private static func variableCondition(_ item: JSONValue) throws -> VariableCondition {
        guard case .string(let name)? = item["name"], !name.isEmpty else { throw RestError.invalid("Expected each entry of 'variables' to have a 'name'.") }
        guard case .string(let comparison)? = item["operator"] else { throw RestError.invalid("Expected the entry of 'variables' for '\(name)' to have an 'operator'.") }
        guard let parsed = VariableCondition.Operator(rawValue: comparison) else {
            let known = VariableCondition.Operator.allCases.map(\.rawValue).joined(separator: ", ")
            throw RestError.invalid("Expected the operator of the entry of 'variables' for '\(name)' to be one of \(known), but it is '\(comparison)'.")
        }
        return VariableCondition(
            name: name, value: try TypedValue.decode(.object([.init("value", item["value"] ?? .null)]), path: name), comparison: parsed)
    }

    private init(_ values: [(String, String)], allowed: Set<String>) throws {
        self.values = values.map { (name: $0.0, value: $0.1) }
        if let unknown = values.first(where: { !allowed.contains($0.0) }) {
            guard !allowed.isEmpty else { throw RestError.invalid("Unknown query parameter '\(unknown.0)'; this endpoint takes no query parameters.") }
            throw RestError.invalid("Unknown query parameter '\(unknown.0)'; expected one of \(allowed.sorted().joined(separator: ", ")).")
        }
        if let held = values.first(where: { $0.1.unicodeScalars.contains("\u{0}") }) {
            throw RestError.invalid("Expected query parameter '\(held.0)' without NUL characters, but it holds one.")
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

    /// Camunda's `suspended=true` / `active=true` pair: true for suspended rows only, false for
    /// active ones only, nil for both. Only `true` filters, as in Camunda; both at once match nothing
    /// and are refused.
    func suspension() throws -> Bool? {
        let suspended = try bool("suspended") == true, active = try bool("active") == true
        if suspended && active {
            throw RestError.invalid("Expected at most one of 'suspended' and 'active' to be true, but both are: nothing is both.")
        }
        return suspended ? true : active ? false : nil
    }

    func integer(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let number = Int(text) else { throw RestError.invalid("Expected query parameter '\(name)' to be an integer, but it is '\(text)'.") }
        return number
    }

    /// A date-time as Camunda writes them (`2026-01-31T09:30:00.000+0000`), or ISO 8601 with `Z`.
    func date(_ name: String) throws -> Timestamp? {
        guard let text = string(name) else { return nil }
        guard let date = TypedValue.parseDate(text) ?? Timestamp(iso8601: text) else {
            throw RestError.invalid("Expected query parameter '\(name)' to be a date-time such as 2026-01-31T09:30:00.000+0000, but it is '\(text)'.")
        }
        return date
    }

    /// The page `firstResult` and `maxResults` ask for.
    func page() throws -> Page { Page(firstResult: try integer("firstResult") ?? 0, maxResults: try integer("maxResults")) }

    /// Camunda's `sortBy` and `sortOrder` (several pairs from a POST body's `sorting` array),
    /// checked against the keys the endpoint sorts by; `fallback` when none is given.
    func sorting<Key>(_ fallback: [Sorting<Key>]) throws -> [Sorting<Key>] where Key: RawRepresentable & CaseIterable & Hashable & Sendable, Key.RawValue == String {
        let keys = values.filter { $0.name == "sortBy" }.map(\.value)
        let orders = values.filter { $0.name == "sortOrder" }.map(\.value)
        guard !keys.isEmpty || !orders.isEmpty else { return fallback }
        guard keys.count == orders.count || (keys.count == 1 && orders.isEmpty) else {
            throw RestError.invalid("Expected 'sortBy' and 'sortOrder' in pairs, but there are \(keys.count) of one and \(orders.count) of the other.")
        }
        return try keys.enumerated().map { index, name in
            guard let key = Key(rawValue: name) else {
                throw RestError.invalid(
                    "Cannot sort by '\(name)'; expected 'sortBy' to be one of \(Key.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let order = index < orders.count ? orders[index] : "asc"
            guard order == "asc" || order == "desc" else {
                throw RestError.invalid("Expected 'sortOrder' to be asc or desc, but it is '\(order)'.")
            }
            return Sorting(key, ascending: order == "asc")
        }
    }

    /// A comma-separated list (`candidateGroups=a,b`).
    func list(_ name: String) -> [String]? {
        string(name).map { $0.split(separator: ",").map(String.init).filter { !$0.isEmpty } }
    }

    /// Camunda's tenant parameters: `tenantIdIn` (rows of these tenants), `withoutTenantId` (rows
    /// of none, which wins over `tenantIdIn`, as in Camunda's queries), and `including` (such as
    /// `includeProcessDefinitionsWithoutTenantId`: rows of none as well as of `tenantIdIn`).
    func tenants(including: String? = nil) throws -> TenantFilter {
        if try bool("withoutTenantId") == true { return .none }
        guard let ids = list("tenantIdIn") else { return .any }
        let alsoWithout = try including.map { try bool($0) == true } ?? false
        return TenantFilter(tenantIDs: Set(ids), withoutTenant: alsoWithout)
    }
}
