import BatonCore
import BatonModel

/// A store in process memory: for tests, simulations (`baton run`) and benchmarks.
///
/// Transactions run one at a time (an async lock) directly on the data, recording how to undo
/// each write; a body that throws is rolled back by replaying the undo log backwards. Working in
/// place keeps a transaction's cost independent of how many instances the store holds.
public final class MemoryStore: Store {
    public let compiledDefinitions = CompiledDefinitions()
    private let lock = AsyncSerialLock()
    private let storage = GuardedData()

    public init() {}

    public func transaction<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        try await memoryTransaction { try await body($0) }
    }

    private func memoryTransaction<T: Sendable>(_ body: (MemoryTransaction) async throws -> T) async throws -> T {
        await lock.acquire()
        let transaction = MemoryTransaction(storage: storage)
        do {
            let result = try await body(transaction)
            transaction.close()
            await lock.release()
            return result
        } catch {
            transaction.rollback()
            await lock.release()
            throw error
        }
    }

    public func cleanUpHistory(at now: Timestamp, batchSize: Int) async throws -> Int {
        var removed = 0
        while true {
            let batch = try await memoryTransaction { $0.removeExpiredHistory(at: now, limit: max(1, batchSize)) }
            removed += batch
            if batch < batchSize { return removed }
        }
    }

    /// Reads the data as the last committed transaction left it. The body gets the storage, not
    /// a copy of its data: reading `stored.data.rows` touches that one collection, where a
    /// `MemoryData` argument retained and released all of them for every query.
    func snapshot<T: Sendable>(_ body: (GuardedData) -> T) async throws -> T {
        await lock.acquire()
        let result = body(storage)
        await lock.release()
        return result
    }
}

/// The memory store's data. Invariant that makes `@unchecked Sendable` sound: `data` is read and
/// written only by the one transaction that holds the store's ``AsyncSerialLock``.
final class GuardedData: @unchecked Sendable {
    var data = MemoryData()
}

/// What a subscription is found by: message and signal names do not meet.
struct SubscriptionName: Hashable, Sendable {
    var kind: SubscriptionRecord.Kind
    var name: String

    init(kind: SubscriptionRecord.Kind, name: String) {
        self.kind = kind
        self.name = name
    }

    init(_ subscription: SubscriptionRecord) { self.init(kind: subscription.kind, name: subscription.eventName) }
}

/// Everything a memory store holds, with the indexes a database would keep.
struct MemoryData: Sendable {
    var deployments: [DeploymentRecord] = []
    var definitions: [DefinitionRecord] = []
    var instances: [String: InstanceRecord] = [:]
    /// Instance ids in start order, so listings are stable.
    var instanceOrder: [String] = []
    var events: [String: [RecordedEvent]] = [:]
    var taskOwners: [String: String] = [:]
    var jobOwners: [String: String] = [:]
    /// Jobs in creation order, for due-job scans.
    var jobOrder: [String] = []
    var jobLocks: [String: JobLock] = [:]
    var jobErrorDetails: [String: String] = [:]
    var subscriptionsByName: [SubscriptionName: [(subscriptionID: String, instanceID: String)]] = [:]
    var subscriptionNames: [String: SubscriptionName] = [:]
    var calledInstances: [String: String] = [:]
    var timerStarts: [TimerStartRecord] = []
    /// Signals recorded and not yet delivered, in the order they were thrown.
    var signalDeliveries: [SignalDelivery] = []
    /// Messages waiting for a subscription, oldest first.
    var bufferedMessages: [BufferedMessage] = []
    var batches: [BatchRecord] = []
    /// Items left to do, oldest first, and failed ones with their reasons.
    var batchItems: [(batchID: String, instanceID: String)] = []
    var batchFailures: [String: [BatchItemFailure]] = [:]
    var authorizations: [AuthorizationRecord] = []
    var users: [String: UserRecord] = [:]
    var groups: [String: GroupRecord] = [:]
    /// Each group's members, by group id.
    var members: [String: Set<String>] = [:]
    var filters: [String: FilterRecord] = [:]
    var tenants: [String: TenantRecord] = [:]
    /// Each tenant's users and groups, by tenant id.
    var tenantUsers: [String: Set<String>] = [:]
    var tenantGroups: [String: Set<String>] = [:]
    /// The query side's rows, per instance.
    var rows: [String: MemoryInstanceRows] = [:]

