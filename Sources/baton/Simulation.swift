import ArgumentParser
import BatonBPMN
import BatonCore
import BatonEngine
import BatonModel

/// A process file loaded into a runtime, every Swift handler it names stubbed (returning no
/// variables), for `baton run` and `baton bench`: in memory with a manual clock, or over any
/// store and clock.
struct Simulation {
    let runtime: Runtime
    let clock: ManualClock
    let processKey: String
    let stubbedHandlers: [String]

    /// Reads and deploys `file` into a memory store; a file that cannot be deployed is reported and exits 1.
    static func load(_ file: String) async throws -> Simulation {
        let clock = ManualClock()
        let process = try SimulatedProcess.read(file)
        let runtime = process.runtime(store: MemoryStore(), clock: clock)
        try await process.deploy(to: runtime)
        return Simulation(runtime: runtime, clock: clock, processKey: process.processKey, stubbedHandlers: process.handlerNames)
    }
}

/// A BPMN file read for simulation: its first executable process and the handler names to stub.
struct SimulatedProcess {
    let file: String
    let bytes: [UInt8]
    let processKey: String
    let handlerNames: [String]

    /// Reads `file`; a file that cannot be deployed is reported and exits 1.
    static func read(_ file: String) throws -> SimulatedProcess {
        let document = BPMNFileLoader.load(file, options: BPMNReadOptions())
        guard document.isDeployable, let definitions = document.definitions, let process = definitions.executableProcesses.first else {
            for diagnostic in document.diagnostics where diagnostic.severity == .error { FileOutput.standardError.write("\(diagnostic)\n") }
            if document.diagnostics.isEmpty || !document.diagnostics.hasErrors {
                FileOutput.standardError.write("\(file): error: Expected an executable process to run, but the file has none.\n")
            }
            throw ExitCode.failure
        }
        return SimulatedProcess(
            file: file, bytes: try BPMNFileLoader.bytes(of: file), processKey: process.id.rawValue, handlerNames: handlerNames(in: definitions))
    }

    /// A runtime with every handler stubbed. In memory, ids are sequential (reproducible runs);
    /// in a database shared with other runs they are UUIDs.
    func runtime(store: any Store, clock: any WallClock) -> Runtime {
        let stub = ClosureHandler { _ in [:] }
        return Runtime(
            store: store, clock: clock, ids: store is MemoryStore ? SequentialIDGenerator() : UUIDGenerator(),
            handlers: Dictionary(uniqueKeysWithValues: handlerNames.map { ($0, stub as any ServiceTaskHandler) }))
    }

    /// Deploys the file (identical content already deployed creates no new version).
    func deploy(to runtime: Runtime) async throws {
        _ = try await runtime.deploy(name: file, resources: [DeploymentResource(name: file, bytes: bytes)])
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

}

/// What `baton run` and `baton bench` do to drive instances forward, on any 
extension Runtime {
    /// Runs every job that is due now until none is left.
    /// Returns how many jobs ran.
    @discardableResult
    func settle() async throws -> Int {
        var total = 0
        while case let ran = try await runDueJobs().total, ran > 0 { total += ran }
        return total
    }

    /// Completes the open user task or external task of element `elementID` in any active instance.
    func completeOpenTask(of elementID: String, variables: [String: VariableValue]) async throws {
        if let task = try await tasks(TaskQuery(taskDefinitionKey: elementID)).first {
            try await complete(task.id, variables: variables)
            return
        }
        if let job = try await jobs().first(where: { $0.activityID == elementID && $0.kind == .external }) {
            try await completeExternal(job, variables: variables)
            return
        }
        let open = try await tasks().map(\.taskDefinitionKey) + jobs().filter { $0.kind == .external }.map(\.activityID)
        throw CommandFailure("Expected a user task or external task '\(elementID)' to be open, but the open ones are \(open).")
    }

    /// Completes every open user task and external task of `instance` with `variables`; returns how many.
    func completeEverything(in instance: String, variables: [String: VariableValue]) async throws -> Int {
        var count = 0
        for task in try await tasks(TaskQuery(processInstanceID: instance)) {
            try await complete(task.id, variables: variables)
            count += 1
        }
        for job in try await jobs(JobQuery(processInstanceID: instance, kinds: [.external])) {
            try await completeExternal(job, variables: variables)
            count += 1
        }
        return count
    }

    private func completeExternal(_ job: JobInfo, variables: [String: VariableValue]) async throws {
        let topics = try await externalTopics(ofJob: job.id)
        for locked in try await fetchAndLock(workerID: "baton-simulation", maxTasks: 100, topics: topics) where locked.id == job.id {
            try await completeExternalTask(locked.id, workerID: "baton-simulation", variables: variables)
        }
    }
}
