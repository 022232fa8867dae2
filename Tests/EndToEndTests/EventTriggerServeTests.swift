import BatonPostgres
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SubprocessTests {
    /// `baton serve` with a `*.triggers.json` beside its BPMN: the shipped example, Retool drafts
    /// moving to `submitted` outside `/api`, starts the approval process for the draft; a wrong
    /// trigger file stops the start with a message naming it.
    @Suite struct EventTriggerServeTests {
        static func processesDirectory(trigger: String) throws -> URL {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-triggers-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let root = BatonProcess.repositoryRoot
            try FileManager.default.copyItem(
                at: root.appendingPathComponent("processes/benefit-approval.bpmn"), to: directory.appendingPathComponent("benefit-approval.bpmn"))
            try Data(trigger.utf8).write(to: directory.appendingPathComponent("drafts.triggers.json"))
            return directory
        }

        @Test func theShippedExampleStartsTheApprovalOfADraftSubmittedInRetool() async throws {
            let example = try String(contentsOf: BatonProcess.repositoryRoot.appendingPathComponent("processes/examples/retool-draft-submitted.triggers.json"), encoding: .utf8)
            let directory = try Self.processesDirectory(trigger: example)
            defer { try? FileManager.default.removeItem(at: directory) }
            let server = try await ServedBaton.start(arguments: ["--processes", directory.path])
            defer { server.stopWhenDone() }
            #expect(server.standardError.contains("installed event trigger 'retool-draft-submitted' on public.benefit_plan_drafts"), "\(server.standardError)")

            // Retool's app writes its database directly, as it does without Baton's /api.
            let retool = try await PostgresConnection.connect(
                "host=\(server.home.appendingPathComponent("b/pg/socket").path) port=5432 user=postgres dbname=retool")
            try await retool.execute(script: """
                SET application_name = 'retool';
                INSERT INTO benefit_plan_drafts (id, name, updated_by) VALUES ('d-7', 'Gold plan', 'ann');
                UPDATE benefit_plan_drafts SET status = 'submitted' WHERE id = 'd-7';
                UPDATE benefit_plan_drafts SET name = 'Gold plan 2' WHERE id = 'd-7';
                """)
            var instances: [[String: Any]] = []
            // Bounded only so that a broken build cannot hang the suite.
            for _ in 0..<300 where instances.isEmpty {
                let (data, _) = try await URLSession.shared.data(from: URL(string: server.url + "/process-instance?businessKey=d-7")!)
                instances = (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
                if instances.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(instances.count == 1 && instances.first?["definitionId"] as? String != nil, "one approval started for the draft")
            let id = try #require(instances.first?["id"] as? String)
            let (variable, _) = try await URLSession.shared.data(from: URL(string: server.url + "/process-instance/\(id)/variables/submittedBy")!)
            #expect(String(decoding: variable, as: UTF8.self).contains("\"ann\""))

            let root = String(server.url.dropLast("/engine-rest".count))
            var outcomes: [String] = []
            for _ in 0..<100 where outcomes.count < 2 {
                let (data, _) = try await URLSession.shared.data(from: URL(string: root + "/api/event-triggers/retool-draft-submitted/events")!)
                outcomes = ((try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []).compactMap { $0["outcome"] as? String }
                if outcomes.count < 2 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(outcomes == ["skipped", "started"], "the later edit is not a submission")
        }

        @Test func aWrongTriggerFileStopsTheStartNamingIt() async throws {
            let directory = try Self.processesDirectory(trigger: #"{"name": "drafts", "table": "public.benefit_plan_drafts", "database": "retool"}"#)
            defer { try? FileManager.default.removeItem(at: directory) }
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("baton-triggers-home-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: home) }
            let result = try await BatonProcess.run(
                ["serve", "--port", "0", "--processes", directory.path],
                environment: ["BATON_HOME": home.path, "DATABASE_URL": "", "BATON_USERS": "", "BATON_API_TOKENS": ""])
            #expect(result.status == 1)
            #expect(
                result.standardError.contains("drafts.triggers.json: error: trigger 'drafts': Expected 'processDefinitionKey' to name the process to start, but it is missing."),
                "\(result.standardError)")
        }
    }
}
