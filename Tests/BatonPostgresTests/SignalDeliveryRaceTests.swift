@testable import BatonEngine
import BatonCore
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// A thrown signal's deliveries survive the thrower's process stopping between the commit that
/// records them and their delivery, and several Baton processes delivering what is left give each
/// receiver the signal once. Receivers here are non-interrupting boundary events, which would
/// open a second `handle` task for a second delivery.
@Suite struct SignalDeliveryRaceTests {
    static let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <signal id="alert" name="alert" />
          <process id="worker" isExecutable="true">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <userTask id="work" />
            <boundaryEvent id="caught" attachedToRef="work" cancelActivity="false"><signalEventDefinition signalRef="alert" /></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="caught" targetRef="handle" />
            <userTask id="handle" />
          </process>
        </definitions>
        """

    @Test(arguments: [1, 3]) func deliveriesLeftByAStoppedThrowerReachEachReceiverOnce(nodes count: Int) async throws {
        let store = try await TestPostgres.freshStore()
        let conninfo = store.pool.connectionString
        let clock = ManualClock()
        let thrower = Runtime(store: store, clock: clock, ids: UUIDGenerator())
        _ = try await thrower.deploy(name: "worker.bpmn", resources: [DeploymentResource(name: "worker.bpmn", bytes: Array(Self.model.utf8))])
        let receivers = 40
        for _ in 0..<receivers { _ = try await thrower.start(processKey: "worker") }

        // The throw commits its deliveries; the thrower stops before delivering any.
        let recorded = try await store.transaction { try await thrower.recordDeliveries(of: SignalThrow(name: "alert"), in: $0) }
        #expect(recorded.count == receivers)
        #expect(try await thrower.count(TaskQuery(taskDefinitionKey: "handle")) == 0)

        // Other processes' job passes deliver what is left, all at the same moment.
        let nodes = (0..<count).map { _ in
            Runtime(store: PostgresStore(pool: PostgresPool(connectionString: conninfo, maximum: 4)), clock: clock, ids: UUIDGenerator())
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for node in nodes { group.addTask { while try await node.runDueJobs().total > 0 {} } }
            try await group.waitForAll()
        }
        #expect(try await thrower.count(TaskQuery(taskDefinitionKey: "handle")) == receivers, "each receiver once")
        #expect(try await thrower.count(TaskQuery(taskDefinitionKey: "work")) == receivers, "non-interrupting: the work goes on")
        let connection = try await PostgresConnection.connect(conninfo)
        #expect(try await connection.query("SELECT count(*) FROM signal_deliveries").rows == [["0"]])
    }
}
