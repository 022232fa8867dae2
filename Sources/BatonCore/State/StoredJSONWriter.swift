import BatonModel

/// A variable value whose stored form is its type and a scalar; the rest (JSON, objects, bytes,
/// files) go through the encoder.
enum ScalarValue {
    case none, text(String), literal(String), integer(Int64)

    init?(_ value: VariableValue) {
        switch value {
        case .null: self = .none
        case .string(let text): self = .text(text)
        case .boolean(let flag): self = .literal(flag ? "true" : "false")
        case .integer(let number): self = .integer(Int64(number))
        case .long(let number): self = .integer(number)
        case .double(let number) where number.isFinite: self = .literal(String(number))
        case .date(let time): self = .text(time.iso8601)
        default: return nil
        }
    }
}

/// Writes JSON objects' members in the order they are given (the caller gives them in the
/// encoder's key order); a nil value is left out, as `encodeIfPresent` leaves it. The outermost
/// object is opened with its first member, so a writer that gives up before it wrote nothing.
struct MemberWriter {
    /// Whether anything was written; then whether the innermost open object has a member yet.
    private var started = false
    private var empty = true

    private mutating func key(_ name: String, _ out: inout [UInt8]) {
        if !started {
            out.append(UInt8(ascii: "{"))
            started = true
        } else if !empty {
            out.append(UInt8(ascii: ","))
        }
        empty = false
        JSONText.writeString(name, into: &out)
        out.append(UInt8(ascii: ":"))
    }

    /// Opens an object as member `name`.
    mutating func open(_ name: String, _ out: inout [UInt8]) {
        key(name, &out)
        out.append(UInt8(ascii: "{"))
        empty = true
    }

    /// Opens the object of an enum case with one unlabeled value, as Codable synthesizes it:
    /// `{"case":{"_0":{…}}}`; the caller closes both.
    mutating func openPayload(of caseName: String, _ out: inout [UInt8]) {
        open(caseName, &out)
        open("_0", &out)
    }

    /// An array of objects as member `name`, each object's members written by `members`.
    mutating func objects<Item>(_ name: String, _ items: [Item], _ out: inout [UInt8], members: (inout MemberWriter, Item, inout [UInt8]) -> Void) {
        openArray(name, &out)
        for item in items {
            openItem(&out)
            members(&self, item, &out)
            close(&out)
        }
        closeArray(&out)
    }

    mutating func emptyArray(_ name: String, _ out: inout [UInt8]) {
        openArray(name, &out)
        closeArray(&out)
    }

    private mutating func openArray(_ name: String, _ out: inout [UInt8]) {
        key(name, &out)
        out.append(UInt8(ascii: "["))
        empty = true
    }

    private mutating func openItem(_ out: inout [UInt8]) {
        if !empty { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "{"))
        empty = true
    }

    private mutating func closeArray(_ out: inout [UInt8]) {
        out.append(UInt8(ascii: "]"))
        empty = false
    }

    mutating func close(_ out: inout [UInt8]) {
        out.append(UInt8(ascii: "}"))
        empty = false
    }

    mutating func string(_ name: String, _ value: String?, _ out: inout [UInt8]) {
        guard let value else { return }
        key(name, &out)
        JSONText.writeString(value, into: &out)
    }

    mutating func integer(_ name: String, _ value: Int64?, _ out: inout [UInt8]) {
        guard let value else { return }
        key(name, &out)
        JSONText.writeInteger(value, into: &out)
    }

    mutating func bool(_ name: String, _ value: Bool, _ out: inout [UInt8]) { literal(name, value ? "true" : "false", &out) }

    /// A member whose JSON text is `text` as it stands (a number or a boolean).
    mutating func literal(_ name: String, _ text: String, _ out: inout [UInt8]) {
        key(name, &out)
        out.append(contentsOf: text.utf8)
    }

    mutating func strings(_ name: String, _ values: [String], _ out: inout [UInt8]) {
        key(name, &out)
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.writeString(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    mutating func scalar(_ name: String, _ value: ScalarValue, _ out: inout [UInt8]) {
        switch value {
        case .none: break
        case .text(let text): string(name, text, &out)
        case .literal(let text): literal(name, text, &out)
        case .integer(let number): integer(name, number, &out)
        }
    }

    /// A variable value as member `name`, as `VariableValue.encode(to:)` gives a scalar one:
    /// its type, then the value unless it is null.
    mutating func value(_ name: String, typeName: String, _ scalar: ScalarValue, _ out: inout [UInt8]) {
        open(name, &out)
        string("type", typeName, &out)
        self.scalar("value", scalar, &out)
        close(&out)
    }

    /// A parent link as member `name`, as its synthesized `encode(to:)` gives it.
    mutating func parent(_ name: String, _ parent: ParentLink?, _ out: inout [UInt8]) {
        guard let parent else { return }
        open(name, &out)
        integer("elementKey", parent.elementKey, &out)
        string("instanceID", parent.instanceID, &out)
        close(&out)
    }

    /// An element instance's members as `ElementInstance.encode(to:)` gives them.
    mutating func members(of element: ElementInstance, nodeID: String, _ out: inout [UInt8]) {
        integer("compensating", element.compensating, &out)
        if element.isMultiInstanceBody { bool("isMultiInstanceBody", true, &out) }
        integer("key", element.key, &out)
        integer("loopCounter", element.loopCounter.map(Int64.init), &out)
        string("node", nodeID, &out)
        integer("scope", element.scope, &out)
    }

    /// A task's members as `UserTaskRecord.encode(to:)` gives them.
    mutating func members(of task: UserTaskRecord, nodeID: String, _ out: inout [UInt8]) {
        string("assignee", task.assignee, &out)
        if !task.candidateGroups.isEmpty { strings("candidateGroups", task.candidateGroups, &out) }
        if !task.candidateUsers.isEmpty { strings("candidateUsers", task.candidateUsers, &out) }
        integer("createdAt", task.createdAt.millisecondsSinceEpoch, &out)
        string("delegationState", task.delegationState?.rawValue, &out)
        string("description", task.description, &out)
        integer("dueDate", task.dueDate?.millisecondsSinceEpoch, &out)
        integer("elementKey", task.elementKey, &out)
        integer("followUpDate", task.followUpDate?.millisecondsSinceEpoch, &out)
        string("formKey", task.formKey, &out)
        string("id", task.id, &out)
        string("name", task.name, &out)
        string("node", nodeID, &out)
        string("owner", task.owner, &out)
        if task.priority != UserTaskRecord.defaultPriority { integer("priority", Int64(task.priority), &out) }
    }
}
