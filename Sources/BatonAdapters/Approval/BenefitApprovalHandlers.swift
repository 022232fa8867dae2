import BatonEngine
import BatonModel

/// The service-task handlers of `processes/benefit-approval.bpmn`, registered by name so any
/// BPMN file can use them: `checkAidboxVersion`, `publishToAidbox`, `markDraftPublished`,
/// `markDraftRejected`, `markDraftConflict`, `escalateReview`.
///
/// Publishing happens once in effect: the plan written to Aidbox carries a `meta.tag` naming the
/// process instance, and a retried publish that finds its own tag on the current version takes
/// that version as its result instead of writing again or reporting a false conflict.
public struct BenefitApprovalHandlers: Sendable {
    /// `meta.tag` system of the tag naming the process instance that published a version.
    public static let publishedByTag = "https://baton.dev/fhir/process-instance"
    /// `errorCode` of the BPMN error `publishToAidbox` throws when the plan changed in Aidbox.
    public static let versionConflictError = "AidboxVersionConflict"

    public let drafts: RetoolDraftRepository?
    public let aidbox: AidboxClient?

    public init(drafts: RetoolDraftRepository?, aidbox: AidboxClient?) {
        self.drafts = drafts
        self.aidbox = aidbox
    }

    public var handlers: [String: any ServiceTaskHandler] {
        [
            "checkAidboxVersion": ClosureHandler { try await checkAidboxVersion($0) },
            "publishToAidbox": ClosureHandler { try await publishToAidbox($0) },
            "markDraftPublished": ClosureHandler { try await markDraftPublished($0) },
            "markDraftRejected": ClosureHandler { try await mark($0, .rejected) },
            "markDraftConflict": ClosureHandler { try await mark($0, .conflict) },
            "escalateReview": ClosureHandler { Self.escalateReview($0) },
        ]
    }

    /// Adds the escalation group (variable `escalationGroup`, default `plan-approvers-leads`) as
    /// candidates of the open review task (variable `reviewTask`, default `ReviewPlan`).
    static func escalateReview(_ context: HandlerContext) -> [String: VariableValue] {
        let group = context.text("escalationGroup") ?? "plan-approvers-leads"
        context.tasks.addCandidates(toOpenTasksOf: context.text("reviewTask") ?? "ReviewPlan", groups: [group])
        return ["reviewEscalated": .boolean(true)]
    }

    // MARK: Aidbox

    /// `versionConflict`: whether the plan in Aidbox moved past `baseVersion` during review, so the
    /// reviewer hears of a conflict at once. This early check is advisory: when Aidbox is not
    /// configured or not answering, it leaves the decision to the publish job (whose `If-Match`
    /// is what keeps a newer plan from being overwritten), because an Aidbox outage must not stop
    /// reviewers from recording their decisions. `aidboxVersionChecked` says which happened.
    func checkAidboxVersion(_ context: HandlerContext) async throws -> [String: VariableValue] {
        let deferred: [String: VariableValue] = ["versionConflict": .boolean(false), "aidboxVersionChecked": .boolean(false)]
        guard let aidbox, let planID = context.text("aidboxPlanId") else { return deferred }
        let current: FHIRResource?
        do {
            current = try await aidbox.readPlan(planID)
        } catch {
            if error.isRetryable { return deferred }
            throw error
        }
        // No plan and no base version (a new plan) agree, as nil equals nil.
        let conflict = current?.versionID != context.text("baseVersion")
        return [
            "versionConflict": .boolean(conflict), "aidboxVersionChecked": .boolean(true),
            "aidboxCurrentVersion": current?.versionID.map(VariableValue.string) ?? .null,
        ]
    }

