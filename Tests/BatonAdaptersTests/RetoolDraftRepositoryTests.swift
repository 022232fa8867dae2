import BatonAdapters
import BatonModel
import BatonPostgres
import BatonTesting
import Foundation
import Testing

/// Retool's drafts table on a real PostgreSQL: the migration is additive and idempotent, and a
/// draft moves only along the workflow.
@Suite struct RetoolDraftRepositoryTests {
    private let retool = { try Migrator.retool() }

    /// A database shaped as Retool left it: its own table with a uuid id, an extra column and a
    /// row, which the migration must keep.
    private func legacyDatabase() async throws -> (conninfo: String, connection: PostgresConnection) {
        let conninfo = try await TestPostgres.freshDatabase()
        let connection = try await PostgresConnection.connect(conninfo)
        try await connection.execute(script: """
            CREATE TABLE benefit_plan_drafts (id uuid PRIMARY KEY, name text, plan_data jsonb, status text, retool_note text);
            INSERT INTO benefit_plan_drafts VALUES ('6f1d4c1e-0000-4000-8000-000000000001', 'Gold PPO', '{"resourceType": "InsurancePlan"}', 'draft', 'keep me');
            """)
        return (conninfo, connection)
    }

    @Test func theMigrationKeepsExistingRowsAndColumnsAndRunsTwice() async throws {
        let (_, connection) = try await legacyDatabase()
        #expect(try await retool().migrate(connection) == [1])
        #expect(try await retool().migrate(connection) == [], "recorded once")
        try await connection.execute(script: try String(contentsOf: TestPostgres.repositoryRoot.appendingPathComponent("Sources/BatonPostgres/Schemas/retool/001_benefit_plan_drafts.sql"), encoding: .utf8))
        let row = try await connection.query("SELECT name, retool_note, status, submission_metadata::text FROM benefit_plan_drafts").rows
        #expect(row == [["Gold PPO", "keep me", "draft", "{}"]], "the SQL itself is idempotent too")
        let summary = try await connection.query("SELECT workflow_status, workflow_active FROM draft_summary").rows
        #expect(summary == [["not submitted", "f"]])
    }

    /// Rows with statuses of their own (written before Baton) survive the migration and stay
    /// readable; new writes are held to the workflow's statuses.
    @Test func rowsWithOtherStatusesStayReadableButNewOnesAreChecked() async throws {
        let (conninfo, connection) = try await legacyDatabase()
        try await connection.query("UPDATE benefit_plan_drafts SET status = 'in_legal_review'")
        try await retool().migrate(connection)
        let drafts = RetoolDraftRepository(pool: PostgresPool(connectionString: conninfo, maximum: 1))
        let legacy = try await drafts.draft("6f1d4c1e-0000-4000-8000-000000000001")
        #expect(legacy.status == nil && legacy.rawStatus == "in_legal_review")
        await #expect(throws: PostgresError.self) {
            try await connection.query("INSERT INTO benefit_plan_drafts (id, status) VALUES ('6f1d4c1e-0000-4000-8000-000000000002', 'bogus')")
        }
        let refused = await #expect(throws: DraftError.self) { try await drafts.markSubmitted("6f1d4c1e-0000-4000-8000-000000000001", by: "sam", processInstanceID: "p") }
        #expect(refused?.description.contains("it is in_legal_review") == true)
    }

    @Test func aDraftMovesOnlyAlongTheWorkflow() async throws {
        let (conninfo, connection) = try await legacyDatabase()
        try await retool().migrate(connection)
        let drafts = RetoolDraftRepository(pool: PostgresPool(connectionString: conninfo, maximum: 2))
        let id = "6f1d4c1e-0000-4000-8000-000000000001"
        #expect(try await drafts.draft(id).status == .draft)

        let refused = await #expect(throws: DraftError.self) { try await drafts.setStatus(id, to: .published, by: "ann") }
        #expect(refused?.description == "Expected draft '\(id)' to be approved to become published, but it is draft.")
        let submitted = try await drafts.markSubmitted(id, by: "sam", processInstanceID: "pi-1", metadata: .object([.init("baseVersion", .string("3"))]))
        #expect(submitted.status == .submitted)
        #expect(submitted.processInstanceID == "pi-1")
        #expect(submitted.submissionMetadata["submittedBy"] == .string("sam"))
        #expect(submitted.submissionMetadata["baseVersion"] == .string("3"))
        #expect(try await drafts.draft(processInstanceID: "pi-1")?.id == id)
        let again = await #expect(throws: DraftError.self) { try await drafts.markSubmitted(id, by: "sam", processInstanceID: "pi-2") }
        #expect(again?.kind == .invalidTransition, "a submitted draft is not submitted twice")

        try await drafts.setStatus(id, to: .approved, by: "ann")
        let published = try await drafts.setStatus(id, to: .published, by: "baton", aidboxID: "plan-7", aidboxVersion: "4")
        #expect(published.status == .published && published.aidboxID == "plan-7" && published.aidboxVersion == "4")
        #expect(try await drafts.drafts(status: .published).map(\.id) == [id])
        let missing = await #expect(throws: DraftError.self) { try await drafts.draft("nope") }
        #expect(missing?.kind == .notFound)
        let view = try await connection.query("SELECT workflow_status, submitted_by FROM draft_summary").rows
        #expect(view == [["published", "sam"]])
    }

    @Test func twoRacingApprovalsMoveTheDraftOnce() async throws {
        let (conninfo, connection) = try await legacyDatabase()
        try await retool().migrate(connection)
        let drafts = RetoolDraftRepository(pool: PostgresPool(connectionString: conninfo, maximum: 2))
        let id = "6f1d4c1e-0000-4000-8000-000000000001"
        try await drafts.markSubmitted(id, by: "sam", processInstanceID: "pi-1")
        async let approve = Result { try await drafts.setStatus(id, to: .approved, by: "ann") }
        async let reject = Result { try await drafts.setStatus(id, to: .rejected, by: "bob") }
        let outcomes = await [approve, reject]
        #expect(outcomes.filter { if case .success = $0 { true } else { false } }.count == 1)
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
