import BatonCore
import BatonModel

/// What to match a message against: at least its name; optionally an instance, a business key
/// and variables that must all equal.
public struct MessageCorrelation: Sendable {
    public var messageName: String
    public var businessKey: String?
    public var processInstanceID: String?
    public var correlationKeys: [String: VariableValue]
    public var variables: [String: VariableValue]
    /// Deliver to every match instead of requiring exactly one.
    public var all: Bool
    /// How long a message that matches nothing waits for a subscription that matches it (Baton's
    /// `ttl`); nil: it is refused, as in Camunda.
    public var timeToLive: ISODuration?
    /// The tenants whose instances and processes may receive it (Camunda's `tenantId` and
    /// `withoutTenantId`).
    public var tenants: TenantFilter = .any

    public init(
        messageName: String, businessKey: String? = nil, processInstanceID: String? = nil,
        correlationKeys: [String: VariableValue] = [:], variables: [String: VariableValue] = [:], all: Bool = false, timeToLive: ISODuration? = nil,
        tenants: TenantFilter = .any
    ) {
        self.timeToLive = timeToLive
        self.tenants = tenants
        self.messageName = messageName
        self.businessKey = businessKey
        self.processInstanceID = processInstanceID
        self.correlationKeys = correlationKeys
        self.variables = variables
        self.all = all
    }
}

/// Where a correlated message went.
public struct CorrelationResult: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case execution, processDefinition }
    public var kind: Kind
    public var processInstanceID: String

    public init(kind: Kind, processInstanceID: String) {
        self.kind = kind
        self.processInstanceID = processInstanceID
    }
}

extension Runtime {
    /// Starts an instance of the latest version of `processKey` in tenant `tenantID` (nil: the
    /// version of no tenant, as Camunda's REST API resolves a key), or of definition `definitionID`.
    public func start(
        processKey: String? = nil, definitionID: String? = nil, tenantID: String? = nil, businessKey: String? = nil,
        variables: [String: VariableValue] = [:], instructions: [ModificationInstruction] = [], skipCustomListeners: Bool = false,
        skipIoMappings: Bool = false
    ) async throws -> ProcessInstanceInfo {
        try await commandTransaction { transaction in
            let definition = try await resolveDefinition(key: processKey, id: definitionID, tenantID: tenantID, in: transaction)
            return try await start(
                definition, startEvent: nil, businessKey: businessKey, variables: variables, instructions: instructions,
                skipCustomListeners: skipCustomListeners, skipIoMappings: skipIoMappings, in: transaction)
        }
    }

    /// Starts the latest version of `processKey` inside `transaction` (one of ``transaction(_:)``),
    /// so that what the caller writes there commits with the start or not at all.
    public func start(
        processKey: String, businessKey: String?, variables: [String: VariableValue], in transaction: any StoreTransaction
    ) async throws -> ProcessInstanceInfo {
        let definition = try await resolveDefinition(key: processKey, id: nil, tenantID: nil, in: transaction)
        return try await start(definition, startEvent: nil, businessKey: businessKey, variables: variables, in: transaction)
    }

    /// The definition to start: by id, or the latest version of a key in a tenant (without reading
    /// its XML, which the compiled-definition cache already holds). A caller under the tenant check
    /// starts nothing of another tenant.
    func resolveDefinition(key: String?, id: String?, tenantID: String?, in transaction: any StoreTransaction) async throws -> DefinitionReference {
        let definition: DefinitionReference
        if let id {
            guard let record = try await transaction.definition(id: id), TenantCheck.filter.admits(record.tenantID) else {
                throw EngineError(.notFound, "Expected process definition '\(id)' to exist, but it does not.")
            }
            definition = DefinitionReference(record)
        } else {
            guard let key else { throw EngineError(.invalidArgument, "Expected a process definition key or id, but neither was given.") }
            guard let latest = try await transaction.latestDefinition(key: key, tenantID: tenantID), TenantCheck.filter.admits(tenantID) else {
                let tenant = tenantID.map { " in tenant '\($0)'" } ?? ""
                throw EngineError(.notFound, "Expected a deployed process with key '\(key)'\(tenant), but there is none.")
            }
            definition = latest
        }
        try Self.requireStartable(definition)
        return definition
    }

