import BatonCore

/// What ``MemoryInstanceRows/apply(_:)`` changed, to put back if the transaction rolls back. It
/// keeps the old value of each row the command touched, so a command costs what it changes; a
/// snapshot of the instance's rows would copy every row it ever had, on every command.
struct MemoryRowsUndo: Sendable {
    var tasks = TableUndo<TaskInfo>()
    var jobs = TableUndo<JobInfo>()
    var subscriptions = TableUndo<EventSubscriptionInfo>()
    var variables = TableUndo<VariableInstanceInfo>()
    var historicTasks = TableUndo<HistoricTaskInstance>()
    var historicVariables = TableUndo<HistoricVariableInstance>()
    var incidents = TableUndo<HistoricIncident>()
    var activityPositions = TableUndo<Int>()
    /// Activity rows before the command; those after it appended.
    var activityCount: Int
    /// Activity rows the command ended, as they were, by position.
    var endedActivities: [Int: HistoricActivityInstance] = [:]

    init(activityCount: Int) { self.activityCount = activityCount }
}

/// The rows of one keyed table before a command changed them: the old value of each row it
/// touched, or the whole table when it changed every row (an instance's end, a suspension).
struct TableUndo<Row: Sendable>: Sendable {
    private var whole: [String: Row]?
    /// Each change's key and the row it replaced (nil: there was none), in order. Put back last
    /// first, a row touched twice ends as it was before the first change; a list, because
    /// hashing each key into a dictionary cost what the snapshot it replaces saved.
    private var replaced: [(key: String, old: Row?)] = []

    /// Sets `rows[key]`, remembering what was there.
    mutating func set(_ value: Row?, at key: String, in rows: inout [String: Row]) {
        if whole == nil { replaced.append((key, rows.updateValue(forKey: key, to: value))) } else { rows[key] = value }
    }

    /// Remembers the whole table as it was before this command, ahead of a change to every row.
    mutating func keepWhole(_ rows: [String: Row]) {
        guard whole == nil else { return }
        var original = rows
        Self.putBack(replaced, into: &original)
        whole = original
        replaced = []
    }

    func revert(_ rows: inout [String: Row]) {
        if let whole { rows = whole } else { Self.putBack(replaced, into: &rows) }
    }

    private static func putBack(_ replaced: [(key: String, old: Row?)], into rows: inout [String: Row]) {
        for (key, old) in replaced.reversed() { rows[key] = old }
    }
}

extension Dictionary {
    /// Sets or removes the value at `key` in one lookup; returns the value it replaced.
    fileprivate mutating func updateValue(forKey key: Key, to value: Value?) -> Value? {
        if let value { return updateValue(value, forKey: key) }
        return removeValue(forKey: key)
    }
}

extension MemoryInstanceRows {
    /// Puts back what the `apply` that returned `undo` changed.
    mutating func revert(_ undo: MemoryRowsUndo) {
        undo.tasks.revert(&tasks)
        undo.jobs.revert(&jobs)
        undo.subscriptions.revert(&subscriptions)
        undo.variables.revert(&variables)
        undo.historicTasks.revert(&historicTasks)
        undo.historicVariables.revert(&historicVariables)
        undo.incidents.revert(&incidents)
        for (index, old) in undo.endedActivities { activities[index] = old }
        activities.removeLast(activities.count - undo.activityCount)
        undo.activityPositions.revert(&activityPositions)
    }
}
