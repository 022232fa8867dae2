import CoreMetrics

/// What the runtime counts, through swift-metrics (a Prometheus registry in `baton serve`):
/// executor steps by outcome and how long deciding one took (the pure executor alone; request
/// latency is the HTTP layer's), completed activity instances, job runs by outcome, and
/// incidents raised.
public struct EngineMetrics: Sendable {
    private let commandsAccepted: Counter
    private let commandsRejected: Counter
    private let steps: Counter
    private let jobsExecuted: Counter
    private let jobsFailed: Counter
    private let incidents: Counter
    private let commandDuration: Timer

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        commandsAccepted = Counter(label: "baton_executor_steps_total", dimensions: [("outcome", "accepted")], factory: factory)
        commandsRejected = Counter(label: "baton_executor_steps_total", dimensions: [("outcome", "rejected")], factory: factory)
        steps = Counter(label: "baton_activities_completed_total", factory: factory)
        jobsExecuted = Counter(label: "baton_jobs_total", dimensions: [("outcome", "executed")], factory: factory)
        jobsFailed = Counter(label: "baton_jobs_total", dimensions: [("outcome", "failed")], factory: factory)
        incidents = Counter(label: "baton_incidents_total", factory: factory)
        commandDuration = Timer(label: "baton_executor_step_duration_seconds", factory: factory)
    }

    func commandFinished(accepted: Bool, nanoseconds: Int64) {
        (accepted ? commandsAccepted : commandsRejected).increment()
        commandDuration.recordNanoseconds(nanoseconds)
    }

    func stepped(completedElements: Int, incidentsRaised: Int) {
        if completedElements > 0 { steps.increment(by: completedElements) }
        if incidentsRaised > 0 { incidents.increment(by: incidentsRaised) }
    }

    func jobRan(succeeded: Bool) { (succeeded ? jobsExecuted : jobsFailed).increment() }
}
