import BatonModel

/// The stored JSON of an instance's state, as ``SortedJSONEncoder`` writes it, written straight
/// as bytes when the state holds only what most states hold: element instances, user tasks and
/// scalar variables (the other lists empty). A state with jobs, subscriptions, incidents, joins, compensations or other
/// variables goes through the encoder. `StoredStateJSONTests` holds both to the same bytes.
public enum StoredStateJSON {
    public static func json(_ state: InstanceState, table: ElementTable) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        if writeDirectly(state, table: table, into: &out) { return String(decoding: out, as: UTF8.self) }
        var encoder = SortedJSONEncoder()
        encoder.userInfo[.elementTable] = table
        return try encoder.encode(state)
    }

    /// Writes `state` and returns true when it holds only what this writes; otherwise (and when
    /// an element position is not in `table`, which the encoder reports) writes nothing.
    static func writeDirectly(_ state: InstanceState, table: ElementTable, into out: inout [UInt8]) -> Bool {
        guard state.jobs.isEmpty, state.subscriptions.isEmpty, state.incidents.isEmpty, state.joins.isEmpty, state.compensations.isEmpty,
            let elements = withNodeIDs(state.elements, table, node: { $0.node }),
            let tasks = withNodeIDs(state.tasks, table, node: { $0.node })
        else { return false }
        // In the order `InstanceState.encode(to:)` stores them: scopes by key (the process
        // first), names sorted.
        var variables: [(scope: ElementKey?, name: String, type: String, value: ScalarValue)] = []
        for scope in state.variables.keys.sorted(by: { ($0 ?? 0) < ($1 ?? 0) }) {
            let values = state.variables[scope] ?? [:]
            for name in values.keys.sorted() {
                guard let value = values[name], let scalar = ScalarValue(value) else { return false }
                variables.append((scope, name, value.typeName, scalar))
            }
        }
        var object = MemberWriter()
        object.string("businessKey", state.businessKey, &out)
        object.objects("elements", elements, &out) { object, element, out in object.members(of: element.item, nodeID: element.nodeID, &out) }
        object.emptyArray("incidents", &out)
        object.string("instanceID", state.instanceID, &out)
        object.emptyArray("jobs", &out)
        object.emptyArray("joins", &out)
        object.integer("nextKey", state.nextKey, &out)
        object.parent("parent", state.parent, &out)
        object.integer("schemaVersion", Int64(InstanceState.schemaVersion), &out)
        object.string("startUserID", state.startUserID, &out)
        object.string("status", state.status.rawValue, &out)
        object.emptyArray("subscriptions", &out)
        if state.suspended { object.bool("suspended", true, &out) }
        object.objects("tasks", tasks, &out) { object, task, out in object.members(of: task.item, nodeID: task.nodeID, &out) }
        object.objects("variables", variables, &out) { object, variable, out in
            object.string("name", variable.name, &out)
            object.integer("scope", variable.scope, &out)
            object.value("value", typeName: variable.type, variable.value, &out)
        }
        object.close(&out)
        return true
    }

    /// Each item with the id of its node; nil when a position is not in `table`.
    private static func withNodeIDs<Item>(_ items: [Item], _ table: ElementTable, node: (Item) -> Int) -> [(item: Item, nodeID: String)]? {
        var named: [(item: Item, nodeID: String)] = []
        named.reserveCapacity(items.count)
        for item in items {
            guard let id = ElementKind.node.id(at: node(item), in: table) else { return nil }
            named.append((item, id))
        }
        return named
    }
}
