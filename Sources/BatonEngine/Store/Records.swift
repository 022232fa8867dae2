import BatonCore
import BatonModel

/// A deployment: a named set of BPMN resources deployed together.
public struct DeploymentRecord: Hashable, Sendable {
    public var id: String
    public var name: String
    public var source: String?
    public var tenantID: String?
    public var deployedAt: Timestamp

    public init(id: String, name: String, source: String?, tenantID: String?, deployedAt: Timestamp) {
        self.id = id
        self.name = name
        self.source = source
        self.tenantID = tenantID
        self.deployedAt = deployedAt
    }
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
    /// Suspended by an operator: no instance of it starts (by API, message, timer or call).
    public var suspended = false
    /// Camunda's category: the BPMN file's `targetNamespace`.
    public var category: String?
    /// `camunda:isStartableInTasklist`.
    public var startableInTasklist = true
    /// The tenant of its deployment (nil: shared by every tenant). Versions count per key and tenant.
    public var tenantID: String?

    public init(id: String, key: String, version: Int, versionTag: String?, name: String?, deploymentID: String, resourceName: String, checksum: String, historyTimeToLiveDays: Int?, bytes: [UInt8]) {
        self.id = id
        self.key = key
        self.version = version
        self.versionTag = versionTag
        self.name = name
        self.deploymentID = deploymentID
        self.resourceName = resourceName
        self.checksum = checksum
        self.historyTimeToLiveDays = historyTimeToLiveDays
        self.bytes = bytes
    }
}

/// Which definition version an instance runs: enough to start it, without the XML.
public struct DefinitionReference: Hashable, Sendable {
    public var id: String
    public var key: String
    public var versionTag: String?
    public var suspended: Bool
    public var tenantID: String?

    public init(id: String, key: String, versionTag: String? = nil, suspended: Bool = false, tenantID: String? = nil) {
        self.id = id
        self.key = key
        self.versionTag = versionTag
        self.suspended = suspended
        self.tenantID = tenantID
    }

    public init(_ record: DefinitionRecord) {
        self.init(id: record.id, key: record.key, versionTag: record.versionTag, suspended: record.suspended, tenantID: record.tenantID)
    }
}

/// A process instance as stored: its state and where it came from.
public struct InstanceRecord: Hashable, Sendable {
    public var state: InstanceState
    public var definitionID: String
    public var processKey: String
    public var startedAt: Timestamp
    public var endedAt: Timestamp?
    /// When the ended instance and its history may be deleted (its definition's history time-to-live).
    public var removalTime: Timestamp?
    /// Its definition's tenant: every row derived from the instance carries it.
    public var tenantID: String?
    /// The instance at the top of its call hierarchy (itself when no call activity started it):
    /// a store that spreads instances over several servers keeps a hierarchy's rows together by it.
    public var rootInstanceID: String
    public var id: String { state.instanceID }

    public init(
        state: InstanceState, definitionID: String, processKey: String, startedAt: Timestamp, endedAt: Timestamp?, removalTime: Timestamp? = nil,
        tenantID: String? = nil, rootInstanceID: String? = nil
    ) {
        self.state = state
        self.definitionID = definitionID
        self.processKey = processKey
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.removalTime = removalTime
        self.tenantID = tenantID
        self.rootInstanceID = rootInstanceID ?? state.instanceID
    }
}

/// The lock an external worker holds on a job.
public struct JobLock: Hashable, Sendable {
    public var workerID: String
    public var expiresAt: Timestamp

    public init(workerID: String, expiresAt: Timestamp) {
        self.workerID = workerID
        self.expiresAt = expiresAt
    }
}

/// A timer start event waiting to start a new instance.
public struct TimerStartRecord: Hashable, Sendable {
    public var id: String
    public var definitionID: String
    public var startEvent: String
    public var dueAt: Timestamp
    public var remaining: Int?
    public var interval: ISODuration?

    public init(id: String, definitionID: String, startEvent: String, dueAt: Timestamp, remaining: Int? = nil, interval: ISODuration? = nil) {
        self.id = id
        self.definitionID = definitionID
        self.startEvent = startEvent
        self.dueAt = dueAt
        self.remaining = remaining
        self.interval = interval
    }
}
