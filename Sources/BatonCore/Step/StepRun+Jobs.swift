import BatonModel

/// Jobs: creating them with their retry budget, running the ones the engine runs itself, and
/// failures with backoff and incidents.
extension StepRun {
    /// Creates a job for element `key`. Retries come from `camunda:failedJobRetryTimeCycle`, or
    /// the configured default.
    mutating func createJob(_ kind: JobRecord.Kind, for key: ElementKey, node: Int, synchronous: Bool = false, priority: Int64? = nil) {
        let retries: Int
        switch retryPolicy(of: node) {
        case .cycle(let cycle)?: retries = cycle.repetitions ?? context.limits.defaultJobRetries
        case .intervals(let waits)?: retries = waits.count
        case nil: retries = context.limits.defaultJobRetries
        }
        emit(.jobCreated(JobRecord(
            id: newID(), elementKey: key, node: node, kind: kind, dueAt: nil, retries: retries, synchronous: synchronous, lastError: nil,
            priority: priority, createdAt: context.now)))
    }

    private func retryPolicy(of node: Int) -> RetryPolicy? {
        process.nodes[node].details.continuation.retryPolicy ?? process.nodes[node].details.multiInstance?.continuation.retryPolicy
    }

    /// Runs a job the engine carries out itself.
    mutating func execute(_ job: JobRecord) throws(Rejection) {
        switch job.kind {
        case .activate:
            emit(.jobCompleted(jobID: job.id))
            try behave(job.elementKey, triggered: false)
        case .leave:
            emit(.jobCompleted(jobID: job.id))
            try complete(job.elementKey, afterJob: true)
        case .timer(let timer):
            try fire(job, timer: timer)
        case .handler(let name):
            throw Rejection(.invalidState, "Expected job '\(job.id)' to be run by the engine, but it is for handler '\(name)'; complete or fail it instead.")
        case .external(let topic):
            throw Rejection(.invalidState, "Expected job '\(job.id)' to be run by the engine, but it is an external task of topic '\(topic)'.")
        }
    }

    /// Records a failed attempt: one retry fewer (or as many as the worker says), the next attempt
    /// after the retry cycle's wait (default: 10 s doubling each time), and an incident when
    /// none is left.
    mutating func failJob(_ id: String, error: String, retries: Int?, retryAt: Timestamp?) throws(Rejection) {
        guard let job = state.job(id) else { throw Rejection(.notFound, "Expected job '\(id)' to exist, but it does not.") }
        let left = max(0, retries ?? (job.retries - 1))
        var dueAt = retryAt
        if dueAt == nil, left > 0 {
            switch retryPolicy(of: job.node) {
            case .cycle(let cycle)?:
                dueAt = cycle.interval.added(to: context.now)
            case .intervals(let waits)?:
                dueAt = waits[min(waits.count - 1, max(0, waits.count - left - 1))].added(to: context.now)
            case nil:
                let attempt = max(0, context.limits.defaultJobRetries - left - 1)
                dueAt = context.now.adding(milliseconds: 10_000 << min(attempt, 16))
            }
        }
        emit(.jobFailed(jobID: id, retries: left, dueAt: dueAt, error: error))
        // One open incident per job: running a job that is out of retries again (an operator's
        // manual execute) and failing again leaves the existing incident as it is.
        if left == 0, !state.incidents.contains(where: { $0.jobID == id }) {
            // Camunda's two incident types: an external task's keeps its worker's message.
            let external = if case .external = job.kind { true } else { false }
            emit(.incidentCreated(IncidentRecord(
                id: newID(), kind: external ? .failedExternalTask : .failedJob, elementKey: job.elementKey, node: job.node, jobID: id,
                message: external ? error : "Job of \(describe(job.node)) failed and has no retries left: \(error)", createdAt: context.now)))
        }
    }
}
