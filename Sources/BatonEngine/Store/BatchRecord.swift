import BatonModel

/// A migration run in the background (`/migration/executeAsync`): one item per instance, each
/// migrated by the job worker in a transaction of its own that also records its outcome.
public struct BatchRecord: Hashable, Sendable {
    public var id: String
    /// Camunda's batch type: `instance-migration`.
    public var type: String
    public var plan: MigrationPlan
    public var total: Int
    /// Items migrated, and items that could not be (each kept with its reason).
    public var completed: Int
    public var failed: Int
    public var createdAt: Timestamp
    public var createdBy: String?
    /// Held back: the worker migrates none of its instances until it is activated.
    public var suspended: Bool

    public init(
        id: String, type: String = "instance-migration", plan: MigrationPlan, total: Int, completed: Int = 0, failed: Int = 0, createdAt: Timestamp,
        createdBy: String?, suspended: Bool = false
    ) {
        self.id = id
        self.type = type
        self.plan = plan
        self.total = total
        self.completed = completed
        self.failed = failed
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.suspended = suspended
    }

    public var remaining: Int { total - completed - failed }
}

/// Which batches to list (Camunda's `/batch` filters), oldest first unless sorted by id.
public struct BatchQuery: Hashable, Sendable {
    public var batchID: String?
    public var type: String?
    public var suspended: Bool?
    public var createdBy: String?
    /// Started (created) before or after this.
    public var startedBefore: Timestamp?
    public var startedAfter: Timestamp?
    /// true: only batches with failed items; false: only those without.
    public var withFailures: Bool?
    /// Sorted by id, ascending or not; nil: in the order they were created.
    public var idAscending: Bool?

    public init(batchID: String? = nil, type: String? = nil, idAscending: Bool? = nil) {
        self.batchID = batchID
        self.type = type
        self.idAscending = idAscending
    }

    func admits(_ batch: BatchRecord) -> Bool {
        (batchID.map { $0 == batch.id } ?? true) && (type.map { $0 == batch.type } ?? true) && (suspended.map { $0 == batch.suspended } ?? true)
            && (createdBy.map { $0 == batch.createdBy } ?? true) && (startedBefore.map { batch.createdAt < $0 } ?? true)
            && (startedAfter.map { batch.createdAt > $0 } ?? true) && (withFailures.map { (batch.failed > 0) == $0 } ?? true)
    }
}

/// An instance of a batch that could not be migrated, and why.
public struct BatchItemFailure: Hashable, Sendable {
    public var processInstanceID: String
    public var reason: String

    public init(processInstanceID: String, reason: String) {
        self.processInstanceID = processInstanceID
        self.reason = reason
    }
}
