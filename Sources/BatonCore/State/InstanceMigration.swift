import BatonModel

/// Moving a running instance to another version of its process. Each active activity goes to
/// the activity its instruction names (`activities`, source id to target id; the ids may
/// differ); everything else the state points at (a join's gateway and flows, a boundary event
/// or event subprocess that waits, a compensation handler) goes to the element of the same id.
/// An active activity must keep its kind, its enclosing scope (as mapped) and whether it is
/// multi-instance, and each waiting boundary event its activity; what waits (tasks, jobs,
/// subscriptions, joins, compensation records) moves with its element. The runtime records the
/// moved state as a checkpoint event, so the instance's earlier events keep their own ids.
public enum InstanceMigration {
    /// Where each source node and flow the state points at goes in the target.
    struct Mapping {
        let source: ExecutableProcess
        let target: ExecutableProcess
        let activities: [String: String]

        func node(_ position: Int) -> Int? {
            // An incident of the instance itself names no element (-1).
            guard position >= 0 else { return position }
            let id = source.nodes[position].id.rawValue
            return target.node(ElementID(activities[id] ?? id))
        }

        func flow(_ position: Int) -> Int? {
            let id = source.flows[position].id
            return target.flows.firstIndex { $0.id == id }
        }
    }

    /// Why `state` cannot move from `source` to `target` with `activities` mapped; empty when it can.
    public static func problems(
        of state: InstanceState, from source: ExecutableProcess, to target: ExecutableProcess, activities: [String: String]
    ) -> [String] {
        let mapping = Mapping(source: source, target: target, activities: activities)
        var problems: [String] = []
        let (nodes, flows) = referencedPositions(state)
        // Sorted: the positions come as a set, and a refusal must read the same every time.
        let unmappedNodes = nodes.sorted().filter { mapping.node($0) == nil }.map { "'\(source.nodes[$0].id)'" }
        if !unmappedNodes.isEmpty {
            problems.append(
                "The instance waits at or holds \(unmappedNodes.joined(separator: ", ")), which the target has no element for (map it with an instruction, or keep its id).")
        }
        let unmappedFlows = flows.sorted().filter { mapping.flow($0) == nil }.map { "'\(source.flows[$0].id)'" }
        if !unmappedFlows.isEmpty {
            problems.append("A join of the instance waits on sequence flow \(unmappedFlows.joined(separator: ", ")), which the target has not.")
        }
        for element in state.elements {
            let node = source.nodes[element.node]
            guard let position = mapping.node(element.node) else { continue }  // reported above
            let moved = target.nodes[position]
            let name = node.id == moved.id ? "'\(node.id)'" : "'\(node.id)' (to '\(moved.id)')"
            if kindName(node) != kindName(moved) {
                problems.append("Activity \(name) is a \(kindName(node)) in the source but a \(kindName(moved)) in the target.")
            }
            let parent = node.parent.map { mapping.node($0).map { target.nodes[$0].id.rawValue } ?? "?" }
            let movedParent = moved.parent.map { target.nodes[$0].id.rawValue }
            if parent != movedParent {
                problems.append(
                    "Activity \(name) would be in \(parent.map { "'\($0)'" } ?? "the process") in the target, but there it is in \(movedParent.map { "'\($0)'" } ?? "the process").")
            }
            if (node.details.multiInstance == nil) != (moved.details.multiInstance == nil) {
                problems.append("Activity \(name) is \(node.details.multiInstance == nil ? "not " : "")multi-instance in the source but \(moved.details.multiInstance == nil ? "not" : "is") in the target.")
            }
            for boundary in node.boundaryEvents where nodes.contains(boundary) {
                guard let movedBoundary = mapping.node(boundary) else { continue }
                if !moved.boundaryEvents.contains(movedBoundary) {
                    problems.append("Boundary event '\(source.nodes[boundary].id)' waits on activity \(name), but in the target it is not attached to '\(moved.id)'.")
                }
            }
        }
        return problems
    }

    /// `state` with every position moved to `target`'s; nil when ``problems(of:from:to:activities:)``
    /// is not empty.
    public static func migrate(
        _ state: InstanceState, from source: ExecutableProcess, to target: ExecutableProcess, activities: [String: String]
    ) -> InstanceState? {
        guard problems(of: state, from: source, to: target, activities: activities).isEmpty else { return nil }
        let mapping = Mapping(source: source, target: target, activities: activities)
        return state.remapped(node: { mapping.node($0)! }, flow: { mapping.flow($0)! })
    }

    /// Source element ids whose element the state points at and whose target differs: each
    /// running row naming the old id must name the new one.
    public static func renamed(
        _ state: InstanceState, from source: ExecutableProcess, to target: ExecutableProcess, activities: [String: String]
    ) -> [ElementRename] {
        let mapping = Mapping(source: source, target: target, activities: activities)
        return referencedPositions(state).nodes.sorted().compactMap { position in
            guard let moved = mapping.node(position), source.nodes[position].id != target.nodes[moved].id else { return nil }
            return ElementRename(from: source.nodes[position].id.rawValue, to: target.nodes[moved].id.rawValue, name: target.nodes[moved].name)
        }
    }

    /// Every node and flow position the state points at.
    static func referencedPositions(_ state: InstanceState) -> (nodes: Set<Int>, flows: Set<Int>) {
        var nodes: Set<Int> = [], flows: Set<Int> = []
        _ = state.remapped(
            node: { position in
                if position >= 0 { nodes.insert(position) }
                return position
            },
            flow: { position in
                flows.insert(position)
                return position
            })
        return (nodes, flows)
    }

    /// The kind as Camunda's history names it (`userTask`, `intermediateSignalCatch`…).
    private static func kindName(_ node: ExecutableNode) -> String { node.kind.activityType }
}

/// An element the instance holds, under its new id (and name) in the target version.
public struct ElementRename: Hashable, Sendable {
    public var from: String
    public var to: String
    public var name: String?

    public init(from: String, to: String, name: String?) {
        self.from = from
        self.to = to
        self.name = name
    }
}
