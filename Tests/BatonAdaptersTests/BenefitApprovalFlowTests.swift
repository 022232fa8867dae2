import BatonAdapters
import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Foundation
import Testing

/// `processes/benefit-approval.bpmn` with the real handlers: the engine and Retool on PostgreSQL,
/// Aidbox as a FHIR R4 stand-in on loopback.
@Suite struct BenefitApprovalFlowTests {
    struct World {
        let test: ProcessTest
        let drafts: RetoolDraftRepository
        let fhir: FHIRStandIn
    }

    private let plan: JSONValue = .object([.init("resourceType", .string("InsurancePlan")), .init("name", .string("Gold PPO 2027"))])

    private func world(aidboxRetries: Int = 1) async throws -> World {
        let retool = try await TestPostgres.freshRetoolDatabase()
        let connection = try await PostgresConnection.connect(retool)
        try await connection.query(
            "INSERT INTO benefit_plan_drafts (id, name, plan_data, created_by, base_version) VALUES ('D-1', 'Gold PPO 2027', $1::jsonb, 'sam', '3')",
            [JSONText.render(plan)])
        let drafts = RetoolDraftRepository(pool: PostgresPool(connectionString: retool, maximum: 2))
        let fhir = try await FHIRStandIn.start()
        for _ in 0..<3 { fhir.store(plan, id: "gold-ppo") }  // Aidbox holds version 3
        let aidbox = AidboxClient(configuration: AidboxConfiguration(baseURL: fhir.baseURL, timeout: .seconds(5), retries: aidboxRetries, backoff: .milliseconds(5)))
        let handlers = BenefitApprovalHandlers(drafts: drafts, aidbox: aidbox).handlers
        let test = ProcessTest(store: try await TestPostgres.freshStore(), handlers: handlers)
        try await test.deploy(bytes: try TestPostgres.repositoryFile("processes/benefit-approval.bpmn"), name: "benefit-approval.bpmn")
        return World(test: test, drafts: drafts, fhir: fhir)
    }

    private func submit(_ world: World) async throws -> String {
        let instance = try await world.test.start(
            "benefit-approval", ["draftId": .string("D-1"), "submittedBy": .string("sam"), "baseVersion": .string("3"), "aidboxPlanId": .string("gold-ppo")],
            businessKey: "D-1")
        try await world.drafts.markSubmitted("D-1", by: "sam", processInstanceID: instance)
        return instance
    }

    private func puts(_ fhir: FHIRStandIn) -> Int { fhir.received.filter { $0.method == "PUT" }.count }

