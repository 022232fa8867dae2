import BatonCore
import BatonModel
import Logging

/// What one pass of the job worker did.
public struct JobRunSummary: Hashable, Sendable {
    public var executed = 0
    public var failed = 0
    public var timerStarts = 0
    /// Signal deliveries left behind (by a crash, or failed and now due again) and delivered.
    public var signalDeliveries = 0
    /// Batch items (instances to migrate) taken.
    public var batchItems = 0
    public var total: Int { executed + failed + timerStarts + signalDeliveries + batchItems }
}

extension Runtime {
    /// Runs the jobs that are due now: async continuations, timers, handler retries, timer
    /// start events, signal deliveries left behind and batch items, each in its own transaction. A job whose work fails is rolled back and its
    /// failure recorded (one retry fewer, a later attempt, an incident at zero).
    @discardableResult
    public func runDueJobs(limit: Int = 100) async throws -> JobRunSummary {
        var summary = JobRunSummary()
        let due = try await commandTransaction { try await $0.dueJobs(at: clock.now(), limit: max(1, limit)) }
        for job in due {
            if try await runJob(job.jobID, instanceID: job.instanceID) { summary.executed += 1 } else { summary.failed += 1 }
        }
        summary.timerStarts = try await runDueTimerStarts()
        summary.signalDeliveries = try await deliverDueSignals(limit: limit)
        summary.batchItems = try await runBatchItems(limit: limit)
        return summary
    }

    /// Deletes ended instances whose removal month has passed (see ``Store/cleanUpHistory(at:batchSize:)``),
    /// and buffered messages whose time to live has; returns how many instances went.
    @discardableResult
    public func cleanUpHistory(batchSize: Int = 500) async throws -> Int {
        let now = clock.now()
        _ = try await store.transaction { try await $0.deleteExpiredBufferedMessages(at: now) }
        return try await store.cleanUpHistory(at: now, batchSize: max(1, batchSize))
    }

    /// Runs one job now, whatever its due time (`POST /job/{id}/execute`).
    public func executeJob(_ jobID: String) async throws {
        let owner = try await commandTransaction { try await $0.owner(ofJob: jobID) }
        guard let owner else { throw EngineError(.notFound, "Expected job '\(jobID)' to exist, but it does not.") }
        _ = try await runJob(jobID, instanceID: owner)
    }

    public func setJobRetries(_ jobID: String, retries: Int) async throws {
        try await commandTransaction { transaction in
            guard let owner = try await transaction.owner(ofJob: jobID) else {
                throw EngineError(.notFound, "Expected job '\(jobID)' to exist, but it does not.")
            }
            try await run([Pending(instanceID: owner, command: .setJobRetries(jobID: jobID, retries: retries))], in: transaction)
        }
    }

    /// Sets the retries of external task `taskID` in `transaction`, a batch's item; returns why it
    /// cannot (writing nothing), or nil once it has.
    func setRetries(ofExternalTask taskID: String, to retries: Int, in transaction: any StoreTransaction) async throws -> String? {
        guard let owner = try await transaction.owner(ofJob: taskID) else { return "External task '\(taskID)' does not exist any more." }
        do {
            try await run([Pending(instanceID: owner, command: .setJobRetries(jobID: taskID, retries: retries))], in: transaction)
            return nil
        } catch let error as EngineError {
            return error.message
        }
    }

    /// Gives job `jobID` (an external task, or a job) a new priority (`PUT /external-task/{id}/priority`).
    public func setJobPriority(_ jobID: String, priority: Int64) async throws {
        try await commandTransaction { transaction in
            guard let owner = try await transaction.owner(ofJob: jobID) else {
                throw EngineError(.notFound, "Expected job '\(jobID)' to exist, but it does not.")
            }
            try await run([Pending(instanceID: owner, command: .setJobPriority(jobID: jobID, priority: priority))], in: transaction)
        }
    }

    /// Sets the retries of every job of `jobIDs` in one transaction: all of them, or none if one
    /// is gone. Instances are locked in id order, so two such calls cannot deadlock.
    public func setJobRetries(_ jobIDs: [String], retries: Int) async throws {
        try await commandTransaction { transaction in
            var pending: [(instance: String, job: String)] = []
            for jobID in Set(jobIDs) {
                guard let owner = try await transaction.owner(ofJob: jobID) else {
                    throw EngineError(.notFound, "Expected job '\(jobID)' to exist, but it does not.")
                }
                pending.append((owner, jobID))
            }
            for (instance, job) in pending.sorted(by: { ($0.instance, $0.job) < ($1.instance, $1.job) }) {
                try await run([Pending(instanceID: instance, command: .setJobRetries(jobID: job, retries: retries))], in: transaction)
            }
        }
    }

