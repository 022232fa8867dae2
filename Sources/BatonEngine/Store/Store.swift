import BatonCore
import BatonModel

/// Where the runtime keeps definitions, instances, their history and the rows derived from them
/// (tasks, jobs, subscriptions). An in-memory store ships here; a Postgres store implements the
/// same protocol without any change to the core.
///
/// Reads that list or count go through the query side (``QueryStore``), answered from read-model
/// rows the command side writes in the same transaction; nothing loads all instances.
///
/// Every command runs in one ``transaction(_:)``: what the body writes is committed together, or
/// not at all if it throws. Commands on one instance never interleave (the instance is locked
/// by ``StoreTransaction/lockInstance(_:)``), so callers never see optimistic-locking failures.
public protocol Store: QueryStore {
    /// The store's definitions compiled, shared with the runtime: reading and writing stored
    /// states and events takes their element tables.
    var compiledDefinitions: CompiledDefinitions { get }
    func transaction<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T
    /// Runs a query that writes nothing: a store may skip what only writes need (a database
    /// transaction, row locks). `body` must not write.
    func read<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T
    /// Deletes the ended instances (with their history) whose removal time lies in a month that
    /// has passed — history is removed by month, at most a month after its removal time — and
    /// makes ready what the coming months' history needs; returns how many instances went. In
    /// as many transactions as the store needs, `batchSize` instances at most where it deletes
    /// row by row.
    func cleanUpHistory(at now: Timestamp, batchSize: Int) async throws -> Int
}

extension Store {
    public func read<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        try await transaction(body)
    }
}

/// The reads and writes of one transaction. Valid only inside the ``Store/transaction(_:)`` body
/// that received it: never store it or use it after the body returns.
public protocol StoreTransaction: AnyObject {
    // MARK: Definitions
    func insertDeployment(_ deployment: DeploymentRecord) async throws
    func deployments() async throws -> [DeploymentRecord]
    func insertDefinition(_ definition: DefinitionRecord) async throws
    /// False if no definition has this id.
    func updateHistoryTimeToLive(definitionID: String, days: Int?) async throws -> Bool
    /// Deletes a deployment, its definitions and their timer start events, together with every
    /// instance of those definitions (running or ended) and everything derived from them.
    func deleteDeployment(_ id: String) async throws
    /// How many instances, running or ended, run a definition of deployment `id`.
    func instanceCount(ofDeployment id: String) async throws -> Int
    /// Deletes definition versions and their timer start events, together with every instance
    /// of them (running or ended) and everything derived from them; their deployments stay.
    func deleteDefinitions(_ ids: [String]) async throws
    /// How many instances, running or ended, run one of these definitions.
    func instanceCount(ofDefinitions ids: [String]) async throws -> Int
    /// Definitions, newest version last, optionally of one key.
    func definitions(key: String?) async throws -> [DefinitionRecord]
    func definition(id: String) async throws -> DefinitionRecord?
    /// Every definition version's id, key and version tag, without its XML (for resolving keys
    /// and tags to ids on every request that filters by them).
    func definitionReferences() async throws -> [DefinitionReference]
    /// Holds until the transaction ends a lock per process key, so that two deployments of one
    /// key decide its next version one after the other.
    func lockDefinitions(keys: [String]) async throws
    /// The latest version of `key` in tenant `tenantID` (nil: of no tenant), with whether it is
    /// suspended, without its XML.
    func latestDefinition(key: String, tenantID: String?) async throws -> DefinitionReference?
    /// Suspends or activates a process definition (not its instances).
    func setDefinitionSuspended(_ id: String, _ suspended: Bool) async throws

    // MARK: Instances
    /// The instance, locked until the transaction ends.
    func lockInstance(_ id: String) async throws -> InstanceRecord?
    /// The instance holding user task `taskID`, locked; nil if no such task is open.
    func lockInstance(ofTask taskID: String) async throws -> InstanceRecord?
    func insertInstance(_ instance: InstanceRecord) async throws
    /// Writes the instance's new state, appends its events, applies the effects to the rows the
    /// command side reads (jobs, subscriptions, calls) and `readModel` to the query side's rows.
    func updateInstance(_ instance: InstanceRecord, appending events: [RecordedEvent], effects: [Effect], readModel: ReadModelChanges) async throws
    /// Moves instance `id`, and every read-model and history row of it that names its
    /// definition, to definition `definitionID` of `processKey` (a migration); its open rows
    /// (tasks, jobs, subscriptions, running activities, open incidents) that name an element of
    /// `renamed` name the new id instead. The caller then writes its migrated state with
    /// ``updateInstance(_:appending:effects:readModel:)``.
    func moveInstance(_ id: String, toDefinition definitionID: String, processKey: String, renamed: [ElementRename]) async throws
    /// The instance's event log, oldest first: its replay log.
    func history(of instanceID: String) async throws -> [RecordedEvent]

