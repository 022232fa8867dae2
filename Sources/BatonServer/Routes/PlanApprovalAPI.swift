import BatonAdapters
import BatonEngine
import BatonModel
import Hummingbird
import Logging

/// `/api`: the orchestration API the Retool app calls (submit a draft, list pending reviews,
/// decide, read a draft's status), over the engine and Retool's drafts. Same authentication and
/// authorization as `/engine-rest`.
public struct PlanApprovalAPI: Sendable {
    public let runtime: Runtime
    public let drafts: RetoolDraftRepository
    public let processKey: String
    let limits: RequestLimits

    public init(runtime: Runtime, drafts: RetoolDraftRepository, processKey: String = "benefit-approval", limits: RequestLimits = RequestLimits()) {
        self.runtime = runtime
        self.drafts = drafts
        self.processKey = processKey
        self.limits = limits
    }

    func register(on router: Router<BatonRequestContext>) {
        let api = router.group("api")
        api.post("plans/:draftId/submit") { request, context in try await submit(request, context) }
        api.get("plans/:draftId/status") { _, context in try await status(context) }
        api.get("tasks") { request, context in try await pendingReviews(request, context) }
        api.post("tasks/:taskId/decision") { request, context in try await decide(request, context) }
    }

    private func draft(_ id: String) async throws -> BenefitPlanDraft {
        do { return try await drafts.draft(id) } catch let error as DraftError { throw RestError.notFound(error.description) }
    }

