import BatonBPMN
import BatonCore
import BatonModel
import Foundation
import Synchronization
import Testing

/// Sequential ids (`id-1`, `id-2`, …) so that runs are reproducible.
final class SequentialIDs: IDGenerator {
    private let counter: Mutex<Int>
    init(startingAfter value: Int = 0) { counter = Mutex(value) }
    func next() -> String { "id-" + String(counter.withLock { $0 += 1; return $0 }) }
    var position: Int { counter.withLock { $0 } }
}

/// Drives one instance of a process through the pure executor, the way a test reads a script:
/// start, complete a task, advance the clock, expect what is waiting. Every accepted command is
/// checked to be replayable: folding the recorded events rebuilds the state.
struct CoreScenario {
    let process: ExecutableProcess
    var state: InstanceState
    var now = Timestamp(iso8601: "2026-01-01T00:00:00Z")!
    let ids = SequentialIDs()
    private(set) var events: [InstanceEvent] = []
    /// Listener handlers bound by name, and the user commands run for (`authenticatedUserId`).
    var listenerHandlers: [String: any ListenerHandler] = [:]
    var user: String?

    init(_ bpmn: String, process id: String? = nil, instanceID: String = "instance-1") throws {
        let document = BPMNReader.read(Array(bpmn.utf8), file: "test.bpmn")
        guard document.isDeployable, let definitions = document.definitions else {
            throw ScenarioError(message: "not deployable: \(document.diagnostics.map(\.description).joined(separator: "\n"))")
        }
        let definition = try #require(id.flatMap { definitions.process(ElementID($0)) } ?? definitions.executableProcesses.first)
        process = ExecutableProcess(process: definition, in: definitions, definitionID: "\(definition.id):1")
        state = InstanceState(instanceID: instanceID)
    }

    // MARK: Commands

    /// Decides `command`, and checks the two properties every step must have: deciding it again
    /// from the same state, time and id position gives byte-identical events (determinism), and
    /// folding all recorded events rebuilds the state (replay).
    @discardableResult
    mutating func run(_ command: Command) throws -> [InstanceEvent] {
        let before = state
        let position = ids.position
        func context(_ ids: SequentialIDs) -> StepContext {
            StepContext(now: now, ids: ids, listenerHandlers: listenerHandlers, authenticatedUserID: user)
        }
        switch Executor.step(process, state, command, context(ids)) {
        case .success(let transition):
            let again = Executor.step(process, before, command, context(SequentialIDs(startingAfter: position)))
            if case .success(let repeated) = again {
                #expect("\(repeated.events)" == "\(transition.events)", "the same command from the same state must decide the same events")
            } else {
                Issue.record("the same command from the same state was rejected the second time")
            }
            state = transition.state
            events += transition.events
            #expect(InstanceState(replaying: events, instanceID: state.instanceID) == state, "replaying the events must rebuild the state")
            try checkPersistedFormsRoundTrip(transition.events)
            return transition.events
        case .failure(let rejection):
            throw rejection
        }
    }

    /// What a store writes (the state as JSON, each event as JSON, elements named by id) must
    /// read back equal, and be the JSON Foundation's encoder writes for it.
    private func checkPersistedFormsRoundTrip(_ newEvents: [InstanceEvent]) throws {
        var encoder = SortedJSONEncoder()
        encoder.userInfo[.elementTable] = process.elements
        let foundation = JSONEncoder()
        foundation.outputFormatting = .sortedKeys
        foundation.userInfo[.elementTable] = process.elements
        let decoder = JSONDecoder()
        decoder.userInfo[.elementTable] = process.elements
        let stored = try encoder.encode(state)
        #expect(try decoder.decode(InstanceState.self, from: Data(stored.utf8)) == state, "the persisted state must read back equal")
        #expect(try encoder.encode(state) == stored, "equal states must encode to the same text")
        #expect(JSONCanonical(stored) == JSONCanonical(String(decoding: try foundation.encode(state), as: UTF8.self)), "the state as Foundation writes it")
        for event in newEvents {
            let text = try encoder.encode(event)
            #expect(try decoder.decode(InstanceEvent.self, from: Data(text.utf8)) == event, "\(event) must read back equal")
            #expect(JSONCanonical(text) == JSONCanonical(String(decoding: try foundation.encode(event), as: UTF8.self)), "\(event) as Foundation writes it")
        }
    }

    mutating func start(_ variables: [String: VariableValue] = [:], businessKey: String? = nil) throws {
        try run(.start(businessKey: businessKey, variables: variables, startEvent: nil, parent: nil))
    }

