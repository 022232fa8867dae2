import BatonCore
import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    /// The parameters of Camunda's process-instance query (`GET /process-instance` and its forms).
    static let instanceQueryParameters: Set<String> = [
        "processInstanceIds", "processDefinitionKey", "processDefinitionId", "businessKey", "active", "suspended", "variables", "superProcessInstance",
        "firstResult", "maxResults", "sortBy", "sortOrder", "businessKeyLike", "processDefinitionKeyIn", "processDefinitionKeyNotIn", "deploymentId",
        "subProcessInstance", "withIncident", "incidentId", "incidentType", "incidentMessage", "incidentMessageLike", "activityIdIn",
        "rootProcessInstances", "leafProcessInstances", "rootProcessInstanceId", "tenantIdIn", "withoutTenantId", "processDefinitionWithoutTenantId", "caseInstanceId",
        "superCaseInstance", "subCaseInstance", "variableNamesIgnoreCase", "variableValuesIgnoreCase",
    ]

    func registerProcessInstances(on group: RouterGroup<BatonRequestContext>) {
        let listParameters = Self.instanceQueryParameters
        group.get("process-instance") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            let instances = try await scoped(try await instanceQuery(query), "READ_INSTANCE", context)
            return JSONResponse.make(.array(try await runtime.instances(instances, page: try query.page()).map(Self.json)))
        }
        // Camunda's POST form of the same query: the parameters as a JSON body (variables as
        // {name, operator, value} objects, sorting as [{sortBy, sortOrder}]), paging in the URL.
        group.post("process-instance") { request, context in
            let paging = try QueryParameters(request, allowed: ["firstResult", "maxResults"])
            let query = try QueryParameters(body: try await body(request, context, query: ["firstResult", "maxResults"]), allowed: listParameters)
            let instances = try await scoped(try await instanceQuery(query), "READ_INSTANCE", context)
            return JSONResponse.make(.array(try await runtime.instances(instances, page: try paging.page()).map(Self.json)))
        }
        group.post("process-instance/count") { request, context in
            let query = try QueryParameters(body: try await body(request, context), allowed: listParameters)
            let instances = try await scoped(try await instanceQuery(query), "READ_INSTANCE", context)
            return JSONResponse.count(try await runtime.count(instances))
        }
        group.get("process-instance/count") { request, context in
            let query = try QueryParameters(request, allowed: listParameters)
            let instances = try await scoped(try await instanceQuery(query), "READ_INSTANCE", context)
            return JSONResponse.count(try await runtime.count(instances))
        }
        group.get("process-instance/:id") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let instance = try await runtime.instance(try context.pathParameter("id"))
            guard instance.state == .active else { throw RestError.notFound("Process instance with id \(instance.id) does not exist") }
            try await access(context).require("READ_INSTANCE", instance: instance.id, processKey: instance.processKey)
            return JSONResponse.make(Self.json(instance))
        }
        group.delete("process-instance/:id") { request, context in
            // Output mappings never run on a cancelled activity in Baton, so skipIoMappings changes nothing.
            let query = try QueryParameters(request, allowed: ["skipCustomListeners", "skipIoMappings", "skipSubprocesses", "failIfNotExists"])
            let id = try context.pathParameter("id")
            let instance = try? await runtime.instance(id)
            guard let instance, instance.state == .active else {
                if try query.bool("failIfNotExists") == false { return JSONResponse.noContent() }
                throw RestError.notFound("Process instance with id \(id) does not exist")
            }
            try await access(context).require("DELETE_INSTANCE", instance: id, processKey: instance.processKey)
            try await runtime.cancel(
                id, skipCustomListeners: try query.bool("skipCustomListeners") ?? false, skipSubprocesses: try query.bool("skipSubprocesses") ?? false)
            return JSONResponse.noContent()
        }
        group.post("process-instance/:id/modification") { request, context in
            _ = try QueryParameters(request, allowed: [])  // before any lookup: a bad request is a 400 whatever it names
            let id = try context.pathParameter("id")
            let instance = try await runtime.instance(id)
            try await access(context).require("UPDATE_INSTANCE", instance: id, processKey: instance.processKey)
            let body = try await body(request, context)
            try body.allowOnly(["skipCustomListeners", "skipIoMappings", "instructions", "annotation"])
            let instructions = try (body.array("instructions") ?? []).map { try Self.instruction($0, of: id) }
            try await runtime.modify(
                id, instructions: instructions, skipCustomListeners: try body.bool("skipCustomListeners") ?? false,
                skipIoMappings: try body.bool("skipIoMappings") ?? false)
            return JSONResponse.noContent()
        }
        group.put("process-instance/:id/suspended") { request, context in
            let id = try context.pathParameter("id")
            let body = try await body(request, context)
            try body.allowOnly(["suspended"])
            let suspended = try body.requiredBool("suspended")
            try await access(context).require("SUSPEND_INSTANCE", or: "UPDATE_INSTANCE", instance: id, processKey: try await runtime.instance(id).processKey)
            try await runtime.setSuspended(id, suspended)
            return JSONResponse.noContent()
        }
        group.put("process-instance/suspended") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["suspended", "processDefinitionId", "processDefinitionKey", "processDefinitionTenantId", "processDefinitionWithoutTenantId"])
            let suspended = try body.requiredBool("suspended")
            let definitionID = try body.string("processDefinitionId"), key = try body.string("processDefinitionKey")
            guard (definitionID == nil) != (key == nil) else {
                throw RestError.invalid("Expected exactly one of 'processDefinitionId' and 'processDefinitionKey' to say whose instances to \(suspended ? "suspend" : "activate").")
            }
            let processKey: String
            if let definitionID { processKey = try await runtime.processDefinition(definitionID).definition.key } else { processKey = key ?? "" }
            try await access(context).require("SUSPEND_INSTANCE", or: "UPDATE_INSTANCE", processKey: processKey)
            try await runtime.setSuspended(suspended, instancesOf: ProcessInstanceQuery(processDefinitionKey: key, processDefinitionID: definitionID))
            return JSONResponse.noContent()
        }
        group.get("process-instance/:id/variables") { request, context in
            _ = try QueryParameters(request, allowed: ["deserializeValues"])
            try await requireOnInstance("READ_INSTANCE", try context.pathParameter("id"), context)
            let variables = try await runtime.variables(of: try context.pathParameter("id"))
            return JSONResponse.make(.object(variables.map { .init($0.name, TypedValue.encode($0.value)) }))
        }
        group.get("process-instance/:id/variables/:name") { request, context in
            _ = try QueryParameters(request, allowed: ["deserializeValue"])
            try await requireOnInstance("READ_INSTANCE", try context.pathParameter("id"), context)
            let name = try context.pathParameter("name")
            guard let variable = try await runtime.variables(of: try context.pathParameter("id")).first(where: { $0.name == name }) else {
                throw RestError.notFound("process instance variable with name \(name) does not exist")
            }
            return JSONResponse.make(TypedValue.encode(variable.value))
        }
        group.put("process-instance/:id/variables/:name") { request, context in
            try await requireOnInstance("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            let name = try context.pathParameter("name")
            let body = try await body(request, context)
            let value = try TypedValue.decode(body.value, path: name)
            try await runtime.setVariables(of: try context.pathParameter("id"), [name: value])
            return JSONResponse.noContent()
        }
        group.delete("process-instance/:id/variables/:name") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try await requireOnInstance("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            try await runtime.updateVariables(of: try context.pathParameter("id"), set: [:], remove: [try context.pathParameter("name")])
            return JSONResponse.noContent()
        }
        group.post("process-instance/:id/variables") { request, context in
            try await requireOnInstance("UPDATE_INSTANCE", try context.pathParameter("id"), context)
            let body = try await body(request, context)
            try body.allowOnly(["modifications", "deletions"])
            try await runtime.updateVariables(
                of: try context.pathParameter("id"), set: try body.variables("modifications"), remove: try body.strings("deletions") ?? [])
            return JSONResponse.noContent()
        }
    }

    /// The running instances the parameters ask for.
    func instanceQuery(_ query: QueryParameters) async throws -> ProcessInstanceQuery {
        var instances = ProcessInstanceQuery(
            lifecycle: .running, ids: query.list("processInstanceIds"), processDefinitionKey: query.string("processDefinitionKey"),
            processDefinitionID: query.string("processDefinitionId"), businessKey: query.string("businessKey"),
            superInstanceID: query.string("superProcessInstance"),
            variables: try Self.variableConditions(query, "variables"),
            sorting: try query.sorting([Sorting(.startTime)]))
        instances.suspended = try query.suspension()
        var filters = try await instanceFilters(query, businessKeyLike: "businessKeyLike", callerOf: "subProcessInstance")
        filters.incidents = Self.openIncidentFilter(query, always: try query.bool("withIncident") == true)
        filters.activeActivityIDs = query.list("activityIdIn")
        instances.filters = filters
        instances.tenants = try Self.instanceTenants(query)
        return instances
    }

    /// The filters `/process-instance` and `/history/process-instance` share (the business-key
    /// pattern and the sub instance are named differently in each). Case filters match nothing:
    /// Baton has no case instances.
    func instanceFilters(_ query: QueryParameters, businessKeyLike: String, callerOf: String) async throws -> ProcessInstanceFilters {
        var filters = ProcessInstanceFilters()
        filters.matchesNothing = ["caseInstanceId", "superCaseInstance", "subCaseInstance", "superCaseInstanceId", "subCaseInstanceId"]
            .contains { query.string($0) != nil }
        filters.processDefinitionKeys = query.list("processDefinitionKeyIn")
        filters.processDefinitionKeysExcluded = query.list("processDefinitionKeyNotIn")
        filters.businessKeyLike = query.string(businessKeyLike)
        filters.callerOf = query.string(callerOf)
        filters.rootsOnly = try query.bool("rootProcessInstances") == true
        filters.leavesOnly = try query.bool("leafProcessInstances") == true
        filters.rootInstanceID = query.string("rootProcessInstanceId")
        filters.processDefinitionIDs = try await definitionIDs(query, deployment: true)
        return filters
    }

    /// `tenantIdIn` and `withoutTenantId`, and `processDefinitionWithoutTenantId`, which for
    /// Baton is the same: an instance's tenant is its definition's.
    static func instanceTenants(_ query: QueryParameters) throws -> TenantFilter {
        try query.bool("processDefinitionWithoutTenantId") == true ? .none : try query.tenants()
    }

    /// Camunda's `incidentId`, `incidentType` and `incidentMessage(Like)` over an instance's open
    /// incidents (`/process-instance`, `/execution`); nil when none is given and not `always`.
    static func openIncidentFilter(_ query: QueryParameters, always: Bool = false) -> ProcessInstanceFilters.IncidentFilter? {
        guard always || ["incidentId", "incidentType", "incidentMessage", "incidentMessageLike"].contains(where: { query.string($0) != nil }) else { return nil }
        var incidents = ProcessInstanceFilters.IncidentFilter(open: true)
        incidents.ids = query.string("incidentId").map { [$0] }
        incidents.type = query.string("incidentType")
        incidents.message = query.string("incidentMessage")
        incidents.messageLike = query.string("incidentMessageLike")
        return incidents
    }

    /// `name_eq_value`: the value is a boolean, a number or else text, as Camunda reads it.
    static func variableFilter(_ text: String) throws -> VariableCondition {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let operatorIndex = parts.indices.dropFirst().first(where: { ["eq", "neq", "gt", "gteq", "lt", "lteq", "like"].contains(parts[$0]) }),
            operatorIndex < parts.count - 1
        else {
            throw RestError.invalid("Expected each entry of 'variables' to be name_operator_value, but '\(text)' is not.")
        }
        let name = parts[..<operatorIndex].joined(separator: "_"), raw = parts[(operatorIndex + 1)...].joined(separator: "_")
        // `like` compares text: its pattern stays text even when it reads as a number.
        let comparison = VariableCondition.Operator(rawValue: parts[operatorIndex])!
        return VariableCondition(name: name, value: comparison == .like ? .string(raw) : untypedValue(raw), comparison: comparison)
    }

    /// Conditions from `parameter` (`name_op_value`, comma-separated in a GET query, typed
    /// entries in a POST body's `variables`), with Camunda's `variableNamesIgnoreCase` and
    /// `variableValuesIgnoreCase` applied to each.
    static func variableConditions(_ query: QueryParameters, _ parameter: String) throws -> [VariableCondition] {
        var conditions = query.variableConditions[parameter] ?? []
        if conditions.isEmpty { conditions = try (query.list(parameter) ?? []).filter { !$0.isEmpty }.map(variableFilter) }
        let names = try query.bool("variableNamesIgnoreCase") == true, values = try query.bool("variableValuesIgnoreCase") == true
        return conditions.map { condition in
            var condition = condition
            condition.ignoreNameCase = names
            condition.ignoreValueCase = values
            return condition
        }
    }

    /// A filter value given as text, read as Camunda reads one: a boolean, a number, else a string.
    static func untypedValue(_ raw: String) -> VariableValue {
        raw == "true" ? .boolean(true) : raw == "false" ? .boolean(false) : Int64(raw).map { .long($0) } ?? Double(raw).map { .double($0) } ?? .string(raw)
    }

    static func json(_ instance: ProcessInstanceInfo) -> JSONValue {
        .object([
            .init("links", .array([])), .init("id", .string(instance.id)), .init("definitionId", .string(instance.definitionID)),
            .init("businessKey", .orNull(instance.businessKey)), .init("caseInstanceId", .null),
            .init("ended", .bool(instance.state != .active)), .init("suspended", .bool(instance.suspended)), .init("tenantId", .orNull(instance.tenantID)),
        ])
    }

    /// One modification instruction as Camunda's REST reference gives it: `type` and the
    /// activity, transition or (activity or transition) instance it names, with `variables` whose
    /// `local` flag puts them on the entered element. `instanceID` nil: the instance is yet to
    /// start (`startInstructions`), so no activity instance can be named.
    static func instruction(_ body: JSONBody, of instanceID: String?) throws -> ModificationInstruction {
        try body.allowOnly([
            "type", "activityId", "transitionId", "activityInstanceId", "transitionInstanceId", "ancestorActivityInstanceId", "variables",
            "cancelCurrentActiveActivityInstances",
        ])
        /// An activity or transition instance id of this instance: `<instance id>:<element key>`.
        func elementKey(_ key: String) throws -> ElementKey? {
            guard let id = try body.string(key) else { return nil }
            guard let instanceID else {
                throw RestError.invalid("Expected no '\(body.path).\(key)': an instance that is yet to start has no activity instances, but it is '\(id)'.")
            }
            guard id.hasPrefix(instanceID + ":"), let elementKey = ElementKey(id.dropFirst(instanceID.count + 1)) else {
                throw RestError.invalid("Expected '\(body.path).\(key)' to be an activity instance id of process instance \(instanceID), but it is '\(id)'.")
            }
            return elementKey
        }
        func required(_ key: String) throws -> ElementID {
            guard let id = try body.string(key), !id.isEmpty else {
                throw RestError.invalid("Expected '\(body.path).\(key)' for a \(try body.string("type") ?? "") instruction, but it is missing.")
            }
            return ElementID(id)
        }
        var variables = ModificationVariables()
        if let object = try body.object("variables"), case .object(let members) = object.value {
            for member in members {
                let value = try TypedValue.decode(member.value, path: "\(object.path).\(member.key)")
                if case .bool(true)? = member.value["local"] { variables.local[member.key] = value } else { variables.variables[member.key] = value }
            }
        }
        let ancestor = try elementKey("ancestorActivityInstanceId")
        switch try body.string("type") {
        case "startBeforeActivity": return .startBeforeActivity(try required("activityId"), ancestor: ancestor, variables: variables)
        case "startAfterActivity": return .startAfterActivity(try required("activityId"), ancestor: ancestor, variables: variables)
        case "startTransition": return .startTransition(try required("transitionId"), ancestor: ancestor, variables: variables)
        case "cancel":
            if let key = try elementKey("activityInstanceId") ?? elementKey("transitionInstanceId") { return .cancelInstance(key) }
            return .cancelActivity(try required("activityId"))
        case let other:
            throw RestError.invalid(
                "Expected '\(body.path).type' to be one of cancel, startBeforeActivity, startAfterActivity, startTransition, but it is \(other.map { "'\($0)'" } ?? "missing").")
        }
    }
}
