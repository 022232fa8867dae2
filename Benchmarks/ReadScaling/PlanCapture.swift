import BatonEngine
import BatonPostgres
import Foundation

/// The plans PostgreSQL actually runs for the measured queries, with their real row counts and
/// times: the store's own statements (prepared, with bound parameters) logged by auto_explain
/// on a connection of its own, so the measured runs pay no instrumentation.
struct PlanCapture {
    var logFile: URL
    /// Runs per query before the logged one: a prepared statement may switch to a generic plan
    /// from its sixth execution, and that is the plan a serving engine keeps.
    static let runsBeforeLogging = 6

    /// `firstRun` is the first run number no timed run used, so the logged lookups read rows
    /// the timing left uncached, as the timed runs did.
    func plans(of queries: [ReadQuery], firstRun: Int, connectionString: String) async throws -> [(query: String, plan: String)] {
        let store = PostgresStore(pool: PostgresPool(connectionString: connectionString, maximum: 1))
        let connection = try await store.pool.lease()
        try await connection.execute(
            script: """
            LOAD 'auto_explain';
            SET auto_explain.log_min_duration = 0;
            SET auto_explain.log_analyze = on;
            SET auto_explain.log_buffers = on;
            """)
        await store.pool.giveBack(connection)
        let runtime = Runtime(store: store)
        var plans: [(String, String)] = []
        for query in queries {
            for run in 0..<Self.runsBeforeLogging { _ = try await query.perform(runtime, firstRun + run) }
            let offset = try logSize()
            _ = try await query.perform(runtime, firstRun + Self.runsBeforeLogging)
            plans.append((query.name, try lastPlan(after: offset) ?? "(no plan logged)"))
        }
        return plans
    }

    private func logSize() throws -> UInt64 {
        (try FileManager.default.attributesOfItem(atPath: logFile.path)[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// The last auto_explain entry written after `offset`: its `LOG:  duration: … plan:` line and
    /// the tab-indented lines that follow it.
    private func lastPlan(after offset: UInt64) throws -> String? {
        let handle = try FileHandle(forReadingFrom: logFile)
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        let lines = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.lastIndex(where: { $0.contains("LOG:  duration:") && $0.hasSuffix("plan:") }) else { return nil }
        let body = lines[(start + 1)...].prefix { $0.hasPrefix("\t") }.map { $0.dropFirst() }
        let duration = lines[start].components(separatedBy: "LOG:  ").last ?? ""
        return ([duration[...]] + body).joined(separator: "\n")
    }
}