    /// The instance at the top of `id`'s call hierarchy: itself when nothing called it, and the
    /// last known ancestor when one was deleted.
    func rootInstance(of id: String) -> String {
        var current = id
        while let parent = instances[current]?.state.parent?.instanceID, instances[parent] != nil { current = parent }
        return current
    }
}

final class MemoryTransaction: StoreTransaction {
    private let storage: GuardedData
    private var undo: [(inout MemoryData) -> Void] = []
    private var open = true

    init(storage: GuardedData) { self.storage = storage }

    /// Reads borrow the data in place: a getter would copy the whole ``MemoryData`` (retaining
    /// each of its collections) on every lookup.
    var data: MemoryData {
        _read { yield storage.data }
        _modify {
            precondition(open, "a store transaction was used after its body returned")
            yield &storage.data
        }
    }

    /// Sets `map[key]`, remembering the old value for rollback.
    func set<Key: Hashable, Value>(_ path: WritableKeyPath<MemoryData, [Key: Value]>, _ key: Key, _ value: Value?) {
        let old = data[keyPath: path][key]
        undo.append { $0[keyPath: path][key] = old }
        data[keyPath: path][key] = value
    }

    /// Replaces a whole collection, remembering the old one for rollback.
    func replace<Value>(_ path: WritableKeyPath<MemoryData, Value>, _ update: (inout Value) -> Void) {
        let old = data[keyPath: path]
        undo.append { $0[keyPath: path] = old }
        update(&data[keyPath: path])
    }

    func close() { open = false }

    func rollback() {
        for step in undo.reversed() { step(&storage.data) }
        undo.removeAll()
        open = false
    }

    func insertDeployment(_ deployment: DeploymentRecord) { replace(\.deployments) { $0.append(deployment) } }
    func deployments() -> [DeploymentRecord] { data.deployments }

    func deleteDeployment(_ id: String) {
        deleteDefinitions(data.definitions.filter { $0.deploymentID == id }.map(\.id))
        replace(\.deployments) { $0.removeAll { $0.id == id } }
    }

    func deleteDefinitions(_ ids: [String]) {
        let definitions = Set(ids)
        let instances = data.instanceOrder.compactMap { data.instances[$0] }.filter { definitions.contains($0.definitionID) }
        for instance in instances {
            for task in instance.state.tasks { set(\.taskOwners, task.id, nil) }
            for job in instance.state.jobs {
                set(\.jobOwners, job.id, nil)
                set(\.jobLocks, job.id, nil)
            }
            for subscription in instance.state.subscriptions {
                set(\.subscriptionNames, subscription.id, nil)
                replace(\.subscriptionsByName) { $0[SubscriptionName(subscription)]?.removeAll { $0.subscriptionID == subscription.id } }
            }
            set(\.instances, instance.id, nil)
            set(\.events, instance.id, nil)
            set(\.rows, instance.id, nil)
        }
        let removed = Set(instances.map(\.id))
        replace(\.instanceOrder) { $0.removeAll { removed.contains($0) } }
        let removedJobs = Set(instances.flatMap { $0.state.jobs.map(\.id) })
        replace(\.jobOrder) { $0.removeAll { removedJobs.contains($0) } }
        // Keys are "parentInstanceID#elementKey".
        replace(\.calledInstances) { calls in
            calls = calls.filter { !removed.contains($0.value) && !removed.contains(String($0.key.split(separator: "#").first ?? "")) }
        }
        replace(\.timerStarts) { $0.removeAll { definitions.contains($0.definitionID) } }
        replace(\.definitions) { $0.removeAll { definitions.contains($0.id) } }
    }

    func instanceCount(ofDeployment id: String) -> Int {
        instanceCount(ofDefinitions: data.definitions.filter { $0.deploymentID == id }.map(\.id))
    }

    func instanceCount(ofDefinitions ids: [String]) -> Int {
        let definitions = Set(ids)
        return data.instanceOrder.count { data.instances[$0].map { definitions.contains($0.definitionID) } ?? false }
    }

    func insertDefinition(_ definition: DefinitionRecord) { replace(\.definitions) { $0.append(definition) } }

    func updateHistoryTimeToLive(definitionID: String, days: Int?) -> Bool {
        guard let index = data.definitions.firstIndex(where: { $0.id == definitionID }) else { return false }
        replace(\.definitions) { $0[index].historyTimeToLiveDays = days }
        return true
    }

    func definitions(key: String?) -> [DefinitionRecord] {
        data.definitions.filter { key == nil || $0.key == key }
    }

