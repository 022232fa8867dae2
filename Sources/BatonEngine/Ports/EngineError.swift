import BatonBPMN
import BatonCore

/// Why the runtime refused or could not carry out a request. Each kind maps to an HTTP status at
/// the edge (BatonServer); messages name what was wrong and never contain variable values.
public struct EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case notFound
        case invalidArgument
        /// The request conflicts with the current state (task already claimed, instance ended).
        case conflict
        /// The BPMN could not be deployed; ``diagnostics`` says why.
        case deploymentFailed
        /// A message matched nothing, or more than one thing when one was required.
        case correlationFailed
        /// A Swift service-task handler failed inside the caller's command.
        case handlerFailed
        /// Executing the process failed (an expression, a gateway without a way out).
        case executionFailed
        /// The instance or definition is suspended and the request would move it.
        case suspended
    }

    public var kind: Kind
    public var message: String
    public var diagnostics: [Diagnostic]
    /// For ``Kind/handlerFailed``: whether running the job again can help (see ``RetryAwareFailure``).
    public var retryable = true

    public init(_ kind: Kind, _ message: String, diagnostics: [Diagnostic] = []) {
        self.kind = kind
        self.message = message
        self.diagnostics = diagnostics
    }

    init(_ rejection: Rejection) {
        switch rejection.kind {
        case .notFound: self.init(.notFound, rejection.message)
        case .invalidState: self.init(.conflict, rejection.message)
        case .invalidArgument: self.init(.invalidArgument, rejection.message)
        case .executionFailed: self.init(.executionFailed, rejection.message)
        case .suspended: self.init(.suspended, rejection.message)
        }
    }

    public var description: String { message }
}
