import BatonCore
import BatonModel
import Logging
import Synchronization

/// Signals. A signal thrown by a BPMN event or `POST /signal` reaches every signal subscription
/// open when the throwing transaction commits (catch events, boundary events, event
/// subprocesses; suspended instances are passed by, as in Camunda) and starts the latest version
/// of every process with a signal start event for it.
///
/// The throwing instance's own subscriptions receive it inside the throwing command (the core
/// does that). Unlike Camunda, which delivers to every other receiver inside the throwing command
/// too, the throwing transaction only records one ``SignalDelivery`` per other receiver; each is delivered after it commits in a command and
/// transaction of its own that also deletes it. A throw therefore never locks its receivers, one
/// receiver's failure never undoes the throw, and a delivery survives a crash between the two:
/// the job worker delivers what is left.
extension Runtime {
    /// Throws signal `signal` as `POST /engine-rest/signal` does, and returns once every receiver
    /// has it. `authorize` (a process key and the permission: `UPDATE_INSTANCE` to deliver to one
    /// of its instances, `CREATE_INSTANCE` to start one) is asked for every receiver before
    /// anything is recorded; if it throws, the signal goes nowhere.
    ///
    /// With `executionID` (an instance id, or `<instance id>:<element key>` as `/execution` lists
    /// them) only that execution's subscriptions for the signal receive it, at once, in this call's
    /// transaction; starts are not triggered.
    ///
    /// Only instances and processes of the tenants in `tenants` (and that the caller reaches)
    /// receive it: Camunda's `tenantId` and `withoutTenantId`.
    public func throwSignal(
        _ signal: SignalThrow, executionID: String? = nil, tenants: TenantFilter = .any,
        authorize: (@Sendable (_ processKey: String, _ permission: String) throws -> Void)? = nil
    ) async throws {
        if let executionID {
            try await deliver(signal, toExecution: executionID, authorize: authorize)
            return
        }
        let tenants = tenants.intersection(TenantCheck.filter)
        try await commandTransaction { transaction in
            _ = try await recordDeliveries(of: signal, in: transaction, tenants: tenants, authorize: authorize)
        }
    }

    /// Records a delivery of `signal` for each of its receivers in `transaction` (but those of
    /// the instance `excluding`, which threw it and has delivered to itself); they are delivered
    /// once it commits (by the runtime call that began it, else by the job worker).
    func recordDeliveries(
        of signal: SignalThrow, in transaction: any StoreTransaction, excluding thrower: String? = nil, tenants: TenantFilter = .any,
        authorize: (@Sendable (String, String) throws -> Void)? = nil
    ) async throws -> [SignalDelivery] {
        let now = clock.now()
        var deliveries: [SignalDelivery] = []
        for receiver in try await transaction.signalReceivers(named: signal.name) where receiver.instanceID != thrower && tenants.admits(receiver.tenantID) {
            try authorize?(receiver.processKey, "UPDATE_INSTANCE")
            deliveries.append(SignalDelivery(
                id: ids.next(), signal: signal, receiver: .subscription(id: receiver.subscriptionID, instanceID: receiver.instanceID), dueAt: now))
        }
        for (definition, startEvent) in try await signalStarts(named: signal.name, in: transaction) where tenants.admits(definition.tenantID) {
            try authorize?(definition.key, "CREATE_INSTANCE")
            deliveries.append(SignalDelivery(
                id: ids.next(), signal: signal, receiver: .startEvent(definitionID: definition.id, elementID: startEvent.rawValue), dueAt: now))
        }
        try await transaction.insertSignalDeliveries(deliveries)
        SignalOutbox.current?.record(deliveries.map(\.id))
        return deliveries
    }

