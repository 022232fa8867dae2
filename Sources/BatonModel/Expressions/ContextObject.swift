/// An object the engine puts within an expression's reach, as Camunda does: `execution` (the
/// element instance evaluating the expression), `task` (the user task of a task listener or a
/// task attribute). Context objects are resolved before variables of the same name.
public protocol ContextObject {
    /// The value of property `name` (`execution.processBusinessKey`), nil when there is none.
    func property(_ name: String) -> VariableValue?
    /// Calls method `name` (`execution.setVariable('a', 1)`); nil when there is no such method.
    func call(_ name: String, _ arguments: [VariableValue]) throws(ExpressionEvaluationError) -> VariableValue?
}

/// What each context object offers, for deploy-time checks: the names Baton resolves, so that a
/// misspelt property is a diagnostic rather than a failure at run time.
public enum ContextObjects {
    /// Properties of `execution` (Camunda's DelegateExecution, as JUEL reads its getters).
    public static let executionProperties: Set<String> = [
        "id", "processInstanceId", "processBusinessKey", "businessKey", "processDefinitionId", "activityId",
        "currentActivityId", "currentActivityName", "activityInstanceId", "parentActivityInstanceId", "parentId",
        "eventName", "currentTransitionId", "tenantId", "variables", "variablesLocal", "variableNames",
    ]

    /// Properties of `task` (Camunda's DelegateTask).
    public static let taskProperties: Set<String> = [
        "id", "name", "description", "assignee", "owner", "priority", "dueDate", "followUpDate", "createTime",
        "eventName", "taskDefinitionKey", "processInstanceId", "processDefinitionId", "executionId",
        "tenantId", "variables", "variablesLocal", "variableNames", "candidates",
    ]

    /// Methods of `execution` and `task` (reading and writing variables; a task's own fields).
    public static let methods: Set<String> = [
        "getVariable", "getVariableLocal", "hasVariable", "hasVariableLocal", "getVariables", "getVariablesLocal",
        "setVariable", "setVariableLocal", "removeVariable", "removeVariableLocal",
        "setAssignee", "setName", "setDescription", "setPriority", "setDueDate", "setFollowUpDate",
        "addCandidateUser", "addCandidateGroup",
    ]

    /// Functions callable without a target: the time, as Camunda's `now()` and `dateTime()`.
    public static let functions: Set<String> = ["now", "dateTime"]

    /// Methods of a date, as Joda's DateTime offers them to `dateTime()`.
    public static let dateMethods: Set<String> = [
        "plusMillis", "plusSeconds", "plusMinutes", "plusHours", "plusDays", "plusWeeks", "plusMonths", "plusYears",
        "minusMillis", "minusSeconds", "minusMinutes", "minusHours", "minusDays", "minusWeeks", "minusMonths", "minusYears",
        "toDate", "getTime", "getMillis", "isBefore", "isAfter", "isBeforeNow", "isAfterNow",
    ]

    /// The property a getter call names: `getProcessBusinessKey()` reads `processBusinessKey`.
    public static func property(ofGetter method: String) -> String? {
        for prefix in ["get", "is"] where method.hasPrefix(prefix) && method.count > prefix.count {
            let rest = method.dropFirst(prefix.count)
            guard let first = rest.first, first.isUppercase else { continue }
            return first.lowercased() + rest.dropFirst()
        }
        return nil
    }
}

extension Timestamp {
    /// Joda-style date arithmetic for `dateTime().plusDays(3)` and the like; nil for a method
    /// dates do not have. Calendar units are applied in UTC, as Baton's timers are.
    func call(_ method: String, _ amount: Int64?, now: Timestamp?) -> VariableValue? {
        switch method {
        case "toDate": return .date(self)
        case "getTime", "getMillis": return .long(millisecondsSinceEpoch)
        case "isBeforeNow": return now.map { .boolean(self < $0) }
        case "isAfterNow": return now.map { .boolean($0 < self) }
        default: break
        }
        guard let amount else { return nil }
        let sign: Int64
        if method.hasPrefix("plus") { sign = 1 } else if method.hasPrefix("minus") { sign = -1 } else { return nil }
        let unit = method.dropFirst(sign == 1 ? 4 : 5)
        let (count, overflow) = amount.multipliedReportingOverflow(by: sign)
        guard !overflow else { return nil }
        let millisecondsPerUnit: [Substring: Int64] = [
            "Millis": 1, "Seconds": 1000, "Minutes": 60_000, "Hours": 3_600_000, "Days": 86_400_000, "Weeks": 604_800_000,
        ]
        if let size = millisecondsPerUnit[unit] {
            return .date(adding(milliseconds: count.multipliedReportingOverflow(by: size).partialValue))
        }
        let months: Int64
        switch unit {
        case "Months": months = count
        case "Years": months = count.multipliedReportingOverflow(by: 12).partialValue
        default: return nil
        }
        guard abs(months) <= 12 * 10_000 else { return nil }
        let days = millisecondsSinceEpoch >= 0
            ? millisecondsSinceEpoch / Timestamp.millisecondsPerDay
            : (millisecondsSinceEpoch - Timestamp.millisecondsPerDay + 1) / Timestamp.millisecondsPerDay
        let timeOfDay = millisecondsSinceEpoch - days * Timestamp.millisecondsPerDay
        let date = CivilDate(daysSinceEpoch: days).addingMonths(Int(months))
        return .date(Timestamp(millisecondsSinceEpoch: date.daysSinceEpoch * Timestamp.millisecondsPerDay + timeOfDay))
    }
}
