import ArgumentParser
import BatonBPMN
import BatonCore
import BatonEngine
import BatonModel
import BatonTesting

/// A process file loaded into an in-memory runtime with a manual clock, every Swift handler it
/// names stubbed (returning no variables), for `baton run` and `baton bench`.
struct Simulation {
    let runtime: Runtime
    let clock: ManualClock
    let processKey: String
    let stubbedHandlers: [String]

    /// Reads and deploys `file`; a file that cannot be deployed is reported and exits 1.
    static func load(_ file: String) async throws -> Simulation {
        let document = BPMNFileLoader.load(file, options: BPMNReadOptions())
        guard document.isDeployable, let definitions = document.definitions, let process = definitions.executableProcesses.first else {
            for diagnostic in document.diagnostics where diagnostic.severity == .error { FileOutput.standardError.write("\(diagnostic)\n") }
            if document.diagnostics.isEmpty || !document.diagnostics.hasErrors {
                FileOutput.standardError.write("\(file): error: Expected an executable process to run, but the file has none.\n")
            }
            throw ExitCode.failure
        }
        let names = handlerNames(in: definitions)
        let stub = ClosureHandler { _ in [:] }
        let clock = ManualClock()
        let runtime = Runtime(
            store: MemoryStore(), clock: clock, ids: SequentialIDGenerator(),
            handlers: Dictionary(uniqueKeysWithValues: names.map { ($0, stub as any ServiceTaskHandler) }))
        _ = try await runtime.deploy(
            name: file, resources: [DeploymentResource(name: file, bytes: try BPMNFileLoader.bytes(of: file))])
        return Simulation(runtime: runtime, clock: clock, processKey: process.id.rawValue, stubbedHandlers: names)
    }

    /// Handler names of `${name}` delegate expressions and `camunda:class` attributes, sorted.
    private static func handlerNames(in definitions: Definitions) -> [String] {
        var names: Set<String> = []
        for process in definitions.processes {
            for node in process.flowNodes {
                switch node.kind {
                case .serviceTask(let implementation), .sendTask(let implementation), .businessRuleTask(let implementation):
                    if case .delegateExpression(let template) = implementation, case .identifier(let name)? = template.singleExpression {
                        names.insert(name)
                    }
                    if case .className(let name) = implementation { names.insert(name) }
                default:
                    break
                }
            }
        }
        return names.sorted()
    }

    /// Runs every job that is due now until none is left.
    func settle() async throws {
        while try await runtime.runDueJobs().total > 0 {}
    }

    /// Completes the open user task or external task of element `elementID` in any active instance.
    func complete(_ elementID: String, variables: [String: VariableValue]) async throws {
        if let task = try await runtime.tasks(TaskQuery(taskDefinitionKey: elementID)).first {
            try await runtime.complete(task.id, variables: variables)
            return
        }
        if let job = try await runtime.jobs().first(where: { $0.activityID == elementID && $0.kind == .external }) {
            try await completeExternal(job, variables: variables)
            return
        }
        let open = try await runtime.tasks().map(\.taskDefinitionKey) + runtime.jobs().filter { $0.kind == .external }.map(\.activityID)
        throw CommandFailure("Expected a user task or external task '\(elementID)' to be open, but the open ones are \(open).")
    }

    /// Completes every open user task and external task of `instance` with `variables`; returns how many.
    func completeEverything(in instance: String, variables: [String: VariableValue]) async throws -> Int {
        var count = 0
        for task in try await runtime.tasks(TaskQuery(processInstanceID: instance)) {
            try await runtime.complete(task.id, variables: variables)
            count += 1
        }
        for job in try await runtime.jobs(processInstanceID: instance) where job.kind == .external {
            try await completeExternal(job, variables: variables)
            count += 1
        }
        return count
    }

    private func completeExternal(_ job: JobInfo, variables: [String: VariableValue]) async throws {
        let topics = try await runtime.externalTopics(ofJob: job.id)
        for locked in try await runtime.fetchAndLock(workerID: "baton-simulation", maxTasks: 100, topics: topics) where locked.id == job.id {
            try await runtime.completeExternalTask(locked.id, workerID: "baton-simulation", variables: variables)
        }
    }
}
