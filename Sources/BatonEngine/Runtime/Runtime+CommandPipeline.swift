import BatonCore
import BatonModel
import Logging
import Synchronization

/// The command processor: one command at a time, lock → step → persist, and the commands it
/// leads to run in the same transaction.
extension Runtime {
    /// A command waiting to be decided within the current transaction.
    struct Pending {
        var instanceID: String
        var command: Command
        /// Decide it without running listeners (an operator's delete with `skipCustomListeners`).
        var skipCustomListeners = false
        /// Decide it without input and output mappings (an operator's modification with `skipIoMappings`).
        var skipIoMappings = false
        /// Leave the instances its terminated call activities called running, no longer waited
        /// for (an operator's delete with `skipSubprocesses`).
        var skipSubprocesses = false
    }

    /// What running a batch of commands left behind, for the caller's answer.
    struct Outcome {
        var instances: [String: InstanceRecord] = [:]
    }

    /// Decides `initial` and everything it leads to (handler results, called instances, parents
    /// told about ended children) inside `transaction`, in order, until nothing is left. Each
    /// command goes through two stages: ``decide(_:in:)`` (lock, step, persist) and
    /// ``followUps(of:in:)`` (what its effects ask the shell to do next).
    @discardableResult
    func run(_ initial: [Pending], in transaction: any StoreTransaction) async throws -> Outcome {
        var queue = initial
        var head = 0
        var outcome = Outcome()
        while head < queue.count {
            let pending = queue[head]
            let decided = try await decide(pending, in: transaction)
            head += 1
            outcome.instances[decided.record.id] = decided.record
            queue += try await followUps(of: decided, cancellingCalledInstances: !pending.skipSubprocesses, in: transaction)
        }
        return outcome
    }

    /// One command decided and persisted.
    struct Decided {
        var record: InstanceRecord
        var process: ExecutableProcess
        var transition: Transition
        /// Whether the instance was running before this command (so this command ended it).
        var wasActive: Bool
    }

    /// Locks the instance, runs the pure executor on the command, and writes the new state, its
    /// events and the read-model rows they change.
    private func decide(_ next: Pending, in transaction: any StoreTransaction) async throws -> Decided {
        // Checked on the locked row: to a tenant's user another tenant's instance does not exist,
        // as PostgreSQL's row-level security hides it from them.
        guard var record = try await transaction.lockInstance(next.instanceID), TenantCheck.filter.admits(record.tenantID) else {
            throw EngineError(.notFound, "Expected process instance '\(next.instanceID)' to exist, but it does not.")
        }
        let process = try await executable(record.definitionID, in: transaction)
        let now = clock.now()
        let transition = try step(process, record, next, at: now)
        let before = record.state
        record.state = transition.state
        if record.state.status != .active, record.endedAt == nil {
            record.endedAt = now
            let days = try await historyTimeToLiveDays(of: record.definitionID, in: transaction)
            record.removalTime = now.adding(milliseconds: Int64(days) * 86_400_000)
        }
        let recorded = transition.events.map { RecordedEvent(at: now, event: $0) }
        let readModel = ReadModelProjection(process: process, record: record, before: before).changes(for: recorded)
        try await transaction.updateInstance(record, appending: recorded, effects: transition.effects, readModel: readModel)
        return Decided(record: record, process: process, transition: transition, wasActive: before.status == .active)
    }

    /// `Executor.step` with its metrics and logs; a rejection throws.
    private func step(_ process: ExecutableProcess, _ record: InstanceRecord, _ pending: Pending, at now: Timestamp) throws -> Transition {
        let command = pending.command
        let began = ContinuousClock.now
        var user = AuthenticatedUser.id
        if case .completeTask(_, _, _, let completer?) = command { user = user ?? completer }
        var context = StepContext(now: now, ids: ids, limits: limits, listenerHandlers: listenerHandlers, authenticatedUserID: user)
        context.skipCustomListeners = pending.skipCustomListeners
        context.skipIoMappings = pending.skipIoMappings
        let decided = Executor.step(process, record.state, command, context)
        let elapsed = began.duration(to: .now).components
        let nanoseconds = elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
        let transition: Transition
        switch decided {
        case .success(let accepted):
            transition = accepted
            metrics.commandFinished(accepted: true, nanoseconds: nanoseconds)
        case .failure(let rejection):
            metrics.commandFinished(accepted: false, nanoseconds: nanoseconds)
            logger.info("command rejected", metadata: ["instance": "\(record.id)", "reason": "\(rejection.message)"])
            throw EngineError(rejection)
        }
        logger.debug("command", metadata: ["instance": "\(record.id)", "command": "\(command.name)", "events": "\(transition.events.count)"])
        var completed = 0, incidents = 0
        for event in transition.events {
            switch event {
            case .elementCompleted: completed += 1
            case .incidentCreated(let incident):
                incidents += 1
                logger.warning(
                    "incident raised",
                    metadata: [
                        "instance": "\(record.id)", "element": "\(process.nodes[incident.node].id.rawValue)", "incident": "\(incident.id)",
                        "message": "\(incident.message)",
                    ])
            default: break
            }
        }
        metrics.stepped(completedElements: completed, incidentsRaised: incidents)
        return transition
    }

}
