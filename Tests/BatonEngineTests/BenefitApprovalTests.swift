import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Foundation
import Synchronization
import Testing

/// The product's process end to end in memory, with stub handlers standing in for Retool and
/// Aidbox: approve and publish, reject, a version conflict, and the escalation timer.
@Suite struct BenefitApprovalTests {
    /// Records which handler ran with which draft, and answers like the real adapters would.
    final class StubAdapters: Sendable {
        let calls = Mutex<[String]>([])
        let aidboxVersion: String

        init(aidboxVersion: String) { self.aidboxVersion = aidboxVersion }

        var handlers: [String: any ServiceTaskHandler] {
            func record(_ name: String, _ result: @escaping @Sendable (HandlerContext) -> [String: VariableValue] = { _ in [:] })
                -> any ServiceTaskHandler
            {
                ClosureHandler { context in
                    self.calls.withLock { $0.append("\(name):\(ExpressionEvaluator.text(context.variables["draftId"] ?? .null))") }
                    return result(context)
                }
            }
            let version = aidboxVersion
            return [
                "checkAidboxVersion": record("checkAidboxVersion") { context in
                    ["versionConflict": .boolean(context.variables["baseVersion"] != .string(version))]
                },
                "publishToAidbox": record("publishToAidbox") { _ in ["aidboxVersion": .string("\(Int(version)! + 1)")] },
                "markDraftPublished": record("markDraftPublished"),
                "markDraftRejected": record("markDraftRejected"),
                "markDraftConflict": record("markDraftConflict"),
                "escalateReview": record("escalateReview"),
            ]
        }
    }

    private func setUp(_ backend: TestBackend, aidboxVersion: String = "3") async throws -> (ProcessTest, StubAdapters) {
        let adapters = StubAdapters(aidboxVersion: aidboxVersion)
        let test = try await ProcessTest.on(backend, handlers: adapters.handlers)
        try await test.deploy(bytes: try TestPostgres.repositoryFile("processes/benefit-approval.bpmn"), name: "benefit-approval.bpmn")
        return (test, adapters)
    }

    private let submission: [String: VariableValue] = [
        "draftId": .string("D-1"), "submittedBy": .string("sam"), "baseVersion": .string("3"), "aidboxPlanId": .string("plan-1"),
    ]

    @Test(arguments: TestBackend.allCases) func anApprovedPlanIsCheckedPublishedAndMarked(backend: TestBackend) async throws {
        let (test, adapters) = try await setUp(backend)
        let instance = try await test.start("benefit-approval", submission, businessKey: "D-1")
        let review = try await test.task("ReviewPlan", in: instance)
        #expect(review.candidateGroups == ["plan-approvers"])
        #expect(review.formFields.map(\.id) == ["approved", "comment"])
        #expect(review.formKey == "embedded:app:forms/review-plan.html")
        #expect(review.name == "Review plan")
        try await test.runtime.claim(review.id, userID: "alex")
        try await test.runtime.complete(review.id, variables: ["approved": .boolean(true), "comment": .string("ok")], userID: "alex")
        #expect(try await test.active(in: instance) == ["PublishToAidbox"], "publishing waits as a job")
        try await test.runJobs()
        try await test.expectEnded(instance)
        #expect(adapters.calls.withLock { $0 } == ["checkAidboxVersion:D-1", "publishToAidbox:D-1", "markDraftPublished:D-1"])
        #expect(try await test.runtime.variables(of: instance).first { $0.name == "aidboxVersion" }?.value == .string("4"))
    }

    @Test(arguments: TestBackend.allCases) func aRejectedPlanIsMarkedRejected(backend: TestBackend) async throws {
        let (test, adapters) = try await setUp(backend)
        let instance = try await test.start("benefit-approval", submission)
        try await test.complete("ReviewPlan", in: instance, ["approved": .boolean(false)])
        try await test.expectEnded(instance)
        #expect(adapters.calls.withLock { $0 } == ["markDraftRejected:D-1"])
        #expect(try await test.history(of: instance).last == "PlanRejected")
    }

    @Test(arguments: TestBackend.allCases) func aPlanChangedInAidboxDuringReviewIsAConflict(backend: TestBackend) async throws {
        let (test, adapters) = try await setUp(backend, aidboxVersion: "5")
        let instance = try await test.start("benefit-approval", submission)
        try await test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        try await test.expectEnded(instance)
        #expect(adapters.calls.withLock { $0 } == ["checkAidboxVersion:D-1", "markDraftConflict:D-1"])
        #expect(try await test.history(of: instance).last == "VersionConflict")
    }

    @Test(arguments: TestBackend.allCases) func anOverdueReviewEscalatesAndStaysOpen(backend: TestBackend) async throws {
        let (test, adapters) = try await setUp(backend)
        let instance = try await test.start("benefit-approval", submission.merging(["reviewEscalationAfter": .string("PT4H")]) { a, _ in a })
        try await test.advance(by: "PT3H")
        #expect(adapters.calls.withLock { $0 }.isEmpty)
        try await test.advance(by: "PT1H")
        #expect(adapters.calls.withLock { $0 } == ["escalateReview:D-1"])
        #expect(try await test.active(in: instance) == ["ReviewPlan"], "non-interrupting: the review stays open")
        try await test.complete("ReviewPlan", in: instance, ["approved": .boolean(false)])
        try await test.expectEnded(instance)
    }

    @Test(arguments: TestBackend.allCases) func theDefaultEscalationIsThreeDays(backend: TestBackend) async throws {
        let (test, adapters) = try await setUp(backend)
        _ = try await test.start("benefit-approval", submission)
        try await test.advance(by: "P2DT23H")
        #expect(adapters.calls.withLock { $0 }.isEmpty)
        try await test.advance(by: "PT1H")
        #expect(adapters.calls.withLock { $0 } == ["escalateReview:D-1"])
    }
}
