/// A handler's failure that says whether running its job again can help. A transient failure (a
/// peer down, a timeout) is retried on the element's retry schedule; one that is not (missing
/// configuration, a request the peer refuses) raises an incident at once instead of spending
/// retries that cannot succeed.
public protocol RetryAwareFailure: Error {
    var isRetryable: Bool { get }
}

/// A handler's technical failure, with a message for the job and its incident.
public struct HandlerFailure: RetryAwareFailure, CustomStringConvertible, Sendable {
    public var description: String
    public var isRetryable: Bool

    public init(_ description: String, retryable: Bool = true) {
        self.description = description
        self.isRetryable = retryable
    }
}
