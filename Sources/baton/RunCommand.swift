import ArgumentParser
import BatonCore
import BatonEngine
import BatonModel
import Foundation

/// `baton run FILE`: simulates a process in memory and prints its history.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a process in memory: start it, complete tasks, deliver messages and signals, move the clock, print the history.",
        discussion: """
            --complete, --message, --signal and --advance are applied in the order they are given. Service-task
            handlers are stubbed (they return no variables); asynchronous jobs run as soon as they are due.
            """
    )

    @Argument(help: "The BPMN file to run (its first executable process).")
    var file: String

    @Option(name: .customLong("var"), help: "A start variable: name=value or name:Type=value.")
    var variables: [VariableArgument] = []

    @Option(help: "A business key for the instance.")
    var businessKey: String?

    @Option(help: ArgumentHelp("Complete the open task (user or external) of an element, with variables.", valueName: "TASK_DEF_KEY[:name=value,…]"))
    var complete: [String] = []

    @Option(help: "Deliver a message by name.")
    var message: [String] = []

    @Option(help: "Throw a signal by name: every catch, boundary, event subprocess and signal start waiting for it receives it.")
    var signal: [String] = []

    @Option(help: ArgumentHelp("Move the clock by an ISO 8601 duration and fire what becomes due.", valueName: "DURATION"))
    var advance: [String] = []

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        for duration in advance where ISODuration(duration) == nil {
            throw ValidationError("Expected --advance to be an ISO 8601 duration such as PT1H or P3D, but got '\(duration)'.")
        }
        for item in complete {
            if let colon = item.firstIndex(of: ":") { _ = try VariableArgument.list(String(item[item.index(after: colon)...])) }
        }
    }

    /// The actions in command-line order (the parser groups options by name, so order comes from the raw arguments).
    private var actions: [(option: String, value: String)] {
        var result: [(String, String)] = []
        let arguments = Array(CommandLine.arguments.dropFirst())
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            for option in ["--complete", "--message", "--signal", "--advance"] {
                if argument == option, index + 1 < arguments.count {
                    result.append((option, arguments[index + 1]))
                    index += 1
                } else if argument.hasPrefix(option + "=") {
                    result.append((option, String(argument.dropFirst(option.count + 1))))
                }
            }
            index += 1
        }
        return result
    }

    func run() async throws {
        let simulation = try await Simulation.load(file)
        let runtime = simulation.runtime
        let instance: ProcessInstanceInfo
        do {
            instance = try await runtime.start(
                processKey: simulation.processKey, businessKey: businessKey,
                variables: Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }))
            try await runtime.settle()
            for action in actions {
                switch action.option {
                case "--complete":
                    let parts = action.value.split(separator: ":", maxSplits: 1).map(String.init)
                    try await runtime.completeOpenTask(of: parts[0], variables: parts.count > 1 ? VariableArgument.list(parts[1]) : [:])
                case "--message":
                    try await runtime.correlate(MessageCorrelation(messageName: action.value))
                case "--signal":
                    try await runtime.throwSignal(SignalThrow(name: action.value))
                default:
                    simulation.clock.advance(by: action.value)
                }
                try await runtime.settle()
            }
        } catch let error as EngineError {
            throw CommandFailure("\(file): error: \(error.message)")
        }
        let report = try await RunReport(runtime: runtime, instanceID: instance.id, stubs: simulation.stubbedHandlers)
        FileOutput.standardOutput.write(json ? try JSONOutput.encode(report) + "\n" : report.text)
    }
}

/// What `baton run` prints: the outcome, activity instances in order, open tasks, variables, incidents.
struct RunReport: Encodable {
    struct Activity: Encodable {
        var id: String
        var type: String
        var name: String?
        var startTime: String
        var endTime: String?
        var canceled: Bool
    }

    struct Task: Encodable {
        var id: String
        var taskDefinitionKey: String
        var name: String?
        var assignee: String?
        var candidateGroups: [String]
        var candidateUsers: [String]
    }

    struct Incident: Encodable {
        var activityId: String
        var message: String
    }

    var processInstanceId: String
    var processDefinitionKey: String
    var state: String
    var activities: [Activity]
    var openTasks: [Task]
    var variables: [String: VariableValue]
    var incidents: [Incident]
    var stubbedHandlers: [String]

    init(runtime: Runtime, instanceID: String, stubs: [String]) async throws {
        let instance = try await runtime.instance(instanceID)
        processInstanceId = instanceID
        processDefinitionKey = instance.processKey
        state = instance.state.rawValue
        activities = try await runtime.activityHistory(of: instanceID).map {
            Activity(id: $0.activityID, type: $0.activityType, name: $0.activityName, startTime: $0.startTime.iso8601, endTime: $0.endTime?.iso8601, canceled: $0.canceled)
        }
        openTasks = try await runtime.tasks(TaskQuery(processInstanceID: instanceID)).map {
            Task(id: $0.id, taskDefinitionKey: $0.taskDefinitionKey, name: $0.name, assignee: $0.assignee, candidateGroups: $0.candidateGroups, candidateUsers: $0.candidateUsers)
        }
        variables = Dictionary(uniqueKeysWithValues: try await runtime.variables(of: instanceID).map { ($0.name, $0.value) })
        incidents = try await runtime.incidents(IncidentQuery(open: true, processInstanceID: instanceID)).map { Incident(activityId: $0.activityID, message: $0.message) }
        stubbedHandlers = stubs
    }

    var text: String {
        var out = "process \(processDefinitionKey), instance \(processInstanceId): \(state)\n\nactivities:\n"
        for activity in activities {
            let status = activity.canceled ? "cancelled" : activity.endTime == nil ? "active" : "completed"
            out += "  \(activity.startTime)  \(activity.type) \(activity.id)\(activity.name.map { " \"\($0)\"" } ?? "")  \(status)\n"
        }
        if !openTasks.isEmpty {
            out += "\nopen tasks:\n"
            for task in openTasks {
                var who: [String] = []
                if let assignee = task.assignee { who.append("assignee \(assignee)") }
                if !task.candidateGroups.isEmpty { who.append("groups \(task.candidateGroups.joined(separator: ", "))") }
                if !task.candidateUsers.isEmpty { who.append("users \(task.candidateUsers.joined(separator: ", "))") }
                out += "  \(task.taskDefinitionKey)\(task.name.map { " \"\($0)\"" } ?? "")\(who.isEmpty ? "" : " (\(who.joined(separator: "; ")))")\n"
            }
        }
        if !variables.isEmpty {
            out += "\nvariables:\n"
            for name in variables.keys.sorted() {
                let value = variables[name]!
                out += "  \(name) = \(ExpressionEvaluator.text(value)) (\(value.typeName))\n"
            }
        }
        for incident in incidents { out += "\nincident at \(incident.activityId): \(incident.message)\n" }
        if !stubbedHandlers.isEmpty { out += "\nstubbed handlers: \(stubbedHandlers.joined(separator: ", "))\n" }
        return out
    }
}
