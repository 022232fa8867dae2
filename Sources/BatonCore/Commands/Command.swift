import BatonModel

/// A request to change one process instance. Commands are decided by ``Executor/step(_:_:_:_:)``,
/// which either accepts them (a ``Transition``) or rejects them (a ``Rejection``).
public enum Command: Hashable, Sendable {
    /// Start the instance at its none start event, or at `startEvent` (a message or timer start).
    case start(businessKey: String?, variables: [String: VariableValue], startEvent: ElementID?, parent: ParentLink?)
    /// Start the instance at activities instead of its start event (Camunda's
    /// `startInstructions`, and the restart of an ended instance): the starting instructions of
    /// a modification, in order.
    case startAt(businessKey: String?, variables: [String: VariableValue], instructions: [ModificationInstruction])
    case completeTask(taskID: String, variables: [String: VariableValue], localVariables: Bool, userID: String?)
    case assignTask(taskID: String, assignee: String?)
    /// Hands the task to `userID` for now: its assignee becomes its owner (unless it has one),
    /// `userID` its assignee, and the delegation pending (Camunda's delegateTask).
    case delegateTask(taskID: String, userID: String)
    /// The delegate is done: `variables` are set, the task goes back to its owner, resolved.
    case resolveTask(taskID: String, variables: [String: VariableValue])
    /// Sets the task's properties anew (name, description, assignee, owner, delegation state,
    /// dates, priority).
    case updateTask(UserTaskUpdate)
    case addTaskCandidates(taskID: String, users: [String], groups: [String])
    /// Withdraws the offer of a task from these users and groups (Camunda's deleteCandidateUser/Group).
    case removeTaskCandidates(taskID: String, users: [String], groups: [String])
    /// Deliver a message to the waiting subscription `subscriptionID`.
    case triggerSubscription(subscriptionID: String, variables: [String: VariableValue])
    /// Move on the receive task waiting as element instance `elementKey`, with or without a
    /// message (Camunda's `signal` of its execution).
    case signal(elementKey: ElementKey, variables: [String: VariableValue])
    /// Run a job that the core carries out itself (async continuation) or fire a timer.
    case executeJob(jobID: String)
    /// A handler or external worker finished job `jobID`.
    case completeJob(jobID: String, variables: [String: VariableValue])
    /// A handler or external worker failed; `retries` left (nil: decrement), retry at `retryAt`.
    case failJob(jobID: String, error: String, retries: Int?, retryAt: Timestamp?)
    case setJobRetries(jobID: String, retries: Int)
    /// An operator's new priority for job `jobID` (an external task's, or a job's), as workers
    /// fetching with `usePriority` see it.
    case setJobPriority(jobID: String, priority: Int64)
    /// A BPMN error raised by a handler, external worker (job) or on a user task.
    case throwError(target: ErrorSource, code: String, message: String?, variables: [String: VariableValue])
    /// A called instance threw an escalation it did not catch: call activity `elementKey`'s
    /// escalation boundary events, then its scopes', may catch it.
    case escalateFromCalledInstance(elementKey: ElementKey, code: String)
    /// A called instance ended; `variables` are its output according to `camunda:out`.
    case completeCallActivity(elementKey: ElementKey, variables: [String: VariableValue])
    case setVariables(scope: ElementKey?, variables: [String: VariableValue], local: Bool)
    /// Removes variables: each from the nearest scope that has it, from `scope` outwards (only
    /// from `scope` itself when `local`); a name no scope has is passed by, as in Camunda.
    case removeVariables(scope: ElementKey?, names: [String], local: Bool)
    case cancel(reason: String)
    /// Suspend (true) or activate (false) the instance, as an operator does. A suspended instance
    /// refuses what would move it (tasks, jobs, messages, signals); variables may still be set,
    /// job retries changed, and the instance cancelled.
    case setSuspended(Bool)
    /// Repair the instance: start and cancel activities as `instructions` say, in order. When
    /// nothing is left running, the instance ends as cancelled.
    case modify([ModificationInstruction])
    /// After a migration, give the events of `elements` that wait (message and signal
    /// subscriptions, timers) their trigger as this version defines it: the name resolved anew,
    /// the timer computed anew from now (Camunda's `updateEventTrigger`).
    case updateEventTriggers(elements: [ElementID])

    /// Whether the command may change a suspended instance.
    var isAllowedWhileSuspended: Bool {
        switch self {
        case .setSuspended, .cancel, .setVariables, .removeVariables, .setJobRetries, .setJobPriority, .updateEventTriggers: true
        // A called instance's end that would resume its suspended caller fails too, so the
        // child's last task cannot be completed meanwhile (Camunda's ProcessInstanceSuspensionTest).
        default: false
        }
    }
}

/// Where a BPMN error comes from.
public enum ErrorSource: Hashable, Sendable {
    case job(String)
    case task(String)
    case element(ElementKey)
}