    func definitionReferences() -> [DefinitionReference] {
        data.definitions.map(DefinitionReference.init)
    }

    /// Memory transactions run one at a time already.
    func lockDefinitions(keys: [String]) {}

    func definition(id: String) -> DefinitionRecord? { data.definitions.first { $0.id == id } }

    func lockInstance(_ id: String) -> InstanceRecord? { data.instances[id] }

    func insertInstance(_ instance: InstanceRecord) {
        set(\.instances, instance.id, instance)
        data.instanceOrder.append(instance.id)
        undo.append { $0.instanceOrder.removeLast() }
    }

    func updateInstance(_ instance: InstanceRecord, appending events: [RecordedEvent], effects: [Effect], readModel: ReadModelChanges) {
        let id = instance.id
        set(\.instances, id, instance)
        // In place: the undo keeps what the command changed, not a copy of every row.
        let existed = data.rows[id] != nil
        let rowsUndo = data.rows[id, default: MemoryInstanceRows()].apply(readModel)
        undo.append { data in
            if existed { data.rows[id]?.revert(rowsUndo) } else { data.rows[id] = nil }
        }
        let count = data.events[id]?.count ?? 0
        if count == 0 {
            // An instance's first events: keep the caller's array instead of copying each event.
            data.events[id] = events
        } else {
            data.events[id, default: []].append(contentsOf: events)
        }
        undo.append { data in
            let appended = (data.events[id]?.count ?? count) - count
            data.events[id]?.removeLast(appended)
        }
        for effect in effects {
            switch effect {
            case .createTask(let task): set(\.taskOwners, task.id, id)
            case .deleteTask(let taskID): set(\.taskOwners, taskID, nil)
            case .createJob(let job):
                set(\.jobOwners, job.id, id)
                data.jobOrder.append(job.id)
                undo.append { $0.jobOrder.removeAll { $0 == job.id } }
            case .updateJob: break
            case .deleteJob(let jobID):
                set(\.jobOwners, jobID, nil)
                set(\.jobLocks, jobID, nil)
                set(\.jobErrorDetails, jobID, nil)
                if let position = data.jobOrder.firstIndex(of: jobID) {
                    data.jobOrder.remove(at: position)
                    undo.append { $0.jobOrder.insert(jobID, at: min(position, $0.jobOrder.count)) }
                }
            case .openSubscription(let subscription):
                let name = SubscriptionName(subscription)
                data.subscriptionsByName[name, default: []].append((subscription.id, id))
                undo.append { $0.subscriptionsByName[name]?.removeAll { $0.subscriptionID == subscription.id } }
                set(\.subscriptionNames, subscription.id, name)
            case .closeSubscription(let subscriptionID):
                guard let name = data.subscriptionNames[subscriptionID] else { continue }
                replace(\.subscriptionsByName) { $0[name]?.removeAll { $0.subscriptionID == subscriptionID } }
                set(\.subscriptionNames, subscriptionID, nil)
            case .startChildInstance(let request):
                set(\.calledInstances, "\(id)#\(request.elementKey)", request.childInstanceID)
            case .raiseIncident, .propagateErrorToParent, .propagateEscalationToParent, .broadcastSignal:
                break
            }
        }
    }

    func history(of instanceID: String) -> [RecordedEvent] { data.events[instanceID] ?? [] }

    func moveInstance(_ id: String, toDefinition definitionID: String, processKey: String, renamed: [ElementRename]) {
        guard var instance = data.instances[id] else { return }
        instance.definitionID = definitionID
        instance.processKey = processKey
        set(\.instances, id, instance)
        guard var rows = data.rows[id] else { return }
        rows.move(toDefinition: definitionID, processKey: processKey)
        rows.rename(renamed)
        set(\.rows, id, rows)
    }

    /// A memory store never holds rows older than its read models.
    func instancesAwaitingReadModelRebuild(limit: Int) -> [String] { [] }

    /// Holds states and events as values, so there is no stored form to write again.
    func replaceReadModel(of instance: InstanceRecord, with readModel: ReadModelChanges, events: [RecordedEvent]) {
        var rows = MemoryInstanceRows()
        rows.apply(readModel)
        set(\.rows, instance.id, rows)
    }
    func latestDefinition(key: String, tenantID: String?) -> DefinitionReference? {
        data.definitions.last { $0.key == key && $0.tenantID == tenantID }.map(DefinitionReference.init)
    }
    func setDefinitionSuspended(_ id: String, _ suspended: Bool) {
        replace(\.definitions) { definitions in
            for index in definitions.indices where definitions[index].id == id { definitions[index].suspended = suspended }
        }
    }
    func lockInstance(ofTask taskID: String) -> InstanceRecord? { data.taskOwners[taskID].flatMap { data.instances[$0] } }
    func owner(ofTask id: String) -> String? { data.taskOwners[id] }
    func owner(ofJob id: String) -> String? { data.jobOwners[id] }

