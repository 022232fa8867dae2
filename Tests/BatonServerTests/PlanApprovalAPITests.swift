import BatonAdapters
import BatonEngine
import BatonModel
import BatonPostgres
import BatonServer
import BatonTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `/api`, as the Retool app calls it, over the real process, PostgreSQL for the engine and
/// Retool, and the FHIR stand-in for Aidbox.
@Suite struct PlanApprovalAPITests {
    /// Calls `test` with the API's client, the runtime, the FHIR stand-in, the clock and the Retool
    /// database's connection string.
    private func run(_ test: @escaping @Sendable (RestClient, Runtime, FHIRStandIn, ManualClock, String) async throws -> Void) async throws {
        let retool = try await TestPostgres.freshRetoolDatabase()
        let seed = try await PostgresConnection.connect(retool)
        for (id, name) in [("D-1", "Gold PPO 2027"), ("D-2", "Silver HMO 2027")] {
            try await seed.query(
                "INSERT INTO benefit_plan_drafts (id, name, plan_data, created_by, base_version, aidbox_id) VALUES ($1, $2, '{\"resourceType\": \"InsurancePlan\"}', 'sam', '1', $1)",
                [id, name])
        }
        let drafts = RetoolDraftRepository(pool: PostgresPool(connectionString: retool, maximum: 2))
        let fhir = try await FHIRStandIn.start()
        defer { fhir.stop() }
        fhir.store(.object([.init("name", .string("old"))]), id: "D-1")
        let aidbox = AidboxClient(configuration: AidboxConfiguration(baseURL: fhir.baseURL, retries: 0))
        let clock = ManualClock()
        let runtime = Runtime(store: try await TestPostgres.freshStore(), clock: clock, handlers: BenefitApprovalHandlers(drafts: drafts, aidbox: aidbox).handlers)
        _ = try await runtime.deploy(name: "approval", resources: [
            DeploymentResource(name: "benefit-approval.bpmn", bytes: try TestPostgres.repositoryFile("processes/benefit-approval.bpmn")),
        ])
        let router = BatonHTTPServer.router(api: EngineRestAPI(runtime: runtime), planApproval: PlanApprovalAPI(runtime: runtime, drafts: drafts)) { nil }
        try await LoopbackServer.run(router) { client in try await test(RestClient(client: client), runtime, fhir, clock, retool) }
    }

