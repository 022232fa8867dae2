import BatonEngine
import BatonModel
import Hummingbird

/// Camunda's task comments: `GET /task/{id}/comment` (newest first) and `…/comment/{commentId}`,
/// `POST …/comment/create`, `PUT …/comment` and `DELETE` of one or all. Comments outlive the
/// task: an open task's are read by whoever may see it, a completed task's with `READ_HISTORY`
/// on its definition; writing needs an open task, to see it (create) or work on it (change, delete).
extension EngineRestAPI {
    func registerTaskComments(on group: RouterGroup<BatonRequestContext>) {
        group.get("task/:id/comment") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            try await requireCommentsReadable(ofTask: id, context)
            return JSONResponse.make(.array(try await runtime.comments(ofTask: id).map(Self.json)))
        }
        group.get("process-instance/:id/comment") { request, context in
            // Comments are history: READ_HISTORY on the instance's definition, running or ended.
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id")
            let instance = try await runtime.instance(id)
            try await access(context).require("READ_HISTORY", processKey: instance.processKey)
            return JSONResponse.make(.array(try await runtime.comments(ofInstance: id).map(Self.json)))
        }
        group.get("task/:id/comment/:commentId") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id"), commentID = try context.pathParameter("commentId")
            try await requireCommentsReadable(ofTask: id, context)
            guard let comment = try await runtime.comments(ofTask: id).first(where: { $0.id == commentID }) else {
                throw RestError.notFound("No comment exists with commentId: \(commentID) and taskId: \(id)")
            }
            return JSONResponse.make(Self.json(comment))
        }
        group.post("task/:id/comment/create") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["message", "processInstanceId"])
            guard let message = try body.string("message") else { throw RestError.invalid("Expected 'message', the comment's text, but it is missing.") }
            let id = try context.pathParameter("id"), identity = context.identity, access = try await access(context)
            let instance = try body.string("processInstanceId")
            do {
                let comment = try await runtime.addComment(toTask: id, message: message, userID: identity?.userID) { task in
                    // Authorized first: the refusal below names the task's instance.
                    try Authorization.requireRead(on: task, identity, access)
                    if let instance, instance != task.processInstanceID {
                        throw RestError.invalid("Expected 'processInstanceId' to be the task's instance '\(task.processInstanceID)', but it is '\(instance)'.")
                    }
                }
                return JSONResponse.make(Self.json(comment))
            } catch let error as EngineError where error.kind == .notFound {
                // Camunda answers a comment on a task that is not open with 400.
                throw RestError.invalid("No task exists with taskId: \(id)")
            }
        }
        group.put("task/:id/comment") { request, context in
            let body = try await body(request, context)
            try body.allowOnly(["id", "message"])
            guard let commentID = try body.string("id"), let message = try body.string("message") else {
                throw RestError.invalid("Expected 'id' (the comment's) and 'message' (its new text), but \(try body.string("id") == nil ? "'id'" : "'message'") is missing.")
            }
            try await runtime.updateComment(commentID, ofTask: try context.pathParameter("id"), message: message, authorize: try await mayWork(context))
            return JSONResponse.noContent()
        }
        group.delete("task/:id/comment") { request, context in
            _ = try QueryParameters(request, allowed: [])
            try await runtime.deleteComments(nil, ofTask: try context.pathParameter("id"), authorize: try await mayWork(context))
            return JSONResponse.noContent()
        }
        group.delete("task/:id/comment/:commentId") { request, context in
            _ = try QueryParameters(request, allowed: [])
            let id = try context.pathParameter("id"), commentID = try context.pathParameter("commentId")
            try await runtime.deleteComments(commentID, ofTask: id, authorize: try await mayWork(context))
            return JSONResponse.noContent()
        }
    }

    /// An open task's comments are the caller's to read if the task is; a completed task's if
    /// `READ_HISTORY` on its definition lets them read its history.
    private func requireCommentsReadable(ofTask id: String, _ context: BatonRequestContext) async throws {
        let access = try await access(context)
        if let task = try? await runtime.task(id) {
            return try Authorization.requireRead(on: task, context.identity, access)
        }
        guard let completed = try await runtime.taskHistory(HistoricTaskInstanceQuery(taskID: id)).first else {
            throw RestError.notFound("No task exists with taskId: \(id)")
        }
        try access.require("READ_HISTORY", processKey: Access.processKey(ofDefinition: completed.processDefinitionID))
    }

    static func json(_ comment: TaskComment) -> JSONValue {
        .object([
            .init("id", .string(comment.id)), .init("userId", .orNull(comment.userID)), .init("taskId", .string(comment.taskID)),
            .init("processInstanceId", .string(comment.processInstanceID)), .init("time", TypedValue.date(comment.time)),
            .init("message", .string(comment.message)), .init("removalTime", .null), .init("rootProcessInstanceId", .string(comment.processInstanceID)),
            .init("links", .array([])),
        ])
    }
}
