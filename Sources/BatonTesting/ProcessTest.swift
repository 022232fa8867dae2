import BatonCore
import BatonEngine
import BatonModel

/// A runtime over a memory store with a manual clock and sequential ids, and helpers that make a
/// process test read like a script: deploy, start, expect a task, complete it, advance the clock,
/// expect the instance to have ended.
public struct ProcessTest: Sendable {
    public let runtime: Runtime
    public let clock: ManualClock

    /// - Parameter store: where the runtime keeps its data; the memory store unless a test
    ///   checks another store (the Postgres store runs the same scenarios).
    public init(
        store: any Store = MemoryStore(), handlers: [String: any ServiceTaskHandler] = [:],
        listenerHandlers: [String: any ListenerHandler] = [:], limits: ExecutionLimits = ExecutionLimits()
    ) {
        clock = ManualClock()
        runtime = Runtime(
            store: store, clock: clock, ids: SequentialIDGenerator(), handlers: handlers, listenerHandlers: listenerHandlers, limits: limits)
    }

    /// Deploys BPMN text (or file bytes) under `name`.
    @discardableResult
    public func deploy(_ bpmn: String, name: String = "test.bpmn") async throws -> DeploymentInfo {
        try await runtime.deploy(name: name, resources: [DeploymentResource(name: name, bytes: Array(bpmn.utf8))])
    }

    @discardableResult
    public func deploy(bytes: [UInt8], name: String) async throws -> DeploymentInfo {
        try await runtime.deploy(name: name, resources: [DeploymentResource(name: name, bytes: bytes)])
    }

    public func start(_ processKey: String, _ variables: [String: VariableValue] = [:], businessKey: String? = nil) async throws -> String {
        try await runtime.start(processKey: processKey, businessKey: businessKey, variables: variables).id
    }

    /// The open task of element `elementID` in `instance`, or a failure naming what is waiting instead.
    public func task(_ elementID: String, in instance: String) async throws -> TaskInfo {
        let tasks = try await runtime.tasks(TaskQuery(processInstanceID: instance))
        guard let task = tasks.first(where: { $0.taskDefinitionKey == elementID }) else {
            throw ProcessTestFailure("Expected a task '\(elementID)' in instance '\(instance)', but the open tasks are \(tasks.map(\.taskDefinitionKey)).")
        }
        return task
    }

    public func complete(_ elementID: String, in instance: String, _ variables: [String: VariableValue] = [:]) async throws {
        try await runtime.complete(try await task(elementID, in: instance).id, variables: variables)
    }

    /// Moves the clock and runs every job that becomes due, until none is left.
    public func advance(by duration: String) async throws {
        clock.advance(by: duration)
        try await runJobs()
    }

    /// Runs due jobs (continuations, timers, retries) until a pass finds none.
    public func runJobs() async throws {
        while try await runtime.runDueJobs().total > 0 {}
    }

    /// Element ids of the activities active in `instance`, in the order they started.
    public func active(in instance: String) async throws -> [String] {
        try await runtime.activityHistory(of: instance).filter { $0.endTime == nil }.map(\.activityID)
    }

    /// Element ids of every activity instance of `instance`, in the order they started.
    public func history(of instance: String) async throws -> [String] {
        try await runtime.activityHistory(of: instance).map(\.activityID)
    }

    /// The process-level variables of `instance`, by name.
    public func variables(of instance: String) async throws -> [String: VariableValue] {
        Dictionary(try await runtime.variables(of: instance).map { ($0.name, $0.value) }) { first, _ in first }
    }

    /// `body` (processes and root elements) inside `<definitions>` with the BPMN model and Camunda
    /// namespaces, as a test's inline model needs.
    public static func definitions(_ body: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          \(body)
        </definitions>
        """
    }

    public func expectEnded(_ instance: String) async throws {
        let info = try await runtime.instance(instance)
        guard info.state == .completed else {
            throw ProcessTestFailure(
                "Expected instance '\(instance)' to have completed, but it is \(info.state.rawValue), waiting at \(try await active(in: instance)).")
        }
    }
}

/// A failed expectation of a ``ProcessTest`` helper, saying what was expected and what was found.
public struct ProcessTestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
