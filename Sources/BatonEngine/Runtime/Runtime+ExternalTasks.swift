import BatonCore
import BatonModel

/// What an external worker asks for: a topic, how long to hold each task, which variables.
public struct FetchTopic: Sendable {
    public var name: String
    /// Milliseconds the lock lasts before another worker may take the task.
    public var lockDuration: Int64
    /// Variable names to send (nil: all visible ones).
    public var variables: [String]?
    /// Only tasks of instances of these definition ids, of these keys, with this version tag,
    /// with this business key, whose process variables hold these values (Camunda's topic
    /// filters); nil and empty mean no condition.
    public var processDefinitionIDs: [String]?
    public var processDefinitionKeys: [String]?
    public var processDefinitionVersionTag: String?
    public var businessKey: String?
    public var processVariables: [String: VariableValue]
    /// Only tasks of these tenants (Camunda's `tenantIdIn` and `withoutTenantId`).
    public var tenants: TenantFilter
    /// Only the variables of the task's own scope (its input mappings, local variables).
    public var localVariables = false
    /// Send the activity's `camunda:properties` as `extensionProperties`.
    public var includeExtensionProperties = false

    public init(
        name: String, lockDuration: Int64, variables: [String]? = nil, processDefinitionIDs: [String]? = nil, processDefinitionKeys: [String]? = nil,
        processDefinitionVersionTag: String? = nil, businessKey: String? = nil, processVariables: [String: VariableValue] = [:], tenants: TenantFilter = .any
    ) {
        self.name = name
        self.lockDuration = lockDuration
        self.variables = variables
        self.processDefinitionIDs = processDefinitionIDs
        self.processDefinitionKeys = processDefinitionKeys
        self.processDefinitionVersionTag = processDefinitionVersionTag
        self.businessKey = businessKey
        self.processVariables = processVariables
        self.tenants = tenants
    }

    /// The definitions (by id) this topic's filters leave, among `all`, in the tenants it asks
    /// for and the caller may reach.
    func definitions(among all: [DefinitionReference]) -> ResourceScope {
        let tenants = tenants.intersection(TenantCheck.filter)
        guard processDefinitionIDs != nil || processDefinitionKeys != nil || processDefinitionVersionTag != nil || !tenants.isAny else { return .all }
        return .only(Set(all.filter { definition in
            tenants.admits(definition.tenantID) && (processDefinitionIDs.map { $0.contains(definition.id) } ?? true) && (processDefinitionKeys.map { $0.contains(definition.key) } ?? true)
                && (processDefinitionVersionTag.map { $0 == definition.versionTag } ?? true)
        }.map(\.id)))
    }

    /// Whether the locked instance holding the task meets the filters SQL did not decide.
    func admits(_ record: InstanceRecord) -> Bool {
        (businessKey.map { $0 == record.state.businessKey } ?? true)
            && processVariables.allSatisfy { name, value in record.state.variable(name, from: nil).map { $0.sameJSON(as: value) } ?? false }
    }
}

/// One topic's part of an external-task lookup: its name, the definitions (by id) its filters
/// and the worker's authorizations leave, and a business key if it asks for one.
public struct ExternalTaskTopicQuery: Hashable, Sendable {
    public var topic: String
    public var definitions: ResourceScope
    public var businessKey: String?

    public init(topic: String, definitions: ResourceScope, businessKey: String?) {
        self.topic = topic
        self.definitions = definitions
        self.businessKey = businessKey
    }
}

/// Which lockable external tasks a worker gets first: with `usePriority`, the highest priority;
/// then, by `createTime`, the oldest (ascending) or newest; otherwise in creation order.
public struct ExternalTaskFetchOrder: Hashable, Sendable {
    public var usePriority: Bool
    /// Camunda's `sorting` by `createTime`: true ascending, false descending, nil not asked.
    public var createTimeAscending: Bool?

    public init(usePriority: Bool = false, createTimeAscending: Bool? = nil) {
        self.usePriority = usePriority
        self.createTimeAscending = createTimeAscending
    }
}

