import BatonCore
import BatonModel

/// A deployment: a named set of BPMN resources deployed together.
public struct DeploymentRecord: Hashable, Sendable {
    public var id: String
    public var name: String
    public var source: String?
    public var tenantID: String?
    public var deployedAt: Timestamp
}

/// One version of a process definition.
public struct DefinitionRecord: Hashable, Sendable {
    public var id: String
    public var key: String
    public var version: Int
    public var versionTag: String?
    public var name: String?
    public var deploymentID: String
    public var resourceName: String
    /// Hash of the process's resource bytes: deploying identical content again creates no new version.
    public var checksum: String
    public var historyTimeToLiveDays: Int?
    public var bytes: [UInt8]
}

/// A process instance as stored: its state and where it came from.
public struct InstanceRecord: Hashable, Sendable {
    public var state: InstanceState
    public var definitionID: String
    public var processKey: String
    public var startedAt: Timestamp
    public var endedAt: Timestamp?
    public var id: String { state.instanceID }
}

/// The lock an external worker holds on a job.
public struct JobLock: Hashable, Sendable {
    public var workerID: String
    public var expiresAt: Timestamp
}

/// A timer start event waiting to start a new instance.
public struct TimerStartRecord: Hashable, Sendable {
    public var id: String
    public var definitionID: String
    public var startEvent: String
    public var dueAt: Timestamp
    public var remaining: Int?
    public var interval: ISODuration?
}