    /// The signal start events for `name` of the latest version of each process, unless suspended.
    private func signalStarts(named name: String, in transaction: any StoreTransaction) async throws -> [(DefinitionReference, ElementID)] {
        var starts: [(DefinitionReference, ElementID)] = []
        for definition in try await latestDefinitions(in: transaction) where !definition.suspended {
            let process = try await executable(definition.id, in: transaction)
            for start in process.root.startEvents where process.nodes[start].signalStartName == name {
                starts.append((definition, process.nodes[start].id))
            }
        }
        return starts
    }

    /// Delivers to the subscriptions of one execution (Camunda's `executionId`), in one transaction.
    private func deliver(
        _ signal: SignalThrow, toExecution executionID: String, authorize: (@Sendable (String, String) throws -> Void)?
    ) async throws {
        let execution = ExecutionID(executionID)
        let instanceID = execution.instanceID, elementKey = execution.elementKey
        try await commandTransaction { transaction in
            guard let record = try await transaction.lockInstance(instanceID), record.state.status == .active,
                !execution.namesElement || elementKey.map({ record.state.element($0) != nil }) == true
            else {
                throw EngineError(.notFound, "Cannot find execution with id '\(executionID)': execution is null")
            }
            func waiting(_ state: InstanceState) -> [SubscriptionRecord] {
                state.subscriptions.filter { $0.kind == .signal && $0.eventName == signal.name && (elementKey == nil || $0.elementKey == elementKey) }
            }
            let subscriptions = waiting(record.state)
            guard !subscriptions.isEmpty else {
                throw EngineError(.invalidArgument, "Execution '\(executionID)' has not subscribed to a signal event with name '\(signal.name)'.")
            }
            try authorize?(record.processKey, "UPDATE_INSTANCE")
            if record.state.suspended {
                throw EngineError(.suspended, "Execution with id '\(executionID)' is suspended; activate its process instance to deliver the signal.")
            }
            // An interrupting receiver may close the others.
            for subscription in subscriptions {
                guard let current = try await transaction.lockInstance(instanceID), current.state.status == .active,
                    waiting(current.state).contains(where: { $0.id == subscription.id })
                else { continue }
                try await run(
                    [Pending(instanceID: instanceID, command: .triggerSubscription(subscriptionID: subscription.id, variables: signal.variables))],
                    in: transaction)
            }
        }
    }

    /// Delivers the recorded deliveries that are due: those a crash left behind, those another
    /// node's call has not taken yet, and failed ones whose retry time has come. Returns how many
    /// were delivered.
    @discardableResult
    public func deliverDueSignals(limit: Int = 100) async throws -> Int {
        let due = try await store.read { try await $0.dueSignalDeliveries(at: clock.now(), limit: max(1, limit)) }
        guard !due.isEmpty else { return 0 }
        let outbox = SignalOutbox()
        outbox.record(due)
        return await SignalOutbox.$current.withValue(outbox) { await deliverSignals(recordedIn: outbox) }
    }

    /// Delivers `id` in a transaction of its own, deleting it there; returns false when there was
    /// nothing to do (delivered already, or being delivered by another transaction) or the
    /// delivery failed, which is then recorded and tried again later.
    func deliverSignal(_ id: String) async throws -> Bool {
        do {
            return try await store.transaction { transaction in
                guard let delivery = try await transaction.lockSignalDelivery(id) else { return false }
                try await transaction.deleteSignalDelivery(id)
                switch delivery.receiver {
                case .subscription(let subscriptionID, let instanceID):
                    // Ended, suspended or moved on since the throw: nothing waits for it any more.
                    guard let record = try await transaction.lockInstance(instanceID), record.state.status == .active, !record.state.suspended,
                        record.state.subscription(subscriptionID) != nil
                    else { return true }
                    try await run(
                        [Pending(instanceID: instanceID, command: .triggerSubscription(subscriptionID: subscriptionID, variables: delivery.signal.variables))],
                        in: transaction)
                case .startEvent(let definitionID, let elementID):
                    // Deleted or suspended since the throw: it starts nothing.
                    guard let definition = try await transaction.definition(id: definitionID), !definition.suspended else { return true }
                    _ = try await start(
                        DefinitionReference(definition), startEvent: ElementID(elementID),
                        businessKey: delivery.signal.businessKey, variables: delivery.signal.variables, in: transaction)
                }
                return true
            }
        } catch {
            try await postponeSignalDelivery(id, after: error)
            return false
        }
    }

