import BatonModel

/// The runtime state of one process instance: what is waiting now, its variables, its tasks,
/// jobs, subscriptions and incidents.
///
/// Every property is read-only outside this file: state changes only by ``apply(_:)``, one event
/// at a time, so applying an instance's recorded events to ``init(instanceID:)`` rebuilds it
/// exactly (the replay test relies on this).
public struct InstanceState: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
        case active, completed, terminated
    }

    public private(set) var instanceID: String
    public private(set) var businessKey: String?
    public private(set) var parent: ParentLink?
    /// The signed-in user whose command started the instance.
    public private(set) var startUserID: String?
    public private(set) var status: Status = .active
    /// Suspended by an operator: nothing moves until it is activated (see ``Command/setSuspended(_:)``).
    public private(set) var suspended = false
    /// The next element-instance key; part of the state so replay reproduces keys.
    public private(set) var nextKey: ElementKey = 1
    /// Active element instances, ordered by key (creation order).
    public private(set) var elements: [ElementInstance] = []
    /// Variables by scope: nil is the process instance, otherwise an element instance's local scope.
    public private(set) var variables: [ElementKey?: [String: VariableValue]] = [:]
    public private(set) var tasks: [UserTaskRecord] = []
    public private(set) var jobs: [JobRecord] = []
    public private(set) var subscriptions: [SubscriptionRecord] = []
    public private(set) var incidents: [IncidentRecord] = []
    public private(set) var joins: [JoinRecord] = []
    /// What compensation could undo, in the order the activities completed.
    public private(set) var compensations: [CompensationRecord] = []

    public init(instanceID: String) { self.instanceID = instanceID }

    /// Rebuilds an instance's state from its recorded events.
    public init(replaying events: [InstanceEvent], instanceID: String) {
        self.init(instanceID: instanceID)
        for event in events { apply(event) }
    }

    // MARK: - Persistence

    /// The version of the persisted form below. Bump it (and migrate old forms when decoding) if
    /// the form ever changes; once written, a version's meaning never changes. Version 2 names
    /// elements by id (see ``ElementTable``); version 1 stored their positions, which still read.
    public static let schemaVersion = 2

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, instanceID, businessKey, parent, startUserID, status, suspended, nextKey, elements, variables, tasks, jobs, subscriptions, incidents, joins,
            compensations
    }

    /// A variable in the persisted form: its scope (nil: the process), name and typed value.
    private struct StoredVariable: Codable {
        var scope: ElementKey?
        var name: String
        var value: VariableValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .schemaVersion)
        guard (1...Self.schemaVersion).contains(version) else {
            throw DecodingError.dataCorruptedError(
                forKey: .schemaVersion, in: container, debugDescription: "Expected instance state version 1 to \(Self.schemaVersion), but it is \(version).")
        }
        instanceID = try container.decode(String.self, forKey: .instanceID)
        businessKey = try container.decodeIfPresent(String.self, forKey: .businessKey)
        parent = try container.decodeIfPresent(ParentLink.self, forKey: .parent)
        startUserID = try container.decodeIfPresent(String.self, forKey: .startUserID)
        status = try container.decode(Status.self, forKey: .status)
        suspended = try container.decodeIfPresent(Bool.self, forKey: .suspended) ?? false
        nextKey = try container.decode(ElementKey.self, forKey: .nextKey)
        elements = try container.decode([ElementInstance].self, forKey: .elements)
        for variable in try container.decode([StoredVariable].self, forKey: .variables) {
            variables[variable.scope, default: [:]][variable.name] = variable.value
        }
        tasks = try container.decode([UserTaskRecord].self, forKey: .tasks)
        jobs = try container.decode([JobRecord].self, forKey: .jobs)
        subscriptions = try container.decode([SubscriptionRecord].self, forKey: .subscriptions)
        incidents = try container.decode([IncidentRecord].self, forKey: .incidents)
        joins = try container.decode([JoinRecord].self, forKey: .joins)
        compensations = try container.decodeIfPresent([CompensationRecord].self, forKey: .compensations) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(instanceID, forKey: .instanceID)
        try container.encodeIfPresent(businessKey, forKey: .businessKey)
        try container.encodeIfPresent(parent, forKey: .parent)
        try container.encodeIfPresent(startUserID, forKey: .startUserID)
        try container.encode(status, forKey: .status)
        // Stored only when set: almost no instance is ever suspended.
        if suspended { try container.encode(true, forKey: .suspended) }
        try container.encode(nextKey, forKey: .nextKey)
        try container.encode(elements, forKey: .elements)
        // Scopes in key order (the process first), names sorted: equal states encode identically.
        let scopes = variables.keys.sorted { ($0 ?? 0) < ($1 ?? 0) }
        let stored = scopes.flatMap { scope in
            (variables[scope] ?? [:]).keys.sorted().map { StoredVariable(scope: scope, name: $0, value: variables[scope]![$0]!) }
        }
        try container.encode(stored, forKey: .variables)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(jobs, forKey: .jobs)
        try container.encode(subscriptions, forKey: .subscriptions)
        try container.encode(incidents, forKey: .incidents)
        try container.encode(joins, forKey: .joins)
        // Stored only when there are some: most processes have no compensation.
        if !compensations.isEmpty { try container.encode(compensations, forKey: .compensations) }
    }

    // MARK: - Lookups

    public func element(_ key: ElementKey) -> ElementInstance? {
        position(of: key).map { elements[$0] }
    }

    /// The direct children of scope `scope` (nil: the process), in creation order.
    public func children(of scope: ElementKey?) -> [ElementInstance] { elements.filter { $0.scope == scope } }

    public func task(_ id: String) -> UserTaskRecord? { tasks.first { $0.id == id } }
    public func job(_ id: String) -> JobRecord? { jobs.first { $0.id == id } }
    public func subscription(_ id: String) -> SubscriptionRecord? { subscriptions.first { $0.id == id } }

    /// A variable visible from `scope`: its own local scope first, then each enclosing scope.
    public func variable(_ name: String, from scope: ElementKey?) -> VariableValue? {
        var current = scope
        while let key = current {
            if let value = variables[key]?[name] { return value }
            current = element(key)?.scope
        }
        return variables[nil]?[name]
    }

    /// The scope a variable set from `scope` lands in: the nearest scope that already has it,
    /// else the process instance (Camunda's `setVariable`).
    public func owningScope(of name: String, from scope: ElementKey?) -> ElementKey? {
        var current = scope
        while let key = current {
            if variables[key]?[name] != nil { return key }
            current = element(key)?.scope
        }
        return nil
    }

    /// All variables visible from `scope`, inner scopes shadowing outer ones.
    public func visibleVariables(from scope: ElementKey?) -> [String: VariableValue] {
        var chain: [ElementKey?] = [nil]
        var current = scope
        var inner: [ElementKey] = []
        while let key = current {
            inner.append(key)
            current = element(key)?.scope
        }
        chain += inner.reversed().map { Optional($0) }
        var result: [String: VariableValue] = [:]
        for key in chain { result.merge(variables[key] ?? [:]) { _, new in new } }
        return result
    }

    private func position(of key: ElementKey) -> Int? {
        var low = 0, high = elements.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if elements[middle].key == key { return middle }
            if elements[middle].key < key { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    // MARK: - Applying events

    /// Applies one event. The only mutation path of the state.
    public mutating func apply(_ event: InstanceEvent) {
        switch event {
        case .instanceStarted(let instanceID, let businessKey, let parent, let startUserID):
            self.instanceID = instanceID
            self.businessKey = businessKey
            self.parent = parent
            self.startUserID = startUserID
            status = .active
        case .elementActivated(let instance):
            elements.append(instance)
            nextKey = max(nextKey, instance.key + 1)
        case .elementCompleted(let key), .elementTerminated(let key):
            if let index = position(of: key) { elements.remove(at: index) }
            variables[key] = nil
            joins.removeAll { $0.scope == key }
        case .sequenceFlowTaken:
            break
        case .variableSet(let scope, let name, let value):
            variables[scope, default: [:]][name] = value
        case .variableRemoved(let scope, let name):
            variables[scope]?[name] = nil
            if variables[scope]?.isEmpty == true { variables[scope] = nil }
        case .joinTokenArrived(let gateway, let scope, let flow):
            if let index = joins.firstIndex(where: { $0.gateway == gateway.wrappedValue && $0.scope == scope }) {
                joins[index].arrivals.append(flow.wrappedValue)
            } else {
                joins.append(JoinRecord(gateway: gateway.wrappedValue, scope: scope, arrivals: [flow.wrappedValue]))
            }
        case .joinFired(let gateway, let scope, let consumed):
            if let index = joins.firstIndex(where: { $0.gateway == gateway.wrappedValue && $0.scope == scope }) {
                for position in consumed.sorted(by: >) { joins[index].arrivals.remove(at: position) }
                if joins[index].arrivals.isEmpty { joins.remove(at: index) }
            }
        case .userTaskCreated(let task):
            tasks.append(task)
        case .userTaskAssigned(let id, let assignee):
            if let index = tasks.firstIndex(where: { $0.id == id }) { tasks[index].assignee = assignee }
        case .userTaskDelegated(let id, let owner, let assignee):
            if let index = tasks.firstIndex(where: { $0.id == id }) {
                tasks[index].owner = owner
                tasks[index].assignee = assignee
                tasks[index].delegationState = .pending
            }
        case .userTaskUpdated(let update):
            if let index = tasks.firstIndex(where: { $0.id == update.taskID }) { tasks[index].apply(update) }
        case .userTaskResolved(let id):
            if let index = tasks.firstIndex(where: { $0.id == id }) {
                tasks[index].assignee = tasks[index].owner
                tasks[index].delegationState = .resolved
            }
        case .userTaskCandidatesAdded(let id, let users, let groups):
            if let index = tasks.firstIndex(where: { $0.id == id }) {
                for user in users where !tasks[index].candidateUsers.contains(user) { tasks[index].candidateUsers.append(user) }
                for group in groups where !tasks[index].candidateGroups.contains(group) { tasks[index].candidateGroups.append(group) }
            }
        case .userTaskCandidatesRemoved(let id, let users, let groups):
            if let index = tasks.firstIndex(where: { $0.id == id }) {
                tasks[index].candidateUsers.removeAll { users.contains($0) }
                tasks[index].candidateGroups.removeAll { groups.contains($0) }
            }
        case .userTaskCompleted(let id, _), .userTaskCanceled(let id):
            tasks.removeAll { $0.id == id }
        case .jobCreated(let job):
            jobs.append(job)
        case .jobFailed(let id, let retries, let dueAt, let error):
            if let index = jobs.firstIndex(where: { $0.id == id }) {
                jobs[index].retries = retries
                jobs[index].dueAt = dueAt
                jobs[index].lastError = error
                jobs[index].synchronous = false
            }
        case .jobRetriesSet(let id, let retries):
            if let index = jobs.firstIndex(where: { $0.id == id }) {
                jobs[index].retries = retries
                jobs[index].dueAt = nil
            }
        case .jobPrioritySet(let id, let priority):
            if let index = jobs.firstIndex(where: { $0.id == id }) { jobs[index].priority = priority }
        case .jobCompleted(let id), .jobCanceled(let id):
            jobs.removeAll { $0.id == id }
        case .subscriptionOpened(let subscription):
            subscriptions.append(subscription)
        case .subscriptionClosed(let id):
            subscriptions.removeAll { $0.id == id }
        case .incidentCreated(let incident):
            incidents.append(incident)
        case .incidentResolved(let id), .incidentDeleted(let id):
            incidents.removeAll { $0.id == id }
        case .childInstanceRequested, .errorPropagated, .escalationPropagated, .signalThrown, .instanceMigrated:
            break
        case .instanceMovedToVersion(_, _, let state):
            self = state
        case .compensationRecorded(let record):
            compensations.append(record)
            nextKey = max(nextKey, record.id + 1)
        case .compensationRemoved(let id):
            compensations.removeAll { $0.id == id }
        case .instanceCompleted:
            status = .completed
        case .instanceTerminated:
            status = .terminated
        case .suspensionChanged(let suspended):
            self.suspended = suspended
        }
    }
}

// In this file: the setters are private to it.
extension InstanceState {
    /// This state with node and flow positions mapped (a migration to another definition).
    func remapped(node: (Int) -> Int, flow: (Int) -> Int) -> InstanceState {
        func target(_ target: EventTarget) -> EventTarget {
            switch target {
            case .catchEvent, .taskListener: target
            case .boundary(let position): .boundary(NodePosition(node(position.wrappedValue)))
            case .eventSubProcess(let position): .eventSubProcess(NodePosition(node(position.wrappedValue)))
            }
        }
        var copy = self
        copy.elements = elements.map { var element = $0; element.node = node(element.node); return element }
        copy.tasks = tasks.map { var task = $0; task.node = node(task.node); return task }
        copy.jobs = jobs.map { job in
            var moved = job
            moved.node = node(job.node)
            if case .timer(var timer) = job.kind {
                timer.target = target(timer.target)
                moved.kind = .timer(timer)
            }
            return moved
        }
        copy.subscriptions = subscriptions.map { var subscription = $0; subscription.node = node(subscription.node); subscription.target = target(subscription.target); return subscription }
        copy.incidents = incidents.map { var incident = $0; incident.node = node(incident.node); return incident }
        copy.joins = joins.map { var join = $0; join.gateway = node(join.gateway); join.arrivals = join.arrivals.map(flow); return join }
        copy.compensations = compensations.map { record in
            var moved = record
            moved.activity = node(record.activity)
            if case .handler(let handler) = record.undo { moved.undo = .handler(NodePosition(node(handler.wrappedValue))) }
            return moved
        }
        return copy
    }
}
