import BatonCore
import BatonModel

/// One node of an instance's activity-instance tree: what is active now, nested by scope.
public struct ActivityInstanceNode: Hashable, Sendable {
    public var id: String
    public var activityID: String
    public var activityName: String?
    public var activityType: String
    public var processInstanceID: String
    public var children: [ActivityInstanceNode]
}

extension Runtime {
    public func eventSubscriptions(_ query: EventSubscriptionQuery = EventSubscriptionQuery(), page: Page = .all) async throws -> [EventSubscriptionInfo] {
        try await store.list(query, page: page)
    }

    public func count(_ query: EventSubscriptionQuery) async throws -> Int { try await store.count(query) }

    /// Variables of running instances, process-level and local.
    public func variableInstances(_ query: VariableInstanceQuery = VariableInstanceQuery(), page: Page = .all) async throws -> [VariableInstanceInfo] {
        try await store.list(query, page: page)
    }

    public func count(_ query: VariableInstanceQuery) async throws -> Int { try await store.count(query) }

    /// What a running instance is doing now, as Camunda's activity-instance tree: the process
    /// instance at the root, active element instances nested by scope.
    public func activityInstanceTree(of instanceID: String) async throws -> ActivityInstanceNode {
        try await store.read { transaction in
            guard let record = try await transaction.lockInstance(instanceID), record.state.status == .active else {
                throw EngineError(.notFound, "Expected a running process instance '\(instanceID)', but there is none.")
            }
            let process = try await executable(record.definitionID, in: transaction)
            func children(of scope: ElementKey?) -> [ActivityInstanceNode] {
                record.state.children(of: scope).map { element in
                    let node = process.nodes[element.node]
                    return ActivityInstanceNode(
                        id: "\(instanceID):\(element.key)", activityID: node.id.rawValue, activityName: node.name,
                        activityType: element.isMultiInstanceBody ? "multiInstanceBody" : node.kind.activityType, processInstanceID: instanceID,
                        children: children(of: element.key))
                }
            }
            return ActivityInstanceNode(
                id: instanceID, activityID: record.processKey, activityName: nil, activityType: "processDefinition", processInstanceID: instanceID,
                children: children(of: nil))
        }
    }
}