/// An external task locked for a worker.
public struct LockedExternalTask: Hashable, Sendable {
    public var id: String
    public var topicName: String
    public var workerID: String
    public var lockExpirationTime: Timestamp
    public var processInstanceID: String
    public var processDefinitionID: String
    public var processDefinitionKey: String
    public var activityID: String
    public var businessKey: String?
    public var retries: Int
    public var errorMessage: String?
    /// What the worker reported with the last failure.
    public var errorDetails: String?
    public var variables: [String: VariableValue]
    /// The activity instance the task belongs to (`<instance id>:<element key>`), which is also its execution.
    public var activityInstanceID: String
    public var processDefinitionVersionTag: String?
    /// The activity's `camunda:properties`, when the topic asked for them.
    public var extensionProperties: [String: String]
    public var priority: Int64 = 0
    public var createTime: Timestamp?
    public var tenantID: String?
}

extension Runtime {
    /// Locks up to `maxTasks` external tasks of `topics` for `workerID`, of the process
    /// definitions (by id) in `definitions` only (what the worker is authorized for); tasks whose
    /// lock expired are taken over.
    public func fetchAndLock(
        workerID: String, maxTasks: Int, topics: [FetchTopic], definitions: ResourceScope = .all, order: ExternalTaskFetchOrder = ExternalTaskFetchOrder()
    ) async throws -> [LockedExternalTask] {
        guard maxTasks > 0 else { return [] }
        return try await commandTransaction { transaction in
            let now = clock.now()
            var locked: [LockedExternalTask] = []
            let all = try await transaction.definitionReferences()
            let queries = topics.map { topic in
                ExternalTaskTopicQuery(topic: topic.name, definitions: topic.definitions(among: all).intersection(definitions), businessKey: topic.businessKey)
            }
            let candidates = try await transaction.lockableExternalTasks(topics: queries, at: now, limit: maxTasks, order: order)
            for candidate in candidates {
                guard let record = try await transaction.lockInstance(candidate.instanceID), let job = record.state.job(candidate.jobID),
                    case .external(let topic) = job.kind,
                    let index = topics.indices.first(where: {
                        topics[$0].name == topic && queries[$0].definitions.contains(record.definitionID) && topics[$0].admits(record)
                    })
                else { continue }
                let fetch = topics[index]
                let lock = JobLock(workerID: workerID, expiresAt: now.adding(milliseconds: max(0, fetch.lockDuration)))
                try await transaction.setLock(lock, onJob: job.id)
                let process = try await executable(record.definitionID, in: transaction)
                var variables = fetch.localVariables ? record.state.variables[job.elementKey] ?? [:] : record.state.visibleVariables(from: job.elementKey)
                if let names = fetch.variables { variables = variables.filter { names.contains($0.key) } }
                var properties: [String: String] = [:]
                if fetch.includeExtensionProperties {
                    for property in process.nodes[job.node].details.properties { properties[property.name] = property.value ?? "" }
                }
                locked.append(LockedExternalTask(
                    id: job.id, topicName: topic, workerID: workerID, lockExpirationTime: lock.expiresAt, processInstanceID: record.id,
                    processDefinitionID: record.definitionID, processDefinitionKey: record.processKey,
                    activityID: process.nodes[job.node].id.rawValue, businessKey: record.state.businessKey, retries: job.retries,
                    errorMessage: job.lastError, errorDetails: job.lastError == nil ? nil : try await transaction.errorDetails(ofJob: job.id),
                    variables: variables, activityInstanceID: "\(record.id):\(job.elementKey)",
                    processDefinitionVersionTag: process.definition.versionTag, extensionProperties: properties, priority: job.priority ?? 0,
                    createTime: job.createdAt, tenantID: record.tenantID))
            }
            return locked
        }
    }

    public func completeExternalTask(_ id: String, workerID: String, variables: [String: VariableValue] = [:]) async throws {
        try await withLockedExternalTask(id, workerID: workerID) { record, _, transaction in
            try await self.run([Pending(instanceID: record.id, command: .completeJob(jobID: id, variables: variables))], in: transaction)
        }
    }