    public func jobs(_ query: JobQuery = JobQuery(), page: Page = .all) async throws -> [JobInfo] { try await store.list(query, page: page) }

    public func count(_ query: JobQuery) async throws -> Int { try await store.count(query) }

    /// Runs job `jobID`; returns false when its work failed and the failure was recorded.
    private func runJob(_ jobID: String, instanceID: String) async throws -> Bool {
        do {
            try await commandTransaction { transaction in
                guard let record = try await transaction.lockInstance(instanceID), record.state.status == .active,
                    let job = record.state.job(jobID)
                else { return }  // done meanwhile
                switch job.kind {
                case .handler:
                    // A handler that failed before runs again here; its result continues the instance.
                    try await runHandlerJob(job, record: record, in: transaction)
                case .external:
                    throw EngineError(.conflict, "Expected job '\(jobID)' to be run by the engine, but it is an external task for workers.")
                default:
                    try await run([Pending(instanceID: instanceID, command: .executeJob(jobID: jobID))], in: transaction)
                }
            }
            metrics.jobRan(succeeded: true)
            return true
        } catch let error as EngineError where error.kind == .handlerFailed || error.kind == .executionFailed {
            try await commandTransaction { transaction in
                guard let record = try await transaction.lockInstance(instanceID), record.state.job(jobID) != nil else { return }
                try await run([Pending(instanceID: instanceID, command: .failJob(jobID: jobID, error: error.message, retries: error.retryable ? nil : 0, retryAt: nil))], in: transaction)
            }
            metrics.jobRan(succeeded: false)
            logger.warning("job failed", metadata: ["instance": "\(instanceID)", "job": "\(jobID)", "error": "\(error.message)"])
            return false
        }
    }

    private func runHandlerJob(_ job: JobRecord, record: InstanceRecord, in transaction: any StoreTransaction) async throws {
        guard case .handler(let name) = job.kind else { return }
        let process = try await executable(record.definitionID, in: transaction)
        try await run(try await invoke(handler: name, job: job, record: record, process: process), in: transaction)
    }

    /// Starts an instance for every due timer start event and re-arms repeating ones, one timer
    /// per transaction. Each firing claims its timer row (locked, skipped by other processes)
    /// and replaces it by the next one in the same transaction, so a timer fires once however
    /// many Baton processes share the database. At most `limit` firings per pass, so a cycle
    /// that is always due cannot keep a pass from ending.
    private func runDueTimerStarts(limit: Int = 1_000) async throws -> Int {
        let now = clock.now()
        var fired = 0
        while fired < limit {
            let took = try await commandTransaction { transaction -> Bool in
                guard let timer = try await transaction.dueTimerStarts(at: now, limit: 1).first else { return false }
                // A timer whose definition is gone (deleted meanwhile) is dropped, not fired.
                let definition = try await transaction.definition(id: timer.definitionID)
                var next: TimerStartRecord?
                if definition != nil, let due = try await nextFiring(of: timer, in: transaction) {
                    next = timer
                    next?.id = ids.next()
                    next?.dueAt = due
                    next?.remaining = timer.remaining.map { $0 - 1 }
                }
                try await transaction.updateTimerStart(next, removing: timer.id)
                if let definition {
                    _ = try await start(
                        DefinitionReference(definition), startEvent: ElementID(timer.startEvent), businessKey: nil,
                        variables: [:], in: transaction)
                }
                return true
            }
            guard took else { break }
            fired += 1
        }
        return fired
    }

    /// When a repeating timer start fires after `timer`: its interval later, or for a cron
    /// `timeCycle` the expression's next firing, read from the definition (timer rows keep no
    /// expression); nil when it does not repeat or has no repetitions left.
    private func nextFiring(of timer: TimerStartRecord, in transaction: any StoreTransaction) async throws -> Timestamp? {
        guard timer.remaining.map({ $0 > 0 }) ?? true else { return nil }
        if let interval = timer.interval { return interval.added(to: timer.dueAt) }
        let process = try await executable(timer.definitionID, in: transaction)
        guard let start = process.node(ElementID(timer.startEvent)), case .timer(let definition)? = process.nodes[start].kind.eventDefinitions.first,
            case .fixed(.cron(let cron)) = definition.value
        else { return nil }
        return cron.next(after: timer.dueAt)
    }
}
