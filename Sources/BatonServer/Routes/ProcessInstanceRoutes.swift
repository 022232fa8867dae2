import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    func registerProcessInstances(on group: RouterGroup<BatonRequestContext>) {
        let listParameters: Set<String> = [
            "processInstanceIds", "processDefinitionKey", "processDefinitionId", "businessKey", "active", "variables", "superProcessInstance",
            "firstResult", "maxResults", "sortBy", "sortOrder",
        ]
        group.get("process-instance") { request, _ in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.make(.array(try page(try await instances(query), query).map(Self.json)))
        }
        group.get("process-instance/count") { request, _ in
            let query = try QueryParameters(request, allowed: listParameters)
            return JSONResponse.count(try await instances(query).count)
        }
        group.get("process-instance/:id") { _, context in
            let instance = try await runtime.instance(try context.parameters.require("id"))
            guard instance.state == .active else { throw RestError.notFound("Process instance with id \(instance.id) does not exist") }
            return JSONResponse.make(Self.json(instance))
        }
        group.delete("process-instance/:id") { _, context in
            try Authorization.requireAdmin(context.identity, to: "cancel process instances")
            let id = try context.parameters.require("id")
            guard try await runtime.instance(id).state == .active else { throw RestError.notFound("Process instance with id \(id) does not exist") }
            try await runtime.cancel(id)
            return JSONResponse.noContent()
        }
        group.get("process-instance/:id/variables") { _, context in
            try Authorization.requireAdmin(context.identity, to: "read process variables")
            let variables = try await runtime.variables(of: try context.parameters.require("id"))
            return JSONResponse.make(.object(variables.map { .init($0.name, TypedValue.encode($0.value)) }))
        }
        group.get("process-instance/:id/variables/:name") { _, context in
            try Authorization.requireAdmin(context.identity, to: "read process variables")
            let name = try context.parameters.require("name")
            guard let variable = try await runtime.variables(of: try context.parameters.require("id")).first(where: { $0.name == name }) else {
                throw RestError.notFound("process instance variable with name \(name) does not exist")
            }
            return JSONResponse.make(TypedValue.encode(variable.value))
        }
        group.put("process-instance/:id/variables/:name") { request, context in
            try Authorization.requireAdmin(context.identity, to: "change process variables")
            let name = try context.parameters.require("name")
            let body = try await body(request, context)
            let value = try TypedValue.decode(body.value, path: name)
            try await runtime.setVariables(of: try context.parameters.require("id"), [name: value])
            return JSONResponse.noContent()
        }
        group.post("process-instance/:id/variables") { request, context in
            try Authorization.requireAdmin(context.identity, to: "change process variables")
            let body = try await body(request, context)
            try body.allowOnly(["modifications", "deletions"])
            if let deletions = try body.strings("deletions"), !deletions.isEmpty {
                throw RestError.invalid("Deleting process variables is not supported by Baton; 'deletions' must be empty.")
            }
            try await runtime.setVariables(of: try context.parameters.require("id"), try body.variables("modifications"))
            return JSONResponse.noContent()
        }
    }

    private func instances(_ query: QueryParameters) async throws -> [ProcessInstanceInfo] {
        var filters = try (query.list("variables") ?? []).map(Self.variableFilter)
        let first = filters.isEmpty ? nil : filters.removeFirst()
        var result = try await runtime.instances(
            processKey: query.string("processDefinitionKey"), businessKey: query.string("businessKey"), activeOnly: true, variableEquals: first)
        if let ids = query.list("processInstanceIds") { result = result.filter { ids.contains($0.id) } }
        if let definition = query.string("processDefinitionId") { result = result.filter { $0.definitionID == definition } }
        if let parent = query.string("superProcessInstance") { result = result.filter { $0.superInstanceID == parent } }
        if try query.bool("active") == false { result = [] }
        for filter in filters {
            var kept: [ProcessInstanceInfo] = []
            for instance in result where try await runtime.variables(of: instance.id).contains(where: { $0.name == filter.name && $0.value.sameJSON(as: filter.value) }) {
                kept.append(instance)
            }
            result = kept
        }
        return result
    }

    /// `name_eq_value`: the value is a boolean, a number or else text, as Camunda reads it.
    static func variableFilter(_ text: String) throws -> (name: String, value: VariableValue) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let operatorIndex = parts.indices.dropFirst().first(where: { ["eq", "neq", "gt", "gteq", "lt", "lteq", "like"].contains(parts[$0]) }),
            operatorIndex < parts.count - 1
        else {
            throw RestError.invalid("Expected each entry of 'variables' to be name_operator_value, but '\(text)' is not.")
        }
        guard parts[operatorIndex] == "eq" else {
            throw RestError.invalid("Baton filters variables by equality only ('_eq_'), but '\(text)' uses '\(parts[operatorIndex])'.")
        }
        let name = parts[..<operatorIndex].joined(separator: "_"), raw = parts[(operatorIndex + 1)...].joined(separator: "_")
        let value: VariableValue =
            raw == "true" ? .boolean(true) : raw == "false" ? .boolean(false) : Int64(raw).map { .long($0) } ?? Double(raw).map { .double($0) } ?? .string(raw)
        return (name, value)
    }

    static func json(_ instance: ProcessInstanceInfo) -> JSONValue {
        .object([
            .init("links", .array([])), .init("id", .string(instance.id)), .init("definitionId", .string(instance.definitionID)),
            .init("businessKey", .orNull(instance.businessKey)), .init("caseInstanceId", .null),
            .init("ended", .bool(instance.state != .active)), .init("suspended", .bool(false)), .init("tenantId", .null),
        ])
    }
}
