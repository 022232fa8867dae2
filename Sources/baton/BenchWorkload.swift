import BatonEngine
import BatonModel
import BatonPostgres
import BatonServer
import Foundation
import Synchronization

/// One benchmark client: a runtime and, over Postgres, the pool of one connection only it uses,
/// so the statements and round trips it counts are exactly its own commands'.
struct BenchClient: Sendable {
    let runtime: Runtime
    let pool: PostgresPool?
    /// With `--via http`: the client's connection to the in-process server, which every start,
    /// task query and completion goes through instead of `runtime`.
    var http: LoopbackHTTPClient? = nil
}

/// Hands out 0, 1, 2… to clients taking instances to run.
final class TicketDispenser: Sendable {
    private let next = Atomic<Int>(0)
    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}

/// What one client measured.
struct CommandMeter: Sendable {
    var commands = 0
    var statements = 0
    var roundTrips = 0
    var latencies: [Double] = []
    var instanceIDs: [String] = []
    var stuck = 0

    mutating func merge(_ other: CommandMeter) {
        commands += other.commands
        statements += other.statements
        roundTrips += other.roundTrips
        latencies += other.latencies
        instanceIDs += other.instanceIDs
        stuck += other.stuck
    }
}

/// Runs instances to their end across clients: start, run due jobs, complete every open task,
/// until the instance ends or nothing is left to complete.
struct BenchWorkload: Sendable {
    let processKey: String
    let startVariables: [String: VariableValue]
    let completionVariables: [String: VariableValue]
    /// Print `acknowledged start|complete …` as each command returns.
    let acknowledge: Bool

    /// Shows progress on a terminal and counts what is done.
    let progress = BenchProgress()

