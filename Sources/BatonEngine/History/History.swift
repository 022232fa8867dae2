import BatonCore
import BatonModel

/// One execution of a flow node, from activation to completion or termination.
public struct HistoricActivityInstance: Hashable, Sendable {
    public var id: String
    public var activityID: String
    public var activityName: String?
    public var activityType: String
    public var processInstanceID: String
    public var startTime: Timestamp
    public var endTime: Timestamp?
    public var canceled: Bool
    public var taskID: String?
    public var calledProcessInstanceID: String?
}

public struct HistoricTaskInstance: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var taskDefinitionKey: String
    public var processInstanceID: String
    public var assignee: String?
    public var startTime: Timestamp
    public var endTime: Timestamp?
    /// `completed`, `deleted` (cancelled) or nil while open.
    public var deleteReason: String?
}

public struct HistoricVariableUpdate: Hashable, Sendable {
    public var name: String
    public var value: VariableValue
    public var processInstanceID: String
    /// The activity instance whose local scope holds the variable; nil for the process.
    public var activityInstanceID: String?
    public var time: Timestamp
}

public struct HistoricIncident: Hashable, Sendable {
    public var id: String
    public var kind: String
    public var message: String
    public var processInstanceID: String
    public var activityID: String
    public var jobID: String?
    public var createdAt: Timestamp
    public var resolvedAt: Timestamp?
}

/// Reads history out of an instance's recorded events: the event log is the history, these are
/// views of it.
struct HistoryProjection {
    let instanceID: String
    let process: ExecutableProcess
    let events: [RecordedEvent]

    func activityID(_ key: ElementKey) -> String { "\(instanceID):\(key)" }

    var activities: [HistoricActivityInstance] {
        var result: [HistoricActivityInstance] = []
        var position: [ElementKey: Int] = [:]
        for recorded in events {
            switch recorded.event {
            case .elementActivated(let element):
                let node = process.nodes[element.node]
                position[element.key] = result.count
                result.append(HistoricActivityInstance(
                    id: activityID(element.key), activityID: node.id.rawValue, activityName: node.name,
                    activityType: element.isMultiInstanceBody ? "multiInstanceBody" : node.kind.elementName, processInstanceID: instanceID,
                    startTime: recorded.at, endTime: nil, canceled: false, taskID: nil, calledProcessInstanceID: nil))
            case .elementCompleted(let key):
                if let index = position[key] { result[index].endTime = recorded.at }
            case .elementTerminated(let key):
                if let index = position[key] {
                    result[index].endTime = recorded.at
                    result[index].canceled = true
                }
            case .userTaskCreated(let task):
                if let index = position[task.elementKey] { result[index].taskID = task.id }
            case .childInstanceRequested(let request):
                if let index = position[request.elementKey] { result[index].calledProcessInstanceID = request.childInstanceID }
            default:
                break
            }
        }
        return result
    }

    var tasks: [HistoricTaskInstance] {
        var result: [HistoricTaskInstance] = []
        var position: [String: Int] = [:]
        for recorded in events {
            switch recorded.event {
            case .userTaskCreated(let task):
                position[task.id] = result.count
                result.append(HistoricTaskInstance(
                    id: task.id, name: task.name, taskDefinitionKey: process.nodes[task.node].id.rawValue, processInstanceID: instanceID,
                    assignee: task.assignee, startTime: recorded.at, endTime: nil, deleteReason: nil))
            case .userTaskAssigned(let id, let assignee):
                if let index = position[id] { result[index].assignee = assignee }
            case .userTaskCompleted(let id, let by):
                if let index = position[id] {
                    result[index].endTime = recorded.at
                    result[index].deleteReason = "completed"
                    if result[index].assignee == nil { result[index].assignee = by }
                }
            case .userTaskCanceled(let id):
                if let index = position[id] {
                    result[index].endTime = recorded.at
                    result[index].deleteReason = "deleted"
                }
            default:
                break
            }
        }
        return result
    }

    var variableUpdates: [HistoricVariableUpdate] {
        events.compactMap { recorded in
            guard case .variableSet(let scope, let name, let value) = recorded.event else { return nil }
            return HistoricVariableUpdate(
                name: name, value: value, processInstanceID: instanceID, activityInstanceID: scope.map(activityID), time: recorded.at)
        }
    }

    var incidents: [HistoricIncident] {
        var result: [HistoricIncident] = []
        for recorded in events {
            switch recorded.event {
            case .incidentCreated(let incident):
                result.append(HistoricIncident(
                    id: incident.id, kind: incident.kind.rawValue, message: incident.message, processInstanceID: instanceID,
                    activityID: incident.node >= 0 ? process.nodes[incident.node].id.rawValue : "", jobID: incident.jobID,
                    createdAt: incident.createdAt, resolvedAt: nil))
            case .incidentResolved(let id):
                if let index = result.firstIndex(where: { $0.id == id }) { result[index].resolvedAt = recorded.at }
            default:
                break
            }
        }
        return result
    }
}

extension Runtime {
    private func projection(_ instanceID: String, in transaction: any StoreTransaction) async throws -> HistoryProjection {
        guard let record = try await transaction.lockInstance(instanceID) else {
            throw EngineError(.notFound, "Expected process instance '\(instanceID)' to exist, but it does not.")
        }
        return HistoryProjection(
            instanceID: instanceID, process: try await executable(record.definitionID, in: transaction),
            events: try await transaction.history(of: instanceID))
    }

    /// Activity instances in the order they started.
    public func activityHistory(of instanceID: String) async throws -> [HistoricActivityInstance] {
        try await store.read { try await projection(instanceID, in: $0).activities }
    }

    public func taskHistory(of instanceID: String) async throws -> [HistoricTaskInstance] {
        try await store.read { try await projection(instanceID, in: $0).tasks }
    }

    public func variableHistory(of instanceID: String) async throws -> [HistoricVariableUpdate] {
        try await store.read { try await projection(instanceID, in: $0).variableUpdates }
    }

    /// Incidents of one instance, or of all instances; open and resolved.
    public func incidents(of instanceID: String? = nil) async throws -> [HistoricIncident] {
        try await store.read { transaction in
            let ids: [String]
            if let instanceID { ids = [instanceID] } else { ids = try await transaction.instances().map(\.id) }
            var result: [HistoricIncident] = []
            for id in ids { result += try await projection(id, in: transaction).incidents }
            return result
        }
    }
}