    @Test func submitReviewApproveAndPublishThroughTheAPI() async throws {
        try await run { api, runtime, fhir, _, _ in
            let submitted = try await api.call(.post, "/api/plans/D-1/submit", json: #"{"userId": "sam"}"#)
            #expect(submitted.status == .ok, "\(submitted.text)")
            #expect(submitted["status"] == .string("submitted"))
            let again = try await api.call(.post, "/api/plans/D-1/submit", json: #"{"userId": "sam"}"#)
            #expect(again.status == .conflict)

            let pending = try await api.call(.get, "/api/tasks?candidateGroup=plan-approvers")
            let review = try #require(pending.json?.arrayValue.first)
            #expect(review["draftName"] == .string("Gold PPO 2027"))
            #expect(review["submittedBy"] == .string("sam"))
            let taskID = try #require(review["taskId"]?.stringValue)

            let own = try await api.call(.post, "/api/tasks/\(taskID)/decision", json: #"{"approved": true, "userId": "sam"}"#)
            #expect(own.status == .forbidden, "the submitter may not approve their own draft")
            let missing = try await api.call(.post, "/api/tasks/\(taskID)/decision", json: #"{"userId": "ann"}"#)
            #expect(missing.status == .badRequest && missing["message"]?.stringValue?.contains("'approved'") == true)
            let decided = try await api.call(.post, "/api/tasks/\(taskID)/decision", json: #"{"approved": true, "comment": "fine", "userId": "ann"}"#)
            #expect(decided["outcome"] == .string("publishing"), "\(decided.text)")
            var status = try await api.call(.get, "/api/plans/D-1/status")
            #expect(status["workflowActive"] == .bool(true))
            #expect(status["currentActivities"] == .array([.string("PublishToAidbox")]))

            _ = try await runtime.runDueJobs()
            status = try await api.call(.get, "/api/plans/D-1/status")
            #expect(status["draftStatus"] == .string("published"))
            #expect(status["workflowActive"] == .bool(false))
            #expect(status["history"]?.arrayValue.compactMap { $0["activityId"]?.stringValue }.contains("PlanPublished") == true)
            #expect(fhir.versions(of: "D-1").count == 2, "published once")
        }
    }

    @Test func aRejectionAndBadRequestsAnswerClearly() async throws {
        try await run { api, _, _, _, _ in
            _ = try await api.call(.post, "/api/plans/D-2/submit", json: #"{"userId": "sam"}"#)
            let taskID = try #require(try await api.call(.get, "/api/tasks").json?.arrayValue.first?["taskId"]?.stringValue)
            let decided = try await api.call(.post, "/api/tasks/\(taskID)/decision", json: #"{"approved": false, "comment": "too costly", "userId": "ann"}"#)
            #expect(decided["outcome"] == .string("rejected"))
            #expect(try await api.call(.get, "/api/plans/D-2/status")["draftStatus"] == .string("rejected"))
            #expect(try await api.call(.post, "/api/plans/nope/submit", json: #"{"userId": "sam"}"#).status == .notFound)
            #expect(try await api.call(.post, "/api/plans/D-1/submit", json: #"{"user": "sam"}"#).status == .badRequest)
            #expect(try await api.call(.get, "/api/plans/nope/status").status == .notFound)
        }
    }

    /// A draft submitted under Camunda names an instance Baton never ran: its status is the
    /// draft's, with no workflow, not a 404 for the instance.
    @Test func aDraftFromCamundaDaysShowsItsStatusWithoutAWorkflow() async throws {
        try await run { api, _, _, _, retool in
            try await PostgresConnection.connect(retool).query(
                "UPDATE benefit_plan_drafts SET status = 'submitted', camunda_process_id = 'camunda-4711' WHERE id = 'D-2'")
            let status = try await api.call(.get, "/api/plans/D-2/status")
            #expect(status.status == .ok, "\(status.text)")
            #expect(status["draftStatus"] == .string("submitted"))
            #expect(status["processInstanceId"] == .string("camunda-4711"))
            #expect(status["workflowActive"] == .bool(false))
            #expect(status["history"] == .array([]))
        }
    }

    /// Two submissions of one draft race: another request has moved the draft to `submitted`
    /// (not yet committed) when this one checks it, so this one starts its instance, then loses
    /// at `submit_draft_for_approval`. It answers 409 and cancels its instance, so no second
    /// review is left open.
    @Test func aSubmissionThatLosesTheRaceCancelsItsInstance() async throws {
        try await run { api, runtime, _, _, retool in
            let rival = try await PostgresConnection.connect(retool)
            try await rival.query("BEGIN")
            try await rival.query("UPDATE benefit_plan_drafts SET status = 'submitted', camunda_process_id = 'rival' WHERE id = 'D-1'")
            async let submitted = api.call(.post, "/api/plans/D-1/submit", json: #"{"userId": "sam"}"#)
            // Once our request waits for the rival's row lock, it has passed its status check and started its instance.
            let observer = try await PostgresConnection.connect(retool)
            var waited = 0
            while try await observer.query(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).rows == [["0"]] {
                waited += 1
                try #require(waited < 3000, "the submission never waited for the rival's lock")
                try await Task.sleep(for: .milliseconds(10))
            }
            try await rival.query("COMMIT")
            let answer = try await submitted
            #expect(answer.status == .conflict, "\(answer.text)")
            #expect(answer["message"]?.stringValue?.contains("D-1") == true, "\(answer.text)")
            let started = try await runtime.instances(ProcessInstanceQuery(lifecycle: .any, businessKey: "D-1"))
            #expect(started.map(\.state) == [.terminated], "the losing submission's instance is cancelled")
            #expect(try await runtime.tasks(TaskQuery()).isEmpty, "no review is left open")
            let draft = try await observer.query("SELECT status, camunda_process_id FROM benefit_plan_drafts WHERE id = 'D-1'").rows
            #expect(draft == [["submitted", "rival"]], "the winner's submission stands")
        }
    }

    /// Aidbox down for good: the reviewer's decision is kept, the publish job spends its retries
    /// (R5/PT1M) and the incident shows through `/engine-rest/incident` and the draft's status.
    @Test func aidboxDownForGoodShowsAsAnIncidentThroughBothAPIs() async throws {
        try await run { api, runtime, fhir, clock, _ in
            let instance = try #require(try await api.call(.post, "/api/plans/D-1/submit", json: #"{"userId": "sam"}"#)["processInstanceId"]?.stringValue)
            let taskID = try #require(try await api.call(.get, "/api/tasks").json?.arrayValue.first?["taskId"]?.stringValue)
            fhir.isDown = true
            let decided = try await api.call(.post, "/api/tasks/\(taskID)/decision", json: #"{"approved": true, "userId": "ann"}"#)
            #expect(decided["outcome"] == .string("publishing"), "the decision is kept while Aidbox is down: \(decided.text)")
            for _ in 0..<6 {
                _ = try await runtime.runDueJobs()
                clock.advance(by: "PT1M")
            }
            let incidents = try await api.call(.get, "/engine-rest/incident?processInstanceId=\(instance)")
            let incident = try #require(incidents.json?.arrayValue.first)
            #expect(incident["activityId"] == .string("PublishToAidbox"))
            #expect(incident["incidentMessage"]?.stringValue?.contains("Aidbox is unavailable") == true, "\(incidents.text)")
            let status = try await api.call(.get, "/api/plans/D-1/status")
            #expect(status["draftStatus"] == .string("submitted"))
            #expect(status["workflowActive"] == .bool(true))
            #expect(status["incidents"]?.arrayValue.first?["message"]?.stringValue?.contains("Aidbox is unavailable") == true, "\(status.text)")
        }
    }
}
