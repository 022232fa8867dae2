import BatonEngine
import BatonModel

/// A row of Retool's `benefit_plan_drafts`: a FHIR InsurancePlan being edited, and where its
/// approval stands.
public struct BenefitPlanDraft: Hashable, Sendable {
    public var id: String
    public var name: String?
    /// The InsurancePlan resource.
    public var planData: JSONValue
    /// nil when the row holds a status the workflow does not know (written before Baton).
    public var status: DraftStatus?
    public var rawStatus: String
    public var createdBy: String?
    public var updatedBy: String?
    public var submissionID: String?
    /// The Baton process instance deciding it (Retool's column keeps Camunda's name).
    public var processInstanceID: String?
    public var submissionMetadata: JSONValue
    public var aidboxID: String?
    public var aidboxVersion: String?
    public var baseVersion: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}

/// Why a draft operation was refused. Retrying cannot help (the draft is gone, or someone moved
/// it elsewhere in Retool), so a handler failing with it raises an incident at once.
public struct DraftError: RetryAwareFailure, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable { case notFound, invalidTransition }
    public var kind: Kind
    public var description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    public var isRetryable: Bool { false }
}
