import BatonModel

/// Everything that happens to a process instance, in the order it happens. Events are the only
/// way ``InstanceState`` changes (see ``InstanceState/apply(_:)``), so the recorded events of an
/// instance are both its history and enough to rebuild its state.
///
/// Once persisted, an event's meaning never changes; new needs get new cases.
public enum InstanceEvent: Hashable, Sendable, Codable {
    case instanceStarted(instanceID: String, businessKey: String?, parent: ParentLink?)
    case elementActivated(ElementInstance)
    case elementCompleted(key: ElementKey)
    case elementTerminated(key: ElementKey)
    case sequenceFlowTaken(flow: Int, scope: ElementKey?)
    /// Created or updated in the scope of element instance `scope` (nil: the process instance).
    case variableSet(scope: ElementKey?, name: String, value: VariableValue)
    case joinTokenArrived(gateway: Int, scope: ElementKey?, flow: Int)
    /// The join fired and consumed these arrivals (by position in its arrival list).
    case joinFired(gateway: Int, scope: ElementKey?, consumed: [Int])
    case userTaskCreated(UserTaskRecord)
    case userTaskAssigned(taskID: String, assignee: String?)
    case userTaskCandidatesAdded(taskID: String, users: [String], groups: [String])
    case userTaskCompleted(taskID: String, by: String?)
    case userTaskCanceled(taskID: String)
    case jobCreated(JobRecord)
    case jobFailed(jobID: String, retries: Int, dueAt: Timestamp?, error: String)
    case jobRetriesSet(jobID: String, retries: Int)
    case jobCompleted(jobID: String)
    case jobCanceled(jobID: String)
    case subscriptionOpened(SubscriptionRecord)
    case subscriptionClosed(subscriptionID: String)
    case incidentCreated(IncidentRecord)
    case incidentResolved(incidentID: String)
    /// A call activity asked the runtime to start `childInstanceID` of process `processKey`.
    case childInstanceRequested(ChildInstanceRequest)
    /// A BPMN error nobody in this instance catches, handed to the calling instance.
    case errorPropagated(code: String, message: String?)
    case instanceCompleted
    case instanceTerminated(reason: String)
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
