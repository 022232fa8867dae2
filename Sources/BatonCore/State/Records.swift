import BatonModel

/// The key of an element instance within one process instance; allocated from the instance's own
/// counter so that replaying its events reproduces every key.
public typealias ElementKey = Int64

/// A user task waiting for a person.
public struct UserTaskRecord: Hashable, Sendable, Codable {
    public var id: String
    public var elementKey: ElementKey
    @NodePosition public var node: Int
    public var name: String?
    public var assignee: String?
    public var candidateUsers: [String]
    public var candidateGroups: [String]
    public var dueDate: Timestamp?
    public var followUpDate: Timestamp?
    public var priority: Int
    public var formKey: String?
    /// From the task's `<documentation>` (absent in states stored before it was kept).
    public var description: String?
    public var createdAt: Timestamp
    /// Who delegated the task and gets it back when it is resolved (Camunda's task owner).
    public var owner: String?
    public var delegationState: DelegationState?
}

extension UserTaskRecord {
    private enum CodingKeys: String, CodingKey {
        case id, elementKey, node, name, assignee, candidateUsers, candidateGroups, dueDate, followUpDate, priority, formKey, description,
            createdAt, owner, delegationState
    }

    /// Camunda's default priority, which most tasks keep.
    static let defaultPriority = 50

    // Every task is stored in its instance's event log and state: candidate lists are stored
    // only when not empty, and the priority only when not the default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        elementKey = try container.decode(ElementKey.self, forKey: .elementKey)
        _node = try container.decode(NodePosition.self, forKey: .node)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        assignee = try container.decodeIfPresent(String.self, forKey: .assignee)
        candidateUsers = try container.decodeIfPresent([String].self, forKey: .candidateUsers) ?? []
        candidateGroups = try container.decodeIfPresent([String].self, forKey: .candidateGroups) ?? []
        dueDate = try container.decodeIfPresent(Timestamp.self, forKey: .dueDate)
        followUpDate = try container.decodeIfPresent(Timestamp.self, forKey: .followUpDate)
        priority = try container.decodeIfPresent(Int.self, forKey: .priority) ?? Self.defaultPriority
        formKey = try container.decodeIfPresent(String.self, forKey: .formKey)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        createdAt = try container.decode(Timestamp.self, forKey: .createdAt)
        owner = try container.decodeIfPresent(String.self, forKey: .owner)
        delegationState = try container.decodeIfPresent(DelegationState.self, forKey: .delegationState)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(elementKey, forKey: .elementKey)
        try container.encode(_node, forKey: .node)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(assignee, forKey: .assignee)
        if !candidateUsers.isEmpty { try container.encode(candidateUsers, forKey: .candidateUsers) }
        if !candidateGroups.isEmpty { try container.encode(candidateGroups, forKey: .candidateGroups) }
        try container.encodeIfPresent(dueDate, forKey: .dueDate)
        try container.encodeIfPresent(followUpDate, forKey: .followUpDate)
        if priority != Self.defaultPriority { try container.encode(priority, forKey: .priority) }
        try container.encodeIfPresent(formKey, forKey: .formKey)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(owner, forKey: .owner)
        try container.encodeIfPresent(delegationState, forKey: .delegationState)
    }
}

/// Camunda's delegation of a task: pending until the delegate resolves it back to its owner.
public enum DelegationState: String, Hashable, Sendable, Codable {
    case pending = "PENDING"
    case resolved = "RESOLVED"
}

/// New values for an open task's properties, as Camunda's `PUT /task/{id}` sets them: every one,
/// nil included.
public struct UserTaskUpdate: Hashable, Sendable, Codable {
    public var taskID: String
    public var name: String?
    public var description: String?
    public var assignee: String?
    public var owner: String?
    public var delegationState: DelegationState?
    public var dueDate: Timestamp?
    public var followUpDate: Timestamp?
    public var priority: Int

    public init(
        taskID: String, name: String?, description: String?, assignee: String?, owner: String?, delegationState: DelegationState?,
        dueDate: Timestamp?, followUpDate: Timestamp?, priority: Int
    ) {
        self.taskID = taskID
        self.name = name
        self.description = description
        self.assignee = assignee
        self.owner = owner
        self.delegationState = delegationState
        self.dueDate = dueDate
        self.followUpDate = followUpDate
        self.priority = priority
    }
}

extension UserTaskRecord {
    /// The task with `update`'s values.
    public mutating func apply(_ update: UserTaskUpdate) {
        name = update.name
        description = update.description
        assignee = update.assignee
        owner = update.owner
        delegationState = update.delegationState
        dueDate = update.dueDate
        followUpDate = update.followUpDate
        priority = update.priority
    }
}

