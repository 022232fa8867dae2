import BatonCore

extension Command {
    /// The command's kind alone, for logs: never its variables, which may hold personal data.
    var name: String {
        switch self {
        case .start: "start"
        case .startAt: "startAt"
        case .updateEventTriggers: "updateEventTriggers"
        case .completeTask: "completeTask"
        case .assignTask: "assignTask"
        case .delegateTask: "delegateTask"
        case .resolveTask: "resolveTask"
        case .addTaskCandidates: "addTaskCandidates"
        case .updateTask: "updateTask"
        case .removeTaskCandidates: "removeTaskCandidates"
        case .triggerSubscription: "triggerSubscription"
        case .signal: "signal"
        case .executeJob: "executeJob"
        case .completeJob: "completeJob"
        case .failJob: "failJob"
        case .setJobRetries: "setJobRetries"
        case .setJobPriority: "setJobPriority"
        case .throwError: "throwError"
        case .escalateFromCalledInstance: "escalateFromCalledInstance"
        case .completeCallActivity: "completeCallActivity"
        case .setVariables: "setVariables"
        case .removeVariables: "removeVariables"
        case .cancel: "cancel"
        case .setSuspended(let suspended): suspended ? "suspend" : "activate"
        case .modify: "modify"
        }
    }
}