    func subscriptions(_ kind: SubscriptionRecord.Kind, named name: String) -> [(subscriptionID: String, instanceID: String)] {
        data.subscriptionsByName[SubscriptionName(kind: kind, name: name)] ?? []
    }

    func signalReceivers(named name: String) -> [SignalReceiver] {
        (data.subscriptionsByName[SubscriptionName(kind: .signal, name: name)] ?? []).compactMap { match in
            guard let instance = data.instances[match.instanceID], !instance.state.suspended else { return nil }
            return SignalReceiver(subscriptionID: match.subscriptionID, instanceID: match.instanceID, processKey: instance.processKey, tenantID: instance.tenantID)
        }
    }

    func insertSignalDeliveries(_ deliveries: [SignalDelivery]) {
        guard !deliveries.isEmpty else { return }
        data.signalDeliveries += deliveries
        undo.append { $0.signalDeliveries.removeLast(deliveries.count) }
    }

    func dueSignalDeliveries(at now: Timestamp, limit: Int) -> [String] {
        Array(data.signalDeliveries.lazy.filter { $0.dueAt <= now }.prefix(limit).map(\.id))
    }

    /// Memory transactions run one at a time: a delivery is never held by another.
    func lockSignalDelivery(_ id: String) -> SignalDelivery? { data.signalDeliveries.first { $0.id == id } }

    func deleteSignalDelivery(_ id: String) {
        guard let index = data.signalDeliveries.firstIndex(where: { $0.id == id }) else { return }
        let removed = data.signalDeliveries.remove(at: index)
        undo.append { $0.signalDeliveries.insert(removed, at: min(index, $0.signalDeliveries.count)) }
    }

    func postponeSignalDelivery(_ id: String, until retryAt: Timestamp, attempts: Int, error: String) {
        replace(\.signalDeliveries) { deliveries in
            for index in deliveries.indices where deliveries[index].id == id {
                deliveries[index].dueAt = retryAt
                deliveries[index].attempts = attempts
                deliveries[index].lastError = error
            }
        }
    }

    func insertBatch(_ batch: BatchRecord, instanceIDs: [String]) {
        replace(\.batches) { $0.append(batch) }
        replace(\.batchItems) { $0 += instanceIDs.map { (batch.id, $0) } }
    }

    func batches(_ query: BatchQuery, page: Page) -> [BatchRecord] {
        var batches = data.batches.filter(query.admits)
        if let ascending = query.idAscending { batches.sort { ascending ? $0.id < $1.id : $0.id > $1.id } }
        return Array(batches.dropFirst(page.firstResult).prefix(page.maxResults ?? Int.max))
    }

    func count(_ query: BatchQuery) -> Int { data.batches.count(where: query.admits) }
    func batch(id: String) -> BatchRecord? { data.batches.first { $0.id == id } }

    func deleteBatch(id: String) -> Bool {
        guard data.batches.contains(where: { $0.id == id }) else { return false }
        replace(\.batches) { $0.removeAll { $0.id == id } }
        replace(\.batchItems) { $0.removeAll { $0.batchID == id } }
        set(\.batchFailures, id, nil)
        return true
    }

    /// Memory transactions run one at a time: an item is never held by another.
    func nextBatchItem() -> (batchID: String, instanceID: String)? {
        let suspended = Set(data.batches.filter(\.suspended).map(\.id))
        return data.batchItems.first { !suspended.contains($0.batchID) }
    }

    func setBatchSuspended(id: String, _ suspended: Bool) -> Bool {
        guard let index = data.batches.firstIndex(where: { $0.id == id }) else { return false }
        replace(\.batches) { $0[index].suspended = suspended }
        return true
    }