    /// A suspended definition starts no instance, as in Camunda.
    static func requireStartable(_ definition: DefinitionReference) throws {
        guard definition.suspended else { return }
        throw EngineError(
            .suspended,
            "Expected process definition '\(definition.id)' to be active, but it is suspended; no instance of it can start until it is activated.")
    }

    /// Starts an instance of `definition`: at `startEvent` (nil: its initial one), or where the
    /// starting `instructions` say when there are any.
    func start(
        _ definition: DefinitionReference, startEvent: ElementID?, businessKey: String?, variables: [String: VariableValue],
        instructions: [ModificationInstruction] = [], skipCustomListeners: Bool = false, skipIoMappings: Bool = false,
        in transaction: any StoreTransaction
    ) async throws -> ProcessInstanceInfo {
        let id = ids.next()
        try await transaction.insertInstance(InstanceRecord(
            state: InstanceState(instanceID: id), definitionID: definition.id, processKey: definition.key, startedAt: clock.now(), endedAt: nil,
            tenantID: definition.tenantID))
        let command: Command = instructions.isEmpty
            ? .start(businessKey: businessKey, variables: variables, startEvent: startEvent, parent: nil)
            : .startAt(businessKey: businessKey, variables: variables, instructions: instructions)
        let outcome = try await run(
            [Pending(instanceID: id, command: command, skipCustomListeners: skipCustomListeners, skipIoMappings: skipIoMappings)], in: transaction)
        guard let record = outcome.instances[id] else {
            throw EngineError(.notFound, "Expected instance '\(id)' to exist after starting it, but it does not.")
        }
        return ProcessInstanceInfo(record)
    }

    public func instance(_ id: String) async throws -> ProcessInstanceInfo {
        var info = try await store.read { transaction in
            // A checked caller finds no instance of another tenant, on either store.
            guard let record = try await transaction.lockInstance(id), TenantCheck.filter.admits(record.tenantID) else {
                throw EngineError(.notFound, "Expected process instance '\(id)' to exist, but it does not.")
            }
            return ProcessInstanceInfo(record)
        }
        // A called instance's root comes from the query side, which walks the callers' rows
        // (rather than reading each caller's state, or replaying an ended one's events).
        if info.superInstanceID != nil, let listed = try await store.list(ProcessInstanceQuery(lifecycle: .any, ids: [id]), page: .all).first {
            info.rootInstanceID = listed.rootInstanceID
        }
        return info
    }

    /// Instances matching `query`, in its order, one page of them.
    public func instances(_ query: ProcessInstanceQuery = ProcessInstanceQuery(), page: Page = .all) async throws -> [ProcessInstanceInfo] {
        try await store.list(query, page: page)
    }

    public func count(_ query: ProcessInstanceQuery) async throws -> Int { try await store.count(query) }

    /// Moves on the receive task waiting as execution `executionID` (`<instance id>:<key>`, or
    /// the instance's id when exactly one receive task waits in it), with `variables` set first.
    public func signal(executionID: String, variables: [String: VariableValue] = [:]) async throws {
        let execution = ExecutionID(executionID)
        let instanceID = execution.instanceID
        try await commandTransaction { transaction in
            guard let record = try await transaction.lockInstance(instanceID), record.state.status == .active else {
                throw EngineError(.notFound, "Expected execution '\(executionID)' to exist, but it does not.")
            }
            let key: ElementKey
            if let given = execution.elementKey {
                key = given
            } else {
                let process = try await executable(record.definitionID, in: transaction)
                let waiting = record.state.elements.filter { if case .receiveTask = process.nodes[$0.node].kind { true } else { false } }
                guard waiting.count == 1, let only = waiting.first else {
                    throw EngineError(
                        .invalidArgument,
                        "Expected one receive task to wait in process instance '\(instanceID)', but \(waiting.count) do; signal one of its executions (GET /execution?processInstanceId=\(instanceID)).")
                }
                key = only.key
            }
            _ = try await run([Pending(instanceID: record.id, command: .signal(elementKey: key, variables: variables))], in: transaction)
        }
    }

