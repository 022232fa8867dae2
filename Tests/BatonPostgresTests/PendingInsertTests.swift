import BatonCore
import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// An instance inserted by a command is written when the command's batch is sent, with the state
/// it has then; a deletion in the same command forgets the instances it held, so it writes the
/// insert first.
@Suite struct PendingInsertTests {
    private let bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <process id="inserted" isExecutable="true"><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /></process></definitions>
        """

    private func record(_ id: String, of definition: ProcessDefinitionInfo) -> InstanceRecord {
        InstanceRecord(
            state: InstanceState(replaying: [.instanceStarted(instanceID: id, businessKey: "bk-\(id)", parent: nil)], instanceID: id),
            definitionID: definition.id, processKey: definition.key, startedAt: Timestamp(millisecondsSinceEpoch: 0), endedAt: nil)
    }

    @Test func anInsertIsWrittenWithTheStateItHoldsWhenSent() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        let definition = try #require(try await test.deploy(bpmn).definitions.first)
        let inserted = record("inserted-1", of: definition)
        try await store.transaction { transaction in
            try await transaction.insertInstance(inserted)
            #expect(try await transaction.lockInstance(inserted.id)?.state == inserted.state)
        }
        let read = try await store.transaction { try await $0.lockInstance(inserted.id) }
        #expect(read?.state == inserted.state)
        #expect(read?.definitionID == definition.id)
    }

    @Test func aDeploymentDeletedAfterAnInsertInOneCommandTakesTheInstanceWithIt() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        let deployment = try await test.deploy(bpmn)
        let definition = try #require(deployment.definitions.first)
        let inserted = record("inserted-2", of: definition)
        try await store.transaction { transaction in
            try await transaction.insertInstance(inserted)
            try await transaction.deleteDeployment(deployment.id)
        }
        #expect(try await store.transaction { try await $0.lockInstance(inserted.id) } == nil)
    }
}
