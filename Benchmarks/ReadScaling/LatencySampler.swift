import BatonEngine

/// The median and the 99th percentile of one query's latencies at one size.
struct Latencies: Sendable {
    var p50: Duration
    var p99: Duration
}

/// Times a query run after run, one at a time (a single client: the latency a user waits, not a
/// throughput under load).
struct LatencySampler {
    var warmUpRuns: Int
    var measuredRuns: Int

    func measure(_ query: ReadQuery, on runtime: Runtime) async throws -> Latencies {
        // Warm-up runs fill the caches (PostgreSQL's buffers, prepared statements, the compiled
        // definition) that a serving engine has warm.
        for run in 0..<warmUpRuns { try check(query, try await query.perform(runtime, run)) }
        let clock = ContinuousClock()
        var durations: [Duration] = []
        durations.reserveCapacity(measuredRuns)
        for run in warmUpRuns..<(warmUpRuns + measuredRuns) {
            let began = clock.now
            let answer = try await query.perform(runtime, run)
            durations.append(began.duration(to: clock.now))
            try check(query, answer)
        }
        durations.sort()
        return Latencies(p50: Self.percentile(0.50, of: durations), p99: Self.percentile(0.99, of: durations))
    }

    private func check(_ query: ReadQuery, _ answer: Int) throws {
        guard answer == query.expected else {
            throw BenchmarkFailure("Expected '\(query.name)' to answer \(query.expected), but it answered \(answer): the fill does not match what the engine reads")
        }
    }

    /// The nearest-rank percentile of sorted durations.
    static func percentile(_ fraction: Double, of sorted: [Duration]) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
