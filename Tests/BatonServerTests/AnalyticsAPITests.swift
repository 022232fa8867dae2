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
            let past = try await ops.call(.get, "/api/analytics/overview?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
            #expect(past["started"] == .integer(0) && past["durationMillis"]?["p50"] == .null && past["successRate"] == .null)
        }
    }
}
