import BatonModel
import Hummingbird
import Testing

/// `…/task/{id}/comment` as Camunda's REST reference gives it (#15): create, list newest first,
/// read one, change, delete one or all; 400 for a comment without text or on a task that is not
/// open, 404 for an unknown task or comment; and who may read and write them.
@Suite struct TaskCommentAPITests {
    @Test func commentsAreWrittenReadChangedAndDeleted() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw"), bob = rest.as("bob", "bob-pw")
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let task = try #require(try await ann.call(.get, "/engine-rest/task?processInstanceId=\(instance)").json?.arrayValue.first?["id"]?.stringValue)

            let created = try await ann.call(.post, "/engine-rest/task/\(task)/comment/create", json: #"{"message": "Checked the plan", "processInstanceId": "\#(instance)"}"#)
            #expect(created.status == .ok && created["userId"] == .string("ann") && created["taskId"] == .string(task), "\(created.text)")
            #expect(created["processInstanceId"] == .string(instance) && created["time"]?.stringValue != nil)
            let first = try #require(created["id"]?.stringValue)
            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/comment/create", json: #"{"message": "Second"}"#).status == .ok)
            let listed = try await ann.call(.get, "/engine-rest/task/\(task)/comment")
            #expect(listed.json?.arrayValue.compactMap { $0["message"]?.stringValue } == ["Second", "Checked the plan"], "\(listed.text)")
            #expect(try await ann.call(.get, "/engine-rest/task/\(task)/comment/\(first)")["message"] == .string("Checked the plan"))
            #expect(try await ann.call(.get, "/engine-rest/task/\(task)/comment/nope").status == .notFound)

            // Bad requests, and callers who may not.
            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/comment/create", json: "{}").status == .badRequest)
            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/comment/create", json: #"{"message": "x", "processInstanceId": "other"}"#).status == .badRequest)
            #expect(try await ann.call(.post, "/engine-rest/task/nope/comment/create", json: #"{"message": "x"}"#).status == .badRequest)
            #expect(try await ann.call(.get, "/engine-rest/task/nope/comment").status == .notFound)
            #expect(try await bob.call(.get, "/engine-rest/task/\(task)/comment").status == .forbidden)
            #expect(try await bob.call(.post, "/engine-rest/task/\(task)/comment/create", json: #"{"message": "mine"}"#).status == .forbidden)
            #expect(try await bob.call(.delete, "/engine-rest/task/\(task)/comment").status == .forbidden)
            #expect(try await ops.call(.get, "/engine-rest/task/\(task)/comment").json?.arrayValue.count == 2, "a refused call wrote and deleted nothing")

            #expect(try await ann.call(.put, "/engine-rest/task/\(task)/comment", json: #"{"id": "\#(first)", "message": "Checked twice"}"#).status == .noContent)
            #expect(try await ann.call(.get, "/engine-rest/task/\(task)/comment/\(first)")["message"] == .string("Checked twice"))
            #expect(try await ann.call(.put, "/engine-rest/task/\(task)/comment", json: #"{"id": "\#(first)"}"#).status == .badRequest)
            #expect(try await ann.call(.delete, "/engine-rest/task/\(task)/comment/\(first)").status == .noContent)
            #expect(try await ann.call(.get, "/engine-rest/task/\(task)/comment").json?.arrayValue.count == 1)

            // After the task completes its comments are history: read with READ_HISTORY, no longer written.
            #expect(try await ann.call(.post, "/engine-rest/task/\(task)/complete", json: "{}").status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/task/\(task)/comment").json?.arrayValue.count == 1)
            #expect(try await ann.call(.get, "/engine-rest/task/\(task)/comment").status == .forbidden, "ann may not read review's history")
            #expect(try await ops.call(.post, "/engine-rest/task/\(task)/comment/create", json: #"{"message": "late"}"#).status == .badRequest)
            #expect(try await ops.call(.delete, "/engine-rest/task/\(task)/comment").status == .notFound)

            // The instance's comments, running or ended: history, read with READ_HISTORY.
            let ofInstance = try await ops.call(.get, "/engine-rest/process-instance/\(instance)/comment")
            #expect(ofInstance.json?.arrayValue.compactMap { $0["message"]?.stringValue } == ["Second"], "\(ofInstance.text)")
            #expect(try await bob.call(.get, "/engine-rest/process-instance/\(instance)/comment").status == .forbidden)
            #expect(try await ops.call(.get, "/engine-rest/process-instance/nope/comment").status == .notFound)
        }
    }
}
