import BatonModel
import Synchronization

/// Swift code bound by name to service tasks (`camunda:delegateExpression="${name}"` or
/// `camunda:class="name"`). It runs in the runtime between steps: inside the caller's command,
/// or as a job with retries when the task is `camunda:asyncBefore="true"`.
public protocol ServiceTaskHandler: Sendable {
    /// Does the task's work. Return variables to set; throw ``BPMNError`` for a business error the
    /// process may catch; throw anything else for a technical failure (retried when async).
    func execute(_ context: HandlerContext) async throws -> [String: VariableValue]
}

/// What a handler may know about the task it runs for.
public struct HandlerContext: Sendable {
    public var processInstanceID: String
    public var businessKey: String?
    public var processKey: String
    public var elementID: String
    public var jobID: String
    /// Attempts left, counting this one.
    public var retries: Int
    /// The variables visible from the task.
    public var variables: [String: VariableValue]
    /// Changes to the instance's open user tasks, applied in the same command when the handler
    /// succeeds (a handler cannot call the runtime on its own instance: that instance is locked
    /// by the command running it).
    public let tasks = TaskRequests()
}

/// What a handler asks to change on its instance's open user tasks.
public final class TaskRequests: Sendable {
    struct CandidateAddition: Sendable {
        var elementID: String
        var users: [String]
        var groups: [String]
    }

    private let additions = Mutex<[CandidateAddition]>([])

    /// Adds candidate users and groups to every open user task of element `elementID`.
    public func addCandidates(toOpenTasksOf elementID: String, users: [String] = [], groups: [String] = []) {
        additions.withLock { $0.append(CandidateAddition(elementID: elementID, users: users, groups: groups)) }
    }

    var candidateAdditions: [CandidateAddition] { additions.withLock { $0 } }
}

/// A business error a handler or worker raises for the process to catch by `errorCode`.
public struct BPMNError: Error, Hashable, Sendable {
    public var code: String
    public var message: String?
    public var variables: [String: VariableValue]

    public init(code: String, message: String? = nil, variables: [String: VariableValue] = [:]) {
        self.code = code
        self.message = message
        self.variables = variables
    }
}

/// A handler from a closure, for small handlers and tests.
public struct ClosureHandler: ServiceTaskHandler {
    private let body: @Sendable (HandlerContext) async throws -> [String: VariableValue]

    public init(_ body: @escaping @Sendable (HandlerContext) async throws -> [String: VariableValue]) {
        self.body = body
    }

    public func execute(_ context: HandlerContext) async throws -> [String: VariableValue] { try await body(context) }
}
