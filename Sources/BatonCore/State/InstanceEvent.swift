import BatonModel

/// Everything that happens to a process instance, in the order it happens. Events are the only
/// way ``InstanceState`` changes (see ``InstanceState/apply(_:)``), so the recorded events of an
/// instance are both its history and enough to rebuild its state.
///
/// Once persisted, an event's meaning never changes; new needs get new cases.
///
/// Cases with large payloads (records, several strings) are `indirect`: an enum is as large as
/// its largest case, and every instance keeps dozens of events, most of them small (an element
/// activated or completed, a flow taken). Boxing the rare large ones keeps each event at 64
/// bytes instead of 184, which roughly halves what an instance's history takes in memory.
public enum InstanceEvent: Hashable, Sendable, Codable {
    /// `startUserID`: the signed-in user whose command started it (Camunda's startUserId).
    indirect case instanceStarted(instanceID: String, businessKey: String?, parent: ParentLink?, startUserID: String? = nil)
    case elementActivated(ElementInstance)
    case elementCompleted(key: ElementKey)
    case elementTerminated(key: ElementKey)
    case sequenceFlowTaken(flow: FlowPosition, scope: ElementKey?)
    /// Created or updated in the scope of element instance `scope` (nil: the process instance).
    case variableSet(scope: ElementKey?, name: String, value: VariableValue)
    /// Removed from scope `scope` (nil: the process instance), as Camunda's removeVariable does.
    case variableRemoved(scope: ElementKey?, name: String)
    case joinTokenArrived(gateway: NodePosition, scope: ElementKey?, flow: FlowPosition)
    /// The join fired and consumed these arrivals (by position in its arrival list).
    case joinFired(gateway: NodePosition, scope: ElementKey?, consumed: [Int])
    indirect case userTaskCreated(UserTaskRecord)
    case userTaskAssigned(taskID: String, assignee: String?)
    /// Delegated: `owner` keeps it, `assignee` works on it, pending until resolved.
    indirect case userTaskDelegated(taskID: String, owner: String?, assignee: String)
    /// Resolved back to its owner.
    case userTaskResolved(taskID: String)
    /// Its properties were set anew (Camunda's task update).
    indirect case userTaskUpdated(UserTaskUpdate)
    indirect case userTaskCandidatesAdded(taskID: String, users: [String], groups: [String])
    indirect case userTaskCandidatesRemoved(taskID: String, users: [String], groups: [String])
    case userTaskCompleted(taskID: String, by: String?)
    case userTaskCanceled(taskID: String)
    indirect case jobCreated(JobRecord)
    indirect case jobFailed(jobID: String, retries: Int, dueAt: Timestamp?, error: String)
    case jobRetriesSet(jobID: String, retries: Int)
    case jobPrioritySet(jobID: String, priority: Int64)
    case jobCompleted(jobID: String)
    case jobCanceled(jobID: String)
    indirect case subscriptionOpened(SubscriptionRecord)
    case subscriptionClosed(subscriptionID: String)
    indirect case incidentCreated(IncidentRecord)
    case incidentResolved(incidentID: String)
    /// Ended because its activity or instance was cancelled, not resolved (Camunda's deleted state).
    case incidentDeleted(incidentID: String)
    /// A call activity asked the runtime to start `childInstanceID` of process `processKey`.
    indirect case childInstanceRequested(ChildInstanceRequest)
    /// A BPMN error nobody in this instance catches, handed to the calling instance.
    case errorPropagated(code: String, message: String?)
    /// An escalation nobody in this instance catches, handed to the calling instance (which may
    /// catch it on its call activity; this instance goes on either way).
    case escalationPropagated(code: String)
    /// A signal was thrown; the runtime delivers it to its receivers once this command commits.
    indirect case signalThrown(SignalThrow)
    /// An activity completed that a compensation event may later undo.
    indirect case compensationRecorded(CompensationRecord)
    /// The record is done with: compensated, or its scope ended without compensation.
    case compensationRemoved(id: ElementKey)
    /// An operator moved the instance to another version of its process (its elements by id);
    /// the events before it are read with the new version, which keeps every element they name.
    indirect case instanceMigrated(fromDefinition: String, toDefinition: String)
    /// An operator moved the instance to another version, its activities mapped by the plan
    /// (ids may differ). `state` is the instance as it stands on the new version, a checkpoint:
    /// replaying resets to it, so the events before it are read with the old version's element
    /// ids and nothing after it needs them.
    indirect case instanceMovedToVersion(fromDefinition: String, toDefinition: String, state: InstanceState)
    case instanceCompleted
    case instanceTerminated(reason: String)
    /// An operator suspended (true) or activated (false) the instance.
    case suspensionChanged(suspended: Bool)
}

/// An event with the time it happened.
public struct RecordedEvent: Hashable, Sendable, Codable {
    public var at: Timestamp
    public var event: InstanceEvent

    public init(at: Timestamp, event: InstanceEvent) {
        self.at = at
        self.event = event
    }
}