    // MARK: Read-model rebuilds
    /// Up to `limit` instances whose read-model rows predate the read models (a database that
    /// migration 003 upgraded), locked for this transaction; others rebuilding skip them.
    func instancesAwaitingReadModelRebuild(limit: Int) async throws -> [String]
    /// Replaces every read-model row of `instance` by `readModel`, projected from its whole event
    /// log (`events`), writes its state and events again in the current stored form (migration 004
    /// lists instances stored with positions for element ids), and takes it off the rebuild list.
    func replaceReadModel(of instance: InstanceRecord, with readModel: ReadModelChanges, events: [RecordedEvent]) async throws

    // MARK: Rows derived from instances
    /// The instance holding task, job or subscription `id`.
    func owner(ofTask id: String) async throws -> String?
    func owner(ofJob id: String) async throws -> String?
    /// Open message or signal subscriptions for `name`, oldest first, with their instance.
    func subscriptions(_ kind: SubscriptionRecord.Kind, named name: String) async throws -> [(subscriptionID: String, instanceID: String)]
    /// Jobs whose due time has come, oldest first, with their instance.
    func dueJobs(at now: Timestamp, limit: Int) async throws -> [(jobID: String, instanceID: String)]
    /// External tasks that no worker holds (or whose lock expired), with retries left, of any of
    /// `topics` (each with the definitions and business key it is limited to), in `order`.
    func lockableExternalTasks(topics: [ExternalTaskTopicQuery], at now: Timestamp, limit: Int, order: ExternalTaskFetchOrder) async throws
        -> [(jobID: String, instanceID: String)]
    func lock(ofJob id: String) async throws -> JobLock?
    func setLock(_ lock: JobLock?, onJob id: String) async throws
    /// What a worker reported beyond the error message when its job last failed (Camunda's
    /// `errorDetails`, often a stack trace): kept beside the job, not in the instance's state, and
    /// gone with the job.
    func errorDetails(ofJob id: String) async throws -> String?
    func setErrorDetails(_ details: String?, ofJob id: String) async throws
    /// The called instance started for call activity `elementKey` of `instanceID`.
    func calledInstance(parent instanceID: String, elementKey: ElementKey) async throws -> String?

    // MARK: Signal deliveries
    /// The open signal subscriptions for `name` of instances not suspended, oldest first.
    func signalReceivers(named name: String) async throws -> [SignalReceiver]
    func insertSignalDeliveries(_ deliveries: [SignalDelivery]) async throws
    /// The ids of up to `limit` deliveries due at `now`, oldest first; each is locked when delivered.
    func dueSignalDeliveries(at now: Timestamp, limit: Int) async throws -> [String]
    /// Delivery `id`, locked until the transaction ends; nil when it is gone (delivered) or
    /// another transaction holds it (is delivering it).
    func lockSignalDelivery(_ id: String) async throws -> SignalDelivery?
    func deleteSignalDelivery(_ id: String) async throws
    /// Records a failed attempt at delivery `id`: tried again at `retryAt`.
    func postponeSignalDelivery(_ id: String, until retryAt: Timestamp, attempts: Int, error: String) async throws

    // MARK: Buffered messages
    func insertBufferedMessage(_ message: BufferedMessage) async throws
    /// Unexpired buffered messages named `name` that may reach an instance with `businessKey` and
    /// id `instanceID` (their own business key and instance, if any, are those), oldest first,
    /// locked for this transaction; one another transaction holds is skipped.
    func bufferedMessages(named name: String, businessKey: String?, instanceID: String, at now: Timestamp, limit: Int) async throws
        -> [BufferedMessage]
    func deleteBufferedMessage(_ id: String) async throws
    /// Deletes the buffered messages whose time to live has passed; returns how many.
    func deleteExpiredBufferedMessages(at now: Timestamp) async throws -> Int

    // MARK: Batches
    func insertBatch(_ batch: BatchRecord, instanceIDs: [String]) async throws
    func batches(_ query: BatchQuery, page: Page) async throws -> [BatchRecord]
    func count(_ query: BatchQuery) async throws -> Int
    func batch(id: String) async throws -> BatchRecord?
    /// Deletes a batch and what of it is left to do; false if there is none.
    func deleteBatch(id: String) async throws -> Bool
    /// Suspends or activates a batch; false if there is none.
    func setBatchSuspended(id: String, _ suspended: Bool) async throws -> Bool
    /// The oldest item left to do of any batch, locked for this transaction; one another
    /// transaction holds is skipped.
    func nextBatchItem() async throws -> (batchID: String, instanceID: String)?
    /// Records what became of an item: done (nil) or failed with `failure`.
    func finishBatchItem(batchID: String, instanceID: String, failure: String?) async throws
    func batchFailures(id: String) async throws -> [BatchItemFailure]

