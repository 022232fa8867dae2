import AsyncHTTPClient
import BatonEngine
import BatonPostgres
import BatonServer
import BatonTesting
import Benchmark
import Foundation

/// Latency of one user-task completion through Camunda's REST API (`POST /task/{id}/complete`) of
/// an in-process server on a loopback port, over PostgreSQL. Each iteration starts an instance
/// through the Swift API (not timed) and times the HTTP completion, so wall-clock p50/p99 are the
/// REST call's.
let benchmarks: @Sendable () -> Void = {
    let server = HTTPServerFixture()
    Benchmark(
        "HTTP POST /engine-rest/task/{id}/complete over PostgreSQL, one client",
        configuration: .init(metrics: [.wallClock, .throughput], warmupIterations: 20, maxDuration: .seconds(10), maxIterations: 3000),
        closure: { benchmark in
            let instance = try await server.runtime.start(processKey: "usertask")
            guard let task = try await server.runtime.tasks(TaskQuery(processInstanceID: instance.id)).first else { fatalError("no user task") }
            var request = HTTPClientRequest(url: "\(server.baseURL)/task/\(task.id)/complete")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(Array("{}".utf8))
            benchmark.startMeasurement()
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            benchmark.stopMeasurement()
            guard response.status.code == 204 else { fatalError("completing answered \(response.status)") }
        },
        setup: { try await server.start() },
        teardown: { server.stop() })
}

/// Baton's REST API over a fresh PostgreSQL database, on a free loopback port.
final class HTTPServerFixture: @unchecked Sendable {
    private(set) var runtime: Runtime!
    private(set) var baseURL = ""
    private var server: LoopbackServer?

    func start() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let database = try await TestPostgres.freshDatabase()
        try await Migrator.engine().migrate(PostgresConnection.connect(database))
        runtime = Runtime(store: PostgresStore(pool: PostgresPool(connectionString: database, maximum: 4)))
        let bytes = try [UInt8](Data(contentsOf: repository.appendingPathComponent("Benchmarks/processes/usertask.bpmn")))
        _ = try await runtime.deploy(name: "usertask", resources: [DeploymentResource(name: "usertask.bpmn", bytes: bytes)])
        let server = try await LoopbackServer.start(BatonHTTPServer.router(api: EngineRestAPI(runtime: runtime)) { nil })
        self.server = server
        baseURL = "http://127.0.0.1:\(server.port)/engine-rest"
    }

    func stop() { server?.stop() }
}