    /// Reports a failure: `retries` left and the wait before the next fetch; at zero, an incident.
    public func handleExternalTaskFailure(
        _ id: String, workerID: String, errorMessage: String, errorDetails: String? = nil, retries: Int, retryTimeout: Int64 = 0
    ) async throws {
        guard retries >= 0 else { throw EngineError(.invalidArgument, "Expected retries to be zero or more, but they are \(retries).") }
        try await withLockedExternalTask(id, workerID: workerID) { record, _, transaction in
            let retryAt = self.clock.now().adding(milliseconds: max(0, retryTimeout))
            try await self.run(
                [Pending(instanceID: record.id, command: .failJob(jobID: id, error: errorMessage, retries: retries, retryAt: retryAt))],
                in: transaction)
            try await transaction.setLock(nil, onJob: id)
            try await transaction.setErrorDetails(errorDetails, ofJob: id)
        }
    }

    /// The error details the worker reported with the task's last failure, if any.
    public func externalTaskErrorDetails(_ id: String) async throws -> String? {
        try await store.read { transaction in
            guard try await transaction.owner(ofJob: id) != nil else {
                throw EngineError(.notFound, "Expected external task '\(id)' to exist, but it does not.")
            }
            return try await transaction.errorDetails(ofJob: id)
        }
    }

    public func handleExternalTaskBpmnError(
        _ id: String, workerID: String, errorCode: String, errorMessage: String? = nil, variables: [String: VariableValue] = [:]
    ) async throws {
        try await withLockedExternalTask(id, workerID: workerID) { record, _, transaction in
            try await self.run(
                [Pending(instanceID: record.id, command: .throwError(target: .job(id), code: errorCode, message: errorMessage, variables: variables))],
                in: transaction)
        }
    }

    public func extendLock(_ id: String, workerID: String, newDuration: Int64) async throws {
        try await withLockedExternalTask(id, workerID: workerID) { _, _, transaction in
            try await transaction.setLock(JobLock(workerID: workerID, expiresAt: self.clock.now().adding(milliseconds: max(0, newDuration))), onJob: id)
        }
    }

    public func unlock(_ id: String) async throws {
        try await commandTransaction { transaction in
            _ = try await externalTask(id, in: transaction)
            try await transaction.setLock(nil, onJob: id)
        }
    }

    /// The fetch topic that reaches external task `id` (for tools that complete one task by id).
    public func externalTopics(ofJob id: String) async throws -> [FetchTopic] {
        try await store.read { transaction in
            let (_, job) = try await externalTask(id, in: transaction)
            guard case .external(let topic) = job.kind else { return [] }
            return [FetchTopic(name: topic, lockDuration: 60_000)]
        }
    }

    private func externalTask(_ id: String, in transaction: any StoreTransaction) async throws -> (InstanceRecord, JobRecord) {
        guard let owner = try await transaction.owner(ofJob: id), let record = try await transaction.lockInstance(owner),
            let job = record.state.job(id), case .external = job.kind
        else {
            throw EngineError(.notFound, "Expected external task '\(id)' to exist, but it does not (already completed or never created).")
        }
        return (record, job)
    }

    /// Runs `body` if `workerID` holds an unexpired lock on external task `id`.
    private func withLockedExternalTask(
        _ id: String, workerID: String, _ body: @escaping (InstanceRecord, JobRecord, any StoreTransaction) async throws -> Void
    ) async throws {
        try await commandTransaction { transaction in
            let (record, job) = try await externalTask(id, in: transaction)
            guard let lock = try await transaction.lock(ofJob: id), lock.expiresAt > clock.now() else {
                throw EngineError(.conflict, "External task '\(id)' is not locked by any worker (or its lock expired); fetch and lock it first.")
            }
            guard lock.workerID == workerID else {
                throw EngineError(.conflict, "External task '\(id)' cannot be handled by worker '\(workerID)'. It is locked by worker '\(lock.workerID)'.")
            }
            try await body(record, job, transaction)
        }
    }
}
