import BatonEngine
import BatonModel
import Hummingbird

/// `/history/…`: what happened, read from each instance's append-only event log.
extension EngineRestAPI {
    func registerHistory(on group: RouterGroup<BatonRequestContext>) {
        group.get("history/process-instance") { request, _ in
            let query = try QueryParameters(
                request, allowed: ["processInstanceId", "processInstanceIds", "processDefinitionKey", "processInstanceBusinessKey", "finished", "unfinished", "firstResult", "maxResults"])
            var instances = try await runtime.instances(processKey: query.string("processDefinitionKey"), businessKey: query.string("processInstanceBusinessKey"))
            if let id = query.string("processInstanceId") { instances = instances.filter { $0.id == id } }
            if let ids = query.list("processInstanceIds") { instances = instances.filter { ids.contains($0.id) } }
            if try query.bool("finished") == true { instances = instances.filter { $0.state != .active } }
            if try query.bool("unfinished") == true { instances = instances.filter { $0.state == .active } }
            return JSONResponse.make(.array(try page(instances, query).map(Self.historic)))
        }
        group.get("history/process-instance/:id") { _, context in
            JSONResponse.make(Self.historic(try await runtime.instance(try context.parameters.require("id"))))
        }
        group.get("history/activity-instance") { request, _ in
            let query = try QueryParameters(request, allowed: ["processInstanceId", "activityId", "activityType", "finished", "unfinished", "firstResult", "maxResults"])
            var activities: [HistoricActivityInstance] = []
            for instance in try await historyScope(query) { activities += try await runtime.activityHistory(of: instance) }
            if let activity = query.string("activityId") { activities = activities.filter { $0.activityID == activity } }
            if let type = query.string("activityType") { activities = activities.filter { $0.activityType == type } }
            if try query.bool("finished") == true { activities = activities.filter { $0.endTime != nil } }
            if try query.bool("unfinished") == true { activities = activities.filter { $0.endTime == nil } }
            return JSONResponse.make(.array(try page(activities, query).map(Self.json)))
        }
        group.get("history/activity-instance/:id") { _, context in
            // Activity instance ids are "<process instance id>:<element key>".
            let id = try context.parameters.require("id")
            guard let separator = id.lastIndex(of: ":"),
                let activity = try await runtime.activityHistory(of: String(id[..<separator])).first(where: { $0.id == id })
            else { throw RestError.notFound("Historic activity instance with id \(id) does not exist") }
            return JSONResponse.make(Self.json(activity))
        }
        group.get("history/task") { request, _ in
            let query = try QueryParameters(request, allowed: ["processInstanceId", "taskId", "taskDefinitionKey", "taskAssignee", "finished", "unfinished", "firstResult", "maxResults"])
            var tasks: [HistoricTaskInstance] = []
            for instance in try await historyScope(query) { tasks += try await runtime.taskHistory(of: instance) }
            if let id = query.string("taskId") { tasks = tasks.filter { $0.id == id } }
            if let key = query.string("taskDefinitionKey") { tasks = tasks.filter { $0.taskDefinitionKey == key } }
            if let assignee = query.string("taskAssignee") { tasks = tasks.filter { $0.assignee == assignee } }
            if try query.bool("finished") == true { tasks = tasks.filter { $0.endTime != nil } }
            if try query.bool("unfinished") == true { tasks = tasks.filter { $0.endTime == nil } }
            return JSONResponse.make(.array(try page(tasks, query).map { task in
                .object([
                    .init("id", .string(task.id)), .init("processInstanceId", .string(task.processInstanceID)),
                    .init("executionId", .string(task.processInstanceID)), .init("name", .orNull(task.name)),
                    .init("deleteReason", .orNull(task.deleteReason)), .init("assignee", .orNull(task.assignee)),
                    .init("startTime", TypedValue.date(task.startTime)), .init("endTime", TypedValue.date(task.endTime)),
                    .init("duration", Self.duration(task.startTime, task.endTime)), .init("taskDefinitionKey", .string(task.taskDefinitionKey)),
                    .init("tenantId", .null),
                ])
            }))
        }
        group.get("history/variable-instance") { request, _ in
            let query = try QueryParameters(request, allowed: ["processInstanceId", "variableName", "firstResult", "maxResults"])
            var latest: [HistoricVariableUpdate] = []
            for instance in try await historyScope(query) { latest += try await latestValues(of: instance) }
            if let name = query.string("variableName") { latest = latest.filter { $0.name == name } }
            return JSONResponse.make(.array(try page(latest, query).map(Self.json)))
        }
        group.get("history/variable-instance/:id") { _, context in
            // Historic variable ids are "<process instance id>:<activity instance id or empty>:<name>".
            let id = try context.parameters.require("id")
            let instance = String(id.prefix { $0 != ":" })
            guard let variable = try await latestValues(of: instance).first(where: { Self.variableID($0) == id }) else {
                throw RestError.notFound("Historic variable instance with id \(id) does not exist")
            }
            return JSONResponse.make(Self.json(variable))
        }
        group.get("history/incident") { request, _ in
            let query = try QueryParameters(request, allowed: ["processInstanceId", "open", "resolved", "firstResult", "maxResults"])
            var incidents = try await runtime.incidents(of: query.string("processInstanceId"))
            if try query.bool("open") == true { incidents = incidents.filter { $0.resolvedAt == nil } }
            if try query.bool("resolved") == true { incidents = incidents.filter { $0.resolvedAt != nil } }
            return JSONResponse.make(.array(try page(incidents, query).map { incident in
                .object([
                    .init("id", .string(incident.id)), .init("processInstanceId", .string(incident.processInstanceID)),
                    .init("executionId", .string(incident.processInstanceID)), .init("createTime", TypedValue.date(incident.createdAt)),
                    .init("endTime", TypedValue.date(incident.resolvedAt)), .init("incidentType", .string(incident.kind)),
                    .init("activityId", .string(incident.activityID)), .init("configuration", .orNull(incident.jobID)),
                    .init("incidentMessage", .string(incident.message)), .init("open", .bool(incident.resolvedAt == nil)),
                    .init("resolved", .bool(incident.resolvedAt != nil)), .init("deleted", .bool(false)), .init("tenantId", .null),
                ])
            }))
        }
    }

