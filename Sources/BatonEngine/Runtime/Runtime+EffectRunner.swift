import BatonCore
import BatonModel

/// The effect runner: what the runtime shell does between steps for a decided command (Swift
/// handlers, called instances, errors and returns across call activities, cascading
/// cancellation), turned into the next commands.
extension Runtime {
    /// What a decided command asks the runtime shell to do next, as commands in this same
    /// transaction: synchronous handlers' results, called instances' starts, BPMN errors handed
    /// to the calling instance, a called instance's return to its call activity, the
    /// cancellation of instances whose call activity was terminated, and the recorded deliveries
    /// of thrown signals. A caller that has ended meanwhile (its delete skipped the instances it
    /// called) is told nothing: nothing waits for the called instance any more.
    func followUps(of decided: Decided, cancellingCalledInstances: Bool = true, in transaction: any StoreTransaction) async throws -> [Pending] {
        let record = decided.record
        var next: [Pending] = []
        for effect in decided.transition.effects {
            switch effect {
            case .createJob(let job) where job.synchronous:
                if case .handler(let name) = job.kind {
                    next += try await invoke(handler: name, job: job, record: record, process: decided.process)
                }
            case .startChildInstance(let request):
                next.append(try await startChild(request, parent: record, in: transaction))
            case .propagateErrorToParent(let code, let message):
                if let parent = try await runningCaller(of: record, in: transaction) {
                    next.append(Pending(
                        instanceID: parent.instanceID,
                        command: .throwError(target: .element(parent.elementKey), code: code, message: message, variables: [:])))
                }
            case .propagateEscalationToParent(let code):
                if let parent = try await runningCaller(of: record, in: transaction) {
                    next.append(Pending(instanceID: parent.instanceID, command: .escalateFromCalledInstance(elementKey: parent.elementKey, code: code)))
                }
            case .openSubscription(let subscription):
                if let delivery = try await bufferedDelivery(to: subscription, of: record, in: transaction) { next.append(delivery) }
            case .broadcastSignal(let signal):
                // The thrower's own subscriptions had it in its command; other instances get it in
                // commands of their own once this transaction commits.
                _ = try await recordDeliveries(of: signal, in: transaction, excluding: record.id)
            default:
                break
            }
        }
        if decided.wasActive, record.state.status == .completed, let parent = try await runningCaller(of: record, in: transaction) {
            next.append(Pending(
                instanceID: parent.instanceID,
                command: .completeCallActivity(elementKey: parent.elementKey, variables: record.state.visibleVariables(from: nil))))
        }
        for case .elementTerminated(let key) in decided.transition.events where cancellingCalledInstances {
            if let child = try await transaction.calledInstance(parent: record.id, elementKey: key),
                let childRecord = try await transaction.lockInstance(child), childRecord.state.status == .active
            {
                next.append(Pending(instanceID: child, command: .cancel(reason: "Its call activity in instance '\(record.id)' was terminated.")))
            }
        }
        return next
    }

    /// The link to the instance that called `record`, while that instance still runs.
    private func runningCaller(of record: InstanceRecord, in transaction: any StoreTransaction) async throws -> ParentLink? {
        guard let parent = record.state.parent, let caller = try await transaction.lockInstance(parent.instanceID), caller.state.status == .active else {
            return nil
        }
        return parent
    }

    /// Runs a Swift handler for a job and turns its outcome into the next commands: the task
    /// changes it asked for, then the job's completion (or its BPMN error). A technical failure
    /// throws, rolling back the caller's command (or failing its job when async).
    func invoke(handler name: String, job: JobRecord, record: InstanceRecord, process: ExecutableProcess) async throws -> [Pending] {
        let element = process.nodes[job.node]
        guard let handler = handlers[name] else {
            throw EngineError(
                .handlerFailed,
                "Expected a service-task handler registered as '\(name)' for \(element.kind.elementName) '\(element.id)', but no handler has that name.")
        }
        let context = HandlerContext(
            processInstanceID: record.id, businessKey: record.state.businessKey, processKey: record.processKey,
            elementID: element.id.rawValue, jobID: job.id, retries: job.retries,
            variables: record.state.visibleVariables(from: job.elementKey))
        do {
            let variables = try await handler.execute(context)
            var next: [Pending] = []
            for addition in context.tasks.candidateAdditions {
                for task in record.state.tasks where process.nodes[task.node].id.rawValue == addition.elementID {
                    next.append(Pending(
                        instanceID: record.id, command: .addTaskCandidates(taskID: task.id, users: addition.users, groups: addition.groups)))
                }
            }
            return next + [Pending(instanceID: record.id, command: .completeJob(jobID: job.id, variables: variables))]
        } catch let error as BPMNError {
            return [Pending(
                instanceID: record.id,
                command: .throwError(target: .job(job.id), code: error.code, message: error.message, variables: error.variables))]
        } catch {
            var failure = EngineError(.handlerFailed, "Handler '\(name)' of \(element.kind.elementName) '\(element.id)' failed: \(error)")
            failure.retryable = (error as? any RetryAwareFailure)?.isRetryable ?? true
            throw failure
        }
    }

    /// Creates the instance a call activity asked for and returns its start command. The called
    /// process is looked up in the caller's tenant, as Camunda does by default.
    private func startChild(_ request: ChildInstanceRequest, parent: InstanceRecord, in transaction: any StoreTransaction) async throws -> Pending {
        let candidates = try await transaction.definitions(key: request.processKey).filter { $0.tenantID == parent.tenantID }
        let definition: DefinitionRecord?
        switch request.binding {
        case .latest: definition = candidates.last
        case .deployment:
            let parentDeployment = try await transaction.definition(id: parent.definitionID)?.deploymentID
            definition = candidates.last { $0.deploymentID == parentDeployment }
        case .version: definition = candidates.first { String($0.version) == request.version }
        case .versionTag: definition = candidates.last { $0.versionTag == request.versionTag }
        }
        guard let definition else {
            throw EngineError(
                .notFound,
                "Expected a deployed process '\(request.processKey)' (\(request.binding.rawValue)\(request.version.map { " \($0)" } ?? "")\(request.versionTag.map { " \($0)" } ?? "")) for the call activity in instance '\(parent.id)', but there is none.")
        }
        try Self.requireStartable(DefinitionReference(definition))
        try await transaction.insertInstance(InstanceRecord(
            state: InstanceState(instanceID: request.childInstanceID), definitionID: definition.id, processKey: definition.key,
            startedAt: clock.now(), endedAt: nil, tenantID: definition.tenantID, rootInstanceID: parent.rootInstanceID))
        return Pending(
            instanceID: request.childInstanceID,
            command: .start(
                businessKey: request.businessKey, variables: request.variables, startEvent: nil,
                parent: ParentLink(instanceID: parent.id, elementKey: request.elementKey)))
    }
}
