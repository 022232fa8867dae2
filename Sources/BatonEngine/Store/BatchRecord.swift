import BatonModel

/// What a batch does to each of its items.
public enum BatchWork: Hashable, Sendable, Codable {
    /// Migrate each instance by the plan (`/migration/executeAsync`).
    case migration(MigrationPlan)
    /// Set each external task's retries (`/external-task/retries-async`).
    case externalTaskRetries(Int)
    /// Start each ended instance again (`/process-definition/{id}/restart-async`).
    case restart(RestartPlan)

    /// Camunda's batch type.
    public var type: String {
        switch self {
        case .migration: "instance-migration"
        case .externalTaskRetries: "set-external-task-retries"
        case .restart: "restart-process-instance"
        }
    }

    // A migration is stored as its plan alone, as batches were before other work existed.
    private enum CodingKeys: String, CodingKey { case externalTaskRetries, restart }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let retries = try container.decodeIfPresent(Int.self, forKey: .externalTaskRetries) {
            self = .externalTaskRetries(retries)
        } else if let plan = try container.decodeIfPresent(RestartPlan.self, forKey: .restart) {
            self = .restart(plan)
        } else {
            self = .migration(try MigrationPlan(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .migration(let plan): try plan.encode(to: encoder)
        case .externalTaskRetries(let retries):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(retries, forKey: .externalTaskRetries)
        case .restart(let plan):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(plan, forKey: .restart)
        }
    }
}

/// Work run in the background: one item per instance (or external task), each done by the job
/// worker in a transaction of its own that also records its outcome.
public struct BatchRecord: Hashable, Sendable {
    public var id: String
    /// Camunda's batch type (``BatchWork/type``).
    public var type: String { work.type }
    public var work: BatchWork
    public var total: Int
    /// Items migrated, and items that could not be (each kept with its reason).
    public var completed: Int
    public var failed: Int
    public var createdAt: Timestamp
    public var createdBy: String?
    /// Held back: the worker migrates none of its instances until it is activated.
    public var suspended: Bool

    public init(
        id: String, work: BatchWork, total: Int, completed: Int = 0, failed: Int = 0, createdAt: Timestamp, createdBy: String?, suspended: Bool = false
    ) {
        self.id = id
        self.work = work
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
