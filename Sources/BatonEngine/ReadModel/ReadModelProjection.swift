import BatonCore
import BatonModel

/// Maps a command's events to read-model rows, with element ids (never node positions) taken
/// from the compiled definition. The one place that knows which event touches which row; both
/// stores write what it returns.
///
/// A class, because its helpers capture it: a copy of a struct holding a compiled process, a
/// record and a state retained some thirty references, several times per command.
public final class ReadModelProjection {
    public let process: ExecutableProcess
    public let record: InstanceRecord
    /// The instance's state before the command (nil for an instance the command created).
    public let before: InstanceState?

    public init(process: ExecutableProcess, record: InstanceRecord, before: InstanceState?) {
        self.process = process
        self.record = record
        self.before = before
    }

    var instanceID: String { record.id }
    var state: InstanceState { record.state }

    func activityInstanceID(_ key: ElementKey?) -> String { key.map { "\(instanceID):\($0)" } ?? instanceID }

    /// Rows changed by `events`, recorded at their times, each carrying the instance's tenant.
    public func changes(for events: [RecordedEvent]) -> ReadModelChanges {
        var changes = rows(for: events)
        changes.stampTenant(record.tenantID)
        return changes
    }

    private func rows(for events: [RecordedEvent]) -> ReadModelChanges {
        let endedHere = state.status != .active && (before?.status ?? .active) == .active
        var changes = ReadModelChanges(instance: ProcessInstanceInfo(record), ended: endedHere)
        var touchedTasks: [String] = [], touchedJobs: [String] = [], touchedSubscriptions: [String] = []
        var started: [ElementKey: Int] = [:]
        var activatedNodes: [ElementKey: Int] = [:]
        /// Inner instances of multi-instance activities: each ends its own scope, as Camunda counts it.
        var innerInstances: Set<ElementKey> = []
        var variables: [String: Int] = [:]
        var removedVariables: [String: ReadModelChanges.VariableReference] = [:]
        var endedScopes: Set<ElementKey> = []
        var unrecorded: Set<ElementKey> = []
        var taskRecords: [String: UserTaskRecord] = [:]
        var taskEnds: [String: (at: Timestamp, reason: String, by: String?)] = [:]

        func note(_ id: String, in list: inout [String]) { if !list.contains(id) { list.append(id) } }
        /// When each task that was open before the command last changed in it (Camunda's
        /// lastUpdated: its creation is no update, its end leaves no row to update).
        var taskUpdates: [String: Timestamp] = [:]
        func noteUpdate(_ id: String, at: Timestamp) {
            note(id, in: &touchedTasks)
            if before?.task(id) != nil { taskUpdates[id] = at }
        }

        for recorded in events {
            switch recorded.event {
            case .elementActivated(let element):
                let node = process.nodes[element.node]
                // Camunda keeps no history of link events: the token only jumps across the diagram.
                if case .link? = node.kind.eventDefinitions.first {
                    unrecorded.insert(element.key)
                    continue
                }
                started[element.key] = changes.activitiesStarted.count
                activatedNodes[element.key] = element.node
                if element.loopCounter != nil { innerInstances.insert(element.key) }
                changes.activitiesStarted.append(HistoricActivityInstance(
                    id: activityInstanceID(element.key), parentActivityInstanceID: activityInstanceID(element.scope), activityID: node.id.rawValue,
                    activityName: node.name, activityType: element.isMultiInstanceBody ? "multiInstanceBody" : node.kind.activityType,
                    processInstanceID: instanceID, processDefinitionID: record.definitionID, startTime: recorded.at, endTime: nil, canceled: false,
                    taskID: nil, calledProcessInstanceID: nil, elementKey: element.key, parentElementKey: element.scope))
            case .elementCompleted(let key), .elementTerminated(let key):
                if unrecorded.contains(key) { continue }
                let canceled: Bool
                if case .elementTerminated = recorded.event { canceled = true } else { canceled = false }
                let isInner = innerInstances.contains(key) || before?.element(key)?.loopCounter != nil
                let completeScope = !canceled && (isInner || completesScope(activatedNodes[key] ?? before?.element(key)?.node))
                endedScopes.insert(key)
                if let index = started[key] {
                    changes.activitiesStarted[index].endTime = recorded.at
                    changes.activitiesStarted[index].canceled = canceled
                    changes.activitiesStarted[index].completeScope = completeScope
                } else {
                    changes.activitiesEnded.append(
                        .init(id: activityInstanceID(key), elementKey: key, endTime: recorded.at, canceled: canceled, completeScope: completeScope))
                }
            case .variableRemoved(let scope, let name):
                let removed = ReadModelChanges.VariableReference(activityInstanceID: scope.map { activityInstanceID($0) } ?? instanceID, name: name)
                removedVariables[removed.id] = removed
                let historicID = "\(instanceID):\(scope.map { activityInstanceID($0) } ?? ""):\(name)"
                if let index = variables[historicID] {
                    changes.historicVariables[index].deleted = true
                } else if !changes.historicVariablesDeleted.contains(historicID) {
                    changes.historicVariablesDeleted.append(historicID)
                }
            case .variableSet(let scope, let name, let value):
                if let scope, let task = before?.tasks.first(where: { $0.elementKey == scope }) { noteUpdate(task.id, at: recorded.at) }
                removedVariables["\(scope.map { activityInstanceID($0) } ?? instanceID):\(name)"] = nil
                let variable = HistoricVariableInstance(
                    name: name, value: value, processInstanceID: instanceID, processDefinitionID: record.definitionID,
                    activityInstanceID: scope.map { activityInstanceID($0) }, createTime: recorded.at)
                changes.historicVariablesDeleted.removeAll { $0 == variable.id }
                if let index = variables[variable.id] {
                    changes.historicVariables[index].value = value
                    changes.historicVariables[index].deleted = false
                } else {
                    variables[variable.id] = changes.historicVariables.count
                    changes.historicVariables.append(variable)
                }
            case .userTaskCreated(let task):
                taskRecords[task.id] = task
                changes.tasksCreated.insert(task.id)
                note(task.id, in: &touchedTasks)
                if let index = started[task.elementKey] { changes.activitiesStarted[index].taskID = task.id }
            case .userTaskAssigned(let id, let assignee):
                noteUpdate(id, at: recorded.at)
                taskRecords[id] = taskRecords[id] ?? before?.task(id)
                taskRecords[id]?.assignee = assignee
            case .userTaskDelegated(let id, let owner, let assignee):
                noteUpdate(id, at: recorded.at)
                taskRecords[id] = taskRecords[id] ?? before?.task(id)
                taskRecords[id]?.owner = owner
                taskRecords[id]?.assignee = assignee
                taskRecords[id]?.delegationState = .pending
            case .userTaskResolved(let id):
                noteUpdate(id, at: recorded.at)
                taskRecords[id] = taskRecords[id] ?? before?.task(id)
                let owner = taskRecords[id]?.owner
                taskRecords[id]?.assignee = owner
                taskRecords[id]?.delegationState = .resolved
            case .userTaskUpdated(let update):
                noteUpdate(update.taskID, at: recorded.at)
                taskRecords[update.taskID] = taskRecords[update.taskID] ?? before?.task(update.taskID)
                taskRecords[update.taskID]?.apply(update)
            case .userTaskCandidatesAdded(let id, let users, let groups):
                noteUpdate(id, at: recorded.at)
                if var task = taskRecords[id] ?? before?.task(id) {
                    for user in users where !task.candidateUsers.contains(user) { task.candidateUsers.append(user) }
                    for group in groups where !task.candidateGroups.contains(group) { task.candidateGroups.append(group) }
                    taskRecords[id] = task
                }
            case .userTaskCandidatesRemoved(let id, let users, let groups):
                noteUpdate(id, at: recorded.at)
                if var task = taskRecords[id] ?? before?.task(id) {
                    task.candidateUsers.removeAll { users.contains($0) }
                    task.candidateGroups.removeAll { groups.contains($0) }
                    taskRecords[id] = task
                }
            case .userTaskCompleted(let id, let by):
                note(id, in: &touchedTasks)
                taskEnds[id] = (recorded.at, "completed", by)
            case .userTaskCanceled(let id):
                note(id, in: &touchedTasks)
                taskEnds[id] = (recorded.at, "deleted", nil)
            case .jobCreated(let job):
                note(job.id, in: &touchedJobs)
            case .jobFailed(let id, _, _, _), .jobRetriesSet(let id, _), .jobPrioritySet(let id, _), .jobCompleted(let id), .jobCanceled(let id):
                note(id, in: &touchedJobs)
            case .subscriptionOpened(let subscription):
                note(subscription.id, in: &touchedSubscriptions)
                if !changes.ended {
                    var row = EventSubscriptionInfo(
                        id: subscription.id, eventType: subscription.kind.rawValue, eventName: subscription.eventName, processInstanceID: instanceID,
                        processDefinitionID: record.definitionID, activityID: process.nodes[subscription.node].id.rawValue, created: recorded.at)
                    row.tenantID = record.tenantID
                    changes.subscriptions.append(.upsert(row))
                }
            case .subscriptionClosed(let id):
                changes.subscriptions.removeAll { if case .upsert(let row) = $0 { row.id == id } else { false } }
                if !changes.ended { changes.subscriptions.append(.delete(id: id)) }
            case .incidentCreated(let incident):
                changes.incidentsRaised.append(HistoricIncident(
                    id: incident.id, kind: incident.kind.rawValue, message: incident.message, processInstanceID: instanceID,
                    processDefinitionID: record.definitionID, activityID: incident.node >= 0 ? process.nodes[incident.node].id.rawValue : "",
                    jobID: incident.jobID, createdAt: incident.createdAt, resolvedAt: nil))
            case .incidentResolved(let id), .incidentDeleted(let id):
                let deleted = if case .incidentDeleted = recorded.event { true } else { false }
                if let index = changes.incidentsRaised.firstIndex(where: { $0.id == id }) {
                    changes.incidentsRaised[index].resolvedAt = recorded.at
                    changes.incidentsRaised[index].deleted = deleted
                } else {
                    changes.incidentsResolved.append(.init(id: id, resolvedAt: recorded.at, deleted: deleted))
                }
            case .childInstanceRequested(let request):
                if let index = started[request.elementKey] { changes.activitiesStarted[index].calledProcessInstanceID = request.childInstanceID }
            case .suspensionChanged(let suspended):
                changes.suspension = suspended
            default:
                break
            }
        }

        // Historic tasks: the full image of each touched task, from the state after the command
        // (open tasks) or as this command's events left it (tasks that ended here).
        for id in touchedTasks {
            guard let task = state.task(id) ?? taskRecords[id] ?? before?.task(id) else { continue }
            var row = HistoricTaskInstance(
                id: task.id, name: task.name, taskDefinitionKey: process.nodes[task.node].id.rawValue, processInstanceID: instanceID,
                processDefinitionID: record.definitionID, activityInstanceID: activityInstanceID(task.elementKey), assignee: task.assignee,
                priority: task.priority, due: task.dueDate, startTime: task.createdAt, endTime: nil, deleteReason: nil)
            row.owner = task.owner
            row.description = task.description
            row.followUp = task.followUpDate
            row.candidateUsers = task.candidateUsers
            row.candidateGroups = task.candidateGroups
            if let end = taskEnds[id] {
                row.endTime = end.at
                row.deleteReason = end.reason
                if row.assignee == nil { row.assignee = end.by }
            }
            changes.historicTasks.append(row)
        }

        guard !changes.ended else { return changes }
        changes.tasks = touchedTasks.map { id in
            guard let task = state.task(id) else { return .delete(id: id) }
            var info = taskInfo(task)
            info.lastUpdated = taskUpdates[id]
            return .upsert(info)
        }
        changes.jobs = touchedJobs.map { id in state.job(id).map { .upsert(jobInfo($0)) } ?? .delete(id: id) }
        changes.variableScopesEnded = endedScopes.sorted().filter { key in
            before?.variables[key] != nil || changes.historicVariables.contains { $0.activityInstanceID == activityInstanceID(key) }
        }.map { activityInstanceID($0) }
        let endedIDs = Set(changes.variableScopesEnded)
        changes.variablesSet = changes.historicVariables.filter { $0.activityInstanceID.map { !endedIDs.contains($0) } ?? true }.map {
            VariableInstanceInfo(
                name: $0.name, value: $0.value, processInstanceID: instanceID, processDefinitionID: record.definitionID,
                activityInstanceID: $0.activityInstanceID ?? instanceID)
        }.filter { removedVariables[$0.id] == nil }
        changes.variablesRemoved = removedVariables.values.filter { !endedIDs.contains($0.activityInstanceID) }.sorted { $0.id < $1.id }
        return changes
    }