    func finishBatchItem(batchID: String, instanceID: String, failure: String?) {
        replace(\.batchItems) { $0.removeAll { $0.batchID == batchID && $0.instanceID == instanceID } }
        replace(\.batches) { batches in
            for index in batches.indices where batches[index].id == batchID {
                if failure == nil { batches[index].completed += 1 } else { batches[index].failed += 1 }
            }
        }
        if let failure {
            set(\.batchFailures, batchID, (data.batchFailures[batchID] ?? []) + [BatchItemFailure(processInstanceID: instanceID, reason: failure)])
        }
    }

    func batchFailures(id: String) -> [BatchItemFailure] { data.batchFailures[id] ?? [] }

    func insertBufferedMessage(_ message: BufferedMessage) {
        data.bufferedMessages.append(message)
        undo.append { $0.bufferedMessages.removeAll { $0.id == message.id } }
    }

    func bufferedMessages(named name: String, businessKey: String?, instanceID: String, at now: Timestamp, limit: Int) -> [BufferedMessage] {
        Array(
            data.bufferedMessages.lazy.filter {
                $0.name == name && $0.expiresAt > now && ($0.businessKey == nil || $0.businessKey == businessKey)
                    && ($0.processInstanceID == nil || $0.processInstanceID == instanceID)
            }.prefix(limit))
    }

    func deleteBufferedMessage(_ id: String) {
        guard let index = data.bufferedMessages.firstIndex(where: { $0.id == id }) else { return }
        let removed = data.bufferedMessages.remove(at: index)
        undo.append { $0.bufferedMessages.insert(removed, at: min(index, $0.bufferedMessages.count)) }
    }

    func deleteExpiredBufferedMessages(at now: Timestamp) -> Int {
        let expired = data.bufferedMessages.count { $0.expiresAt <= now }
        if expired > 0 { replace(\.bufferedMessages) { $0.removeAll { $0.expiresAt <= now } } }
        return expired
    }

    func dueJobs(at now: Timestamp, limit: Int) -> [(jobID: String, instanceID: String)] {
        var result: [(String, String)] = []
        for jobID in data.jobOrder {
            guard result.count < limit, let owner = data.jobOwners[jobID], let state = data.instances[owner]?.state, !state.suspended,
                let job = state.job(jobID)
            else { continue }
            guard job.retries > 0, !job.synchronous, (job.dueAt ?? now) <= now else { continue }
            if case .external = job.kind { continue }  // fetched by workers, never run by the engine
            result.append((jobID, owner))
        }
        return result
    }

    func lockableExternalTasks(topics: [ExternalTaskTopicQuery], at now: Timestamp, limit: Int, order: ExternalTaskFetchOrder) -> [(jobID: String, instanceID: String)] {
        var result: [(jobID: String, instanceID: String, job: JobRecord)] = []
        // Every lockable task when an order is asked (it may pick from the end); creation order, up to the limit, otherwise.
        let unordered = !order.usePriority && order.createTimeAscending == nil
        for jobID in data.jobOrder where !unordered || result.count < limit {
            guard let owner = data.jobOwners[jobID], let instance = data.instances[owner], !instance.state.suspended, let job = instance.state.job(jobID),
                case .external(let topic) = job.kind, job.retries > 0, (job.dueAt ?? now) <= now,
                topics.contains(where: { query in
                    query.topic == topic && query.definitions.contains(instance.definitionID)
                        && (query.businessKey.map { $0 == instance.state.businessKey } ?? true)
                })
            else { continue }
            if let lock = data.jobLocks[jobID], lock.expiresAt > now { continue }
            result.append((jobID, owner, job))
        }
        if !unordered {
            // A stable sort keeps creation order among equals, as PostgreSQL's tie-breaker does.
            result = result.enumerated().sorted { a, b in
                if order.usePriority, (a.element.job.priority ?? 0) != (b.element.job.priority ?? 0) {
                    return (a.element.job.priority ?? 0) > (b.element.job.priority ?? 0)
                }
                if let ascending = order.createTimeAscending, let x = a.element.job.createdAt, let y = b.element.job.createdAt, x != y {
                    return ascending ? x < y : x > y
                }
                return a.offset < b.offset
            }.map(\.element)
        }
        return result.prefix(limit).map { ($0.jobID, $0.instanceID) }
    }

    func lock(ofJob id: String) -> JobLock? { data.jobLocks[id] }
    func setLock(_ lock: JobLock?, onJob id: String) { set(\.jobLocks, id, lock) }
    func errorDetails(ofJob id: String) -> String? { data.jobErrorDetails[id] }
    func setErrorDetails(_ details: String?, ofJob id: String) { set(\.jobErrorDetails, id, details) }
    func calledInstance(parent instanceID: String, elementKey: ElementKey) -> String? {
        data.calledInstances["\(instanceID)#\(elementKey)"]
    }

