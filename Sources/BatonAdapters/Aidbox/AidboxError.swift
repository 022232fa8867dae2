import BatonEngine

/// What can go wrong talking to Aidbox. ``isRetryable`` says whether trying again later may help,
/// so a publish job retries an outage but raises an incident at once for refused credentials.
public enum AidboxError: RetryAwareFailure, Hashable, Sendable, CustomStringConvertible {
    /// 412 on a conditional update: someone else changed the resource since `expectedVersion`.
    case versionConflict(id: String, expectedVersion: String)
    /// Aidbox refused the request (a 4xx other than 412); its OperationOutcome text, if any.
    case rejected(status: Int, message: String)
    /// No answer, or 5xx answers, after every retry.
    case unavailable(String)
    /// Configuration that cannot work (a bad URL, half the credentials).
    case misconfigured(String)

    public var isRetryable: Bool {
        switch self {
        case .unavailable: true
        case .rejected(let status, _): status == 408 || status == 429  // timed out, throttled
        case .versionConflict, .misconfigured: false
        }
    }

    public var description: String {
        switch self {
        case .versionConflict(let id, let expected):
            "Aidbox InsurancePlan/\(id) changed since version \(expected) (412 Precondition Failed)"
        case .rejected(let status, let message): "Aidbox refused the request (\(status)): \(message)"
        case .unavailable(let message): "Aidbox is unavailable: \(message)"
        case .misconfigured(let message): "Aidbox is not configured correctly: \(message)"
        }
    }
}
