import BatonModel

/// The stored JSON of a command's events, as ``SortedJSONEncoder`` writes them (element
/// positions as ids from the definition's ``ElementTable``), with the events every command
/// records written straight as bytes.
///
/// Codable made an encoder, a container box and a sorted member list for every event and every
/// nested value: a fifth of Baton's instructions per command on the PostgreSQL store. The events
/// most commands record (elements activated and completed, flows taken, tasks created and
/// completed, scalar variables set, an instance started or completed) are written here with their
/// keys in the encoder's byte order; every other event goes through the encoder.
/// `StoredEventJSONTests` holds both to the same bytes.
public enum StoredEventJSON {
    /// `events` as one JSON array.
    public static func array(_ events: [InstanceEvent], table: ElementTable) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + 96 * events.count)
        out.append(UInt8(ascii: "["))
        for (index, event) in events.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            try write(event, table: table, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// One event's JSON.
    public static func single(_ event: InstanceEvent, table: ElementTable) throws -> String {
        var out: [UInt8] = []
        try write(event, table: table, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ event: InstanceEvent, table: ElementTable, into out: inout [UInt8]) throws {
        if writeDirectly(event, table: table, into: &out) { return }
        var encoder = SortedJSONEncoder()
        encoder.userInfo[.elementTable] = table
        out.append(contentsOf: try encoder.encode(event).utf8)
    }

    /// Writes `event` and returns true when it is one of the common cases; otherwise (and when an
    /// element position is not in `table`, which the encoder reports) writes nothing.
    static func writeDirectly(_ event: InstanceEvent, table: ElementTable, into out: inout [UInt8]) -> Bool {
        var object = MemberWriter()
        switch event {
        case .elementActivated(let element):
            guard let nodeID = ElementKind.node.id(at: element.node, in: table) else { return false }
            object.openPayload(of: "elementActivated", &out)
            object.members(of: element, nodeID: nodeID, &out)
            object.close(&out)
        case .elementCompleted(let key), .elementTerminated(let key):
            if case .elementCompleted = event { object.open("elementCompleted", &out) } else { object.open("elementTerminated", &out) }
            object.integer("key", key, &out)
        case .sequenceFlowTaken(let flow, let scope):
            guard let flowID = ElementKind.flow.id(at: flow.wrappedValue, in: table) else { return false }
            object.open("sequenceFlowTaken", &out)
            object.string("flow", flowID, &out)
            object.integer("scope", scope, &out)
        case .instanceStarted(let instanceID, let businessKey, let parent, let startUserID):
            object.open("instanceStarted", &out)
            object.string("businessKey", businessKey, &out)
            object.string("instanceID", instanceID, &out)
            object.parent("parent", parent, &out)
            object.string("startUserID", startUserID, &out)
        case .userTaskCreated(let task):
            guard let nodeID = ElementKind.node.id(at: task.node, in: table) else { return false }
            object.openPayload(of: "userTaskCreated", &out)
            object.members(of: task, nodeID: nodeID, &out)
            object.close(&out)
        case .variableSet(let scope, let name, let value):
            guard let scalar = ScalarValue(value) else { return false }
            object.open("variableSet", &out)
            object.string("name", name, &out)
            object.integer("scope", scope, &out)
            object.value("value", typeName: value.typeName, scalar, &out)
        case .userTaskCompleted(let taskID, let by):
            object.open("userTaskCompleted", &out)
            object.string("by", by, &out)
            object.string("taskID", taskID, &out)
        case .userTaskCanceled(let taskID):
            object.open("userTaskCanceled", &out)
            object.string("taskID", taskID, &out)
        case .jobCompleted(let jobID), .jobCanceled(let jobID):
            if case .jobCompleted = event { object.open("jobCompleted", &out) } else { object.open("jobCanceled", &out) }
            object.string("jobID", jobID, &out)
        case .subscriptionClosed(let subscriptionID):
            object.open("subscriptionClosed", &out)
            object.string("subscriptionID", subscriptionID, &out)
        case .variableRemoved(let scope, let name):
            object.open("variableRemoved", &out)
            object.string("name", name, &out)
            object.integer("scope", scope, &out)
        case .instanceCompleted:
            object.open("instanceCompleted", &out)
        default:
            return false
        }
        object.close(&out)  // the case's object
        object.close(&out)  // the event's
        return true
    }
}