    /// Cancels an active instance (and the instances it called).
    /// Cancels a running instance; its listeners are notified unless `skipCustomListeners`.
    /// Cancels a running instance and, unless `skipSubprocesses`, the instances its call
    /// activities called (theirs in turn); skipped ones run on, no longer waited for.
    public func cancel(
        _ instanceID: String, reason: String = "Cancelled through the API", skipCustomListeners: Bool = false, skipSubprocesses: Bool = false
    ) async throws {
        try await commandTransaction { transaction in
            let pending = Pending(
                instanceID: instanceID, command: .cancel(reason: reason), skipCustomListeners: skipCustomListeners, skipSubprocesses: skipSubprocesses)
            _ = try await run([pending], in: transaction)
        }
    }

    /// Repairs a running instance (Camunda's process instance modification): the instructions run
    /// in order in one command; with nothing left running, the instance ends as cancelled.
    public func modify(
        _ instanceID: String, instructions: [ModificationInstruction], skipCustomListeners: Bool = false, skipIoMappings: Bool = false
    ) async throws {
        try await commandTransaction { transaction in
            let pending = Pending(
                instanceID: instanceID, command: .modify(instructions), skipCustomListeners: skipCustomListeners, skipIoMappings: skipIoMappings)
            _ = try await run([pending], in: transaction)
        }
    }

    /// Suspends (true) or activates (false) a running instance: while suspended, its tasks cannot
    /// be claimed or completed, its jobs and external tasks are not acquired and messages pass it
    /// by. Doing it twice changes nothing.
    public func setSuspended(_ instanceID: String, _ suspended: Bool) async throws {
        try await commandTransaction { transaction in
            _ = try await run([Pending(instanceID: instanceID, command: .setSuspended(suspended))], in: transaction)
        }
    }

    /// Suspends or activates every running instance of a definition (by id, or every version of a
    /// key), each in a command of its own: one that ends meanwhile is passed by. Returns how many
    /// changed. Instances are taken a page at a time: each page leaves the query (it is suspended
    /// or activated now, or it ended), so the next one starts at the front again, and a
    /// definition with millions of instances is never held in memory at once.
    @discardableResult
    public func setSuspended(_ suspended: Bool, instancesOf query: ProcessInstanceQuery) async throws -> Int {
        var query = query
        query.lifecycle = .running
        query.suspended = !suspended
        query.sorting = [Sorting(.instanceId)]
        var changed = 0
        var seen: Set<String> = []
        while true {
            // An instance met again (its row and state disagreeing) ends the loop rather than spinning.
            let page = try await instances(query, page: Page(firstResult: 0, maxResults: 500)).filter { seen.insert($0.id).inserted }
            if page.isEmpty { return changed }
            for instance in page {
                do {
                    try await setSuspended(instance.id, suspended)
                    changed += 1
                } catch let error as EngineError where error.kind == .conflict || error.kind == .notFound {
                    continue  // ended since it was listed
                }
            }
        }
    }

