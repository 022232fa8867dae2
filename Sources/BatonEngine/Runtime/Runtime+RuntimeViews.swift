import BatonCore
import BatonModel

/// A message an instance waits for.
public struct EventSubscriptionInfo: Hashable, Sendable {
    public var id: String
    public var eventType: String
    public var eventName: String
    public var processInstanceID: String
    public var activityID: String
}

/// A variable as it is now, in the scope that holds it.
public struct VariableInstanceInfo: Hashable, Sendable {
    public var name: String
    public var value: VariableValue
    public var processInstanceID: String
    /// The element instance whose local scope holds it, or the process instance itself.
    public var activityInstanceID: String
}

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
    /// Open message subscriptions of one running instance, or of all.
    public func eventSubscriptions(processInstanceID: String? = nil) async throws -> [EventSubscriptionInfo] {
        try await store.read { transaction in
            var result: [EventSubscriptionInfo] = []
            for record in try await instances(processInstanceID, in: transaction) where record.state.status == .active {
                let process = try await executable(record.definitionID, in: transaction)
                for subscription in record.state.subscriptions {
                    result.append(EventSubscriptionInfo(
                        id: subscription.id, eventType: "message", eventName: subscription.messageName, processInstanceID: record.id,
                        activityID: process.nodes[subscription.node].id.rawValue))
                }
            }
            return result
        }
    }

    /// Every variable of one running instance (process-level and local), or of all.
    public func variableInstances(processInstanceID: String? = nil) async throws -> [VariableInstanceInfo] {
        try await store.read { transaction in
            var result: [VariableInstanceInfo] = []
            for record in try await instances(processInstanceID, in: transaction) where record.state.status == .active {
                let scopes = record.state.variables.keys.sorted { ($0 ?? 0) < ($1 ?? 0) }
                for scope in scopes {
                    let values = record.state.variables[scope] ?? [:]
                    for name in values.keys.sorted() {
                        result.append(VariableInstanceInfo(
                            name: name, value: values[name]!, processInstanceID: record.id,
                            activityInstanceID: scope.map { "\(record.id):\($0)" } ?? record.id))
                    }
                }
            }
            return result
        }
    }

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
                        activityType: element.isMultiInstanceBody ? "multiInstanceBody" : node.kind.elementName, processInstanceID: instanceID,
                        children: children(of: element.key))
                }
            }
            return ActivityInstanceNode(
                id: instanceID, activityID: record.processKey, activityName: nil, activityType: "processDefinition", processInstanceID: instanceID,
                children: children(of: nil))
        }
    }
}