    /// `POST /api/plans/{draftId}/submit` `{userId}` → `{processInstanceId, status}`. Only a draft
    /// in `draft` status (409 otherwise). The instance starts first; if another submission won
    /// the race for the draft meanwhile, this instance is cancelled and the answer is 409.
    private func submit(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, context: context, limit: limits.jsonBodyBytes)
        try body.allowOnly(["userId"])
        guard let user = try body.string("userId"), !user.isEmpty else { throw RestError.invalid("Expected 'userId' to name who submits the draft, but it is missing.") }
        try Authorization.requireSelf(user, context.identity)
        let draftID = try context.pathParameter("draftId")
        let draft = try await draft(draftID)
        guard draft.status == .draft else {
            throw RestError.conflict("Draft '\(draftID)' is \(draft.rawStatus); only a draft in status draft can be submitted.")
        }
        var variables: [String: VariableValue] = ["draftId": .string(draftID), "submittedBy": .string(user)]
        if let base = draft.baseVersion { variables["baseVersion"] = .string(base) }
        if let plan = draft.aidboxID { variables["aidboxPlanId"] = .string(plan) }
        let instance = try await runtime.start(processKey: processKey, businessKey: draftID, variables: variables)
        do {
            try await drafts.markSubmitted(draftID, by: user, processInstanceID: instance.id)
        } catch let error as DraftError {
            do {
                try await runtime.cancel(instance.id, reason: "Draft '\(draftID)' was submitted by another request first.")
            } catch {
                // The 409 still stands; the operator must cancel this instance by hand.
                context.logger.warning(
                    "could not cancel the instance of a submission that lost the race",
                    metadata: ["instance": "\(instance.id)", "draft": "\(draftID)", "error": "\(error)"])
            }
            throw RestError.conflict(error.description)
        }
        return JSONResponse.make(.object([.init("processInstanceId", .string(instance.id)), .init("status", .string("submitted"))]))
    }

    /// `GET /api/tasks?assignee=…&candidateGroup=…`: pending reviews the caller may work on,
    /// with the draft's name.
    private func pendingReviews(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["assignee", "candidateGroup"])
        let tasks = try await runtime.tasks(TaskQuery(
            assignee: query.string("assignee"), candidateGroups: query.string("candidateGroup").map { [$0] } ?? [], processDefinitionKey: processKey,
            visibleTo: try await Authorization.taskVisibility(context.identity, try await Access.of(context.identity, runtime))))
        var items: [JSONValue] = []
        for task in tasks {
            let variables = try await runtime.taskVariables(task.id)
            let draftID = Self.draftID(in: variables)
            let draft = try await existingDraft(draftID)
            items.append(.object([
                .init("taskId", .string(task.id)), .init("name", .orNull(task.name)), .init("processInstanceId", .string(task.processInstanceID)),
                .init("draftId", .orNull(draftID)), .init("draftName", .orNull(draft?.name)),
                .init("submittedBy", variables["submittedBy"].map(\.jsonValue) ?? .null), .init("assignee", .orNull(task.assignee)),
                .init("candidateGroups", .array(task.candidateGroups.map { .string($0) })), .init("created", TypedValue.date(task.created)),
            ]))
        }
        return JSONResponse.make(.array(items))
    }

    /// `POST /api/tasks/{taskId}/decision` `{approved, comment, userId}` → `{outcome}`: approved
    /// (published already), publishing (the publish job is pending), rejected, or conflict. The
    /// submitter may not decide on their own draft (403).
    private func decide(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request, context: context, limit: limits.jsonBodyBytes)
        try body.allowOnly(["approved", "comment", "userId"])
        guard let approved = try body.bool("approved") else { throw RestError.invalid("Expected 'approved' to be true or false, but it is missing.") }
        guard let user = try body.string("userId"), !user.isEmpty else { throw RestError.invalid("Expected 'userId' to name the reviewer, but it is missing.") }
        try Authorization.requireSelf(user, context.identity)
        let task = try await runtime.task(try context.pathParameter("taskId"))
        try Authorization.requireWork(on: task, context.identity, try await Access.of(context.identity, runtime))
        let variables = try await runtime.taskVariables(task.id)
        if variables["submittedBy"] == .string(user) {
            throw RestError.forbidden("User '\(user)' submitted this draft and may not decide on it.")
        }
        var result: [String: VariableValue] = ["approved": .boolean(approved), "reviewedBy": .string(user)]
        if let comment = try body.string("comment") { result["comment"] = .string(comment) }
        let instance = try await runtime.complete(task.id, variables: result, userID: user)
        let outcome: String
        if !approved {
            outcome = "rejected"
        } else if instance.state == .active {
            outcome = "publishing"
        } else {
            outcome = try await existingDraft(Self.draftID(in: variables))?.status == .conflict ? "conflict" : "approved"
        }
        return JSONResponse.make(.object([.init("outcome", .string(outcome)), .init("processInstanceId", .string(instance.id))]))
    }

    /// `GET /api/plans/{draftId}/status` → `{draftStatus, workflowActive, currentActivities, history}`.
    private func status(_ context: BatonRequestContext) async throws -> Response {
        let draft = try await draft(try context.pathParameter("draftId"))
        var active = false
        var current: [JSONValue] = []
        var history: [JSONValue] = []
        var incidents: [JSONValue] = []
        // A draft submitted under Camunda names an instance Baton never ran, and an ended
        // instance's history is removed after its time to live: then there is no workflow to show.
        if let instanceID = draft.processInstanceID, let instance = try await knownInstance(instanceID) {
            active = instance.state == .active
            if active { current = Self.currentActivities(in: try await runtime.activityInstanceTree(of: instanceID)).map { .string($0) } }
            history = try await runtime.activityHistory(of: instanceID).map { activity in
                .object([
                    .init("activityId", .string(activity.activityID)), .init("activityName", .orNull(activity.activityName)),
                    .init("startTime", TypedValue.date(activity.startTime)), .init("endTime", TypedValue.date(activity.endTime)),
                ])
            }
            incidents = try await runtime.incidents(IncidentQuery(open: true, processInstanceID: instanceID)).map { incident in
                .object([.init("activityId", .string(incident.activityID)), .init("message", .string(incident.message))])
            }
        }
        return JSONResponse.make(.object([
            .init("draftId", .string(draft.id)), .init("draftStatus", .string(draft.rawStatus)),
            .init("processInstanceId", .orNull(draft.processInstanceID)), .init("workflowActive", .bool(active)),
            .init("currentActivities", .array(current)), .init("incidents", .array(incidents)), .init("history", .array(history)),
        ]))
    }

    private static func draftID(in variables: [String: VariableValue]) -> String? {
        if case .string(let id)? = variables["draftId"] { id } else { nil }
    }

    /// The draft, if the id names one (a task of a process started without a draft has none). A
    /// database failure is thrown, not taken for a missing draft.
    private func existingDraft(_ id: String?) async throws -> BenefitPlanDraft? {
        guard let id else { return nil }
        do { return try await drafts.draft(id) } catch is DraftError { return nil }
    }

    private func knownInstance(_ id: String) async throws -> ProcessInstanceInfo? {
        do { return try await runtime.instance(id) } catch let error as EngineError where error.kind == .notFound { return nil }
    }

    /// The activities an instance is in now: its innermost activity instances, and the elements
    /// waiting in an asynchronous continuation (never the root, which is the process itself).
    private static func currentActivities(in node: ActivityInstanceNode) -> [String] {
        node.transitions.map(\.activityID)
            + node.children.flatMap { child in
                child.children.isEmpty && child.transitions.isEmpty ? [child.activityID] : currentActivities(in: child)
            }
    }
}
