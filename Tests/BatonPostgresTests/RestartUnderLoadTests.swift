import BatonEngine
import BatonPostgres
import BatonTesting
import Foundation
import Synchronization
import Testing

/// PostgreSQL restarts while clients keep starting and completing instances: commands during the
/// outage fail with "database unavailable", the runtime reconnects by itself afterwards, and
/// nothing acknowledged is lost.
@Suite struct RestartUnderLoadTests {
    @Test func theRuntimeRecoversByItselfAfterPostgresRestarts() async throws {
        let directory = URL(fileURLWithPath: "/tmp/baton-test-pg-load-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try EmbeddedPostgres(directory: directory)
        defer { try? server.stop() }
        _ = try await blockingWork { try server.start() }
        try await Migrator.engine()
            .migrate(PostgresConnection.connect(server.connectionString))
        let runtime = Runtime(store: PostgresStore(pool: PostgresPool(connectionString: server.connectionString, maximum: 4)))
        _ = try await runtime.deploy(name: "usertask", resources: [
            DeploymentResource(name: "usertask.bpmn", bytes: try TestPostgres.repositoryFile("Benchmarks/processes/usertask.bpmn")),
        ])

        let load = LoadLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while !load.stop.load(ordering: .relaxed) {
                        do {
                            let instance = try await runtime.start(processKey: "usertask")
                            load.log.withLock { $0.acknowledged.append(instance.id) }
                            for task in try await runtime.tasks(TaskQuery(processInstanceID: instance.id)) { try await runtime.complete(task.id) }
                            load.log.withLock { if $0.restarted { $0.afterRestart += 1 } }
                        } catch {
                            load.log.withLock { $0.failures.append(String(describing: error)) }
                            try await Task.sleep(for: .milliseconds(20))
                        }
                    }
                }
            }
            // Under load: restart once some work is done, then wait for work to flow again.
            while load.log.withLock({ $0.acknowledged.count }) < 50 { try await Task.sleep(for: .milliseconds(20)) }
            try await blockingWork { try server.stop() }
            try await Task.sleep(for: .milliseconds(300))
            _ = try await blockingWork { try server.start() }
            load.log.withLock { $0.restarted = true }
            for _ in 0..<1500 where load.log.withLock({ $0.afterRestart }) < 50 { try await Task.sleep(for: .milliseconds(20)) }
            load.stop.store(true, ordering: .relaxed)
            try await group.waitForAll()
        }

        let (acknowledged, failures, _, afterRestart) = load.log.withLock { $0 }
        #expect(afterRestart >= 50, "work did not resume after the restart")
        #expect(!failures.isEmpty, "the outage went unnoticed")
        for failure in failures {
            #expect(failure.contains("database unavailable"), "an outage failure should say the database is unavailable: \(failure)")
        }
        for id in acknowledged { _ = try await runtime.instance(id) }
    }
}

/// What the clients did, shared between them and the test.
private final class LoadLog: Sendable {
    let log = Mutex<(acknowledged: [String], failures: [String], restarted: Bool, afterRestart: Int)>(([], [], false, 0))
    let stop = Atomic<Bool>(false)
}
