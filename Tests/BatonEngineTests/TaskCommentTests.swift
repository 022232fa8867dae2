import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Task comments as Camunda's TaskService keeps them (its TaskServiceTest's comment scenarios):
/// newest first, changed and deleted while the task is open, kept after it completes, refused on
/// a task that is not open, and removed with the instance's history; alike on both stores.
@Suite struct TaskCommentTests {
    static let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="p" isExecutable="true" camunda:historyTimeToLive="P1D"><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />
        </process></definitions>
        """

    @Test(arguments: TestBackend.allCases) func commentsOutliveTheTaskAndLeaveWithTheHistory(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.model)
        let instance = try await test.start("p"), other = try await test.start("p")
        let task = try await test.task("t", in: instance), otherTask = try await test.task("t", in: other)
        let first = try await test.runtime.addComment(toTask: task.id, message: "looks fine", userID: "ann")
        test.clock.advance(by: "PT1M")
        let second = try await test.runtime.addComment(toTask: task.id, message: "approved by phone", userID: nil)
        _ = try await test.runtime.addComment(toTask: otherTask.id, message: "elsewhere", userID: "bob")
        #expect(first.processInstanceID == instance && first.userID == "ann")
        #expect(try await test.runtime.comments(ofTask: task.id).map(\.id) == [second.id, first.id], "newest first")

        try await test.runtime.updateComment(first.id, ofTask: task.id, message: "looks fine to me")
        #expect(try await test.runtime.comments(ofTask: task.id).last?.message == "looks fine to me")
        await #expect(throws: EngineError.self) { try await test.runtime.updateComment(first.id, ofTask: otherTask.id, message: "x") }

        try await test.complete("t", in: instance)
        #expect(try await test.runtime.comments(ofTask: task.id).map(\.message) == ["approved by phone", "looks fine to me"], "kept with the history")
        #expect(try await test.runtime.comments(ofInstance: instance).map(\.id) == [second.id, first.id], "the instance's, not the other's")
        await #expect(throws: EngineError.self) { _ = try await test.runtime.addComment(toTask: task.id, message: "late", userID: nil) }
        await #expect(throws: EngineError.self) { try await test.runtime.deleteComments(nil, ofTask: task.id) }

        test.clock.advance(by: "PT1M")
        _ = try await test.runtime.addComment(toTask: otherTask.id, message: "again", userID: "bob")
        let comments = try await test.runtime.comments(ofTask: otherTask.id)
        try await test.runtime.deleteComments(comments[0].id, ofTask: otherTask.id)
        #expect(try await test.runtime.comments(ofTask: otherTask.id).map(\.message) == ["elsewhere"])
        try await test.runtime.deleteComments(nil, ofTask: otherTask.id)
        #expect(try await test.runtime.comments(ofTask: otherTask.id).isEmpty)

        test.clock.advance(by: "P40D")
        #expect(try await test.runtime.cleanUpHistory() == 1)
        #expect(try await test.runtime.comments(ofTask: task.id).isEmpty, "gone with the ended instance's history")
        #expect(try await test.runtime.comments(ofInstance: instance).isEmpty)
    }
}