/// Work the runtime carries out outside `step`: an async continuation, a handler call, an external
/// task, or a timer.
public struct JobRecord: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable, Codable {
        /// `asyncBefore`: the element activates when the job runs.
        case activate
        /// `asyncAfter`: the element takes its outgoing flows when the job runs.
        case leave
        /// A Swift handler registered under this name.
        case handler(String)
        /// An external task for workers fetching this topic.
        case external(topic: String)
        /// A timer: fires at `dueAt`; `cycle` re-arms it.
        case timer(TimerJob)
    }

    public var id: String
    public var elementKey: ElementKey
    @NodePosition public var node: Int
    public var kind: Kind
    /// When the job may run; nil means now.
    public var dueAt: Timestamp?
    public var retries: Int
    /// Run inside the caller's command rather than by the job worker (handlers without asyncBefore).
    public var synchronous: Bool
    public var lastError: String?
    /// An external task's `camunda:taskPriority`, as evaluated when it was created (nil: 0);
    /// workers fetching with `usePriority` get the highest first.
    public var priority: Int64? = nil
    /// When it was created (nil in jobs stored before this was kept).
    public var createdAt: Timestamp? = nil
}

/// What a message or timer delivers to, relative to the element instance that owns the
/// subscription or timer job.
public enum EventTarget: Hashable, Sendable, Codable {
    /// The owner itself waits: an intermediate catch event, a receive task, or an event-based
    /// gateway (then the event's node is the gateway's chosen branch).
    case catchEvent
    /// The boundary event at this node, attached to the owning activity.
    case boundary(NodePosition)
    /// The event subprocess at this node, inside the owning scope.
    case eventSubProcess(NodePosition)
    /// The `timeout` task listener at this position among the owning user task's listeners.
    case taskListener(Int)
}

/// What a timer job does when it fires and whether it repeats.
public struct TimerJob: Hashable, Sendable, Codable {
    public var target: EventTarget
    /// Remaining repetitions for cycles (nil: unbounded), and the interval between them.
    public var remaining: Int?
    public var interval: ISODuration?
    /// A cron `timeCycle`'s text: each firing is the expression's next after the last.
    public var cron: String?

    /// When the timer fires next after firing at `due`: its interval later, or its cron
    /// expression's next firing; nil when it does not repeat.
    public func nextDue(after due: Timestamp) -> Timestamp? {
        if let cron { return (try? CronExpression(parsing: cron))?.next(after: due) }
        return interval?.added(to: due)
    }
}

/// A wait for a message (matched by name and the instance's correlation data) or a signal
/// (matched by name, every waiting subscription receives it).
public struct SubscriptionRecord: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case message
        case signal
    }

    public var id: String
    public var elementKey: ElementKey
    /// The node that catches the message or signal.
    @NodePosition public var node: Int
    /// The message or signal name it waits for.
    public var eventName: String
    public var target: EventTarget
    public var kind: Kind

    public init(id: String, elementKey: ElementKey, node: Int, eventName: String, target: EventTarget, kind: Kind) {
        self.id = id
        self.elementKey = elementKey
        self.node = node
        self.eventName = eventName
        self.target = target
        self.kind = kind
    }

    // Stored as before signals existed: the name under `messageName`, the kind only for signals.
    private enum CodingKeys: String, CodingKey { case id, elementKey, node, messageName, target, kind }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        elementKey = try container.decode(ElementKey.self, forKey: .elementKey)
        _node = try container.decode(NodePosition.self, forKey: .node)
        eventName = try container.decode(String.self, forKey: .messageName)
        target = try container.decode(EventTarget.self, forKey: .target)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .message
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(elementKey, forKey: .elementKey)
        try container.encode(_node, forKey: .node)
        try container.encode(eventName, forKey: .messageName)
        try container.encode(target, forKey: .target)
        if kind != .message { try container.encode(kind, forKey: .kind) }
    }
}

/// A signal thrown by an intermediate throw or end event. The throwing instance's own
/// subscriptions receive it in the throwing command; for every other instance's subscription and
/// every signal start event waiting for `name`, the runtime records a delivery in the throwing
/// command's transaction and carries it out after that commits, each in a command of its own.
public struct SignalThrow: Hashable, Sendable, Codable {
    public var name: String
    /// What its `camunda:in` mappings pass on.
    public var variables: [String: VariableValue]
    /// For instances a signal start event starts (`<camunda:in businessKey="…"/>`).
    public var businessKey: String?

    public init(name: String, variables: [String: VariableValue] = [:], businessKey: String? = nil) {
        self.name = name
        self.variables = variables
        self.businessKey = businessKey
    }
}

