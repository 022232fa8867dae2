import Foundation

/// Runs work that blocks its thread (waiting for a child process, starting or stopping a
/// PostgreSQL server) on a thread of its own. On the cooperative pool it would hold one of its
/// few threads (two on a 2-core machine) for seconds: two such waits at once stall every other
/// test's tasks in the process, and a test's HTTP server then answers nothing for that long.
public func blockingWork<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
