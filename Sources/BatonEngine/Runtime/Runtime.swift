import BatonBPMN
import BatonCore
import BatonModel
import Logging
import Synchronization

/// The engine as a Swift API: deploy BPMN, start instances, work on tasks and external tasks,
/// correlate messages, run due jobs, and read history.
///
/// A `Runtime` is a `Sendable` value holder: it keeps no per-instance state in memory (that is
/// the store's), only its ports and a cache of compiled definitions. Every command is one store
/// transaction: load and lock the instance, run the pure executor, run what the step asks for
/// (handlers, called instances), write state, rows and history.
public final class Runtime: Sendable {
    public let store: any Store
    public let clock: any WallClock
    public let ids: any IDGenerator
    public let handlers: [String: any ServiceTaskHandler]
    public let limits: ExecutionLimits
    public let readOptions: BPMNReadOptions
    private let compiled = Mutex<[String: ExecutableProcess]>([:])
    private let historyDays = Mutex<[String: Int]>([:])
    /// How long ended instances keep their history when their process declares no
    /// `camunda:historyTimeToLive`.
    public let defaultHistoryTimeToLiveDays: Int
    public let metrics: EngineMetrics
    /// Commands at debug level, rejections at info, incidents and job failures at warning, each
    /// with the instance id (and element id where there is one) as metadata.
    public let logger: Logger

    public init(
        store: any Store = MemoryStore(), clock: any WallClock = SystemClock(), ids: any IDGenerator = UUIDGenerator(),
        handlers: [String: any ServiceTaskHandler] = [:], limits: ExecutionLimits = ExecutionLimits(),
        readOptions: BPMNReadOptions = BPMNReadOptions(), defaultHistoryTimeToLiveDays: Int = 180, metrics: EngineMetrics = EngineMetrics(),
        logger: Logger = Logger(label: "baton.engine")
    ) {
        self.metrics = metrics
        self.logger = logger
        self.defaultHistoryTimeToLiveDays = defaultHistoryTimeToLiveDays
        self.store = store
        self.clock = clock
        self.ids = ids
        self.handlers = handlers
        self.limits = limits
        self.readOptions = readOptions
    }

    // MARK: - Compiled definitions

    /// The executable form of definition `id`, compiled once and cached.
    func executable(_ id: String, in transaction: any StoreTransaction) async throws -> ExecutableProcess {
        if let cached = compiled.withLock({ $0[id] }) { return cached }
        guard let record = try await transaction.definition(id: id) else {
            throw EngineError(.notFound, "Expected process definition '\(id)' to exist, but it does not.")
        }
        let document = BPMNReader.read(record.bytes, file: record.resourceName, options: readOptions)
        guard let definitions = document.definitions, let process = definitions.process(ElementID(record.key)) else {
            throw EngineError(.deploymentFailed, "Expected the stored BPMN of '\(id)' to read again, but it does not.", diagnostics: document.diagnostics)
        }
        let executable = ExecutableProcess(process: process, in: definitions, definitionID: id)
        compiled.withLock { $0[id] = executable }
        historyDays.withLock { $0[id] = record.historyTimeToLiveDays ?? defaultHistoryTimeToLiveDays }
        return executable
    }

    // MARK: - Running commands

    /// A command waiting to be decided within the current transaction.
    struct Pending {
        var instanceID: String
        var command: Command
    }

    /// What running a batch of commands left behind, for the caller's answer.
    struct Outcome {
        var instances: [String: InstanceRecord] = [:]
    }

