import BatonCore
import BatonModel

/// One node of an instance's activity-instance tree (Camunda's `ActivityInstance`): the process
/// instance at the root, its active element instances nested by scope.
public struct ActivityInstanceNode: Hashable, Sendable {
    public var id: String
    /// An element id; at the root, the process definition's id, as Camunda has it.
    public var activityID: String
    public var activityName: String?
    /// Camunda's activity type; `processDefinition` at the root.
    public var activityType: String
    public var processInstanceID: String
    public var processDefinitionID: String
    /// The executions waiting in it: `<instance>:<key>` as `GET /execution` lists them.
    public var executionIDs: [String]
    public var incidents: [IncidentReference]
    public var children: [ActivityInstanceNode]
    /// Element instances waiting in an asynchronous continuation inside this scope.
    public var transitions: [TransitionInstanceNode]
}

/// An element instance waiting in an asynchronous continuation (its `asyncBefore` or
/// `asyncAfter` job not yet run): Camunda's `TransitionInstance`, not an activity instance.
public struct TransitionInstanceNode: Hashable, Sendable {
    public var id: String
    /// The element the continuation enters (asyncBefore) or leaves (asyncAfter).
    public var activityID: String
    public var activityName: String?
    public var activityType: String
    public var executionID: String
    public var incidents: [IncidentReference]
}

/// An open incident where it was raised.
public struct IncidentReference: Hashable, Sendable {
    public var id: String
    public var activityID: String
}

extension Runtime {
    /// What a running instance is doing now, as Camunda's activity-instance tree.
    public func activityInstanceTree(of instanceID: String) async throws -> ActivityInstanceNode {
        try await store.read { transaction in
            guard let record = try await transaction.lockInstance(instanceID), record.state.status == .active else {
                throw EngineError(.notFound, "Expected a running process instance '\(instanceID)', but there is none.")
            }
            let process = try await executable(record.definitionID, in: transaction)
            return ActivityInstanceTreeBuilder(record: record, process: process).tree()
        }
    }
}

/// Builds the tree from an instance's state: element instances nest by scope; one whose
/// continuation job is pending is a transition instance of its scope instead.
private struct ActivityInstanceTreeBuilder {
    let record: InstanceRecord
    let process: ExecutableProcess

    func tree() -> ActivityInstanceNode {
        let (children, transitions) = contents(of: nil)
        return ActivityInstanceNode(
            id: record.id, activityID: record.definitionID, activityName: process.definition.name, activityType: "processDefinition",
            processInstanceID: record.id, processDefinitionID: record.definitionID, executionIDs: [record.id], incidents: [],
            children: children, transitions: transitions)
    }

    private func contents(of scope: ElementKey?) -> ([ActivityInstanceNode], [TransitionInstanceNode]) {
        var children: [ActivityInstanceNode] = [], transitions: [TransitionInstanceNode] = []
        for element in record.state.children(of: scope) {
            let node = process.nodes[element.node]
            let type = element.isMultiInstanceBody ? "multiInstanceBody" : node.kind.activityType
            let executionID = "\(record.id):\(element.key)"
            if isContinuing(element.key) {
                transitions.append(TransitionInstanceNode(
                    id: executionID, activityID: node.id.rawValue, activityName: node.name, activityType: type, executionID: executionID,
                    incidents: incidents(at: element.key)))
                continue
            }
            let (grandchildren, nestedTransitions) = contents(of: element.key)
            children.append(ActivityInstanceNode(
                id: executionID, activityID: node.id.rawValue, activityName: node.name, activityType: type, processInstanceID: record.id,
                processDefinitionID: record.definitionID, executionIDs: [executionID], incidents: incidents(at: element.key),
                children: grandchildren, transitions: nestedTransitions))
        }
        return (children, transitions)
    }

    /// Whether the element instance waits for its asyncBefore or asyncAfter job.
    private func isContinuing(_ key: ElementKey) -> Bool {
        record.state.jobs.contains { job in
            guard job.elementKey == key else { return false }
            switch job.kind {
            case .activate, .leave: return true
            default: return false
            }
        }
    }

    private func incidents(at key: ElementKey) -> [IncidentReference] {
        record.state.incidents.filter { $0.elementKey == key }.map { IncidentReference(id: $0.id, activityID: process.nodes[$0.node].id.rawValue) }
    }
}
