import BatonCore
import BatonModel

/// The memory store's read-model rows of one instance: what the PostgreSQL store keeps in its
/// read-model tables, kept per instance so an instance's command touches only its own rows.
struct MemoryInstanceRows: Sendable {
    var tasks: [String: TaskInfo] = [:]
    var jobs: [String: JobInfo] = [:]
    var subscriptions: [String: EventSubscriptionInfo] = [:]
    var variables: [String: VariableInstanceInfo] = [:]
    var activities: [HistoricActivityInstance] = []
    var activityPositions: [String: Int] = [:]
    var historicTasks: [String: HistoricTaskInstance] = [:]
    var historicVariables: [String: HistoricVariableInstance] = [:]
    var incidents: [String: HistoricIncident] = [:]
    var comments: [TaskComment] = []

    /// Every row names definition `definitionID` of `processKey` now (a migration).
    mutating func move(toDefinition definitionID: String, processKey: String) {
        for id in tasks.keys {
            tasks[id]?.processDefinitionID = definitionID
            tasks[id]?.processDefinitionKey = processKey
        }
        for id in jobs.keys { jobs[id]?.processDefinitionID = definitionID }
        for id in subscriptions.keys { subscriptions[id]?.processDefinitionID = definitionID }
        for id in variables.keys { variables[id]?.processDefinitionID = definitionID }
        for index in activities.indices { activities[index].processDefinitionID = definitionID }
        for id in historicTasks.keys { historicTasks[id]?.processDefinitionID = definitionID }
        for id in historicVariables.keys { historicVariables[id]?.processDefinitionID = definitionID }
        for id in incidents.keys { incidents[id]?.processDefinitionID = definitionID }
    }

    /// Open rows naming an element of `renamed` name its new id (a migration's mapping).
    mutating func rename(_ renamed: [ElementRename]) {
        for rename in renamed {
            for id in tasks.keys where tasks[id]?.taskDefinitionKey == rename.from { tasks[id]?.taskDefinitionKey = rename.to }
            for id in jobs.keys where jobs[id]?.activityID == rename.from { jobs[id]?.activityID = rename.to }
            for id in subscriptions.keys where subscriptions[id]?.activityID == rename.from { subscriptions[id]?.activityID = rename.to }
            for index in activities.indices where activities[index].endTime == nil && activities[index].activityID == rename.from {
                activities[index].activityID = rename.to
                activities[index].activityName = rename.name
            }
            for id in historicTasks.keys where historicTasks[id]?.endTime == nil && historicTasks[id]?.taskDefinitionKey == rename.from {
                historicTasks[id]?.taskDefinitionKey = rename.to
            }
            for id in incidents.keys where incidents[id]?.resolvedAt == nil && incidents[id]?.activityID == rename.from { incidents[id]?.activityID = rename.to }
        }
    }

    /// Changes the rows in place and returns how to put them back: the store keeps the undo
    /// for a rollback instead of a copy of the instance's rows.
    @discardableResult
    mutating func apply(_ changes: ReadModelChanges) -> MemoryRowsUndo {
        var undo = MemoryRowsUndo(activityCount: activities.count)
        if changes.ended {
            undo.tasks.keepWhole(tasks)
            undo.jobs.keepWhole(jobs)
            undo.subscriptions.keepWhole(subscriptions)
            undo.variables.keepWhole(variables)
            tasks.removeAll()
            jobs.removeAll()
            subscriptions.removeAll()
            variables.removeAll()
        }
        if let suspended = changes.suspension {
            undo.tasks.keepWhole(tasks)
            undo.jobs.keepWhole(jobs)
            for id in tasks.keys { tasks[id]?.suspended = suspended }
            for id in jobs.keys { jobs[id]?.suspended = suspended }
        }
        for change in changes.tasks { Self.apply(change, to: &tasks, id: \.id, undo: &undo.tasks) }
        for change in changes.jobs { Self.apply(change, to: &jobs, id: \.id, undo: &undo.jobs) }
        for change in changes.subscriptions { Self.apply(change, to: &subscriptions, id: \.id, undo: &undo.subscriptions) }
        if !changes.variableScopesEnded.isEmpty {
            let ended = Set(changes.variableScopesEnded)
            undo.variables.keepWhole(variables)
            variables = variables.filter { !ended.contains($0.value.activityInstanceID) }
        }
        for variable in changes.variablesSet { undo.variables.set(variable, at: variable.id, in: &variables) }
        for removed in changes.variablesRemoved { undo.variables.set(nil, at: removed.id, in: &variables) }
        for activity in changes.activitiesStarted {
            undo.activityPositions.set(activities.count, at: activity.id, in: &activityPositions)
            activities.append(activity)
        }
        for end in changes.activitiesEnded {
            guard let index = activityPositions[end.id] else { continue }
            if index < undo.activityCount, undo.endedActivities[index] == nil { undo.endedActivities[index] = activities[index] }
            activities[index].endTime = end.endTime
            activities[index].canceled = end.canceled
            activities[index].completeScope = end.completeScope
        }
        for task in changes.historicTasks {
            // Candidates accumulate: the row keeps everyone the task was ever offered to.
            var row = task
            if let earlier = historicTasks[task.id] {
                row.candidateUsers = earlier.candidateUsers + task.candidateUsers.filter { !earlier.candidateUsers.contains($0) }
                row.candidateGroups = earlier.candidateGroups + task.candidateGroups.filter { !earlier.candidateGroups.contains($0) }
            }
            undo.historicTasks.set(row, at: task.id, in: &historicTasks)
        }
        for variable in changes.historicVariables {
            var row = variable
            if let existing = historicVariables[variable.id] { row.createTime = existing.createTime }
            undo.historicVariables.set(row, at: variable.id, in: &historicVariables)
        }
        for id in changes.historicVariablesDeleted {
            guard var row = historicVariables[id] else { continue }
            row.deleted = true
            undo.historicVariables.set(row, at: id, in: &historicVariables)
        }
        for incident in changes.incidentsRaised { undo.incidents.set(incident, at: incident.id, in: &incidents) }
        for resolution in changes.incidentsResolved {
            guard var row = incidents[resolution.id] else { continue }
            row.resolvedAt = resolution.resolvedAt
            row.deleted = resolution.deleted
            undo.incidents.set(row, at: resolution.id, in: &incidents)
        }
        return undo
    }

    private static func apply<Row>(_ change: RowChange<Row>, to rows: inout [String: Row], id: KeyPath<Row, String>, undo: inout TableUndo<Row>) {
        switch change {
        case .upsert(let row): undo.set(row, at: row[keyPath: id], in: &rows)
        case .delete(let rowID): undo.set(nil, at: rowID, in: &rows)
        }
    }
}
