import BatonModel

/// What expressions see from element instance `key` (nil: the process instance): its variables,
/// and Camunda's context objects — `execution`, `task` where a task is at hand, and
/// `authenticatedUserId` — with `now()` reading the command's time.
struct ExpressionScope: VariableScope {
    let state: InstanceState
    let process: ExecutableProcess
    let key: ElementKey?
    let context: StepContext
    /// The listener event being notified (`start`, `take`, `create`…), nil outside listeners.
    var eventName: String?
    /// The sequence flow being taken, for `take` listeners.
    var transition: Int?
    /// The node the execution is at when `key` does not say (the process's own listeners, `take`).
    var activity: Int?
    /// The task of a task listener or of a task's attribute.
    var task: UserTaskRecord?
    /// Where `setVariable` and the task's setters record their changes; nil where expressions only read.
    var writes: ExpressionWrites?

    var now: Timestamp? { context.now }

    func variable(named name: String) -> VariableValue? {
        if let writes, let pending = writes.pending[name] { return pending }
        return state.variable(name, from: key)
    }

    func contextValue(named name: String) -> VariableValue? {
        guard name == "authenticatedUserId" else { return nil }
        return context.authenticatedUserID.map(VariableValue.string) ?? .null
    }

    func contextObject(named name: String) -> (any ContextObject)? {
        switch name {
        case "execution": ExecutionObject(scope: self)
        case "task": task.map { TaskObject(scope: self, task: $0) }
        default: nil
        }
    }

    /// Camunda's execution id of element instance `key`: the instance's id for the process scope.
    func executionID(_ key: ElementKey?) -> String {
        key.map { "\(state.instanceID):\($0)" } ?? state.instanceID
    }

    func visibleVariables(localOnly: Bool) -> VariableValue {
        var variables = localOnly ? state.variables[key] ?? [:] : state.visibleVariables(from: key)
        if let writes { for (name, value) in writes.pending { variables[name] = value } }
        return .json(.object(variables.keys.sorted().map { .init($0, variables[$0]!.jsonValue) }))
    }

    /// The variable methods `execution` and `task` share.
    func callVariableMethod(_ name: String, _ arguments: [VariableValue]) throws(ExpressionEvaluationError) -> VariableValue? {
        let variableName = arguments.first.map(ExpressionEvaluator.text)
        switch (name, arguments.count) {
        case ("getVariable", 1): return variable(named: variableName!) ?? .null
        case ("hasVariable", 1): return .boolean(variable(named: variableName!) != nil)
        case ("getVariableLocal", 1): return localVariable(variableName!) ?? .null
        case ("hasVariableLocal", 1): return .boolean(localVariable(variableName!) != nil)
        case ("getVariables", 0): return visibleVariables(localOnly: false)
        case ("getVariablesLocal", 0): return visibleVariables(localOnly: true)
        case ("setVariable", 2), ("setVariableLocal", 2):
            try requireWrites(name).record(.set(name: variableName!, value: arguments[1], local: name == "setVariableLocal"))
            return .null
        case ("removeVariable", 1), ("removeVariableLocal", 1):
            try requireWrites(name).record(.remove(name: variableName!, local: name == "removeVariableLocal"))
            return .null
        default: return nil
        }
    }

    private func localVariable(_ name: String) -> VariableValue? {
        if let writes, let pending = writes.pending[name] { return pending }
        return state.variables[key]?[name]
    }

    func requireWrites(_ method: String) throws(ExpressionEvaluationError) -> ExpressionWrites {
        guard let writes else {
            throw ExpressionEvaluationError(
                "'\(method)' changes the instance, which only a listener, a script task or a service task's expression may do")
        }
        return writes
    }
}

/// Changes an expression asked for, applied once it has evaluated (``StepRun/apply(_:at:)``).
/// A reference type so that the value-typed scope can record from inside the evaluator.
final class ExpressionWrites {
    enum Change: Equatable {
        case set(name: String, value: VariableValue, local: Bool)
        case remove(name: String, local: Bool)
        case assignee(String?)
        case candidates(users: [String], groups: [String])
        case name(String?)
        case description(String?)
        case priority(Int)
        case dueDate(Timestamp?)
        case followUpDate(Timestamp?)
    }

    private(set) var changes: [Change] = []
    /// Variables as the expression left them (nil: removed), so that it reads its own writes.
    private(set) var pending: [String: VariableValue?] = [:]

    func record(_ change: Change) {
        changes.append(change)
        switch change {
        case .set(let name, let value, _): pending[name] = .some(value)
        case .remove(let name, _): pending[name] = .some(nil)
        default: break
        }
    }
}

/// `execution`: the element instance the expression is evaluated for, as Camunda's DelegateExecution.
struct ExecutionObject: ContextObject {
    let scope: ExpressionScope

