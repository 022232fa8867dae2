/// Runs due jobs in the background: async continuations, timers, handler retries, timer start
/// events. Polls the store, runs what is due in batches, and sleeps only when nothing was due.
/// Several workers, in one process or many, may share a store: each job runs in its own
/// transaction and is re-checked there, so none runs twice.
public struct JobWorker: Sendable {
    public let runtime: Runtime
    public let pollInterval: Duration
    public let batchSize: Int
    /// How often ended instances past their history time-to-live are deleted.
    public let historyCleanupInterval: Duration
    /// Told about a pass that failed (the store unreachable, say); the worker keeps going.
    public let onError: @Sendable (any Error) -> Void

    public init(
        runtime: Runtime, pollInterval: Duration = .milliseconds(500), batchSize: Int = 100, historyCleanupInterval: Duration = .seconds(3600),
        onError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.runtime = runtime
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.historyCleanupInterval = historyCleanupInterval
        self.onError = onError
    }

    /// Runs until the surrounding task is cancelled.
    public func run() async {
        let clock = ContinuousClock()
        var nextCleanup = clock.now
        while !Task.isCancelled {
            var idle = true
            do {
                idle = try await runtime.runDueJobs(limit: batchSize).total == 0
                if clock.now >= nextCleanup {
                    try await runtime.cleanUpHistory()
                    nextCleanup = clock.now.advanced(by: historyCleanupInterval)
                }
            } catch {
                onError(error)
            }
            if idle { try? await Task.sleep(for: pollInterval) }
        }
    }
}