    // MARK: Task comments
    /// Stores a comment on a task of `comment.processInstanceID`, with that instance's history.
    func insertComment(_ comment: TaskComment) async throws
    /// The comments on task `taskID`, open or completed, newest first (as Camunda lists them).
    func comments(taskID: String) async throws -> [TaskComment]
    /// The comments on the tasks of instance `instanceID`, newest first.
    func comments(instanceID: String) async throws -> [TaskComment]
    /// Changes the message of comment `id` on task `taskID`; false if there is none.
    func updateComment(_ id: String, taskID: String, message: String) async throws -> Bool
    /// Deletes comment `id` of task `taskID`, or all of its comments when `id` is nil.
    func deleteComments(_ id: String?, taskID: String) async throws

    // MARK: Authorizations
    /// Every authorization, oldest first (an administrator's list: small).
    func authorizations() async throws -> [AuthorizationRecord]
    /// The authorizations that can bear on `userID` in `groups`: theirs, their groups', global ones.
    func authorizations(userID: String, groups: [String]) async throws -> [AuthorizationRecord]
    func insertAuthorization(_ authorization: AuthorizationRecord) async throws
    /// Replaces the authorization with `authorization.id`; false if there is none.
    func updateAuthorization(_ authorization: AuthorizationRecord) async throws -> Bool
    func deleteAuthorization(id: String) async throws -> Bool

    // MARK: Identity
    /// Users in `query`'s order (by id after its sort keys), with their password hashes.
    func users(_ query: UserQuery, page: Page) async throws -> [UserRecord]
    func count(_ query: UserQuery) async throws -> Int
    func user(id: String) async throws -> UserRecord?
    /// Adds a user; false (and nothing written) when one has that id.
    func insertUser(_ user: UserRecord) async throws -> Bool
    /// Replaces the profile and password hash of user `user.id`; false if there is none.
    func updateUser(_ user: UserRecord) async throws -> Bool
    /// Deletes a user with their memberships; false if there is none.
    func deleteUser(id: String) async throws -> Bool
    func groups(_ query: GroupQuery, page: Page) async throws -> [GroupRecord]
    func count(_ query: GroupQuery) async throws -> Int
    /// Adds a group; false (and nothing written) when one has that id.
    func insertGroup(_ group: GroupRecord) async throws -> Bool
    func updateGroup(_ group: GroupRecord) async throws -> Bool
    /// Deletes a group with its memberships; false if there is none.
    func deleteGroup(id: String) async throws -> Bool
    /// Makes user `userID` a member of group `groupID` (both exist); nothing if they are one.
    func insertMembership(groupID: String, userID: String) async throws
    /// False if the user was no member of the group.
    func deleteMembership(groupID: String, userID: String) async throws -> Bool
    /// The ids of the groups user `id` belongs to, sorted.
    func groupIDs(ofUser id: String) async throws -> [String]

    // MARK: Tenants
    func tenants(_ query: TenantQuery, page: Page) async throws -> [TenantRecord]
    func count(_ query: TenantQuery) async throws -> Int
    /// False if a tenant has its id already.
    func insertTenant(_ tenant: TenantRecord) async throws -> Bool
    func updateTenant(_ tenant: TenantRecord) async throws -> Bool
    /// Deletes a tenant and its memberships; false if there is none.
    func deleteTenant(id: String) async throws -> Bool
    /// Makes a user (or a group) a member of a tenant (both exist); nothing if it is one.
    func insertTenantMembership(tenantID: String, userID: String?, groupID: String?) async throws
    /// False if it was no member.
    func deleteTenantMembership(tenantID: String, userID: String?, groupID: String?) async throws -> Bool

    // MARK: Saved task filters
    /// Every filter, by id (few: an installation's task lists).
    func filters() async throws -> [FilterRecord]
    func insertFilter(_ filter: FilterRecord) async throws
    /// False if no filter has its id.
    func updateFilter(_ filter: FilterRecord) async throws -> Bool
    /// False if no filter has this id.
    func deleteFilter(id: String) async throws -> Bool

    // MARK: Timer start events
    /// Up to `limit` timer start events due at `now`, earliest first, locked for this transaction:
    /// a timer another transaction holds is skipped, so several Baton processes sharing the
    /// database fire each timer once.
    func dueTimerStarts(at now: Timestamp, limit: Int) async throws -> [TimerStartRecord]
    /// Replaces the timer start events of every version of `key` in tenant `tenantID`.
    func replaceTimerStarts(forKey key: String, tenantID: String?, with timers: [TimerStartRecord]) async throws
    func updateTimerStart(_ timer: TimerStartRecord?, removing id: String) async throws
}
