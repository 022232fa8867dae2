import BatonCore
import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Foundation
import Synchronization
import Testing

/// Two runtimes (as two Baton processes would be) share one database and race for 1,000 jobs:
/// every job runs, none runs twice.
@Suite struct JobRaceTests {
    @Test func twoRuntimesRacingForAThousandJobsRunEachOnce() async throws {
        let connection = try await TestDatabase.fresh()
        try await Migrator.engine().migrate(connection)
        let name = try #require(try await connection.query("SELECT current_database()").rows.first?.first ?? nil)
        let conninfo = try TestDatabase.server.get().connectionString.replacingOccurrences(of: "dbname=postgres", with: "dbname=\(name)")

        let runs = Mutex<[String: [String]]>([:])  // job id → which runtime ran it
        func handler(_ runtimeName: String) -> [String: any ServiceTaskHandler] {
            ["work": ClosureHandler { context in
                runs.withLock { $0[context.jobID, default: []].append(runtimeName) }
                return [:]
            }]
        }
        let clock = ManualClock()
        let first = Runtime(
            store: PostgresStore(pool: PostgresPool(connectionString: conninfo, maximum: 4)), clock: clock, ids: UUIDGenerator(), handlers: handler("first"))
        let second = Runtime(
            store: PostgresStore(pool: PostgresPool(connectionString: conninfo, maximum: 4)), clock: clock, ids: UUIDGenerator(), handlers: handler("second"))
        _ = try await first.deploy(name: "race.bpmn", resources: [DeploymentResource(name: "race.bpmn", bytes: Array("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="race" isExecutable="true"><startEvent id="s" />
              <serviceTask id="work" camunda:asyncBefore="true" camunda:delegateExpression="${work}" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="work" /><sequenceFlow id="f2" sourceRef="work" targetRef="e" />
            </process></definitions>
            """.utf8))])
        let count = 1000
        for _ in 0..<count { _ = try await first.start(processKey: "race") }

        func drain(_ runtime: Runtime) async throws {
            while try await runtime.runDueJobs(limit: 25).total > 0 {}
        }
        async let a: Void = drain(first)
        async let b: Void = drain(second)
        _ = try await (a, b)

        let recorded = runs.withLock { $0 }
        #expect(recorded.count == count, "every activation job ran its handler")
        #expect(recorded.values.allSatisfy { $0.count == 1 }, "no job ran twice")
        #expect(try await second.instances(ProcessInstanceQuery(lifecycle: .any, processDefinitionKey: "race")).allSatisfy { $0.state == .completed })
        let byRuntime = Dictionary(grouping: recorded.values.flatMap { $0 }, by: { $0 }).mapValues(\.count)
        #expect(byRuntime.values.reduce(0, +) == count)
    }
}