    /// Writes the draft's InsurancePlan to Aidbox (update guarded by `If-Match: baseVersion`, or
    /// create under a stable id) and returns `aidboxPlanId` and `aidboxVersion`.
    func publishToAidbox(_ context: HandlerContext) async throws -> [String: VariableValue] {
        let aidbox = try requireAidbox()
        let draftID = try context.required("draftId")
        let draft = try await requireDrafts().draft(draftID)
        let planID = context.text("aidboxPlanId") ?? "draft-\(draftID)"
        let tag = JSONValue.object([.init("system", .string(Self.publishedByTag)), .init("code", .string(context.processInstanceID))])
        let current = try await aidbox.readPlan(planID)
        if let current, Self.carries(current, tag) { return Self.published(planID, current) }  // our earlier attempt landed
        let plan = Self.tagged(draft.planData, id: planID, tag: tag)
        // An existing plan is updated only if still at the version the draft was based on; a new
        // one is created under its stable id.
        let expected = current == nil ? nil : (context.text("baseVersion") ?? current?.versionID)
        // Through a Result: `catch AidboxError.versionConflict` on this typed throw crashed the
        // Swift 6.3 compiler when this was written.
        let result: Result<FHIRResource, AidboxError>
        do {
            result = .success(try await aidbox.updatePlan(planID, plan, ifMatch: expected))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let written):
            return Self.published(planID, written)
        case .failure(.versionConflict):
            // Our own write may have landed with its answer lost: then it is published.
            if let now = try await aidbox.readPlan(planID), Self.carries(now, tag) { return Self.published(planID, now) }
            throw BPMNError(
                code: Self.versionConflictError,
                message: "InsurancePlan/\(planID) changed in Aidbox since version \(expected ?? "none") that the draft was based on.")
        case .failure(let error):
            throw error
        }
    }

    private static func published(_ id: String, _ resource: FHIRResource) -> [String: VariableValue] {
        ["aidboxPlanId": .string(id), "aidboxVersion": resource.versionID.map(VariableValue.string) ?? .null]
    }

    private static func carries(_ resource: FHIRResource, _ tag: JSONValue) -> Bool {
        guard case .array(let tags)? = resource.json["meta"]?["tag"] else { return false }
        return tags.contains { $0["system"] == tag["system"] && $0["code"] == tag["code"] }
    }

    /// The plan with its id and the publishing tag (other tags kept).
    private static func tagged(_ plan: JSONValue, id: String, tag: JSONValue) -> JSONValue {
        guard case .object(var members) = plan else { return plan }
        var tags: [JSONValue] = []
        if case .array(let existing)? = plan["meta"]?["tag"] { tags = existing.filter { $0["system"] != tag["system"] } }
        members.removeAll { $0.key == "id" || $0.key == "meta" || $0.key == "resourceType" }
        return .object([
            .init("resourceType", .string("InsurancePlan")), .init("id", .string(id)), .init("meta", .object([.init("tag", .array(tags + [tag]))])),
        ] + members)
    }

    // MARK: Retool

    /// submitted → approved → published, with the Aidbox id and version; a retry after it is done
    /// changes nothing.
    func markDraftPublished(_ context: HandlerContext) async throws -> [String: VariableValue] {
        let drafts = try requireDrafts()
        let id = try context.required("draftId")
        let draft = try await drafts.draft(id)
        if draft.status == .published { return [:] }
        if draft.status == .submitted { try await drafts.setStatus(id, to: .approved, by: context.text("reviewedBy")) }
        try await drafts.setStatus(id, to: .published, by: "baton", aidboxID: context.text("aidboxPlanId"), aidboxVersion: context.text("aidboxVersion"))
        return [:]
    }

    func mark(_ context: HandlerContext, _ status: DraftStatus) async throws -> [String: VariableValue] {
        let drafts = try requireDrafts()
        let id = try context.required("draftId")
        if try await drafts.draft(id).status == status { return [:] }
        try await drafts.setStatus(id, to: status, by: context.text("reviewedBy"))
        return [:]
    }

    // MARK: Configuration

    private func requireAidbox() throws -> AidboxClient {
        guard let aidbox else {
            throw HandlerFailure(
                "Aidbox is not configured: set AIDBOX_URL (and AIDBOX_CLIENT_ID/AIDBOX_CLIENT_SECRET or AIDBOX_TOKEN), restart Baton, then set this job's retries.",
                retryable: false)
        }
        return aidbox
    }

    private func requireDrafts() throws -> RetoolDraftRepository {
        guard let drafts else { throw HandlerFailure("Retool's database is not configured: set RETOOL_DATABASE_URL.", retryable: false) }
        return drafts
    }
}

extension HandlerContext {
    /// A variable as text (strings as they are, numbers printed), nil when absent, null or empty.
    func text(_ name: String) -> String? {
        switch variables[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        case let value?: return ExpressionEvaluator.text(value)
        }
    }

    func required(_ name: String) throws -> String {
        guard let value = text(name) else {
            // Set the variable through the API, then the job's retries.
            throw HandlerFailure("Expected process variable '\(name)', but the instance has none.", retryable: false)
        }
        return value
    }
}