    mutating func completeTask(_ elementID: String, _ variables: [String: VariableValue] = [:]) throws {
        let open = try #require(task(elementID), "no open task for \(elementID); waiting: \(waiting)")
        try run(.completeTask(taskID: open.id, variables: variables, localVariables: false, userID: nil))
    }

    /// Completes the handler or external job waiting at `elementID`.
    mutating func completeJob(_ elementID: String, _ variables: [String: VariableValue] = [:]) throws {
        let waitingJob = try #require(job(elementID), "no job at \(elementID); jobs: \(state.jobs.map(\.kind))")
        try run(.completeJob(jobID: waitingJob.id, variables: variables))
    }

    mutating func failJob(_ elementID: String, error: String = "boom") throws {
        let waitingJob = try #require(job(elementID))
        try run(.failJob(jobID: waitingJob.id, error: error, retries: nil, retryAt: nil))
    }

    mutating func throwError(at elementID: String, code: String) throws {
        let waitingJob = try #require(job(elementID))
        try run(.throwError(target: .job(waitingJob.id), code: code, message: nil, variables: [:]))
    }

    /// Delivers message `name` to the first subscription waiting for it.
    mutating func correlate(_ name: String, _ variables: [String: VariableValue] = [:]) throws {
        let subscription = try #require(state.subscriptions.first { $0.eventName == name }, "nobody waits for \(name)")
        try run(.triggerSubscription(subscriptionID: subscription.id, variables: variables))
    }

    /// Runs the engine's own jobs (async continuations) that are due now, oldest first.
    mutating func runContinuations() throws {
        while let job = state.jobs.first(where: { isContinuation($0) && ($0.dueAt ?? now) <= now }) {
            try run(.executeJob(jobID: job.id))
        }
    }

    /// Moves the clock and fires every timer that became due, in due order.
    mutating func advance(_ duration: String) throws {
        now = ISODuration(duration)!.added(to: now)
        while let job = state.jobs.filter({ if case .timer = $0.kind { ($0.dueAt ?? now) <= now } else { false } })
            .min(by: { ($0.dueAt ?? now) < ($1.dueAt ?? now) })
        {
            try run(.executeJob(jobID: job.id))
        }
    }

    // MARK: Expectations

    func task(_ elementID: String) -> UserTaskRecord? {
        state.tasks.first { process.nodes[$0.node].id.rawValue == elementID }
    }

    func job(_ elementID: String) -> JobRecord? {
        state.jobs.first { process.nodes[$0.node].id.rawValue == elementID && !isTimer($0) }
    }

    /// Element ids of the active element instances, in creation order.
    var waiting: [String] { state.elements.map { process.nodes[$0.node].id.rawValue } }

    /// Element ids in the order they completed.
    var completed: [String] {
        var activated: [ElementKey: Int] = [:]
        var result: [String] = []
        for event in events {
            if case .elementActivated(let element) = event { activated[element.key] = element.node }
            if case .elementCompleted(let key) = event, let node = activated[key] { result.append(process.nodes[node].id.rawValue) }
        }
        return result
    }

    var taken: [String] {
        events.compactMap { if case .sequenceFlowTaken(let flow, _) = $0 { process.flows[flow.wrappedValue].id.rawValue } else { nil } }
    }

    func variable(_ name: String) -> VariableValue? { state.variable(name, from: nil) }

    private func isTimer(_ job: JobRecord) -> Bool { if case .timer = job.kind { true } else { false } }
    private func isContinuation(_ job: JobRecord) -> Bool {
        switch job.kind {
        case .activate, .leave: true
        default: false
        }
    }
}

struct ScenarioError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Wraps process XML in a definitions element with the usual namespaces.
func bpmn(_ body: String, messages: [String] = [], errors: [(String, String)] = []) -> String {
    """
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
    \(messages.map { #"<message id="\#($0)" name="\#($0)" />"# }.joined())
    \(errors.map { #"<error id="\#($0.0)" errorCode="\#($0.1)" />"# }.joined())
    <process id="p" isExecutable="true">
    \(body)
    </process>
    </definitions>
    """
}

/// Sequence flows from "a->b" shorthand, ids f1, f2, … in order.
func flows(_ edges: String...) -> String {
    edges.enumerated().map { index, edge in
        let parts = edge.split(separator: "->")
        return #"<sequenceFlow id="f\#(index + 1)" sourceRef="\#(parts[0])" targetRef="\#(parts[1])" />"#
    }.joined(separator: "\n")
}
