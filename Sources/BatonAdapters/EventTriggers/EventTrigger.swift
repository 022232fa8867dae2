import BatonModel

/// A data-event trigger: rows written to `table` (inserted, updated, deleted) start an instance
/// of `processDefinitionKey` when `condition` holds. The condition, the business key and the
/// variables are JUEL over `new` and `old` (the row after and before, as maps; an empty map where
/// there is none) and `operation`, `table` and `origin` (the writer's `application_name`).
public struct EventTrigger: Hashable, Sendable {
    public enum Database: String, Hashable, Sendable, CaseIterable {
        /// Baton's own database.
        case engine
        /// Retool's database (`RETOOL_DATABASE_URL`).
        case retool
    }

    public enum Operation: String, Hashable, Sendable, CaseIterable {
        case insert = "INSERT", update = "UPDATE", delete = "DELETE"
    }

    public var name: String
    public var database: Database
    /// Schema-qualified or not, as PostgreSQL resolves it.
    public var table: String
    public var operations: [Operation]
    public var condition: Template?
    public var processDefinitionKey: String
    public var businessKey: Template?
    /// Variable names and their templates, in name order.
    public var variables: [(name: String, value: Template)]
    /// Start nothing (outcome `skipped`) while an instance of the process with the same business
    /// key runs: a row changed by the process's own submission does not start it twice.
    public var unlessRunning: Bool

    public static func == (a: Self, b: Self) -> Bool { a.json == b.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(JSONText.render(json)) }

    /// A trigger's name is part of a PostgreSQL trigger's name and of URLs.
    static func isValidName(_ name: String) -> Bool {
        (1...50).contains(name.utf8.count) && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Reads a trigger as `PUT /api/event-triggers/{name}` and `*.triggers.json` give it; every
    /// problem names its field (and the character where an expression goes wrong).
    public init(name: String, json: JSONValue) throws(EventTriggerError) {
        guard Self.isValidName(name) else {
            throw EventTriggerError("Expected a trigger name of 1 to 50 letters, digits, '_' or '-', but it is '\(name)'.")
        }
        guard case .object(let members) = json else { throw EventTriggerError("Expected the trigger '\(name)' to be a JSON object.") }
        let known: Set = ["database", "table", "operations", "condition", "processDefinitionKey", "businessKey", "variables", "unlessRunning", "name"]
        if let unknown = members.map(\.key).first(where: { !known.contains($0) }) {
            throw EventTriggerError("Expected the fields \(known.sorted().joined(separator: ", ")), but '\(unknown)' is none of them.")
        }
        func text(_ field: String) throws(EventTriggerError) -> String? {
            switch json[field] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default: throw EventTriggerError("Expected '\(field)' to be a string.")
            }
        }
        func template(_ source: String, field: String) throws(EventTriggerError) -> Template {
            do { return try Template(parsing: source) } catch {
                throw EventTriggerError("Expected '\(field)' to be a JUEL expression or text, but \(error.description): '\(source)'.")
            }
        }
        self.name = name
        if let given = try text("name"), given != name {
            throw EventTriggerError("Expected the body's 'name' to be '\(name)', as the path says, but it is '\(given)'.")
        }
        let database = try text("database") ?? Database.engine.rawValue
        guard let parsed = Database(rawValue: database) else {
            throw EventTriggerError("Expected 'database' to be engine or retool, but it is '\(database)'.")
        }
        self.database = parsed
        guard let table = try text("table"), !table.isEmpty else { throw EventTriggerError("Expected 'table' to name the table to watch, but it is missing.") }
        self.table = table
        switch json["operations"] {
        case nil, .null?:
            operations = Operation.allCases
        case .array(let items)?:
            var operations: [Operation] = []
            for item in items {
                guard case .string(let raw) = item, let operation = Operation(rawValue: raw.uppercased()) else {
                    throw EventTriggerError("Expected 'operations' to list INSERT, UPDATE or DELETE, but it holds \(JSONText.render(item)).")
                }
                if !operations.contains(operation) { operations.append(operation) }
            }
            guard !operations.isEmpty else { throw EventTriggerError("Expected 'operations' to list at least one of INSERT, UPDATE, DELETE.") }
            self.operations = Operation.allCases.filter(operations.contains)
        default:
            throw EventTriggerError("Expected 'operations' to be an array.")
        }
        condition = try text("condition").map { source throws(EventTriggerError) in try template(source, field: "condition") }
        guard let key = try text("processDefinitionKey"), !key.isEmpty else {
            throw EventTriggerError("Expected 'processDefinitionKey' to name the process to start, but it is missing.")
        }
        processDefinitionKey = key
        businessKey = try text("businessKey").map { source throws(EventTriggerError) in try template(source, field: "businessKey") }
        var variables: [(String, Template)] = []
        switch json["variables"] {
        case nil, .null?: break
        case .object(let entries)?:
            for entry in entries.sorted(by: { $0.key < $1.key }) {
                guard case .string(let source) = entry.value else { throw EventTriggerError("Expected 'variables.\(entry.key)' to be a string.") }
                variables.append((entry.key, try template(source, field: "variables.\(entry.key)")))
            }
        default:
            throw EventTriggerError("Expected 'variables' to be an object of names and expressions.")
        }
        self.variables = variables
        switch json["unlessRunning"] {
        case nil, .null?: unlessRunning = false
        case .bool(let value)?: unlessRunning = value
        default: throw EventTriggerError("Expected 'unlessRunning' to be true or false.")
        }
    }

    /// The trigger as the API answers it (and as it is stored).
    public var json: JSONValue {
        .object([
            .init("name", .string(name)), .init("database", .string(database.rawValue)), .init("table", .string(table)),
            .init("operations", .array(operations.map { .string($0.rawValue) })),
            .init("condition", condition.map { .string($0.source) } ?? .null),
            .init("processDefinitionKey", .string(processDefinitionKey)),
            .init("businessKey", businessKey.map { .string($0.source) } ?? .null),
            .init("variables", .object(variables.map { .init($0.name, .string($0.value.source)) })),
            .init("unlessRunning", .bool(unlessRunning)),
        ])
    }
}

/// A trigger that cannot be saved or installed, with what is wrong in words a user acts on.
public struct EventTriggerError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The definition is wrong.
        case invalid
        /// The table (or the trigger) does not exist.
        case notFound
        /// The database role may not create the trigger.
        case forbidden
    }

    public var kind: Kind
    public var message: String

    public init(_ message: String, kind: Kind = .invalid) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