    /// The newest value of each variable in each scope of an instance, as Camunda's history keeps it.
    private func latestValues(of instance: String) async throws -> [HistoricVariableUpdate] {
        var latest: [HistoricVariableUpdate] = []
        var position: [String: Int] = [:]
        for update in try await runtime.variableHistory(of: instance) {
            let key = "\(update.activityInstanceID ?? "")/\(update.name)"
            if let index = position[key] { latest[index] = update } else {
                position[key] = latest.count
                latest.append(update)
            }
        }
        return latest
    }

    static func variableID(_ variable: HistoricVariableUpdate) -> String {
        "\(variable.processInstanceID):\(variable.activityInstanceID ?? ""):\(variable.name)"
    }

    static func json(_ variable: HistoricVariableUpdate) -> JSONValue {
        TypedValue.variable(id: variableID(variable), name: variable.name, value: variable.value, [
            .init("processInstanceId", .string(variable.processInstanceID)),
            .init("activityInstanceId", .string(variable.activityInstanceID ?? variable.processInstanceID)),
            .init("createTime", TypedValue.date(variable.time)), .init("state", .string("CREATED")), .init("tenantId", .null),
        ])
    }

    static func json(_ activity: HistoricActivityInstance) -> JSONValue {
        .object([
            .init("id", .string(activity.id)), .init("parentActivityInstanceId", .null), .init("activityId", .string(activity.activityID)),
            .init("activityName", .orNull(activity.activityName)), .init("activityType", .string(activity.activityType)),
            .init("processInstanceId", .string(activity.processInstanceID)), .init("executionId", .string(activity.processInstanceID)),
            .init("taskId", .orNull(activity.taskID)), .init("calledProcessInstanceId", .orNull(activity.calledProcessInstanceID)),
            .init("startTime", TypedValue.date(activity.startTime)), .init("endTime", TypedValue.date(activity.endTime)),
            .init("durationInMillis", Self.duration(activity.startTime, activity.endTime)), .init("canceled", .bool(activity.canceled)),
            .init("tenantId", .null),
        ])
    }

    /// The instances a history query reads: the one it names, or every instance.
    private func historyScope(_ query: QueryParameters) async throws -> [String] {
        if let id = query.string("processInstanceId") { return [id] }
        return try await runtime.instances().map(\.id)
    }

    static func historic(_ instance: ProcessInstanceInfo) -> JSONValue {
        let state: String = switch instance.state {
        case .active: "ACTIVE"
        case .completed: "COMPLETED"
        case .terminated: "EXTERNALLY_TERMINATED"
        }
        return .object([
            .init("id", .string(instance.id)), .init("businessKey", .orNull(instance.businessKey)), .init("processDefinitionId", .string(instance.definitionID)),
            .init("processDefinitionKey", .string(instance.processKey)), .init("startTime", TypedValue.date(instance.startedAt)),
            .init("endTime", TypedValue.date(instance.endedAt)), .init("durationInMillis", duration(instance.startedAt, instance.endedAt)),
            .init("superProcessInstanceId", .orNull(instance.superInstanceID)), .init("rootProcessInstanceId", .string(instance.id)),
            .init("tenantId", .null), .init("state", .string(state)),
        ])
    }

    static func duration(_ start: Timestamp, _ end: Timestamp?) -> JSONValue {
        end.map { .integer($0.millisecondsSinceEpoch - start.millisecondsSinceEpoch) } ?? .null
    }
}
