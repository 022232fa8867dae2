import BatonEngine
import BatonModel
import Hummingbird

/// `/migration`, as Camunda 7's REST reference describes it: generate a plan between two
/// versions, validate one, execute one for a list or a query of instances. Each instance moves in
/// a command of its own: when some cannot, the others still move and the answer (400) lists those
/// that did not, with why. Migrating takes `MIGRATE_INSTANCE` on both definitions' keys.
extension EngineRestAPI {
    func registerMigration(on group: RouterGroup<BatonRequestContext>) {
        group.post("migration/generate") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["sourceProcessDefinitionId", "targetProcessDefinitionId", "updateEventTriggers", "variables"])
            let (source, target) = try Self.definitions(of: body)
            try await requireMigration(source, target, context)
            let plan = try await runtime.generateMigrationPlan(source: source, target: target, updateEventTriggers: try body.bool("updateEventTriggers") ?? false)
            return JSONResponse.make(Self.json(plan))
        }
        group.post("migration/validate") { request, context in
            let plan = try Self.plan(try await body(request, context))
            try await requireMigration(plan.sourceDefinitionID, plan.targetDefinitionID, context)
            let failures = try await runtime.validateMigrationPlan(plan)
            return JSONResponse.make(.object([
                .init("instructionReports", .array(failures.map { failure in
                    .object([
                        .init("instruction", failure.instruction.map(Self.json) ?? .null),
                        .init("failures", .array(failure.reasons.map { .string($0) })),
                    ])
                })),
                .init("variableReports", .object([])),
            ]))
        }
        group.post("migration/execute") { request, context in
            let (plan, ids) = try await execution(request, context)
            let failures = try await runtime.migrate(ids, by: plan)
            guard failures.isEmpty else {
                throw RestError(
                    .badRequest, type: "MigratingProcessInstanceValidationException",
                    "Migrated \(ids.count - failures.count) of \(ids.count) process instances; these were not: "
                        + failures.map { "\($0.processInstanceID ?? ""): \($0.reasons.joined(separator: " "))" }.joined(separator: "; "))
            }
            return JSONResponse.noContent()
        }
        group.post("migration/executeAsync") { request, context in
            let (plan, ids) = try await execution(request, context)
            let batch = try await runtime.migrateInBatch(ids, by: plan, createdBy: context.identity?.userID)
            return JSONResponse.make(Self.json(batch))
        }
    }

    /// The plan and the instances of an `execute` or `executeAsync` body, checked and authorized.
    private func execution(_ request: Request, _ context: BatonRequestContext) async throws -> (MigrationPlan, [String]) {
        let body = try await body(request, context)
        try body.allowOnly(["migrationPlan", "processInstanceIds", "processInstanceQuery", "skipCustomListeners", "skipIoMappings"])
        guard let planBody = try body.object("migrationPlan") else { throw RestError.invalid("Expected 'migrationPlan', but it is missing.") }
        let plan = try Self.plan(planBody)
        try await requireMigration(plan.sourceDefinitionID, plan.targetDefinitionID, context)
        var ids = try body.strings("processInstanceIds") ?? []
        if let queryBody = try body.object("processInstanceQuery") {
            let query = try await instanceQuery(try QueryParameters(body: queryBody, allowed: Self.instanceQueryParameters))
            ids += try await runtime.instances(try await scoped(query, "READ_INSTANCE", context)).map(\.id).filter { !ids.contains($0) }
        }
        guard !ids.isEmpty else { throw RestError.invalid("Expected 'processInstanceIds' or a 'processInstanceQuery' that names instances, but none is given.") }
        return (plan, ids)
    }

    /// Camunda's batch, with Baton's own `failures` (each instance that could not move, and why).
    static func json(_ batch: BatchRecord, failures: [BatchItemFailure]? = nil, statistics: Bool = false) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("id", .string(batch.id)), .init("type", .string(batch.type)), .init("totalJobs", .integer(Int64(batch.total))),
            .init("jobsCreated", .integer(Int64(batch.total))), .init("batchJobsPerSeed", .integer(Int64(batch.total))),
            .init("invocationsPerBatchJob", .integer(1)), .init("seedJobDefinitionId", .null), .init("monitorJobDefinitionId", .null),
            .init("batchJobDefinitionId", .null), .init("suspended", .bool(batch.suspended)), .init("tenantId", .null),
            .init("createUserId", .orNull(batch.createdBy)), .init("startTime", TypedValue.date(batch.createdAt)),
            .init("executionStartTime", TypedValue.date(batch.createdAt)),
        ]
        if statistics {
            members += [
                .init("remainingJobs", .integer(Int64(batch.remaining))), .init("completedJobs", .integer(Int64(batch.completed))),
                .init("failedJobs", .integer(Int64(batch.failed))),
            ]
        }
        if let failures {
            members.append(.init("failures", .array(failures.map { failure in
                .object([.init("processInstanceId", .string(failure.processInstanceID)), .init("reason", .string(failure.reason))])
            })))
        }
        return .object(members)
    }

    private static func definitions(of body: JSONBody) throws -> (String, String) {
        guard let source = try body.string("sourceProcessDefinitionId"), let target = try body.string("targetProcessDefinitionId") else {
            throw RestError.invalid("Expected 'sourceProcessDefinitionId' and 'targetProcessDefinitionId', but one is missing.")
        }
        return (source, target)
    }

    private func requireMigration(_ source: String, _ target: String, _ context: BatonRequestContext) async throws {
        let access = try await access(context)
        guard access.caller != nil else { return }
        for id in [source, target] { try access.require("MIGRATE_INSTANCE", processKey: Access.processKey(ofDefinition: id)) }
    }

    /// A plan in Camunda's JSON: one source and one target activity per instruction.
    static func plan(_ body: JSONBody) throws -> MigrationPlan {
        try body.allowOnly(["sourceProcessDefinitionId", "targetProcessDefinitionId", "instructions", "variables"])
        let (source, target) = try definitions(of: body)
        var instructions: [MigrationPlan.Instruction] = []
        for instruction in try body.array("instructions") ?? [] {
            try instruction.allowOnly(["sourceActivityIds", "targetActivityIds", "updateEventTrigger"])
            guard let sources = try instruction.strings("sourceActivityIds"), let targets = try instruction.strings("targetActivityIds"),
                sources.count == 1, targets.count == 1
            else {
                throw RestError.invalid("Expected each instruction to have one of 'sourceActivityIds' and one of 'targetActivityIds'.")
            }
            instructions.append(MigrationPlan.Instruction(
                sourceActivityID: sources[0], targetActivityID: targets[0], updateEventTrigger: try instruction.bool("updateEventTrigger") ?? false))
        }
        return MigrationPlan(sourceDefinitionID: source, targetDefinitionID: target, instructions: instructions)
    }

    static func json(_ plan: MigrationPlan) -> JSONValue {
        .object([
            .init("sourceProcessDefinitionId", .string(plan.sourceDefinitionID)), .init("targetProcessDefinitionId", .string(plan.targetDefinitionID)),
            .init("instructions", .array(plan.instructions.map(json))), .init("variables", .null),
        ])
    }

    static func json(_ instruction: MigrationPlan.Instruction) -> JSONValue {
        .object([
            .init("sourceActivityIds", .array([.string(instruction.sourceActivityID)])),
            .init("targetActivityIds", .array([.string(instruction.targetActivityID)])), .init("updateEventTrigger", .bool(instruction.updateEventTrigger)),
        ])
    }
}
