import BatonCore
import BatonEngine
import BatonPostgres
import BatonTesting
import Foundation
import Testing

extension SubprocessTests {
    /// A `baton bench` over Postgres is killed with SIGKILL mid-run. Whatever it acknowledged must be
    /// in the database, nothing may be half-applied, and each instance's recorded history must
    /// rebuild exactly the state stored for it.
    @Suite struct CrashSafetyTests {
        @Test func acknowledgedCommandsSurviveSIGKILLAndHistoryReplaysToTheStoredState() async throws {
            let store = try await TestPostgres.freshStore()
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baton-crash-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let outURL = scratch.appendingPathComponent("stdout")
            FileManager.default.createFile(atPath: outURL.path, contents: nil)
            let out = try FileHandle(forWritingTo: outURL)

            let child = Process()
            child.executableURL = BatonProcess.executable
            child.currentDirectoryURL = BatonProcess.repositoryRoot
            child.arguments = [
                "bench", "Benchmarks/processes/usertask.bpmn", "--store", "postgres", "--database-url", store.pool.connectionString,
                "--instances", "1000000", "--concurrency", "4", "--print-acknowledged",
            ]
            child.standardOutput = out
            child.standardError = FileHandle.nullDevice
            child.standardInput = FileHandle.nullDevice
            try child.run()
            // Let it commit a few hundred commands, then kill it without warning. The wait is
            // bounded only so a broken child cannot hang the suite.
            var acknowledged: [String] = []
            for _ in 0..<1200 where acknowledged.count < 300 && child.isRunning {
                try await Task.sleep(for: .milliseconds(100))
                acknowledged = String(decoding: try Data(contentsOf: outURL), as: UTF8.self).split(separator: "\n").map(String.init)
            }
            #expect(child.isRunning, "the benchmark ended by itself before it could be killed")
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            try out.close()
            #expect(child.terminationReason == .uncaughtSignal)
            // The last line may have been cut mid-write; read again after the kill.
            acknowledged = String(decoding: try Data(contentsOf: outURL), as: UTF8.self).split(separator: "\n").map(String.init)
            let started = acknowledged.compactMap { $0.hasPrefix("acknowledged start ") ? $0.split(separator: " ").last.map(String.init) : nil }
            let completed = acknowledged.compactMap { line -> (instance: String, task: String)? in
                let parts = line.split(separator: " ").map(String.init)
                return parts.count == 4 && parts[1] == "complete" ? (parts[2], parts[3]) : nil
            }
            #expect(started.count >= 100, "only \(started.count) starts were acknowledged before the kill")

            // Everything acknowledged is there.
            let runtime = Runtime(store: store)
            for id in started { _ = try await runtime.instance(id) }
            for (instance, task) in completed {
                let history = try await runtime.taskHistory(of: instance)
                #expect(history.contains { $0.id == task && $0.deleteReason == "completed" }, "acknowledged completion of \(task) is missing")
            }

            // Nothing is half-applied: history replays to the stored state, and the rows derived from
            // the state (tasks; runtime rows of ended instances) agree with it.
            let ids = try await runtime.instances(ProcessInstanceQuery(lifecycle: .any)).map(\.id)
            #expect(ids.count >= started.count)
            var records: [InstanceRecord] = []
            for id in ids { records.append(try #require(try await store.read { try await $0.lockInstance(id) })) }
            let connection = try await PostgresConnection.connect(store.pool.connectionString)
            for record in records {
                let events = try await store.read { try await $0.history(of: record.id) }
                var replayed = InstanceState(instanceID: record.id)
                for recorded in events { replayed.apply(recorded.event) }
                #expect(replayed == record.state, "instance \(record.id): replaying \(events.count) events does not rebuild its stored state")
                let taskRows = try await connection.query("SELECT id FROM user_tasks WHERE instance_id = $1 ORDER BY id", [record.id]).rows.compactMap { $0[0] }
                #expect(taskRows == record.state.tasks.map(\.id).sorted(), "instance \(record.id): task rows disagree with its state")
                let running = try await connection.query("SELECT count(*) FROM process_instances WHERE id = $1", [record.id]).rows
                #expect(running == [[record.state.status == .active ? "1" : "0"]], "instance \(record.id) is in the wrong table")
            }
        }
    }
}
