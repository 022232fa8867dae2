import ArgumentParser
import BatonEngine
import BatonModel
import Foundation

/// `baton bench FILE --instances N`: runs instances in memory and reports steps per second.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run instances of a process in memory and report instances and steps per second.",
        discussion: """
            Every user task and external task is completed with --complete-user-tasks variables and
            handlers are stubbed. A step is one completed activity instance (event, task, gateway or
            subprocess). The last line is: instances=N steps=S seconds=T instances_per_s=… steps_per_s=…
            """
    )

    @Argument(help: "The BPMN file (its first executable process).")
    var file: String

    @Option(help: "How many instances to run.")
    var instances = 1000

    @Option(name: .customLong("var"), help: "A start variable: name=value or name:Type=value.")
    var variables: [VariableArgument] = []

    @Option(help: ArgumentHelp("Variables to complete every task with.", valueName: "name=value,…"))
    var completeUserTasks: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard instances > 0 else { throw ValidationError("Expected --instances to be at least 1, but it is \(instances).") }
        if let completeUserTasks { _ = try VariableArgument.list(completeUserTasks) }
    }

    func run() async throws {
        let simulation = try await Simulation.load(file)
        let start = Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        let completion = try completeUserTasks.map(VariableArgument.list) ?? [:]
        var ids: [String] = []
        var stuck = 0
        let clock = ContinuousClock()
        let began = clock.now
        do {
            for _ in 0..<instances {
                let id = try await simulation.runtime.start(processKey: simulation.processKey, variables: start).id
                ids.append(id)
                while true {
                    try await simulation.settle()
                    if try await simulation.runtime.instance(id).state != .active { break }
                    if try await simulation.completeEverything(in: id, variables: completion) == 0 {
                        stuck += 1
                        break
                    }
                }
            }
        } catch let error as EngineError {
            throw CommandFailure("\(file): error: \(error.message)")
        }
        let elapsed = began.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var steps = 0
        for id in ids { steps += try await simulation.runtime.activityHistory(of: id).filter { $0.endTime != nil && !$0.canceled }.count }
        let result = BenchResult(
            instances: instances, steps: steps, seconds: seconds, instancesPerSecond: Double(instances) / seconds,
            stepsPerSecond: Double(steps) / seconds, stuckInstances: stuck)
        if json {
            FileOutput.standardOutput.write(try JSONOutput.encode(result) + "\n")
        } else {
            if stuck > 0 { FileOutput.standardError.write("note: \(stuck) instance(s) stopped at a wait this benchmark cannot complete (a message or timer).\n") }
            FileOutput.standardOutput.write(result.line + "\n")
        }
    }
}

struct BenchResult: Encodable {
    var instances: Int
    var steps: Int
    var seconds: Double
    var instancesPerSecond: Double
    var stepsPerSecond: Double
    var stuckInstances: Int

    var line: String {
        "instances=\(instances) steps=\(steps) seconds=\(String(format: "%.3f", seconds)) "
            + "instances_per_s=\(String(format: "%.1f", instancesPerSecond)) steps_per_s=\(String(format: "%.1f", stepsPerSecond))"
    }
}