/// Why a command was not applied. Rejections are values: the instance is unchanged.
public struct Rejection: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The task, job, subscription or element does not exist (any more).
        case notFound
        /// The instance is not in a state that allows the command.
        case invalidState
        /// The command's data is not acceptable (a variable too large, a wrong type).
        case invalidArgument
        /// Executing the process failed (an expression could not be evaluated, no gateway flow).
        case executionFailed
        /// The instance is suspended and the command would move it.
        case suspended
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// The outcome of an accepted command: the next state and what happened.
public struct Transition: Sendable {
    public var state: InstanceState
    public var events: [InstanceEvent]

    /// What the runtime must persist or do, derived from the events in order.
    public var effects: [Effect] { events.compactMap(Effect.init) }
}

/// Work for the runtime shell, derived from events: rows to write, handlers to run, children to start.
public enum Effect: Hashable, Sendable {
    case createTask(UserTaskRecord)
    case deleteTask(String)
    case createJob(JobRecord)
    case updateJob(jobID: String)
    case deleteJob(String)
    case openSubscription(SubscriptionRecord)
    case closeSubscription(String)
    case raiseIncident(IncidentRecord)
    case startChildInstance(ChildInstanceRequest)
    /// The instance ended on an uncaught BPMN error that its caller may catch.
    case propagateErrorToParent(code: String, message: String?)
    case propagateEscalationToParent(code: String)
    /// Deliver a thrown signal to everything waiting for it, after this command commits.
    case broadcastSignal(SignalThrow)

    init?(_ event: InstanceEvent) {
        switch event {
        case .userTaskCreated(let task): self = .createTask(task)
        case .userTaskCompleted(let id, _), .userTaskCanceled(let id): self = .deleteTask(id)
        case .jobCreated(let job): self = .createJob(job)
        case .jobFailed(let id, _, _, _), .jobRetriesSet(let id, _), .jobPrioritySet(let id, _): self = .updateJob(jobID: id)
        case .jobCompleted(let id), .jobCanceled(let id): self = .deleteJob(id)
        case .subscriptionOpened(let subscription): self = .openSubscription(subscription)
        case .subscriptionClosed(let id): self = .closeSubscription(id)
        case .incidentCreated(let incident): self = .raiseIncident(incident)
        case .childInstanceRequested(let request): self = .startChildInstance(request)
        case .errorPropagated(let code, let message): self = .propagateErrorToParent(code: code, message: message)
        case .escalationPropagated(let code): self = .propagateEscalationToParent(code: code)
        case .signalThrown(let signal): self = .broadcastSignal(signal)
        default: return nil
        }
    }
}

/// What `step` may know about the world: the time and fresh ids, both injected so that equal
/// inputs give equal outputs. The core never reads a clock or a random source itself.
public struct StepContext {
    public var now: Timestamp
    public var ids: any IDGenerator
    public var limits: ExecutionLimits
    /// Listener handlers by the name a model binds them with (`delegateExpression`, `class`).
    public var listenerHandlers: [String: any ListenerHandler]
    /// The user on whose behalf the command runs: `authenticatedUserId` in expressions.
    public var authenticatedUserID: String?
    /// Run no execution or task listener (Camunda's `skipCustomListeners`, as when an operator
    /// deletes an instance whose listeners would fail).
    public var skipCustomListeners = false
    /// Apply no input or output mapping (Camunda's `skipIoMappings`, for an operator's modification).
    public var skipIoMappings = false

    public init(
        now: Timestamp, ids: any IDGenerator, limits: ExecutionLimits = ExecutionLimits(),
        listenerHandlers: [String: any ListenerHandler] = [:], authenticatedUserID: String? = nil
    ) {
        self.now = now
        self.ids = ids
        self.limits = limits
        self.listenerHandlers = listenerHandlers
        self.authenticatedUserID = authenticatedUserID
    }
}

/// Source of globally unique ids for tasks, jobs, subscriptions, incidents and called instances.
public protocol IDGenerator: Sendable {
    func next() -> String
}

/// Bounds the executor enforces on what commands carry and what processes do.
public struct ExecutionLimits: Hashable, Sendable {
    /// Largest variable value accepted, as compact JSON bytes. Default 1 MiB.
    public var maximumVariableSize: Int
    /// Steps one command may take before the executor assumes an endless loop.
    public var maximumStepsPerCommand: Int
    /// Retries for a failing job when the element declares no `failedJobRetryTimeCycle`.
    public var defaultJobRetries: Int

    public init(maximumVariableSize: Int = 1 << 20, maximumStepsPerCommand: Int = 100_000, defaultJobRetries: Int = 3) {
        self.maximumVariableSize = maximumVariableSize
        self.maximumStepsPerCommand = maximumStepsPerCommand
        self.defaultJobRetries = defaultJobRetries
    }
}
