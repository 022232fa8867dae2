import ArgumentParser
import BatonEngine
import BatonModel
import BatonPostgres
import Foundation

/// `baton bench (FILE | --scenario NAME)`: runs instances of a process and reports instances,
/// steps and commands per second, command latency, and (with Postgres) statements and round trips
/// per command.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run instances of a process and report instances, steps and commands per second.",
        discussion: """
            Runs FILE or a built-in --scenario: chain10 (10 plain tasks), parallel (4 branches of 2 tasks),
            usertask (start, user task, end) from Benchmarks/processes, or approval
            (processes/benefit-approval.bpmn along its publish path). broadcast starts --instances
            instances waiting for a signal, throws it once and reports deliveries per second and
            statements per delivery (the other clients deliver alongside the thrower). It runs --instances N (default
            1000) or for --duration (30s, 2m, 500ms). Every user task and external task is completed
            with --complete-user-tasks variables and handlers are stubbed. A step is one completed activity instance (event, task, gateway or
            subprocess); a command is one start, task completion or job run, each one transaction.
            --store postgres uses DATABASE_URL (or --database-url), else the embedded PostgreSQL under
            $BATON_HOME/pg; each client has its own connection. One instance per client runs first,
            untimed, to warm caches. On a terminal a status line shows progress on standard error.
            The last line is:
            instances=N steps=S seconds=T instances_per_s=… steps_per_s=… p50_ms=… p99_ms=…
            statements_per_command=… commands_per_s=… round_trips_per_command=…
            """
    )

    enum StoreKind: String, ExpressibleByArgument, CaseIterable {
        case memory, postgres
    }

    enum Interface: String, ExpressibleByArgument, CaseIterable {
        case api, http
    }

    @Argument(help: "The BPMN file (its first executable process); or name a --scenario.")
    var file: String?

    @Option(help: "A built-in workload instead of FILE: \(BenchScenario.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scenario: BenchScenario?

    @Option(help: "Where instances live: memory or postgres.")
    var store: StoreKind = .memory

    @Option(help: "How many instances to run (default 1000).")
    var instances: Int?

    @Option(help: ArgumentHelp("How long to run instead of a number of instances: 30s, 2m, 500ms (1 ms to 24 h).", valueName: "time"))
    var duration: ShortDuration?

    @Option(help: "How many clients run instances at once.")
    var concurrency = 1

    @Option(help: "api: the Swift API; http: Camunda's REST API of an in-process server on a loopback port, one keep-alive connection per client.")
    var via: Interface = .api

    @Option(name: .customLong("var"), help: "A start variable: name=value or name:Type=value.")
    var variables: [VariableArgument] = []

    @Option(help: ArgumentHelp("Variables to complete every task with.", valueName: "name=value,…"))
    var completeUserTasks: String?

    @Option(help: "With --store postgres: a libpq connection string or postgresql:// URL (default: DATABASE_URL).")
    var databaseURL: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// Prints a line as each command commits, for the crash-safety test that kills the benchmark.
    @Flag(help: .hidden)
    var printAcknowledged = false

    func validate() throws {
        switch (file, scenario) {
        case (nil, nil): throw ValidationError("Expected a BPMN file or --scenario \(BenchScenario.allCases.map(\.rawValue).joined(separator: "|")).")
        case (_?, _?): throw ValidationError("Expected a BPMN file or --scenario, but both are given.")
        default: break
        }
        if let instances, instances < 1 { throw ValidationError("Expected --instances to be at least 1, but it is \(instances).") }
        if instances != nil, duration != nil { throw ValidationError("Expected --instances or --duration, but both are given.") }
        guard (1...256).contains(concurrency) else { throw ValidationError("Expected --concurrency between 1 and 256, but it is \(concurrency).") }
        if let completeUserTasks { _ = try VariableArgument.list(completeUserTasks) }
        if databaseURL != nil, store != .postgres { throw ValidationError("--database-url needs --store postgres.") }
    }

    func run() async throws {
        let file = try file ?? RepositoryPath.find(scenario!.file, what: "the \(scenario!.rawValue) scenario's BPMN file").path
        let process = try SimulatedProcess.read(file)
        let workload = BenchWorkload(
            processKey: process.processKey,
            startVariables: (scenario?.startVariables ?? [:]).merging(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }),
            completionVariables: try completeUserTasks.map(VariableArgument.list) ?? scenario?.completionVariables ?? [:],
            acknowledge: printAcknowledged)
        let limit: BenchLimit = duration.map { .duration($0.duration) } ?? .instances(instances ?? 1000)
        var location: DatabaseLocation?
        defer { location?.close() }
        let clients: [BenchClient]
        do {
            switch store {
            case .memory:
                let runtime = process.runtime(store: MemoryStore(), clock: ManualClock())
                clients = (0..<concurrency).map { _ in BenchClient(runtime: runtime, pool: nil) }
            case .postgres:
                location = try DatabaseLocation.resolve(databaseURL: databaseURL)
                let connectionString = location!.connectionString
                try await Migrator.engine().migrate(PostgresConnection.connect(connectionString))
                clients = (0..<concurrency).map { _ in
                    let pool = PostgresPool(connectionString: connectionString, maximum: 1)
                    return BenchClient(runtime: process.runtime(store: PostgresStore(pool: pool), clock: SystemClock()), pool: pool)
                }
            }
            try await process.deploy(to: clients[0].runtime)
            if scenario == .broadcast {
                guard via == .api, duration == nil else { throw CommandFailure("error: --scenario broadcast runs --instances receivers through the Swift API only.") }
                let result = try await BroadcastBench.run(processKey: process.processKey, receivers: instances ?? 1000, clients: clients)
                FileOutput.standardOutput.write(result.line + "\n")
                return
            }
            let result: BenchResult
            switch via {
            case .api:
                result = try await workload.run(limit, clients: clients)
            case .http:
                // One server runtime with a connection per client, as `baton serve` would have.
                let pool = location.map { PostgresPool(connectionString: $0.connectionString, maximum: concurrency) }
                let runtime = pool.map { process.runtime(store: PostgresStore(pool: $0), clock: SystemClock()) } ?? clients[0].runtime
                result = try await HTTPBench.run(workload, limit, runtime: runtime, pool: pool, concurrency: concurrency)
            }
            if json {
                FileOutput.standardOutput.write(try JSONOutput.encode(result) + "\n")
            } else {
                if result.stuckInstances > 0 {
                    FileOutput.standardError.write("note: \(result.stuckInstances) instance(s) stopped at a wait this benchmark cannot complete (a message or timer).\n")
                }
                FileOutput.standardOutput.write(result.line + "\n")
            }
        } catch let error as EngineError {
            throw CommandFailure("\(file): error: \(error.message)")
        } catch let error as PostgresError {
            throw CommandFailure("error: \(error.description)")
        } catch let error as MigrationError {
            throw CommandFailure("error: \(error.description)")
        }
    }
}