    @Test func anApprovedDraftIsPublishedOnceAndMarked() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(true), "comment": .string("ok")])
        try await world.test.runJobs()
        try await world.test.expectEnded(instance)
        let draft = try await world.drafts.draft("D-1")
        #expect(draft.status == .published)
        #expect(draft.aidboxID == "gold-ppo" && draft.aidboxVersion == "4")
        #expect(puts(world.fhir) == 1)
        #expect(world.fhir.received.last { $0.method == "PUT" }?.ifMatch == #"W/"3""#)
        let published = try #require(world.fhir.versions(of: "gold-ppo").last)
        #expect(published["name"] == .string("Gold PPO 2027"))
        #expect(published["meta"]?["tag"] == .array([.object([
            .init("system", .string(BenefitApprovalHandlers.publishedByTag)), .init("code", .string(instance)),
        ])]))
    }

    @Test func anOverdueReviewIsEscalatedToTheLeads() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        try await world.test.advance(by: "P3D")
        let review = try await world.test.task("ReviewPlan", in: instance)
        #expect(review.candidateGroups == ["plan-approvers", "plan-approvers-leads"])
        #expect(try await world.test.runtime.variables(of: instance).contains { $0.name == "reviewEscalated" && $0.value == .boolean(true) })
        #expect(try await world.test.runtime.tasks(TaskQuery(candidateGroups: ["plan-approvers-leads"])).map(\.id) == [review.id])
    }

    @Test func aRejectedDraftIsMarkedAndNothingIsPublished() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(false)])
        try await world.test.expectEnded(instance)
        #expect(try await world.drafts.draft("D-1").status == .rejected)
        #expect(puts(world.fhir) == 0)
    }

    @Test func aPlanChangedInAidboxDuringReviewIsAConflict() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        world.fhir.store(plan, id: "gold-ppo")  // version 4, written by someone else
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        try await world.test.expectEnded(instance)
        #expect(try await world.drafts.draft("D-1").status == .conflict)
        #expect(puts(world.fhir) == 0)
    }

    @Test func aidboxDownForAWhileIsRetriedAndPublishesOnce() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        world.fhir.isDown = true
        try await world.test.runJobs()
        let job = try #require(try await world.test.runtime.jobs(JobQuery(processInstanceID: instance)).first)
        #expect(job.errorMessage?.contains("Aidbox is unavailable") == true, "\(String(describing: job.errorMessage))")
        world.fhir.isDown = false
        try await world.test.advance(by: "PT1M")
        try await world.test.expectEnded(instance)
        #expect(puts(world.fhir) == 1)
        #expect(try await world.drafts.draft("D-1").status == .published)
    }

    @Test func aidboxDownForGoodEndsInAnIncidentThatRetriesResolve() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        world.fhir.isDown = true
        try await world.test.runJobs()
        for _ in 0..<5 { try await world.test.advance(by: "PT1M") }  // R5/PT1M: every retry fails
        let incident = try #require(try await world.test.runtime.incidents(of: instance).first { $0.resolvedAt == nil })
        #expect(incident.activityID == "PublishToAidbox")
        #expect(incident.message.contains("Aidbox is unavailable"))
        #expect(try await world.drafts.draft("D-1").status == .submitted, "nothing was marked")

        world.fhir.isDown = false
        let job = try #require(try await world.test.runtime.jobs(JobQuery(processInstanceID: instance)).first)
        try await world.test.runtime.setJobRetries(job.id, retries: 1)
        try await world.test.runJobs()
        try await world.test.expectEnded(instance)
        #expect(try await world.drafts.draft("D-1").status == .published)
        #expect(puts(world.fhir) == 1)
    }

    /// Baton died after Aidbox accepted the update but before its own commit: the retried job
    /// finds its own tag on the current version and takes it, publishing nothing twice.
    @Test func aCrashBetweenPublishAndCommitDoesNotPublishTwice() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        guard case .object(let members) = plan else { return }
        let landed = JSONValue.object(members + [.init("meta", .object([.init("tag", .array([.object([
            .init("system", .string(BenefitApprovalHandlers.publishedByTag)), .init("code", .string(instance)),
        ])]))]))])
        world.fhir.store(landed, id: "gold-ppo")  // version 4: the write whose answer was lost
        try await world.test.runJobs()
        try await world.test.expectEnded(instance)
        #expect(puts(world.fhir) == 0, "no second write")
        #expect(try await world.drafts.draft("D-1").aidboxVersion == "4")
    }

    /// The plan changed after the early check but before the publish: the publish's If-Match
    /// catches it and the process ends as a conflict, not in an incident.
    @Test func aPlanChangedBetweenTheCheckAndThePublishIsAConflict() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        world.fhir.store(plan, id: "gold-ppo")  // version 4, written while the publish job waited
        try await world.test.runJobs()
        try await world.test.expectEnded(instance)
        #expect(try await world.drafts.draft("D-1").status == .conflict)
        #expect(world.fhir.versions(of: "gold-ppo").count == 4, "nothing of ours was written")
        #expect(try await world.test.runtime.incidents(of: instance).isEmpty)
    }

    /// An Aidbox outage does not stop the reviewer: the decision is recorded, and the publish job
    /// (whose If-Match guards the version) waits for Aidbox.
    @Test func aReviewerCanDecideWhileAidboxIsDown() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        world.fhir.isDown = true
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        #expect(try await world.test.active(in: instance) == ["PublishToAidbox"])
        #expect(try await world.test.runtime.variables(of: instance).contains { $0.name == "aidboxVersionChecked" && $0.value == .boolean(false) })
        world.fhir.isDown = false
        try await world.test.runJobs()
        try await world.test.expectEnded(instance)
        #expect(try await world.drafts.draft("D-1").status == .published)
    }

    /// The draft was deleted in Retool while its review ran: the publish job cannot succeed by
    /// retrying, so it raises an incident at once that names the draft, and publishes nothing.
    @Test func aDraftDeletedDuringReviewRaisesAnIncidentAtOnce() async throws {
        let world = try await world()
        defer { world.fhir.stop() }
        let instance = try await submit(world)
        try await world.test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        try await PostgresConnection.connect(world.drafts.pool.connectionString).query("DELETE FROM benefit_plan_drafts WHERE id = 'D-1'")
        try await world.test.runJobs()
        let incident = try #require(try await world.test.runtime.incidents(of: instance).first { $0.resolvedAt == nil })
        #expect(incident.activityID == "PublishToAidbox")
        #expect(incident.message.contains("'D-1'"), "\(incident.message)")
        #expect(try await world.test.runtime.jobs(JobQuery(processInstanceID: instance)).first?.retries == 0, "no retries spent on a missing draft")
        #expect(puts(world.fhir) == 0)
    }

    /// `baton serve` without AIDBOX_URL: the decision is recorded and the publish job raises an
    /// incident at once (retrying cannot help) that names the setting.
    @Test func withoutAidboxConfiguredThePublishJobRaisesAnIncidentNamingTheSetting() async throws {
        let retool = try await TestPostgres.freshRetoolDatabase()
        let handlers = BenefitApprovalHandlers(drafts: RetoolDraftRepository(pool: PostgresPool(connectionString: retool)), aidbox: nil).handlers
        let test = ProcessTest(store: try await TestPostgres.freshStore(), handlers: handlers)
        try await test.deploy(bytes: try TestPostgres.repositoryFile("processes/benefit-approval.bpmn"), name: "benefit-approval.bpmn")
        let instance = try await test.start("benefit-approval", ["draftId": .string("D-9"), "submittedBy": .string("sam"), "aidboxPlanId": .string("p")])
        try await test.complete("ReviewPlan", in: instance, ["approved": .boolean(true)])
        try await test.runJobs()
        let incident = try #require(try await test.runtime.incidents(of: instance).first { $0.resolvedAt == nil })
        #expect(incident.activityID == "PublishToAidbox")
        #expect(incident.message.contains("set AIDBOX_URL"), "\(incident.message)")
        #expect(try await test.runtime.jobs(JobQuery(processInstanceID: instance)).first?.retries == 0, "no retries spent on missing configuration")
    }
}
