import BatonCore
import BatonEngine
import BatonModel
import Hummingbird

extension EngineRestAPI {
    func registerMessages(on group: RouterGroup<BatonRequestContext>) {
        group.post("message") { request, context in
            let body = try await body(request, context)
            try body.allowOnly([
                "messageName", "businessKey", "tenantId", "withoutTenantId", "processInstanceId", "correlationKeys", "localCorrelationKeys",
                "processVariables", "processVariablesLocal", "all", "resultEnabled", "variablesInResultEnabled", "ttl",
            ])
            guard let name = try body.string("messageName"), !name.isEmpty else {
                throw RestError.invalid("Expected 'messageName' to name the message, but it is missing.")
            }
            let localKeys = try body.variables("localCorrelationKeys"), localVariables = try body.variables("processVariablesLocal")
            if !localKeys.isEmpty || !localVariables.isEmpty {
                throw RestError.invalid("Baton correlates by process-level variables only; 'localCorrelationKeys' and 'processVariablesLocal' are not supported.")
            }
            // Baton's extension: a message that matches nothing waits this long for a subscription.
            let ttl = try body.string("ttl").map { text in
                guard let duration = ISODuration(text) else {
                    throw RestError.invalid("Expected 'ttl' to be an ISO 8601 duration such as PT10M, but it is '\(text)'.")
                }
                return duration
            }
            let results = try await runtime.correlate(MessageCorrelation(
                messageName: name, businessKey: try body.string("businessKey"), processInstanceID: try body.string("processInstanceId"),
                correlationKeys: try body.variables("correlationKeys"), variables: try body.variables("processVariables"),
                all: try body.bool("all") ?? false, timeToLive: ttl, tenants: try Self.tenant(body)), authorize: try await access(context).correlationCheck)
            guard try body.bool("resultEnabled") == true else { return JSONResponse.noContent() }
            var items: [JSONValue] = []
            for result in results {
                let started = try await runtime.instance(result.processInstanceID), instance = Self.json(started)
                items.append(.object([
                    .init("resultType", .string(result.kind == .execution ? "Execution" : "ProcessDefinition")),
                    .init("execution", result.kind == .execution
                        ? .object([.init("id", .string(result.processInstanceID)), .init("processInstanceId", .string(result.processInstanceID)),
                                   .init("ended", .bool(false)), .init("tenantId", .orNull(started.tenantID))])
                        : .null),
                    .init("processInstance", result.kind == .processDefinition ? instance : .null),
                ]))
            }
            return JSONResponse.make(.array(items))
        }
        // Camunda's signal: every signal subscription and signal start event waiting for `name`
        // receives it, or only the subscriptions of `executionId`; 204 once all have it.
        group.post("signal") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["name", "executionId", "variables", "tenantId", "withoutTenantId"])
            guard let name = try body.string("name") else { throw RestError.invalid("No signal name given") }
            let executionID = try body.string("executionId")
            if try body.string("tenantId") != nil, executionID != nil {
                throw RestError.invalid("Cannot specify a tenant-id when deliver a signal to a single execution.")
            }
            try await runtime.throwSignal(
                SignalThrow(name: name, variables: try body.variables("variables")), executionID: executionID, tenants: try Self.tenant(body),
                authorize: try await access(context).correlationCheck)
            return JSONResponse.noContent()
        }
        // Camunda's condition evaluation: starts an instance at every conditional start event
        // whose condition the given variables make true.
        group.post("condition") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["variables", "businessKey", "processDefinitionId", "tenantId", "withoutTenantId"])
            let started = try await runtime.evaluateStartConditions(
                variables: try body.variables("variables"), businessKey: try body.string("businessKey"),
                definitionID: try body.string("processDefinitionId"), definitions: try await access(context).definitions("CREATE_INSTANCE"),
                tenants: try Self.tenant(body))
            return JSONResponse.make(.array(started.map(Self.json)))
        }
    }
}

extension EngineRestAPI {
    /// A message's, signal's or condition's `tenantId` (that tenant only) or `withoutTenantId`
    /// (no tenant); neither: every tenant.
    static func tenant(_ body: JSONBody) throws -> TenantFilter {
        let tenant = try body.string("tenantId"), without = try body.bool("withoutTenantId") == true
        if tenant != nil, without { throw RestError.invalid("Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'.") }
        if let tenant { return TenantFilter(tenantIDs: [tenant], withoutTenant: false) }
        return without ? .none : .any
    }
}
