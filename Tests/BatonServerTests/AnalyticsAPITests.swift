import BatonModel
import Foundation
import Hummingbird
import Testing

/// `/api/analytics` over REST on PostgreSQL (#17): the overview, one definition's figures with
/// its activities, stuck instances and tasks, what a caller without `READ_HISTORY` sees, and the
/// 400s and 404s for what cannot be answered.
@Suite struct AnalyticsAPITests {
    static let claim = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <process id="claim" isExecutable="true"><startEvent id="s" /><userTask id="review" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e" /></process>
        </definitions>
        """

    @Test func figuresStuckWorkAndWhoMaySeeThem() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), bob = rest.as("bob", "bob-pw")
            #expect(try await ops.deploy([("claim.bpmn", Self.claim)]).status == .ok)
            var instances: [String] = []
            for _ in 0..<2 {
                instances.append(try #require(try await ops.call(.post, "/engine-rest/process-definition/key/claim/start", json: "{}")["id"]?.stringValue))
            }
            try await Task.sleep(for: .milliseconds(1_100))
            let stuck = try await ops.call(.get, "/api/analytics/stuck?olderThan=PT1S")
            #expect(Set(stuck["processInstances"]?.arrayValue.compactMap { $0["id"]?.stringValue } ?? []) == Set(instances), "\(stuck.text)")
            #expect(stuck["tasks"]?.arrayValue.count == 2)
            #expect(try await ops.call(.get, "/api/analytics/stuck?olderThan=P1D")["processInstances"] == .array([]), "not a day old")

            let task = try #require(try await ops.call(.get, "/engine-rest/task?processInstanceId=\(instances[0])").json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await ops.call(.post, "/engine-rest/task/\(task)/complete", json: "{}").status == .noContent)
            let overview = try await ops.call(.get, "/api/analytics/overview")
            #expect(overview["started"] == .integer(2) && overview["completed"] == .integer(1) && overview["running"] == .integer(1), "\(overview.text)")
            #expect(overview["successRate"] == .double(1) && overview["durationMillis"]?["p50"] != .null)
            #expect(overview["oldestRunningInstance"]?["id"] == .string(instances[1]))
            let claim = try await ops.call(.get, "/api/analytics/process-definitions/claim")
            let review = claim["activities"]?.arrayValue.first { $0["activityId"] == .string("review") }
            #expect(review?["count"] == .integer(2) && review?["meanDurationMillis"] != .null, "\(claim.text)")

            // A caller without READ_HISTORY sees no figures; unknown keys and bad windows are refused.
            #expect(try await bob.call(.get, "/api/analytics/overview")["started"] == .integer(0))
            #expect(try await bob.call(.get, "/api/analytics/process-definitions/claim").status == .forbidden)
            #expect(try await bob.call(.get, "/api/analytics/stuck?olderThan=PT1S")["processInstances"] == .array([]))
            #expect(try await ops.call(.get, "/api/analytics/process-definitions/nope").status == .notFound)
            #expect(try await ops.call(.get, "/api/analytics/overview?from=yesterday").status == .badRequest)
            #expect(try await ops.call(.get, "/api/analytics/overview?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z").status == .badRequest)
            #expect(try await ops.call(.get, "/api/analytics/stuck?olderThan=P1M").status == .badRequest)
            #expect(try await ops.call(.get, "/api/analytics/overview?window=1").status == .badRequest)
            // Camunda's date filters on the task list and instance history.
            #expect(try await ops.call(.get, "/engine-rest/task/count?createdAfter=2020-01-01T00:00:00.000%2B0000")["count"] == .integer(1))
            #expect(try await ops.call(.get, "/engine-rest/task/count?createdBefore=2020-01-01T00:00:00.000%2B0000")["count"] == .integer(0))
            #expect(try await ops.call(.get, "/engine-rest/history/process-instance/count?startedAfter=2020-01-01T00:00:00Z")["count"] == .integer(2))
            #expect(try await ops.call(.get, "/engine-rest/history/process-instance/count?startedBefore=2020-01-01T00:00:00Z")["count"] == .integer(0))
            #expect(try await ops.call(.get, "/engine-rest/task?createdAfter=yesterday").status == .badRequest)
            let past = try await ops.call(.get, "/api/analytics/overview?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
            #expect(past["started"] == .integer(0) && past["durationMillis"]?["p50"] == .null && past["successRate"] == .null)
        }
    }

    static let archive = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="archive" isExecutable="true"><startEvent id="s" /><serviceTask id="store" camunda:type="external" camunda:topic="archive" />
          <endEvent id="e" /><sequenceFlow id="f1" sourceRef="s" targetRef="store" /><sequenceFlow id="f2" sourceRef="store" targetRef="e" /></process>
        </definitions>
        """

    /// The gauges per definition key follow the query side at each scrape, and a key whose
    /// deployment is deleted leaves them.
    @Test func definitionGaugesFollowTheQuerySide() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("claim.bpmn", Self.claim)]).status == .ok)
            let archive = try await rest.deploy([("archive.bpmn", Self.archive)])
            let deployment = try #require(archive["id"]?.stringValue)
            for _ in 0..<2 { #expect(try await rest.call(.post, "/engine-rest/process-definition/key/claim/start", json: "{}").status == .ok) }
            #expect(try await rest.call(.post, "/engine-rest/process-definition/key/archive/start", json: "{}").status == .ok)
            let fetch = #"{"workerId": "w", "maxTasks": 1, "topics": [{"topicName": "archive", "lockDuration": 60000}]}"#
            let task = try #require(try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: fetch).json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await rest.call(.post, "/engine-rest/external-task/\(task)/failure", json: #"{"workerId": "w", "errorMessage": "disk full", "retries": 0}"#).status == .noContent)
            try await Task.sleep(for: .milliseconds(200))

            func value(_ text: String, _ metric: String, _ key: String) -> Double? {
                text.split(separator: "\n").first { $0.hasPrefix("\(metric){process_definition_key=\"\(key)\"} ") }
                    .flatMap { Double($0.split(separator: " ").last ?? "") }
            }
            let scraped = try await rest.call(.get, "/metrics").text
            #expect(value(scraped, "baton_process_instances_running", "claim") == 2, "\(scraped)")
            #expect(value(scraped, "baton_incidents_open", "claim") == 0)
            #expect(value(scraped, "baton_incidents_open", "archive") == 1)
            #expect((value(scraped, "baton_process_instance_oldest_running_age_seconds", "claim") ?? 0) >= 0.2)

            #expect(try await rest.call(.delete, "/engine-rest/deployment/\(deployment)?cascade=true").status == .noContent)
            let after = try await rest.call(.get, "/metrics").text
            #expect(value(after, "baton_incidents_open", "archive") == nil, "gone with its deployment")
            #expect(value(after, "baton_process_instances_running", "claim") == 2)
        }
    }
}
