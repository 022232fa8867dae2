import BatonModel

/// Moving a running instance to another version of its process, every element to the element of
/// the same id. Baton requires the target to keep every element id of the source: an instance's
/// stored events name the elements it passed, and they are read with its current definition, so
/// the events read with the target rebuild exactly the migrated state. Each active element must
/// also keep its kind, its enclosing scope and whether it is multi-instance, and each boundary
/// event its activity; what waits (tasks, jobs, subscriptions, joins, compensation records)
/// moves with its element.
public enum InstanceMigration {
    /// Why `state` cannot move from `source` to `target`; empty when it can.
    public static func problems(of state: InstanceState, from source: ExecutableProcess, to target: ExecutableProcess) -> [String] {
        var problems: [String] = []
        let missingNodes = source.nodes.map(\.id).filter { target.node($0) == nil }
        if !missingNodes.isEmpty {
            problems.append(
                "The target keeps every element of the source in Baton's migration, but it has no \(missingNodes.map { "'\($0)'" }.joined(separator: ", ")); the instance's history names them.")
        }
        let missingFlows = source.flows.map(\.id).filter { id in !target.flows.contains { $0.id == id } }
        if !missingFlows.isEmpty {
            problems.append("The target has no sequence flow \(missingFlows.map { "'\($0)'" }.joined(separator: ", ")) of the source; the instance's history names them.")
        }
        for element in state.elements {
            let node = source.nodes[element.node]
            guard let position = target.node(node.id) else { continue }  // reported above
            let moved = target.nodes[position]
            if kindName(node) != kindName(moved) {
                problems.append("Activity '\(node.id)' is a \(kindName(node)) in the source but a \(kindName(moved)) in the target.")
            }
            let parent = node.parent.map { source.nodes[$0].id }, movedParent = moved.parent.map { target.nodes[$0].id }
            if parent != movedParent {
                problems.append(
                    "Activity '\(node.id)' is in \(parent.map { "'\($0)'" } ?? "the process") in the source but in \(movedParent.map { "'\($0)'" } ?? "the process") in the target.")
            }
            if (node.details.multiInstance == nil) != (moved.details.multiInstance == nil) {
                problems.append("Activity '\(node.id)' is \(node.details.multiInstance == nil ? "not " : "")multi-instance in the source but \(moved.details.multiInstance == nil ? "not" : "is") in the target.")
            }
            for boundary in node.boundaryEvents {
                guard let movedBoundary = target.node(source.nodes[boundary].id) else { continue }
                if !moved.boundaryEvents.contains(movedBoundary) {
                    problems.append("Boundary event '\(source.nodes[boundary].id)' is attached to '\(node.id)' in the source but not in the target.")
                }
            }
        }
        return problems
    }

    /// `state` with every element position moved to `target`'s; nil when ``problems(of:from:to:)``
    /// is not empty.
    public static func migrate(_ state: InstanceState, from source: ExecutableProcess, to target: ExecutableProcess) -> InstanceState? {
        guard problems(of: state, from: source, to: target).isEmpty else { return nil }
        let nodes = source.nodes.map { target.node($0.id)! }
        let flows = source.flows.map { flow in target.flows.firstIndex { $0.id == flow.id }! }
        return state.remapped(node: { nodes[$0] }, flow: { flows[$0] })
    }

    /// The kind as Camunda's history names it (`userTask`, `intermediateSignalCatch`…).
    private static func kindName(_ node: ExecutableNode) -> String { node.kind.activityType }
}
