import BatonEngine
import BatonPostgres
import BatonTesting
import Foundation

/// Everything measured at one size N.
struct SizeResult: Sendable {
    var endedInstances: Int
    var latencies: [(query: String, latencies: Latencies)]
    var plans: [(query: String, plan: String)]
    var footprint: StorageFootprint
    var fill: Duration
    var vacuum: Duration
}

/// One size: a fresh database, the real template instances, the bulk fill, then the timings.
struct SizeRun {
    var endedInstances: Int
    var sampler: LatencySampler
    var progress: @Sendable (String) -> Void

    /// Random ended instances the lookups cycle through: at least one per run, so no timed run
    /// (nor the plan capture after them) looks up an instance an earlier run brought into cache.
    var sampleCount: Int { max(1_000, sampler.warmUpRuns + sampler.measuredRuns + 2 * PlanCapture.runsBeforeLogging) }

    func run() async throws -> SizeResult {
        let store = try await TestPostgres.freshStore()
        let connectionString = store.pool.connectionString
        let runtime = Runtime(store: store)
        let templates = try await ReviewProcess.deployAndRun(on: runtime)
        // What a serving engine's history cleanup does on its schedule: on a partitioned schema it
        // creates the coming months' history partitions, so the fill's rows land in them rather
        // than in the default one. Nothing has expired yet, so nothing is removed.
        try await runtime.cleanUpHistory()
        // The fill's own connection: no statement timeout (the pool's 30 s would stop the
        // VACUUM at a million instances).
        let connection = try await PostgresConnection.connect(connectionString)
        progress("N = \(endedInstances): filling")
        let fill = try await BulkFill(connection: connection, templates: templates).fill(endedInstances: endedInstances, progress: progress)
        let clock = ContinuousClock()
        let vacuumBegan = clock.now
        try await connection.execute(script: "VACUUM ANALYZE")
        let vacuum = vacuumBegan.duration(to: clock.now)
        let footprint = try await StorageFootprint.measure(on: connection)
        progress(
            "N = \(endedInstances): filled in \(Report.seconds(fill)) s, VACUUM ANALYZE \(Report.seconds(vacuum)) s, "
                + "\(footprint.bytesPerInstance) bytes per instance")

        let samples = try await ReadQueries.sampleEndedInstances(sampleCount, on: connection)
        let day = try await AnalyticsDay.measured(on: connection)
        let queries = ReadQueries.all(definitionID: templates.definitionID, samples: samples, analyticsDay: day)
        var latencies: [(String, Latencies)] = []
        for query in queries {
            let measured = try await sampler.measure(query, on: runtime)
            progress("  \(query.name): p50 \(Report.milliseconds(measured.p50)) ms, p99 \(Report.milliseconds(measured.p99)) ms")
            latencies.append((query.name, measured))
        }
        let plans = try await PlanCapture(logFile: try TestPostgres.embedded().logFile).plans(
            of: queries, firstRun: sampler.warmUpRuns + sampler.measuredRuns, connectionString: connectionString)
        // The console's pages run several of these queries each, plus rendering: timed as pages
        // (their statements' plans are the ones above).
        latencies += try await ConsolePages.measure(runtime: runtime, samples: samples, sampler: sampler, progress: progress)
        try await Self.dropDatabase(of: connectionString)
        return SizeResult(
            endedInstances: endedInstances, latencies: latencies, plans: plans, footprint: footprint, fill: fill, vacuum: vacuum)
    }

    /// Frees the size's disk before the next, larger one (the server lives for the whole run).
    static func dropDatabase(of connectionString: String) async throws {
        guard let name = connectionString.split(separator: " ").first(where: { $0.hasPrefix("dbname=") })?.dropFirst("dbname=".count) else { return }
        let admin = try await PostgresConnection.connect(try TestPostgres.embedded().connectionString)
        try await admin.execute(script: "DROP DATABASE \(name) WITH (FORCE)")
    }
}
