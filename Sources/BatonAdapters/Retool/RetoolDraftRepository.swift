import BatonModel
import BatonPostgres
import Foundation

/// Retool's drafts in Retool's Postgres (`RETOOL_DATABASE_URL`). Every change checks the status
/// it moves from in the same statement, so two callers racing on one draft cannot both move it.
public struct RetoolDraftRepository: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) { self.pool = pool }

    private static let columns = """
        id::text, name, plan_data::text, status, created_by, updated_by, submission_id, camunda_process_id, submission_metadata::text,
        aidbox_id, aidbox_version, base_version, (extract(epoch from created_at) * 1000)::bigint, (extract(epoch from updated_at) * 1000)::bigint
        """

    public func draft(_ id: String) async throws -> BenefitPlanDraft {
        guard let draft = try await query("SELECT \(Self.columns) FROM benefit_plan_drafts WHERE id::text = $1", [id]).first else {
            throw DraftError(.notFound, "Expected benefit-plan draft '\(id)' to exist, but it does not.")
        }
        return draft
    }

    /// Drafts, newest change first, optionally only those in `status`.
    public func drafts(status: DraftStatus? = nil, limit: Int = 100) async throws -> [BenefitPlanDraft] {
        try await query(
            "SELECT \(Self.columns) FROM benefit_plan_drafts WHERE $1::text IS NULL OR status = $1 ORDER BY updated_at DESC, id LIMIT $2::integer",
            [status?.rawValue, String(max(0, limit))])
    }

    /// The draft a process instance decides.
    public func draft(processInstanceID: String) async throws -> BenefitPlanDraft? {
        try await query("SELECT \(Self.columns) FROM get_draft_by_camunda_process($1)", [processInstanceID]).first
    }

    /// draft → submitted, recording the process instance and submission metadata.
    @discardableResult
    public func markSubmitted(_ id: String, by user: String, processInstanceID: String, metadata: JSONValue = .object([])) async throws -> BenefitPlanDraft {
        if let submitted = try await query(
            "SELECT \(Self.columns) FROM submit_draft_for_approval($1, $2, $3, $4::jsonb)", [id, user, processInstanceID, JSONText.render(metadata)]
        ).first {
            return submitted
        }
        throw try await refusal(id, to: .submitted)
    }

    /// Moves a draft along the workflow (approved, rejected, conflict, published), with the
    /// Aidbox id and version once published.
    @discardableResult
    public func setStatus(
        _ id: String, to status: DraftStatus, by user: String?, aidboxID: String? = nil, aidboxVersion: String? = nil
    ) async throws -> BenefitPlanDraft {
        let from = status.previous.map(\.rawValue)
        if let moved = try await query(
            """
            UPDATE benefit_plan_drafts SET status = $2, updated_by = coalesce($3, updated_by), aidbox_id = coalesce($4, aidbox_id),
                aidbox_version = coalesce($5, aidbox_version), updated_at = now()
            WHERE id::text = $1 AND status = ANY($6::text[])
            RETURNING \(Self.columns)
            """, [id, status.rawValue, user, aidboxID, aidboxVersion, "{" + from.joined(separator: ",") + "}"]
        ).first {
            return moved
        }
        throw try await refusal(id, to: status)
    }

    /// Why `id` could not move to `status`: it does not exist, or its status does not lead there.
    private func refusal(_ id: String, to status: DraftStatus) async throws -> DraftError {
        let current = try await draft(id)
        let allowed = status.previous.map(\.rawValue)
        return DraftError(
            .invalidTransition,
            "Expected draft '\(id)' to be \(allowed.joined(separator: " or ")) to become \(status.rawValue), but it is \(current.rawStatus).")
    }

    private func query(_ sql: String, _ parameters: [String?]) async throws -> [BenefitPlanDraft] {
        try await pool.withConnection { try await $0.query(sql, parameters).rows.map(Self.draft) }
    }

    private static func draft(_ row: [String?]) -> BenefitPlanDraft {
        func time(_ text: String?) -> Timestamp { Timestamp(millisecondsSinceEpoch: text.flatMap(Int64.init) ?? 0) }
        return BenefitPlanDraft(
            id: row[0] ?? "", name: row[1], planData: row[2].flatMap(JSONText.parse) ?? .object([]), status: row[3].flatMap(DraftStatus.init),
            rawStatus: row[3] ?? "", createdBy: row[4], updatedBy: row[5], submissionID: row[6], processInstanceID: row[7],
            submissionMetadata: row[8].flatMap(JSONText.parse) ?? .object([]), aidboxID: row[9], aidboxVersion: row[10], baseVersion: row[11],
            createdAt: time(row[12]), updatedAt: time(row[13]))
    }
}
