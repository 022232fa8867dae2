import BatonCore
import BatonModel
import Synchronization

/// A store in process memory: for tests, simulations (`baton run`) and benchmarks.
///
/// Transactions run one at a time (an async lock) on a copy of the data, which replaces the
/// original only when the body returns: a body that throws leaves nothing behind. Copies are
/// cheap because the data is made of copy-on-write collections.
public final class MemoryStore: Store {
    private let lock = AsyncSerialLock()
    private let data = Mutex(MemoryData())

    public init() {}

    public func transaction<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        await lock.acquire()
        let transaction = MemoryTransaction(data: data.withLock { $0 })
        do {
            let result = try await body(transaction)
            data.withLock { $0 = transaction.data }
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }
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
    var subscriptionsByName: [String: [(subscriptionID: String, instanceID: String)]] = [:]
    var calledInstances: [String: String] = [:]
    var timerStarts: [TimerStartRecord] = []
}

final class MemoryTransaction: StoreTransaction {
    var data: MemoryData

    init(data: MemoryData) { self.data = data }

    func insertDeployment(_ deployment: DeploymentRecord) { data.deployments.append(deployment) }
    func deployments() -> [DeploymentRecord] { data.deployments }
    func insertDefinition(_ definition: DefinitionRecord) { data.definitions.append(definition) }

    func definitions(key: String?) -> [DefinitionRecord] {
        data.definitions.filter { key == nil || $0.key == key }
    }

    func definition(id: String) -> DefinitionRecord? { data.definitions.first { $0.id == id } }

    func lockInstance(_ id: String) -> InstanceRecord? { data.instances[id] }

    func insertInstance(_ instance: InstanceRecord) {
        data.instances[instance.id] = instance
        data.instanceOrder.append(instance.id)
    }

    func updateInstance(_ instance: InstanceRecord, appending events: [RecordedEvent], effects: [Effect]) {
        let id = instance.id
        data.instances[id] = instance
        data.events[id, default: []].append(contentsOf: events)
        for effect in effects {
            switch effect {
            case .createTask(let task): data.taskOwners[task.id] = id
            case .deleteTask(let taskID): data.taskOwners[taskID] = nil
            case .createJob(let job):
                data.jobOwners[job.id] = id
                data.jobOrder.append(job.id)
            case .updateJob: break
            case .deleteJob(let jobID):
                data.jobOwners[jobID] = nil
                data.jobLocks[jobID] = nil
                data.jobOrder.removeAll { $0 == jobID }
            case .openSubscription(let subscription):
                data.subscriptionsByName[subscription.messageName, default: []].append((subscription.id, id))
            case .closeSubscription(let subscriptionID):
                for name in data.subscriptionsByName.keys {
                    data.subscriptionsByName[name]?.removeAll { $0.subscriptionID == subscriptionID }
                }
            case .startChildInstance(let request):
                data.calledInstances["\(id)#\(request.elementKey)"] = request.childInstanceID
            case .raiseIncident, .propagateErrorToParent:
                break
            }
        }
    }

    func instances() -> [InstanceRecord] { data.instanceOrder.compactMap { data.instances[$0] } }
    func history(of instanceID: String) -> [RecordedEvent] { data.events[instanceID] ?? [] }
    func owner(ofTask id: String) -> String? { data.taskOwners[id] }
    func owner(ofJob id: String) -> String? { data.jobOwners[id] }

    func subscriptions(messageName: String) -> [(subscriptionID: String, instanceID: String)] {
        data.subscriptionsByName[messageName] ?? []
    }

    func dueJobs(at now: Timestamp, limit: Int) -> [(jobID: String, instanceID: String)] {
        var result: [(String, String)] = []
        for jobID in data.jobOrder {
            guard result.count < limit, let owner = data.jobOwners[jobID], let job = data.instances[owner]?.state.job(jobID) else { continue }
            guard job.retries > 0, !job.synchronous, (job.dueAt ?? now) <= now else { continue }
            if case .external = job.kind { continue }  // fetched by workers, never run by the engine
            result.append((jobID, owner))
        }
        return result
    }

    func lockableExternalTasks(topics: [String], at now: Timestamp, limit: Int) -> [(jobID: String, instanceID: String)] {
        var result: [(String, String)] = []
        for jobID in data.jobOrder where result.count < limit {
            guard let owner = data.jobOwners[jobID], let job = data.instances[owner]?.state.job(jobID),
                case .external(let topic) = job.kind, topics.contains(topic), job.retries > 0, (job.dueAt ?? now) <= now
            else { continue }
            if let lock = data.jobLocks[jobID], lock.expiresAt > now { continue }
            result.append((jobID, owner))
        }
        return result
    }

    func lock(ofJob id: String) -> JobLock? { data.jobLocks[id] }
    func setLock(_ lock: JobLock?, onJob id: String) { data.jobLocks[id] = lock }
    func calledInstance(parent instanceID: String, elementKey: ElementKey) -> String? {
        data.calledInstances["\(instanceID)#\(elementKey)"]
    }

    func timerStarts() -> [TimerStartRecord] { data.timerStarts }

    func replaceTimerStarts(forKey key: String, with timers: [TimerStartRecord]) {
        let ids = Set(data.definitions.filter { $0.key == key }.map(\.id))
        data.timerStarts.removeAll { ids.contains($0.definitionID) }
        data.timerStarts += timers
    }

    func updateTimerStart(_ timer: TimerStartRecord?, removing id: String) {
        data.timerStarts.removeAll { $0.id == id }
        if let timer { data.timerStarts.append(timer) }
    }
}