    func property(_ name: String) -> VariableValue? {
        let state = scope.state
        let element = scope.key.flatMap { state.element($0) }
        let node = (scope.activity ?? element?.node).map { scope.process.nodes[$0] }
        switch name {
        case "id", "activityInstanceId": return .string(scope.executionID(scope.key))
        case "processInstanceId": return .string(state.instanceID)
        case "processBusinessKey", "businessKey": return state.businessKey.map(VariableValue.string) ?? .null
        case "processDefinitionId": return .string(scope.process.definitionID)
        case "activityId", "currentActivityId": return node.map { .string($0.id.rawValue) } ?? .null
        case "currentActivityName": return node?.name.map(VariableValue.string) ?? .null
        case "parentActivityInstanceId", "parentId":
            guard let element else { return .null }
            return .string(scope.executionID(element.scope))
        case "eventName": return scope.eventName.map(VariableValue.string) ?? .null
        case "currentTransitionId": return scope.transition.map { .string(scope.process.flows[$0].id.rawValue) } ?? .null
        case "tenantId": return .null
        case "variables": return scope.visibleVariables(localOnly: false)
        case "variablesLocal": return scope.visibleVariables(localOnly: true)
        case "variableNames":
            return .json(.array(scope.state.visibleVariables(from: scope.key).keys.sorted().map { .string($0) }))
        default: return nil
        }
    }

    func call(_ name: String, _ arguments: [VariableValue]) throws(ExpressionEvaluationError) -> VariableValue? {
        try scope.callVariableMethod(name, arguments)
    }
}

/// `task`: the user task of a task listener or task attribute, as Camunda's DelegateTask.
struct TaskObject: ContextObject {
    let scope: ExpressionScope
    let task: UserTaskRecord

    func property(_ name: String) -> VariableValue? {
        func text(_ value: String?) -> VariableValue { value.map(VariableValue.string) ?? .null }
        func date(_ value: Timestamp?) -> VariableValue { value.map(VariableValue.date) ?? .null }
        switch name {
        case "id": return .string(task.id)
        case "name": return text(task.name)
        case "description": return text(task.description)
        case "assignee": return text(task.assignee)
        case "owner", "tenantId": return .null
        case "priority": return .integer(Int32(clamping: task.priority))
        case "dueDate": return date(task.dueDate)
        case "followUpDate": return date(task.followUpDate)
        case "createTime": return .date(task.createdAt)
        case "eventName": return text(scope.eventName)
        case "taskDefinitionKey": return .string(scope.process.nodes[task.node].id.rawValue)
        case "processInstanceId": return .string(scope.state.instanceID)
        case "processDefinitionId": return .string(scope.process.definitionID)
        case "executionId": return .string(scope.executionID(task.elementKey))
        case "candidates":
            return .json(.array(task.candidateUsers.map { .string($0) } + task.candidateGroups.map { .string($0) }))
        default: return ExecutionObject(scope: scope).property(name)
        }
    }

    func call(_ name: String, _ arguments: [VariableValue]) throws(ExpressionEvaluationError) -> VariableValue? {
        if let result = try scope.callVariableMethod(name, arguments) { return result }
        guard arguments.count == 1 else { return nil }
        let argument = arguments[0]
        let change: ExpressionWrites.Change
        switch name {
        case "setAssignee": change = .assignee(argument == .null ? nil : ExpressionEvaluator.text(argument))
        case "setName": change = .name(argument == .null ? nil : ExpressionEvaluator.text(argument))
        case "setDescription": change = .description(argument == .null ? nil : ExpressionEvaluator.text(argument))
        case "addCandidateUser": change = .candidates(users: [ExpressionEvaluator.text(argument)], groups: [])
        case "addCandidateGroup": change = .candidates(users: [], groups: [ExpressionEvaluator.text(argument)])
        case "setPriority":
            guard let priority = ExpressionEvaluator.wholeNumber(argument) else {
                throw ExpressionEvaluationError("Expected a whole number for task.setPriority, but got '\(ExpressionEvaluator.text(argument))'")
            }
            change = .priority(priority)
        case "setDueDate", "setFollowUpDate":
            let date: Timestamp?
            switch argument {
            case .null: date = nil
            case .date(let value): date = value
            case .string(let text):
                guard let value = Timestamp(iso8601: text) else {
                    throw ExpressionEvaluationError("Expected an ISO 8601 date for task.\(name), but got '\(text)'")
                }
                date = value
            default: throw ExpressionEvaluationError("Expected a date for task.\(name), but got a \(argument.typeName)")
            }
            change = name == "setDueDate" ? .dueDate(date) : .followUpDate(date)
        default: return nil
        }
        try scope.requireWrites("task.\(name)").record(change)
        return .null
    }
}
