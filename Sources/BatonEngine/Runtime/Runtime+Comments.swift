import BatonCore
import BatonModel

/// Comments on user tasks, as Camunda's task service keeps them: written, changed and deleted on
/// an open task (its instance locked meanwhile), read on open and completed tasks alike.
extension Runtime {
    public func addComment(toTask taskID: String, message: String, userID: String?, authorize: TaskAuthorization? = nil) async throws -> TaskComment {
        try await store.transaction { transaction in
            let (record, _) = try await openTask(taskID, in: transaction, authorize: authorize)
            let comment = TaskComment(id: ids.next(), taskID: taskID, processInstanceID: record.id, userID: userID, time: clock.now(), message: message)
            try await transaction.insertComment(comment)
            return comment
        }
    }

    /// The task's comments, newest first.
    public func comments(ofTask taskID: String) async throws -> [TaskComment] {
        try await store.read { try await $0.comments(taskID: taskID) }
    }

    /// The comments on the instance's tasks, newest first (Camunda's process instance comments).
    public func comments(ofInstance instanceID: String) async throws -> [TaskComment] {
        try await store.read { try await $0.comments(instanceID: instanceID) }
    }

    public func updateComment(_ id: String, ofTask taskID: String, message: String, authorize: TaskAuthorization? = nil) async throws {
        try await store.transaction { transaction in
            _ = try await openTask(taskID, in: transaction, authorize: authorize)
            guard try await transaction.updateComment(id, taskID: taskID, message: message) else {
                throw EngineError(.notFound, "No comment exists with commentId: \(id) and taskId: \(taskID)")
            }
        }
    }

    /// Deletes one comment of the task, or all of them when `id` is nil.
    public func deleteComments(_ id: String?, ofTask taskID: String, authorize: TaskAuthorization? = nil) async throws {
        try await store.transaction { transaction in
            _ = try await openTask(taskID, in: transaction, authorize: authorize)
            try await transaction.deleteComments(id, taskID: taskID)
        }
    }
}
