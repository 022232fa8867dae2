import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// History lives in one partition per month of removal time; cleanup drops a month's
/// partitions whole once it has passed, and never touches running instances' rows.
@Suite struct HistoryPartitionTests {
    private func process(ttl: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="p\(ttl)" isExecutable="true" camunda:historyTimeToLive="\(ttl)"><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />
        </process></definitions>
        """
    }

    @Test func cleanupDropsAMonthsPartitionsWholeAndKeepsRunningInstances() async throws {
        let store = try await TestPostgres.freshStore()
        let connection = try await PostgresConnection.connect(store.pool.connectionString)
        func count(_ table: String) async throws -> Int {
            Int(try await connection.query("SELECT count(*) FROM \(table)").rows.first?.first.flatMap { $0 } ?? "") ?? -1
        }
        func exists(_ table: String) async throws -> Bool {
            try await connection.query("SELECT to_regclass($1) IS NOT NULL", [table]).rows == [["t"]]
        }
        let test = ProcessTest(store: store)
        try await test.deploy(process(ttl: "P1D"), name: "short.bpmn")
        try await test.deploy(process(ttl: "P400D"), name: "long.bpmn")
        // An instance that ends before any partition exists waits in the default partition.
        let early = try await test.start("pP1D")
        try await test.complete("t", in: early)
        #expect(try await count("history_events_later") > 0)

        #expect(try await test.runtime.cleanUpHistory() == 0)  // prepares January to September
        #expect(try await exists("history_events_y2026m01"))
        #expect(try await exists("history_events_y2026m09"))
        #expect(try await count("history_events_later") == 0, "the waiting rows moved to January's partition")
        let ended = try await test.start("pP1D")
        try await test.complete("t", in: ended)
        let running = try await test.start("pP1D")
        let distant = try await test.start("pP400D")
        try await test.complete("t", in: distant)
        #expect(try await count("history_process_instances_y2026m01") == 2)
        #expect(try await count("history_activity_instances_y2026m01") == 6)
        #expect(try await count("history_events_running") > 0, "the running instance's events stay with the running")
        #expect(try await count("history_process_instances_later") == 1, "removal in February 2027: no partition yet")

        test.clock.advance(by: "P31D")  // 1 February: January has passed
        #expect(try await test.runtime.cleanUpHistory() == 2)
        #expect(try await !exists("history_events_y2026m01"), "dropped whole")
        #expect(try await !exists("history_activity_instances_y2026m01"))
        #expect(try await test.runtime.instance(running).state == .active)
        #expect(try await test.runtime.activityHistory(of: running).map(\.activityID) == ["s", "t"])
        #expect(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .ended)).map(\.id) == [distant])

        test.clock.advance(by: "P250D")  // October: February 2027 comes within reach
        #expect(try await test.runtime.cleanUpHistory() == 0)
        #expect(try await count("history_process_instances_later") == 0)
        #expect(try await count("history_process_instances_y2027m02") == 1)
        #expect(try await test.runtime.activityHistory(of: distant).count == 3, "its history moved with it")
    }
}