    /// Decides `initial` and everything it leads to (handler results, called instances, parents
    /// told about ended children) inside `transaction`, in order, until nothing is left.
    @discardableResult
    func run(_ initial: [Pending], in transaction: any StoreTransaction) async throws -> Outcome {
        var queue = initial
        var head = 0
        var outcome = Outcome()
        while head < queue.count {
            let next = queue[head]
            head += 1
            guard var record = try await transaction.lockInstance(next.instanceID) else {
                throw EngineError(.notFound, "Expected process instance '\(next.instanceID)' to exist, but it does not.")
            }
            let process = try await executable(record.definitionID, in: transaction)
            let now = clock.now()
            let transition: Transition
            let began = ContinuousClock.now
            let decided = Executor.step(process, record.state, next.command, StepContext(now: now, ids: ids, limits: limits))
            let elapsed = began.duration(to: .now).components
            let nanoseconds = elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
            switch decided {
            case .success(let accepted):
                transition = accepted
                metrics.commandFinished(accepted: true, nanoseconds: nanoseconds)
            case .failure(let rejection):
                metrics.commandFinished(accepted: false, nanoseconds: nanoseconds)
                logger.info("command rejected", metadata: ["instance": "\(record.id)", "reason": "\(rejection.message)"])
                throw EngineError(rejection)
            }
            logger.debug("command", metadata: ["instance": "\(record.id)", "command": "\(next.command.name)", "events": "\(transition.events.count)"])
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
            let before = record.state
            let wasActive = before.status == .active
            record.state = transition.state
            if record.state.status != .active, record.endedAt == nil {
                record.endedAt = now
                let days = historyDays.withLock { $0[record.definitionID] } ?? defaultHistoryTimeToLiveDays
                record.removalTime = now.adding(milliseconds: Int64(days) * 86_400_000)
            }
            let effects = transition.effects
            let recorded = transition.events.map { RecordedEvent(at: now, event: $0) }
            let readModel = ReadModelProjection(process: process, record: record, before: before).changes(for: recorded)
            try await transaction.updateInstance(record, appending: recorded, effects: effects, readModel: readModel)
            outcome.instances[record.id] = record

            for effect in effects {
                switch effect {
                case .createJob(let job) where job.synchronous:
                    if case .handler(let name) = job.kind {
                        queue += try await invoke(handler: name, job: job, record: record, process: process)
                    }
                case .startChildInstance(let request):
                    queue.append(try await startChild(request, parent: record, in: transaction))
                case .propagateErrorToParent(let code, let message):
                    if let parent = record.state.parent {
                        queue.append(Pending(
                            instanceID: parent.instanceID,
                            command: .throwError(target: .element(parent.elementKey), code: code, message: message, variables: [:])))
                    }
                default:
                    break
                }
            }
            // A called instance that ended hands its variables back to its call activity.
            if wasActive, record.state.status == .completed, let parent = record.state.parent {
                queue.append(Pending(
                    instanceID: parent.instanceID,
                    command: .completeCallActivity(elementKey: parent.elementKey, variables: record.state.visibleVariables(from: nil))))
            }
            // Terminated call activities take their called instances with them.
            for case .elementTerminated(let key) in transition.events {
                if let child = try await transaction.calledInstance(parent: record.id, elementKey: key),
                    let childRecord = try await transaction.lockInstance(child), childRecord.state.status == .active
                {
                    queue.append(Pending(instanceID: child, command: .cancel(reason: "Its call activity in instance '\(record.id)' was terminated.")))
                }
            }
        }
        return outcome
    }

    /// Runs a Swift handler for a job and turns its outcome into the next commands: the task
    /// changes it asked for, then the job's completion (or its BPMN error). A technical failure
    /// throws, rolling back the caller's command (or failing its job when async).
    func invoke(handler name: String, job: JobRecord, record: InstanceRecord, process: ExecutableProcess) async throws -> [Pending] {
        let element = process.nodes[job.node]
        guard let handler = handlers[name] else {
            throw EngineError(
                .handlerFailed,
                "Expected a service-task handler registered as '\(name)' for \(element.kind.elementName) '\(element.id)', but no handler has that name.")
        }
        let context = HandlerContext(
            processInstanceID: record.id, businessKey: record.state.businessKey, processKey: record.processKey,
            elementID: element.id.rawValue, jobID: job.id, retries: job.retries,
            variables: record.state.visibleVariables(from: job.elementKey))
        do {
            let variables = try await handler.execute(context)
            var next: [Pending] = []
            for addition in context.tasks.candidateAdditions {
                for task in record.state.tasks where process.nodes[task.node].id.rawValue == addition.elementID {
                    next.append(Pending(
                        instanceID: record.id, command: .addTaskCandidates(taskID: task.id, users: addition.users, groups: addition.groups)))
                }
            }
            return next + [Pending(instanceID: record.id, command: .completeJob(jobID: job.id, variables: variables))]
        } catch let error as BPMNError {
            return [Pending(
                instanceID: record.id,
                command: .throwError(target: .job(job.id), code: error.code, message: error.message, variables: error.variables))]
        } catch {
            var failure = EngineError(.handlerFailed, "Handler '\(name)' of \(element.kind.elementName) '\(element.id)' failed: \(error)")
            failure.retryable = (error as? any RetryAwareFailure)?.isRetryable ?? true
            throw failure
        }
    }

    /// Creates the instance a call activity asked for and returns its start command.
    private func startChild(_ request: ChildInstanceRequest, parent: InstanceRecord, in transaction: any StoreTransaction) async throws -> Pending {
        let candidates = try await transaction.definitions(key: request.processKey)
        let definition: DefinitionRecord?
        switch request.binding {
        case .latest: definition = candidates.last
        case .deployment:
            let parentDeployment = try await transaction.definition(id: parent.definitionID)?.deploymentID
            definition = candidates.last { $0.deploymentID == parentDeployment }
        case .version: definition = candidates.first { String($0.version) == request.version }
        case .versionTag: definition = candidates.last { $0.versionTag == request.versionTag }
        }
        guard let definition else {
            throw EngineError(
                .notFound,
                "Expected a deployed process '\(request.processKey)' (\(request.binding.rawValue)\(request.version.map { " \($0)" } ?? "")\(request.versionTag.map { " \($0)" } ?? "")) for the call activity in instance '\(parent.id)', but there is none.")
        }
        try await transaction.insertInstance(InstanceRecord(
            state: InstanceState(instanceID: request.childInstanceID), definitionID: definition.id, processKey: definition.key,
            startedAt: clock.now(), endedAt: nil))
        return Pending(
            instanceID: request.childInstanceID,
            command: .start(
                businessKey: request.businessKey, variables: request.variables, startEvent: nil,
                parent: ParentLink(instanceID: parent.id, elementKey: request.elementKey)))
    }
}
