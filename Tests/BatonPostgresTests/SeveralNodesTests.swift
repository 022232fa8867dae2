import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// Several Baton processes share one database: each due timer start event fires once, and each
/// firing arms exactly one next timer, whether one, two or three runtimes run their job passes
/// at the same moment.
@Suite struct TimerStartRaceTests {
    @Test(arguments: [1, 2, 3]) func aTimerStartFiresOnceHoweverManyRuntimesShareTheDatabase(runtimes: Int) async throws {
        let store = try await TestPostgres.freshStore()
        let conninfo = store.pool.connectionString
        let clock = ManualClock()
        let nodes = (0..<runtimes).map { _ in
            Runtime(store: PostgresStore(pool: PostgresPool(connectionString: conninfo, maximum: 4)), clock: clock, ids: UUIDGenerator())
        }
        let timers = 20
        let starts = (0..<timers).map { index in
            """
            <startEvent id="tick\(index)"><timerEventDefinition><timeCycle>R5/PT1S</timeCycle></timerEventDefinition></startEvent>
            <sequenceFlow id="f\(index)" sourceRef="tick\(index)" targetRef="t" />
            """
        }.joined()
        _ = try await nodes[0].deploy(name: "ticks.bpmn", resources: [DeploymentResource(name: "ticks.bpmn", bytes: Array("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <process id="ticks" isExecutable="true">\(starts)<userTask id="t" /></process></definitions>
            """.utf8))])
        for _ in 0..<8 {
            clock.advance(by: "PT1S")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for node in nodes { group.addTask { _ = try await node.runDueJobs() } }
                try await group.waitForAll()
            }
        }
        // R5: five firings per timer, then none; every node sees the same count.
        let counts = try await nodes.asyncMap { try await $0.count(ProcessInstanceQuery()) }
        #expect(counts == Array(repeating: timers * 5, count: runtimes))
        let connection = try await PostgresConnection.connect(conninfo)
        #expect(try await connection.query("SELECT count(*) FROM timer_starts").rows == [["0"]], "no chain forked into extra timers")
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

/// Servers starting together on a fresh database deploy the same `processes/`: they converge on
/// one version and none fails (before, 3 of 10 exited with a duplicate-key error).
@Suite struct DeployRaceTests {
    @Test func concurrentDeploymentsOfOneProcessConvergeWithoutFailing() async throws {
        let store = try await TestPostgres.freshStore()
        let nodes = (0..<6).map { _ in
            Runtime(store: PostgresStore(pool: PostgresPool(connectionString: store.pool.connectionString, maximum: 2)), ids: UUIDGenerator())
        }
        func bpmn(_ name: String) -> [UInt8] {
            Array("""
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                <process id="p" name="\(name)" isExecutable="true"><startEvent id="s" /><endEvent id="e" /><sequenceFlow id="f" sourceRef="s" targetRef="e" />
                </process></definitions>
                """.utf8)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for node in nodes { group.addTask { _ = try await node.deploy(name: "p.bpmn", resources: [DeploymentResource(name: "p.bpmn", bytes: bpmn("same"))]) } }
            try await group.waitForAll()
        }
        #expect(try await nodes[0].processDefinitions(key: "p").map(\.version) == [1], "identical content: one version")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, node) in nodes.enumerated() {
                group.addTask { _ = try await node.deploy(name: "p.bpmn", resources: [DeploymentResource(name: "p.bpmn", bytes: bpmn("v\(index)"))]) }
            }
            try await group.waitForAll()
        }
        #expect(try await nodes[0].processDefinitions(key: "p").map(\.version) == Array(1...7), "different content: consecutive versions")
    }
}
