import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Deleting definition versions (Camunda's `DELETE /process-definition/{id}`,
/// RepositoryServiceTest and ProcessDefinitionDeletionTest): instances block it unless it
/// cascades; the version before the deleted latest takes its place, timer start events included.
@Suite struct DefinitionDeletionTests {
    static func ticking(every period: String, task: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="tick" isExecutable="true">
            <startEvent id="start"><timerEventDefinition><timeCycle>R/\(period)</timeCycle></timerEventDefinition></startEvent>
            <userTask id="\(task)" /><endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="\(task)" /><sequenceFlow id="f2" sourceRef="\(task)" targetRef="end" />
          </process>
        </definitions>
        """
    }

    @Test(arguments: TestBackend.allCases) func deletingTheLatestVersionBringsBackTheOneBeforeWithItsTimers(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = try #require(try await test.deploy(Self.ticking(every: "PT1H", task: "hourly")).definitions.first)
        let second = try #require(try await test.deploy(Self.ticking(every: "PT10M", task: "often")).definitions.first)
        try await test.advance(by: "PT10M")
        let started = try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any))
        #expect(started.map(\.definitionID) == [second.id], "only the latest version's timer runs")

        await #expect(throws: EngineError.self, "its instance blocks the delete") { try await test.runtime.deleteDefinitions([second.id], cascade: false) }
        try await test.runtime.deleteDefinitions([second.id], cascade: true)
        #expect(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any)).isEmpty, "its instance went with it")
        #expect(try await test.runtime.processDefinitions(key: "tick").map(\.id) == [first.id])

        try await test.advance(by: "PT1H")
        let now = try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any))
        #expect(now.map(\.definitionID) == [first.id], "the version before runs its timer again")
        #expect(try await test.runtime.tasks().map(\.taskDefinitionKey) == ["hourly"])

        await #expect(throws: EngineError.self) { try await test.runtime.deleteDefinitions(["nope"], cascade: true) }
        try await test.runtime.deleteDefinitions([first.id], cascade: true)
        #expect(try await test.runtime.processDefinitions(key: "tick").isEmpty)
        try await test.advance(by: "PT2H")
        #expect(try await test.runtime.instances(ProcessInstanceQuery(lifecycle: .any)).isEmpty, "no version is left to start")
    }

    @Test(arguments: TestBackend.allCases) func deletingAnOlderVersionLeavesTheLatestsScheduleAlone(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        let first = try #require(try await test.deploy(Self.ticking(every: "PT1H", task: "hourly")).definitions.first)
        _ = try await test.deploy(Self.ticking(every: "PT40M", task: "often"))
        try await test.advance(by: "PT30M")
        try await test.runtime.deleteDefinitions([first.id], cascade: false)
        try await test.advance(by: "PT10M")
        #expect(try await test.runtime.tasks().map(\.taskDefinitionKey) == ["often"], "the latest fires when it was due, 40 minutes after its deployment")
    }
}
