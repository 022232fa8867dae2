import BatonEngine
import BatonPostgres
import BatonServer

/// `baton bench --via http`: one runtime behind Baton's REST API on a free loopback port, with
/// its job worker; each client speaks HTTP to it over a connection of its own. Statements and
/// round trips per command are the server pool's totals over the run divided by the commands,
/// so they include the task queries and instance checks the clients make.
enum HTTPBench {
    static func run(_ workload: BenchWorkload, _ limit: BenchLimit, runtime: Runtime, pool: PostgresPool?, concurrency: Int) async throws -> BenchResult {
        let server = try await LoopbackServer.start(BatonHTTPServer.router(api: EngineRestAPI(runtime: runtime)) { nil })
        let worker = Task { await JobWorker(runtime: runtime, pollInterval: .milliseconds(5)).run() }
        defer {
            worker.cancel()
            server.stop()
        }
        let port = server.port
        var clients: [BenchClient] = []
        for _ in 0..<concurrency { clients.append(BenchClient(runtime: runtime, pool: nil, http: try LoopbackHTTPClient(port: port))) }
        let statements = await pool?.statementsExecuted ?? 0, trips = await pool?.roundTrips ?? 0
        var result = try await workload.run(limit, clients: clients)
        let commands = max(1, result.commandsPerSecond * result.seconds)
        result.statementsPerCommand = Double((await pool?.statementsExecuted ?? 0) - statements) / commands
        result.roundTripsPerCommand = Double((await pool?.roundTrips ?? 0) - trips) / commands
        return result
    }
}
