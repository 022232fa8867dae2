import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Benchmark
import Foundation

/// The whole runtime (store, history, jobs) in memory on the `baton bench` scenarios, and on
/// PostgreSQL for start → user task → complete → end at 1, 4 and 8 concurrent clients.
let benchmarks: @Sendable () -> Void = {
    let stepsPerSecond = BenchmarkMetric.custom("Steps per second (K)", polarity: .prefersLarger, useScalingFactor: false)
    let commandsPerSecond = BenchmarkMetric.custom("Commands per second", polarity: .prefersLarger, useScalingFactor: false)

    for scenario in Scenario.all {
        let runtime = Shared<Runtime>()
        Benchmark(
            "Runtime in memory: \(scenario.name) (batches of \(Scenario.memoryBatch) instances)",
            configuration: .init(metrics: [.wallClock, .mallocCountTotal, stepsPerSecond], warmupIterations: 2, maxDuration: .seconds(5), maxIterations: 200),
            closure: { benchmark in
                let clock = ContinuousClock()
                let began = clock.now
                var steps = 0
                for _ in 0..<Scenario.memoryBatch { steps += try await scenario.runInstance(on: runtime.value, countingSteps: true) }
                benchmark.measurement(stepsPerSecond, Int(Double(steps) / seconds(began.duration(to: clock.now)) / 1000))
            },
            setup: { runtime.value = try await scenario.deployed(on: MemoryStore()) })
    }

    let usertask = Scenario.all.first { $0.name == "usertask" }!
    for clients in [1, 4, 8] {
        let runtimes = Shared<[Runtime]>()
        Benchmark(
            "PostgreSQL start → user task → complete → end, \(clients) client\(clients == 1 ? "" : "s") (\(Scenario.postgresBatch) instances each)",
            configuration: .init(metrics: [.wallClock, commandsPerSecond], warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 30),
            closure: { benchmark in
                let clock = ContinuousClock()
                let began = clock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for runtime in runtimes.value {
                        group.addTask { for _ in 0..<Scenario.postgresBatch { _ = try await usertask.runInstance(on: runtime, countingSteps: false) } }
                    }
                    try await group.waitForAll()
                }
                let commands = 2 * Scenario.postgresBatch * clients
                benchmark.measurement(commandsPerSecond, Int(Double(commands) / seconds(began.duration(to: clock.now))))
            },
            setup: {
                // One database, a connection per client, as `baton bench --store postgres` runs.
                let database = try await TestPostgres.freshDatabase()
                try await Migrator.engine().migrate(PostgresConnection.connect(database))
                var all: [Runtime] = []
                for _ in 0..<clients { all.append(try await usertask.deployed(on: PostgresStore(pool: PostgresPool(connectionString: database, maximum: 1)))) }
                runtimes.value = all
            })
    }
}

/// Set in a benchmark's setup, read by its iterations (which the framework runs one at a time).
final class Shared<Value>: @unchecked Sendable {
    var value: Value!
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The `baton bench` scenarios, read from the repository's files.
struct Scenario: Sendable {
    static let memoryBatch = 200
    static let postgresBatch = 25
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let name: String
    let file: String
    let processKey: String
    var start: [String: VariableValue] = [:]
    var completion: [String: VariableValue] = [:]

    static let all = [
        Scenario(name: "chain10", file: "Benchmarks/processes/chain10.bpmn", processKey: "chain10"),
        Scenario(name: "parallel", file: "Benchmarks/processes/parallel.bpmn", processKey: "parallel"),
        Scenario(name: "usertask", file: "Benchmarks/processes/usertask.bpmn", processKey: "usertask"),
        Scenario(
            name: "approval", file: "processes/benefit-approval.bpmn", processKey: "benefit-approval",
            start: ["draftId": .string("D-1"), "submittedBy": .string("sam"), "versionConflict": .boolean(false)],
            completion: ["approved": .boolean(true)]),
    ]

    /// A runtime over `store` with the scenario deployed and every handler it names stubbed.
    func deployed(on store: any Store) async throws -> Runtime {
        let stub = ClosureHandler { _ in [:] }
        let handlers = ["checkAidboxVersion", "publishToAidbox", "markDraftPublished", "markDraftRejected", "markDraftConflict", "escalateReview"]
        let runtime = Runtime(store: store, handlers: Dictionary(uniqueKeysWithValues: handlers.map { ($0, stub as any ServiceTaskHandler) }))
        let bytes = try [UInt8](Data(contentsOf: Self.repository.appendingPathComponent(file)))
        _ = try await runtime.deploy(name: name, resources: [DeploymentResource(name: file, bytes: bytes)])
        return runtime
    }

    /// Runs one instance to its end (user tasks completed, jobs run); returns its steps when asked.
    func runInstance(on runtime: Runtime, countingSteps: Bool) async throws -> Int {
        var instance = try await runtime.start(processKey: processKey, variables: start)
        while instance.state == .active {
            let tasks = try await runtime.tasks(TaskQuery(processInstanceID: instance.id))
            for task in tasks { instance = try await runtime.complete(task.id, variables: completion) }
            if tasks.isEmpty {
                guard try await runtime.runDueJobs().total > 0 else { fatalError("\(name) stopped at a wait the benchmark cannot complete") }
                instance = try await runtime.instance(instance.id)
            }
        }
        guard countingSteps else { return 0 }
        return try await runtime.activityHistory(of: instance.id).filter { $0.endTime != nil && !$0.canceled }.count
    }
}
