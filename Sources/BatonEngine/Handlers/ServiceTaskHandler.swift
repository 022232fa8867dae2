import BatonModel

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
