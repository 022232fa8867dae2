import BatonModel

/// A comment on a user task (Camunda's task comment). It outlives the task: comments are history,
/// kept with their instance's and removed with it.
public struct TaskComment: Hashable, Sendable {
    public var id: String
    public var taskID: String
    public var processInstanceID: String
    /// Who wrote it; nil when no one was signed in.
    public var userID: String?
    public var time: Timestamp
    public var message: String

    public init(id: String, taskID: String, processInstanceID: String, userID: String?, time: Timestamp, message: String) {
        self.id = id
        self.taskID = taskID
        self.processInstanceID = processInstanceID
        self.userID = userID
        self.time = time
        self.message = message
    }
}