    /// By month, as PostgreSQL drops history: once the month of the removal time has passed.
    func removeExpiredHistory(at now: Timestamp, limit: Int) -> Int {
        let current = UTCMonth(containing: now)
        let expired = data.instanceOrder.lazy.compactMap { self.data.instances[$0] }
            .filter { ($0.removalTime.map { UTCMonth(containing: $0) < current } ?? false) && $0.state.status != .active }.prefix(limit).map(\.id)
        let ids = Array(expired)
        for id in ids {
            set(\.instances, id, nil)
            set(\.events, id, nil)
            set(\.rows, id, nil)
        }
        if !ids.isEmpty {
            let removed = Set(ids)
            replace(\.instanceOrder) { $0.removeAll { removed.contains($0) } }
        }
        return ids.count
    }

    func dueTimerStarts(at now: Timestamp, limit: Int) -> [TimerStartRecord] {
        let suspended = Set(data.definitions.filter(\.suspended).map(\.id))
        return Array(data.timerStarts.filter { $0.dueAt <= now && !suspended.contains($0.definitionID) }.sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }.prefix(limit))
    }

    func insertComment(_ comment: TaskComment) {
        let id = comment.processInstanceID
        let existed = data.rows[id] != nil
        data.rows[id, default: MemoryInstanceRows()].comments.append(comment)
        undo.append { data in
            if existed { data.rows[id]?.comments.removeLast() } else { data.rows[id] = nil }
        }
    }

    /// Every instance's rows are scanned: the memory store serves tests and `baton run`.
    func comments(taskID: String) -> [TaskComment] {
        Self.newestFirst(data.instanceOrder.flatMap { data.rows[$0]?.comments.filter { $0.taskID == taskID } ?? [] })
    }

    func comments(instanceID: String) -> [TaskComment] {
        Self.newestFirst(data.rows[instanceID]?.comments ?? [])
    }

    /// As PostgreSQL orders them: `time DESC, id DESC`.
    private static func newestFirst(_ comments: [TaskComment]) -> [TaskComment] { comments.sorted { ($0.time, $0.id) > ($1.time, $1.id) } }

    func updateComment(_ id: String, taskID: String, message: String) -> Bool {
        guard let instance = comments(taskID: taskID).first(where: { $0.id == id })?.processInstanceID else { return false }
        replace(\.rows) { rows in
            if let index = rows[instance]?.comments.firstIndex(where: { $0.id == id }) { rows[instance]?.comments[index].message = message }
        }
        return true
    }

    func deleteComments(_ id: String?, taskID: String) {
        for instance in Set(comments(taskID: taskID).map(\.processInstanceID)) {
            replace(\.rows) { $0[instance]?.comments.removeAll { $0.taskID == taskID && (id == nil || $0.id == id) } }
        }
    }

    func authorizations() -> [AuthorizationRecord] { data.authorizations }

    func authorizations(userID: String, groups: [String]) -> [AuthorizationRecord] {
        data.authorizations.filter { $0.userID == userID || $0.userID == "*" || $0.groupID.map(groups.contains) ?? false }
    }

    func insertAuthorization(_ authorization: AuthorizationRecord) { replace(\.authorizations) { $0.append(authorization) } }

    func updateAuthorization(_ authorization: AuthorizationRecord) -> Bool {
        guard let index = data.authorizations.firstIndex(where: { $0.id == authorization.id }) else { return false }
        replace(\.authorizations) { $0[index] = authorization }
        return true
    }

    func deleteAuthorization(id: String) -> Bool {
        guard data.authorizations.contains(where: { $0.id == id }) else { return false }
        replace(\.authorizations) { $0.removeAll { $0.id == id } }
        return true
    }

    func replaceTimerStarts(forKey key: String, tenantID: String?, with timers: [TimerStartRecord]) {
        let ids = Set(data.definitions.filter { $0.key == key && $0.tenantID == tenantID }.map(\.id))
        replace(\.timerStarts) { starts in
            starts.removeAll { ids.contains($0.definitionID) }
            starts += timers
        }
    }

    func updateTimerStart(_ timer: TimerStartRecord?, removing id: String) {
        replace(\.timerStarts) { starts in
            starts.removeAll { $0.id == id }
            if let timer { starts.append(timer) }
        }
    }
}