    /// The instance's process-level variables, sorted by name.
    public func variables(of instanceID: String) async throws -> [(name: String, value: VariableValue)] {
        try await store.read { transaction in
            guard let record = try await transaction.lockInstance(instanceID) else {
                throw EngineError(.notFound, "Expected process instance '\(instanceID)' to exist, but it does not.")
            }
            return record.state.visibleVariables(from: nil).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }

    /// Sets process-level variables (creating or updating them; history keeps every earlier value).
    public func setVariables(of instanceID: String, _ variables: [String: VariableValue]) async throws {
        try await updateVariables(of: instanceID, set: variables, remove: [])
    }

    /// Sets `set` and then removes `remove` (each from the scope that holds it; a name none holds
    /// is passed by), in one command each and one transaction: both happen or neither, as
    /// Camunda's `modifications` and `deletions`. History keeps the values removed variables had.
    public func updateVariables(of instanceID: String, set: [String: VariableValue], remove: [String]) async throws {
        var commands: [Pending] = []
        if !set.isEmpty { commands.append(Pending(instanceID: instanceID, command: .setVariables(scope: nil, variables: set, local: false))) }
        if !remove.isEmpty { commands.append(Pending(instanceID: instanceID, command: .removeVariables(scope: nil, names: remove, local: false))) }
        if commands.isEmpty { commands.append(Pending(instanceID: instanceID, command: .setVariables(scope: nil, variables: [:], local: false))) }
        try await commandTransaction { transaction in
            _ = try await run(commands, in: transaction)
        }
    }

    /// Delivers a message: to waiting subscriptions that match (suspended instances are passed
    /// by), else by starting a process whose message start event waits for it. A message that
    /// matches nothing is an error, never lost silently, unless it has a time to live: then it
    /// waits that long for a matching subscription (``buffer(_:for:in:)``) and the result is
    /// empty. One that matches several when `all` is off is an error. `authorize` (a process definition key and the permission the delivery needs:
    /// `UPDATE_INSTANCE`, or `CREATE_INSTANCE` for a message start) is asked on each locked target
    /// before anything changes; if it throws, nothing is delivered.
    @discardableResult
    public func correlate(
        _ correlation: MessageCorrelation, authorize: (@Sendable (_ processKey: String, _ permission: String) throws -> Void)? = nil
    ) async throws -> [CorrelationResult] {
        let tenants = correlation.tenants.intersection(TenantCheck.filter)
        return try await commandTransaction { transaction in
            var matches: [(subscriptionID: String, instanceID: String)] = []
            for candidate in try await transaction.subscriptions(.message, named: correlation.messageName) {
                // A suspended instance is not there for messages, as in Camunda.
                guard let record = try await transaction.lockInstance(candidate.instanceID), record.state.status == .active, !record.state.suspended,
                    tenants.admits(record.tenantID)
                else { continue }
                if let id = correlation.processInstanceID, id != record.id { continue }
                if let key = correlation.businessKey, key != record.state.businessKey { continue }
                let root = record.state.visibleVariables(from: nil)
                if correlation.correlationKeys.contains(where: { root[$0.key] != $0.value }) { continue }
                matches.append(candidate)
            }
            if matches.count > 1, !correlation.all {
                throw EngineError(
                    .correlationFailed,
                    "Cannot correlate message '\(correlation.messageName)': \(matches.count) executions match the correlation keys. Should be one or zero.")
            }
            if !matches.isEmpty {
                for match in matches {
                    if let authorize, let record = try await transaction.lockInstance(match.instanceID) { try authorize(record.processKey, "UPDATE_INSTANCE") }
                }
                for match in matches {
                    try await run(
                        [Pending(instanceID: match.instanceID, command: .triggerSubscription(subscriptionID: match.subscriptionID, variables: correlation.variables))],
                        in: transaction)
                }
                return matches.map { CorrelationResult(kind: .execution, processInstanceID: $0.instanceID) }
            }
            if correlation.processInstanceID == nil, correlation.correlationKeys.isEmpty,
                let (definition, startEvent) = try await messageStart(named: correlation.messageName, tenants: tenants, in: transaction)
            {
                try authorize?(definition.key, "CREATE_INSTANCE")
                let started = try await start(
                    definition, startEvent: startEvent, businessKey: correlation.businessKey, variables: correlation.variables, in: transaction)
                return [CorrelationResult(kind: .processDefinition, processInstanceID: started.id)]
            }
            if let ttl = correlation.timeToLive {
                try await buffer(correlation, for: ttl, in: transaction)
                return []
            }
            throw EngineError(
                .correlationFailed,
                "Cannot correlate message '\(correlation.messageName)': No process definition or execution matches the parameters.")
        }
    }
}
