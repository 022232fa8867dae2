import BatonCore
@testable import BatonEngine
import BatonModel
@testable import BatonPostgres
import BatonTesting
import Testing

/// A command on an instance this process committed last takes the state it remembered, and only
/// while the row still has the version it wrote: any other write to the row is a miss.
@Suite struct DecodedStatesTests {
    private let bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <process id="twoTasks" isExecutable="true"><startEvent id="s" /><userTask id="first" /><userTask id="second" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="first" /><sequenceFlow id="f2" sourceRef="first" targetRef="second" />
          <sequenceFlow id="f3" sourceRef="second" targetRef="e" /></process></definitions>
        """

    @Test func theNextCommandTakesTheCommittedState() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        try await test.deploy(bpmn)
        let id = try await test.start("twoTasks", businessKey: "kept")
        let before = store.decodedStates.hits
        try await test.complete("first", in: id)
        #expect(store.decodedStates.hits == before + 1)
        try await test.complete("second", in: id)
        #expect(store.decodedStates.hits == before + 2)
        #expect(try await store.transaction { try await $0.lockInstance(id) }?.state.status == .completed)
    }

    /// Another Baton, or an operator's SQL, changed the row: its state is read from the row.
    @Test func aRowChangedElsewhereIsReadAgain() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        try await test.deploy(bpmn)
        let id = try await test.start("twoTasks", businessKey: "before")
        let other = try await PostgresConnection.connect(store.pool.connectionString)
        try await other.query(#"UPDATE process_instances SET state = jsonb_set(state, '{businessKey}', '"changed elsewhere"') WHERE id = $1"#, [id])
        let before = store.decodedStates.hits
        let locked = try await store.transaction { try await $0.lockInstance(id) }
        #expect(locked?.state.businessKey == "changed elsewhere")
        #expect(store.decodedStates.hits == before)
    }

    /// A command that failed wrote nothing the next one may take, and left what the last
    /// committed one remembered in place.
    @Test func aRolledBackCommandIsNotRemembered() async throws {
        let store = try await TestPostgres.freshStore()
        let test = ProcessTest(store: store)
        try await test.deploy(bpmn)
        let id = try await test.start("twoTasks", businessKey: "committed")
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await store.transaction { transaction in
                let locked = try #require(try await transaction.lockInstance(id))
                var changed = locked
                changed.state = InstanceState(replaying: [.instanceStarted(instanceID: id, businessKey: "never committed", parent: nil)], instanceID: id)
                try await transaction.updateInstance(
                    changed, appending: [], effects: [], readModel: ReadModelChanges(instance: ProcessInstanceInfo(changed), ended: false))
                _ = try await transaction.lockInstance("no-such-instance")  // a read: the update is sent before it
                throw Refused()
            }
        }
        let before = store.decodedStates.hits
        #expect(try await store.transaction { try await $0.lockInstance(id) }?.state.businessKey == "committed")
        #expect(store.decodedStates.hits == before + 1)
    }
}
