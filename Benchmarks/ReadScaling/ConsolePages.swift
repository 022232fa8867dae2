import AsyncHTTPClient
import BatonEngine
import BatonServer
import NIOCore

/// The console's pages, timed as a browser waits for them: a GET over loopback HTTP to the same
/// router `baton serve` runs, until the whole HTML is read. Each must answer 200 with the page's
/// heading; an instance page cycles through the random ended instances.
enum ConsolePages {
    static func all(port: Int, client: HTTPClient, samples: [EndedInstanceSample]) -> [ReadQuery] {
        func page(_ name: String, _ path: @escaping @Sendable (Int) -> String, expecting marker: String) -> ReadQuery {
            ReadQuery(name: "Console: \(name)", perform: { _, run in
                let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path(run))"), timeout: .seconds(30))
                let body = String(buffer: try await response.body.collect(upTo: 16 << 20))
                return response.status == .ok && body.contains(marker) ? 1 : 0
            }, expected: 1)
        }
        return [
            page("dashboard", { _ in "/console" }, expecting: "<h1>Processes</h1>"),
            page("process page with diagram and running instances", { _ in "/console/processes/\(ReviewProcess.key)" }, expecting: "<svg"),
            page("process page with heat map (7 days, the default)", { _ in "/console/processes/\(ReviewProcess.key)?view=heat" }, expecting: "has-heat"),
            page("process page with heat map (30 days)", { _ in "/console/processes/\(ReviewProcess.key)?view=heat&days=30" }, expecting: "has-heat"),
            page("ended instances of the process, newest 25", { _ in "/console/processes/\(ReviewProcess.key)?state=ended" }, expecting: "<svg"),
            page("one ended instance", { run in "/console/instances/\(samples[run % samples.count].id)" }, expecting: "Activity history"),
            page("open incidents", { _ in "/console/incidents" }, expecting: "<h1>Incidents</h1>"),
            page("task list of all tasks", { _ in "/console/tasks?list=all" }, expecting: "<h1>Tasks</h1>"),
        ]
    }

    /// Times every page against `runtime` behind the console on a loopback port.
    static func measure(
        runtime: Runtime, samples: [EndedInstanceSample], sampler: LatencySampler, progress: @Sendable (String) -> Void
    ) async throws -> [(String, Latencies)] {
        let server = try await LoopbackServer.start(BatonHTTPServer.router(api: EngineRestAPI(runtime: runtime)) { nil })
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var latencies: [(String, Latencies)] = []
        do {
            for page in all(port: server.port, client: client, samples: samples) {
                let measured = try await sampler.measure(page, on: runtime)
                progress("  \(page.name): p50 \(Report.milliseconds(measured.p50)) ms, p99 \(Report.milliseconds(measured.p99)) ms")
                latencies.append((page.name, measured))
            }
        } catch {
            try? await client.shutdown()
            server.stop()
            throw error
        }
        try await client.shutdown()
        server.stop()
        return latencies
    }
}