    func run(_ limit: BenchLimit, clients: [BenchClient]) async throws -> BenchResult {
        // Warm-up: one untimed instance per client (compiled definition, prepared statements).
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients {
                group.addTask {
                    var discarded = CommandMeter()
                    try await runInstance(on: client, meter: &discarded)
                }
            }
            try await group.waitForAll()
        }
        let next = TicketDispenser()
        let clock = ContinuousClock()
        let began = clock.now
        let display = Task { await progress.display(limit: limit) }
        defer { display.cancel() }
        /// Whether a client should start another instance.
        @Sendable func more() -> Bool {
            switch limit {
            case .instances(let total): next.take() < total
            case .duration(let duration): began.duration(to: clock.now) < duration
            }
        }
        let meter = try await withThrowingTaskGroup(of: CommandMeter.self) { group in
            for client in clients {
                group.addTask {
                    var meter = CommandMeter()
                    while more() {
                        try await runInstance(on: client, meter: &meter)
                        progress.instanceFinished()
                    }
                    return meter
                }
            }
            var total = CommandMeter()
            for try await meter in group { total.merge(meter) }
            return total
        }
        let seconds = Self.seconds(began.duration(to: clock.now))
        display.cancel()
        await display.value
        let instances = meter.instanceIDs.count
        var steps = 0
        for id in meter.instanceIDs {
            steps += try await clients[0].runtime.activityHistory(of: id).filter { $0.endTime != nil && !$0.canceled }.count
        }
        let latencies = meter.latencies.sorted()
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let commands = max(meter.commands, 1)
        return BenchResult(
            instances: instances, steps: steps, seconds: seconds, instancesPerSecond: Double(instances) / seconds,
            stepsPerSecond: Double(steps) / seconds, commandsPerSecond: Double(meter.commands) / seconds,
            p50Milliseconds: percentile(0.50), p99Milliseconds: percentile(0.99),
            statementsPerCommand: Double(meter.statements) / Double(commands), roundTripsPerCommand: Double(meter.roundTrips) / Double(commands),
            clients: clients.count, stuckInstances: meter.stuck)
    }

    private func runInstance(on client: BenchClient, meter: inout CommandMeter) async throws {
        if let http = client.http { return try await runInstance(over: http, client: client, meter: &meter) }
        let runtime = client.runtime
        var instance = try await measured(client, &meter) { try await runtime.start(processKey: processKey, variables: startVariables) }
        let id = instance.id
        if acknowledge { FileOutput.standardOutput.write("acknowledged start \(id)\n") }
        meter.instanceIDs.append(id)
        while instance.state == .active {
            let tasks = try await runtime.tasks(TaskQuery(processInstanceID: id))
            for task in tasks {
                instance = try await measured(client, &meter) { try await runtime.complete(task.id, variables: completionVariables) }
                if acknowledge { FileOutput.standardOutput.write("acknowledged complete \(id) \(task.id)\n") }
            }
            if !tasks.isEmpty { continue }
            // No user task open: external tasks and jobs (asynchronous continuations, handlers).
            var progressed = false
            for job in try await runtime.jobs(JobQuery(processInstanceID: id)) {
                if job.kind == .external {
                    let topics = try await runtime.externalTopics(ofJob: job.id)
                    for locked in try await runtime.fetchAndLock(workerID: "baton-bench", maxTasks: 100, topics: topics) where locked.id == job.id {
                        try await measured(client, &meter) {
                            try await runtime.completeExternalTask(locked.id, workerID: "baton-bench", variables: completionVariables)
                        }
                        progressed = true
                    }
                } else {
                    // Job runs are measured only when they ran something; their acquisition query counts.
                    if try await measuredIfAny(client, &meter, { try await runtime.settle() }) > 0 { progressed = true }
                }
            }
            guard progressed else {
                meter.stuck += 1
                return
            }
            instance = try await runtime.instance(id)
        }
    }

    /// The same flow through Camunda's REST API: start, query the instance's tasks, complete
    /// each, ask whether the instance still runs. Jobs are left to the server's job worker.
    private func runInstance(over http: LoopbackHTTPClient, client: BenchClient, meter: inout CommandMeter) async throws {
        let startBody = #"{"variables": \#(JSONText.render(TypedValue.encode(startVariables)))}"#
        let completeBody = #"{"variables": \#(JSONText.render(TypedValue.encode(completionVariables)))}"#
        let started = try await measured(client, &meter) { try await http.send("POST", "/engine-rest/process-definition/key/\(processKey)/start", json: startBody) }
        guard started.status == 200, let id = HTTPBenchJSON.parse(started.body)?["id"].flatMap(HTTPBenchJSON.string) else {
            throw CommandFailure("error: starting '\(processKey)' over HTTP answered \(started.status): \(String(decoding: started.body, as: UTF8.self))")
        }
        if acknowledge { FileOutput.standardOutput.write("acknowledged start \(id)\n") }
        meter.instanceIDs.append(id)
        var idleRounds = 0
        while true {
            let listed = try await http.send("GET", "/engine-rest/task?processInstanceId=\(id)")
            let tasks = HTTPBenchJSON.ids(in: listed.body)
            for task in tasks {
                let reply = try await measured(client, &meter) { try await http.send("POST", "/engine-rest/task/\(task)/complete", json: completeBody) }
                guard reply.status == 204 else {
                    throw CommandFailure("error: completing task \(task) over HTTP answered \(reply.status): \(String(decoding: reply.body, as: UTF8.self))")
                }
                if acknowledge { FileOutput.standardOutput.write("acknowledged complete \(id) \(task)\n") }
            }
            if try await http.send("GET", "/engine-rest/process-instance/\(id)").status == 404 { return }
            if tasks.isEmpty {
                // Waiting for the server's job worker, a message or a timer.
                idleRounds += 1
                if idleRounds > 200 {
                    meter.stuck += 1
                    return
                }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    /// Runs one command, recording its latency, statements and round trips.
    @discardableResult
    private func measured<T>(_ client: BenchClient, _ meter: inout CommandMeter, count: Int = 1, _ body: () async throws -> T) async throws -> T {
        let statements = await client.pool?.statementsExecuted ?? 0, trips = await client.pool?.roundTrips ?? 0
        let clock = ContinuousClock()
        let began = clock.now
        let result = try await body()
        meter.latencies.append(Self.seconds(began.duration(to: clock.now)) * 1000)
        meter.commands += count
        progress.commandsRan(count)
        meter.statements += (await client.pool?.statementsExecuted ?? 0) - statements
        meter.roundTrips += (await client.pool?.roundTrips ?? 0) - trips
        return result
    }

    /// Like ``measured`` for a batch of job runs whose size is known only after: `body` returns
    /// how many commands it ran; nothing is recorded when it ran none.
    private func measuredIfAny(_ client: BenchClient, _ meter: inout CommandMeter, _ body: () async throws -> Int) async throws -> Int {
        var probe = CommandMeter()
        let ran = try await measured(client, &probe, count: 0, body)
        if ran > 0 {
            progress.commandsRan(ran)
            probe.commands = ran
            meter.merge(probe)
        }
        return ran
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The little JSON the HTTP benchmark client reads.
enum HTTPBenchJSON {
    static func parse(_ bytes: [UInt8]) -> JSONValue? { JSONText.parse(String(decoding: bytes, as: UTF8.self)) }
    static func string(_ value: JSONValue) -> String? { if case .string(let text) = value { text } else { nil } }

    /// The `id` of each object in a JSON array.
    static func ids(in bytes: [UInt8]) -> [String] {
        guard case .array(let items)? = parse(bytes) else { return [] }
        return items.compactMap { $0["id"].flatMap(string) }
    }
}

struct BenchResult: Encodable {
    var instances: Int
    var steps: Int
    var seconds: Double
    var instancesPerSecond: Double
    var stepsPerSecond: Double
    var commandsPerSecond: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    var statementsPerCommand: Double
    var roundTripsPerCommand: Double
    var clients: Int
    var stuckInstances: Int

    var line: String {
        func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
        return "instances=\(instances) steps=\(steps) seconds=\(f(seconds, 3)) instances_per_s=\(f(instancesPerSecond)) "
            + "steps_per_s=\(f(stepsPerSecond)) p50_ms=\(f(p50Milliseconds, 3)) p99_ms=\(f(p99Milliseconds, 3)) "
            + "statements_per_command=\(f(statementsPerCommand, 2)) commands_per_s=\(f(commandsPerSecond)) round_trips_per_command=\(f(roundTripsPerCommand, 2))"
    }
}