/// A problem that stops part of an instance until someone acts: retries exhausted, an uncaught
/// BPMN error, an expression that cannot be evaluated in an async job.
public struct IncidentRecord: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case failedJob
        /// An external task out of retries; its message is the worker's, as in Camunda.
        case failedExternalTask
        case unhandledError
    }

    public var id: String
    public var kind: Kind
    public var elementKey: ElementKey
    @NodePosition public var node: Int
    public var jobID: String?
    public var message: String
    public var createdAt: Timestamp
}

/// Where a called (child) instance reports back when it ends.
public struct ParentLink: Hashable, Sendable, Codable {
    public var instanceID: String
    public var elementKey: ElementKey

    public init(instanceID: String, elementKey: ElementKey) {
        self.instanceID = instanceID
        self.elementKey = elementKey
    }
}

/// An element instance: a token resting at a node, or a scope (subprocess, multi-instance body)
/// holding other element instances.
public struct ElementInstance: Hashable, Sendable, Codable {
    public var key: ElementKey
    @NodePosition public var node: Int
    /// The element instance of the enclosing scope; nil for the process's direct children.
    public var scope: ElementKey?
    /// Set on the inner instances of a multi-instance activity (0-based).
    public var loopCounter: Int?
    /// True for the body of a multi-instance activity, which holds the inner instances.
    public var isMultiInstanceBody: Bool
    /// Set on what compensation runs (a handler, or a completed scope taken up again for its
    /// handlers): the compensation throw or end event waiting for it.
    public var compensating: ElementKey?

    public init(key: ElementKey, node: Int, scope: ElementKey?, loopCounter: Int?, isMultiInstanceBody: Bool, compensating: ElementKey? = nil) {
        self.key = key
        self.node = node
        self.scope = scope
        self.loopCounter = loopCounter
        self.isMultiInstanceBody = isMultiInstanceBody
        self.compensating = compensating
    }

    private enum CodingKeys: String, CodingKey { case key, node, scope, loopCounter, isMultiInstanceBody, compensating }

    // Every instance's log holds several of these: the flag is stored only when set.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(ElementKey.self, forKey: .key)
        _node = try container.decode(NodePosition.self, forKey: .node)
        scope = try container.decodeIfPresent(ElementKey.self, forKey: .scope)
        loopCounter = try container.decodeIfPresent(Int.self, forKey: .loopCounter)
        isMultiInstanceBody = try container.decodeIfPresent(Bool.self, forKey: .isMultiInstanceBody) ?? false
        compensating = try container.decodeIfPresent(ElementKey.self, forKey: .compensating)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(_node, forKey: .node)
        try container.encodeIfPresent(scope, forKey: .scope)
        try container.encodeIfPresent(loopCounter, forKey: .loopCounter)
        if isMultiInstanceBody { try container.encode(true, forKey: .isMultiInstanceBody) }
        try container.encodeIfPresent(compensating, forKey: .compensating)
    }
}

/// Something a compensation event can undo, recorded when an activity completes normally:
/// either the activity's handler (the activity has a compensation boundary event), or a
/// completed scope (subprocess or multi-instance body) whose own records, kept under
/// `completedScope`, are undone together.
public struct CompensationRecord: Hashable, Sendable, Codable {
    public enum Undo: Hashable, Sendable, Codable {
        /// Run the handler at this node.
        case handler(NodePosition)
        /// Take up the completed scope again, with its variables as they were at its end, and
        /// undo the records it holds (their `scope` is this key).
        case scope(completedScope: ElementKey, isMultiInstanceBody: Bool, variables: [ScopeVariable])
    }

    /// One of a completed scope's variables, kept in name order so that equal records are equal
    /// in every form.
    public struct ScopeVariable: Hashable, Sendable, Codable {
        public var name: String
        public var value: VariableValue
    }

    /// Allocated from the instance's key counter: records compare by it in the order their
    /// activities completed.
    public var id: ElementKey
    /// The completed activity (what `activityRef` names).
    @NodePosition public var activity: Int
    /// The scope it completed in (nil: the process), or the completed scope holding it.
    public var scope: ElementKey?
    public var undo: Undo

    public init(id: ElementKey, activity: Int, scope: ElementKey?, undo: Undo) {
        self.id = id
        self.activity = activity
        self.scope = scope
        self.undo = undo
    }
}

/// Tokens that reached a joining gateway and wait for the rest.
public struct JoinRecord: Hashable, Sendable, Codable {
    @NodePosition public var gateway: Int
    public var scope: ElementKey?
    /// One entry per arrived token: the flow it came by.
    @FlowPositions public var arrivals: [Int]
}

/// What a call activity needs started: which process, which version, with which data.
public struct ChildInstanceRequest: Hashable, Sendable, Codable {
    public var elementKey: ElementKey
    public var childInstanceID: String
    public var processKey: String
    public var binding: CallActivityDefinition.Binding
    public var version: String?
    public var versionTag: String?
    public var businessKey: String?
    public var variables: [String: VariableValue]
}