    /// A failed delivery stays, to be tried again after a pause that doubles with each attempt
    /// (at most an hour): an operator can fix the receiver meanwhile, and a receiver that ends or
    /// moves on lets it go.
    private func postponeSignalDelivery(_ id: String, after error: any Error) async throws {
        let message = (error as? EngineError)?.message ?? "\(error)"
        let attempts = try await store.transaction { transaction -> Int? in
            guard let delivery = try await transaction.lockSignalDelivery(id) else { return nil }
            let attempts = delivery.attempts + 1
            let pause = Int64(RetryPause.seconds(afterAttempt: attempts)) * 1_000
            try await transaction.postponeSignalDelivery(id, until: clock.now().adding(milliseconds: pause), attempts: attempts, error: message)
            return attempts
        }
        guard let attempts else { return }
        logger.warning(
            "signal delivery failed", metadata: ["delivery": "\(id)", "attempts": "\(attempts)", "error": "\(message)"])
    }

    /// One store transaction for commands an adapter runs together with writes of its own (see
    /// ``start(processKey:businessKey:variables:in:)``): signals thrown in it are delivered once it
    /// commits, before this returns.
    public func transaction<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        try await commandTransaction(body)
    }

    /// A store transaction for a runtime call: the signals its commands throw are delivered after
    /// it commits and before this returns, so a caller sees what its signal did. Nested calls (a
    /// delivery's own commands) leave delivery to the outermost one.
    func commandTransaction<T: Sendable>(_ body: (any StoreTransaction) async throws -> T) async throws -> T {
        if SignalOutbox.current != nil { return try await store.transaction(body) }
        let outbox = SignalOutbox()
        return try await SignalOutbox.$current.withValue(outbox) {
            let result = try await store.transaction(body)
            // Whom a signal reaches was decided as it was thrown (a checked caller's within their
            // tenants); delivering it is the engine's work.
            await TenantCheck.$tenantIDs.withValue(nil) { await deliverSignals(recordedIn: outbox) }
            return result
        }
    }

    /// Delivers what `outbox` recorded, and what those deliveries throw in turn, up to a bound:
    /// signals that keep throwing each other end up with the job worker rather than in one call.
    /// Returns how many were delivered.
    @discardableResult
    private func deliverSignals(recordedIn outbox: SignalOutbox) async -> Int {
        var attempted = 0, delivered = 0
        while attempted < 10_000, case let ids = outbox.take(), !ids.isEmpty {
            for id in ids {
                attempted += 1
                do {
                    if try await deliverSignal(id) { delivered += 1 }
                } catch {
                    logger.warning("signal delivery left to the job worker", metadata: ["delivery": "\(id)", "error": "\(error)"])
                }
            }
        }
        return delivered
    }
}

/// The signal deliveries recorded by one runtime call's transactions, for that call to deliver.
final class SignalOutbox: Sendable {
    @TaskLocal static var current: SignalOutbox?
    private let ids = Mutex<[String]>([])

    func record(_ new: [String]) { ids.withLock { $0 += new } }

    func take() -> [String] {
        ids.withLock { ids in
            defer { ids.removeAll() }
            return ids
        }
    }
}

extension ExecutableNode {
    /// The signal a start event starts on. A name with `${…}` is resolved without variables (none
    /// exist before the instance), as Camunda resolves it, so only constant expressions match.
    var signalStartName: String? {
        guard case .startEvent = kind, let name = signalName else { return nil }
        guard let expression = signalNameExpression else { return name }
        return (try? ExpressionEvaluator.evaluate(expression, in: VariableDictionary([:]))).map(ExpressionEvaluator.text)
    }
}