    /// Whether completing an instance of `node` ends its token: it has no outgoing flow to take
    /// (an end event, or an implicit end), and it is no event subprocess, whose end never
    /// ends the token of the scope it sits in.
    private func completesScope(_ node: Int?) -> Bool {
        guard let node else { return false }
        let executable = process.nodes[node]
        if case .subProcess(let subProcess) = executable.kind, subProcess.triggeredByEvent { return false }
        return executable.outgoing.isEmpty
    }

    /// The task as the query side lists it.
    public func taskInfo(_ task: UserTaskRecord) -> TaskInfo {
        var info = TaskInfo(
            id: task.id, name: task.name, assignee: task.assignee, candidateUsers: task.candidateUsers, candidateGroups: task.candidateGroups,
            created: task.createdAt, due: task.dueDate, followUp: task.followUpDate, priority: task.priority, formKey: task.formKey,
            description: task.description, suspended: state.suspended, formFields: [], processInstanceID: instanceID, processDefinitionID: record.definitionID, processDefinitionKey: record.processKey,
            taskDefinitionKey: process.nodes[task.node].id.rawValue, businessKey: state.businessKey, activityInstanceID: activityInstanceID(task.elementKey))
        info.owner = task.owner
        info.delegationState = task.delegationState
        info.tenantID = record.tenantID
        return info
    }

    public func jobInfo(_ job: JobRecord) -> JobInfo {
        let kind: JobInfo.Kind
        var topic: String?
        switch job.kind {
        case .activate: kind = .asyncBefore
        case .leave: kind = .asyncAfter
        case .handler: kind = .handler
        case .external(let name):
            kind = .external
            topic = name
        case .timer: kind = .timer
        }
        var info = JobInfo(
            id: job.id, kind: kind, processInstanceID: instanceID, processDefinitionID: record.definitionID,
            activityID: process.nodes[job.node].id.rawValue, dueAt: job.dueAt, retries: job.retries, errorMessage: job.lastError, topic: topic,
            suspended: state.suspended)
        info.priority = job.priority ?? 0
        info.activityInstanceID = activityInstanceID(job.elementKey)
        info.createTime = job.createdAt
        info.tenantID = record.tenantID
        return info
    }
}
