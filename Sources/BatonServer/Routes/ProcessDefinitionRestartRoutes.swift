import BatonEngine
import Hummingbird

/// `POST /process-definition/{id}/restart` and `…/restart-async`: ended instances of a version
/// start again where the instructions say (see ``RestartPlan``). The instances are those named
/// and those a `historicProcessInstanceQuery` finds; all start in one transaction, or as a
/// batch the job worker runs an instance at a time. Needs CREATE_INSTANCE and READ_HISTORY on
/// the definition.
extension EngineRestAPI {
    func registerProcessDefinitionRestart(on group: RouterGroup<BatonRequestContext>) {
        @Sendable func restartRequest(_ request: Request, _ context: BatonRequestContext) async throws -> (ids: [String], plan: RestartPlan) {
            _ = try QueryParameters(request, allowed: [])  // before any lookup: a bad request is a 400 whatever it names
            let definition = try await runtime.processDefinition(try context.pathParameter("id")).definition
            let access = try await access(context)
            try access.require("CREATE_INSTANCE", processKey: definition.key)
            try access.require("READ_HISTORY", processKey: definition.key)
            let body = try await body(request, context)
            try body.allowOnly([
                "processInstanceIds", "historicProcessInstanceQuery", "skipCustomListeners", "skipIoMappings", "initialVariables", "withoutBusinessKey",
                "instructions",
            ])
            var plan = RestartPlan(definitionID: definition.id, instructions: try (body.array("instructions") ?? []).map(Self.restartInstruction))
            plan.skipCustomListeners = try body.bool("skipCustomListeners") ?? false
            plan.skipIoMappings = try body.bool("skipIoMappings") ?? false
            plan.initialVariables = try body.bool("initialVariables") ?? false
            plan.withoutBusinessKey = try body.bool("withoutBusinessKey") ?? false
            var ids = try body.strings("processInstanceIds") ?? []
            if let queryBody = try body.object("historicProcessInstanceQuery"),
                let query = try await historicInstanceQuery(try QueryParameters(body: queryBody, allowed: Self.historicInstanceQueryParameters))
            {
                ids += try await runtime.instances(try await scoped(query, "READ_HISTORY", context)).map(\.id)
            }
            guard !ids.isEmpty else { throw RestError.invalid("processInstanceIds is empty: no ended instance is named or found to restart.") }
            return (ids, plan)
        }
        group.post("process-definition/:id/restart") { request, context in
            let (ids, plan) = try await restartRequest(request, context)
            try await runtime.restart(ids, by: plan)
            return JSONResponse.noContent()
        }
        group.post("process-definition/:id/restart-async") { request, context in
            let (ids, plan) = try await restartRequest(request, context)
            return JSONResponse.make(Self.json(try await runtime.restartInBatch(ids, by: plan, createdBy: context.identity?.userID)))
        }
    }

    /// `{type, activityId}` or `{type: "startTransition", transitionId}`.
    static func restartInstruction(_ body: JSONBody) throws -> RestartPlan.Instruction {
        try body.allowOnly(["type", "activityId", "transitionId"])
        let type = try body.string("type")
        guard let kind = type.flatMap(RestartPlan.Instruction.Kind.init(rawValue:)) else {
            throw RestError.invalid(
                "Expected '\(body.path).type' to be one of startBeforeActivity, startAfterActivity, startTransition, but it is \(type.map { "'\($0)'" } ?? "missing").")
        }
        let key = kind == .startTransition ? "transitionId" : "activityId"
        guard let id = try body.string(key), !id.isEmpty else { throw RestError.invalid("Expected '\(body.path).\(key)' for a \(kind.rawValue) instruction, but it is missing.") }
        return RestartPlan.Instruction(kind, id)
    }
}
