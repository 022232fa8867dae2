import BatonEngine
import BatonModel
import Foundation
import Hummingbird

/// What operators look at and act on: incidents, jobs, variables, event subscriptions, and an
/// instance's activity-instance tree.
extension EngineRestAPI {
    func registerOperations(on group: RouterGroup<BatonRequestContext>) {
        group.get("incident") { request, _ in
            let query = try QueryParameters(request, allowed: ["processInstanceId", "incidentType", "activityId", "firstResult", "maxResults"])
            var incidents = try await runtime.incidents(of: query.string("processInstanceId")).filter { $0.resolvedAt == nil }
            if let type = query.string("incidentType") { incidents = incidents.filter { $0.kind == type } }
            if let activity = query.string("activityId") { incidents = incidents.filter { $0.activityID == activity } }
            return JSONResponse.make(.array(try page(incidents, query).map { incident in
                .object([
                    .init("id", .string(incident.id)), .init("processInstanceId", .string(incident.processInstanceID)),
                    .init("executionId", .string(incident.processInstanceID)), .init("incidentTimestamp", TypedValue.date(incident.createdAt)),
                    .init("incidentType", .string(incident.kind)), .init("activityId", .string(incident.activityID)),
                    .init("causeIncidentId", .string(incident.id)), .init("rootCauseIncidentId", .string(incident.id)),
                    .init("configuration", .orNull(incident.jobID)), .init("incidentMessage", .string(incident.message)), .init("tenantId", .null),
                ])
            }))
        }
        group.get("job") { request, _ in
            let query = try QueryParameters(
                request, allowed: ["jobId", "processInstanceId", "timers", "messages", "executable", "withRetriesLeft", "noRetriesLeft", "activityId", "firstResult", "maxResults"])
            // External tasks are not jobs in Camunda's API; they have their own endpoints.
            var jobs = try await runtime.jobs(processInstanceID: query.string("processInstanceId")).filter { $0.kind != .external }
            if let id = query.string("jobId") { jobs = jobs.filter { $0.id == id } }
            if let activity = query.string("activityId") { jobs = jobs.filter { $0.activityID == activity } }
            if try query.bool("timers") == true { jobs = jobs.filter { $0.kind == .timer } }
            if try query.bool("messages") == true { jobs = jobs.filter { $0.kind != .timer } }
            if try query.bool("withRetriesLeft") == true || query.bool("executable") == true { jobs = jobs.filter { $0.retries > 0 } }
            if try query.bool("noRetriesLeft") == true { jobs = jobs.filter { $0.retries == 0 } }
            return JSONResponse.make(.array(try page(jobs, query).map { job in
                .object([
                    .init("id", .string(job.id)), .init("jobDefinitionId", .string("\(job.activityID):\(job.kind.rawValue)")),
                    .init("processInstanceId", .string(job.processInstanceID)), .init("executionId", .string(job.processInstanceID)),
                    .init("exceptionMessage", .orNull(job.errorMessage)), .init("failedActivityId", job.errorMessage == nil ? .null : .string(job.activityID)),
                    .init("retries", .integer(Int64(job.retries))), .init("dueDate", TypedValue.date(job.dueAt)), .init("suspended", .bool(false)),
                    .init("priority", .integer(0)), .init("tenantId", .null),
                ])
            }))
        }
        group.post("job/:id/execute") { _, context in
            try Authorization.requireAdmin(context.identity, to: "execute jobs")
            try await runtime.executeJob(try context.parameters.require("id"))
            return JSONResponse.noContent()
        }
        group.put("job/:id/retries") { request, context in
            try Authorization.requireAdmin(context.identity, to: "set job retries")
            let body = try await body(request, context)
            try body.allowOnly(["retries"])
            guard let retries = try body.integer("retries"), retries >= 0 else {
                throw RestError.invalid("Expected 'retries' to be zero or more, but it is missing or negative.")
            }
            try await runtime.setJobRetries(try context.parameters.require("id"), retries: Int(clamping: retries))
            return JSONResponse.noContent()
        }
        group.get("variable-instance") { request, context in
            try Authorization.requireAdmin(context.identity, to: "read process variables")
            let query = try QueryParameters(request, allowed: ["processInstanceIdIn", "variableName", "variableNameLike", "firstResult", "maxResults"])
            let ids = query.list("processInstanceIdIn")
            var variables: [VariableInstanceInfo] = []
            if let ids {
                for id in ids { variables += try await runtime.variableInstances(processInstanceID: id) }
            } else {
                variables = try await runtime.variableInstances()
            }
            if let name = query.string("variableName") { variables = variables.filter { $0.name == name } }
            if let pattern = query.string("variableNameLike") { variables = variables.filter { Self.like($0.name, pattern) } }
            return JSONResponse.make(.array(try page(variables, query).map { variable in
                TypedValue.variable(id: "\(variable.activityInstanceID):\(variable.name)", name: variable.name, value: variable.value, [
                    .init("processInstanceId", .string(variable.processInstanceID)), .init("executionId", .string(variable.processInstanceID)),
                    .init("activityInstanceId", .string(variable.activityInstanceID)), .init("tenantId", .null), .init("errorMessage", .null),
                ])
            }))
        }
        group.get("event-subscription") { request, _ in
            let query = try QueryParameters(request, allowed: ["processInstanceId", "eventType", "eventName", "activityId", "firstResult", "maxResults"])
            var subscriptions = try await runtime.eventSubscriptions(processInstanceID: query.string("processInstanceId"))
            if let type = query.string("eventType") { subscriptions = subscriptions.filter { $0.eventType == type } }
            if let name = query.string("eventName") { subscriptions = subscriptions.filter { $0.eventName == name } }
            if let activity = query.string("activityId") { subscriptions = subscriptions.filter { $0.activityID == activity } }
            return JSONResponse.make(.array(try page(subscriptions, query).map { subscription in
                .object([
                    .init("id", .string(subscription.id)), .init("eventType", .string(subscription.eventType)),
                    .init("eventName", .string(subscription.eventName)), .init("executionId", .string(subscription.processInstanceID)),
                    .init("processInstanceId", .string(subscription.processInstanceID)), .init("activityId", .string(subscription.activityID)),
                    .init("tenantId", .null),
                ])
            }))
        }
        group.post("execution/:id/messageSubscriptions/:name/trigger") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["variables"])
            _ = try await runtime.correlate(MessageCorrelation(
                messageName: try context.parameters.require("name"), processInstanceID: try context.parameters.require("id"),
                variables: try body.variables("variables")))
            return JSONResponse.noContent()
        }
        group.get("process-instance/:id/activity-instances") { _, context in
            JSONResponse.make(Self.json(try await runtime.activityInstanceTree(of: try context.parameters.require("id")), parent: nil))
        }
    }

    static func json(_ node: ActivityInstanceNode, parent: String?) -> JSONValue {
        .object([
            .init("id", .string(node.id)), .init("parentActivityInstanceId", .orNull(parent)), .init("activityId", .string(node.activityID)),
            .init("activityType", .string(node.activityType)), .init("processInstanceId", .string(node.processInstanceID)),
            .init("name", .orNull(node.activityName)), .init("activityName", .orNull(node.activityName)),
            .init("childActivityInstances", .array(node.children.map { json($0, parent: node.id) })), .init("childTransitionInstances", .array([])),
            .init("executionIds", .array([.string(node.processInstanceID)])), .init("incidentIds", .array([])),
        ])
    }

    /// SQL-style `LIKE` with `%` as the only wildcard, as Camunda's *Like parameters use it.
    static func like(_ text: String, _ pattern: String) -> Bool {
        let parts = pattern.split(separator: "%", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return text == pattern }
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return parts.last!.isEmpty || rest.hasSuffix(parts.last!)
    }
}
