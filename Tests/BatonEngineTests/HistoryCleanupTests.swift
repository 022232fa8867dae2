import BatonCore
import BatonEngine
import BatonModel
import BatonTesting
import Testing

@Suite struct HistoryCleanupTests {
    private func process(ttl: String?) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="p" isExecutable="true"\(ttl.map { " camunda:historyTimeToLive=\"\($0)\"" } ?? "")><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" />
        </process></definitions>
        """
    }

    @Test(arguments: TestBackend.allCases)
    func endedInstancesLeaveOnceTheirTimeToLiveHasPassed(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(process(ttl: "P1D"))
        let ended = try await test.start("p")
        let running = try await test.start("p")
        try await test.complete("t", in: ended)
        #expect(try await test.runtime.cleanUpHistory() == 0, "not before a day has passed")
        test.clock.advance(by: "P1D")
        #expect(try await test.runtime.cleanUpHistory() == 0, "history goes by month: not while its removal time's month lasts")
        test.clock.advance(by: "P30D")  // 1 February
        #expect(try await test.runtime.cleanUpHistory(batchSize: 1) == 1)
        await #expect(throws: EngineError.self) { _ = try await test.runtime.instance(ended) }
        #expect(try await test.runtime.instance(running).state == .active, "running instances are never removed")
        #expect(try await test.runtime.tasks(TaskQuery(processInstanceID: running)).count == 1)
    }

    /// Camunda's `updateProcessDefinitionHistoryTimeToLive`: instances that end afterwards take
    /// the new time to live; one that ended before keeps its removal time.
    @Test(arguments: TestBackend.allCases)
    func aChangedTimeToLiveAppliesToInstancesEndingAfterTheChange(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let definition = try #require(try await test.deploy(process(ttl: "P180D")).definitions.first)
        let before = try await test.start("p"), after = try await test.start("p")
        try await test.complete("t", in: before)
        try await test.runtime.setHistoryTimeToLive(definitionID: definition.id, days: 1)
        #expect(try await test.runtime.processDefinition(definition.id).definition.historyTimeToLiveDays == 1)
        try await test.complete("t", in: after)
        test.clock.advance(by: "P31D")  // 1 February
        #expect(try await test.runtime.cleanUpHistory() == 1, "the one that ended after the change")
        #expect(try await test.runtime.instance(before).state == .completed, "ended before the change: 180 days still")
        await #expect(throws: EngineError.self) { _ = try await test.runtime.instance(after) }
        await #expect(throws: EngineError.self) { try await test.runtime.setHistoryTimeToLive(definitionID: definition.id, days: -1) }
        await #expect(throws: EngineError.self) { try await test.runtime.setHistoryTimeToLive(definitionID: "nope", days: 1) }
    }

    @Test(arguments: TestBackend.allCases)
    func withoutATimeToLiveTheDefaultOf180DaysApplies(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(process(ttl: nil))
        let instance = try await test.start("p")
        try await test.complete("t", in: instance)
        test.clock.advance(by: "P180D")  // 30 June, the removal time
        #expect(try await test.runtime.cleanUpHistory() == 0)
        test.clock.advance(by: "P1D")  // 1 July: June has passed
        #expect(try await test.runtime.cleanUpHistory() == 1)
    }
}
