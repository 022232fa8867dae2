import BatonBPMN
import BatonCore
import BatonModel
import Benchmark

/// Steps per second of the pure executor (no store, no runtime): how fast Baton decides.
/// A step is one completed activity instance (event, task, gateway or subprocess).
let benchmarks: @Sendable () -> Void = {
    let stepsPerSecond = BenchmarkMetric.custom("Steps per second (K)", polarity: .prefersLarger, useScalingFactor: false)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, stepsPerSecond], warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 500)

    for scenario in CoreScenario.all {
        Benchmark("\(scenario.name) (\(scenario.stepsPerInstance) steps per instance, batches of \(CoreScenario.batch))", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                let clock = ContinuousClock()
                let started = clock.now
                let steps = scenario.runBatch()
                let elapsed = started.duration(to: clock.now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                benchmark.measurement(stepsPerSecond, Int(Double(steps) / seconds / 1000))
            }
        }
    }
}

/// One process shape and how to drive an instance of it to the end.
struct CoreScenario: @unchecked Sendable {
    static let batch = 1000

    let name: String
    let process: ExecutableProcess
    let stepsPerInstance: Int
    /// Variables to complete user tasks with.
    let completion: [String: VariableValue]

    /// Runs a batch of instances to completion; returns the steps taken.
    func runBatch() -> Int {
        let ids = CountingIDs()
        let context = StepContext(now: Timestamp(millisecondsSinceEpoch: 0), ids: ids)
        var steps = 0
        for i in 0..<Self.batch {
            var state = InstanceState(instanceID: "i\(i)")
            var command = Command.start(businessKey: nil, variables: [:], startEvent: nil, parent: nil)
            while true {
                guard case .success(let transition) = Executor.step(process, state, command, context) else { fatalError("\(name) was rejected") }
                state = transition.state
                for event in transition.events { if case .elementCompleted = event { steps += 1 } }
                guard state.status == .active, let task = state.tasks.first else { break }
                command = .completeTask(taskID: task.id, variables: completion, localVariables: false, userID: nil)
            }
            precondition(state.status == .completed, "\(name) did not complete")
        }
        return steps
    }

    static let all: [CoreScenario] = [
        make("Chain of 10 tasks", steps: 12, body: {
            var xml = #"<startEvent id="s" />"#
            for i in 1...10 { xml += #"<task id="t\#(i)" />"# }
            xml += #"<endEvent id="e" />"#
            var edges = ["s->t1"] + (1..<10).map { "t\($0)->t\($0 + 1)" }
            edges.append("t10->e")
            return xml + flows(edges)
        }()),
        make("4-branch parallel split and join", steps: 8, body: #"""
            <startEvent id="s" /><parallelGateway id="fork" /><task id="a" /><task id="b" /><task id="c" /><task id="d" />
            <parallelGateway id="join" /><endEvent id="e" />
            """# + flows(["s->fork", "fork->a", "fork->b", "fork->c", "fork->d", "a->join", "b->join", "c->join", "d->join", "join->e"])),
        make("User task and exclusive gateway", steps: 4, completion: ["approved": .boolean(true)], body: #"""
            <startEvent id="s" /><userTask id="review" camunda:candidateGroups="reviewers" /><exclusiveGateway id="x" default="no" />
            <endEvent id="yes-end" /><endEvent id="no-end" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="x" />
            <sequenceFlow id="yes" sourceRef="x" targetRef="yes-end"><conditionExpression>${approved}</conditionExpression></sequenceFlow>
            <sequenceFlow id="no" sourceRef="x" targetRef="no-end" />
            """#),
    ]

    static func make(_ name: String, steps: Int, completion: [String: VariableValue] = [:], body: String) -> CoreScenario {
        let xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="b">
            <process id="p" isExecutable="true">\(body)</process></definitions>
            """
        let document = BPMNReader.read(Array(xml.utf8), file: "\(name).bpmn")
        guard let definitions = document.definitions, document.isDeployable, let process = definitions.processes.first else {
            fatalError("benchmark process \(name) does not read: \(document.diagnostics)")
        }
        return CoreScenario(
            name: name, process: ExecutableProcess(process: process, in: definitions, definitionID: "p:1"), stepsPerInstance: steps,
            completion: completion)
    }

    static func flows(_ edges: [String]) -> String {
        edges.enumerated().map { index, edge in
            let parts = edge.split(separator: "->")
            return #"<sequenceFlow id="f\#(index)" sourceRef="\#(parts[0])" targetRef="\#(parts[1])" />"#
        }.joined()
    }
}

/// Ids without locking: the benchmark runs on one thread.
final class CountingIDs: IDGenerator, @unchecked Sendable {
    private var counter = 0
    func next() -> String {
        counter += 1
        return "k\(counter)"
    }
}
