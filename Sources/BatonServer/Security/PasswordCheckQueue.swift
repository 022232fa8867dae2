import Dispatch
import Synchronization

/// Runs bcrypt checks on threads of their own, a few at a time.
///
/// A check costs about 230 ms of CPU at cost 12. Run on the server's worker threads, a handful of
/// clients sending wrong passwords would make every other request (even `/health`) wait behind
/// them. Here at most `concurrency` checks run at once, on Dispatch threads the server's event
/// loops and Swift's cooperative pool never wait for; at most `waiting` more queue, and a check
/// beyond that is refused at once (the caller answers 503) instead of piling up.
final class PasswordCheckQueue: Sendable {
    struct Overloaded: Error {}

    private struct State {
        var running = 0
        /// Checks waiting for a slot; `leave()` hands its slot to the first (resuming it with true).
        var queue: [CheckedContinuation<Bool, Never>] = []
    }

    let concurrency: Int
    let waiting: Int
    private let state = Mutex(State())
    private let threads = DispatchQueue(label: "baton.password-checks", attributes: .concurrent)

    init(concurrency: Int, waiting: Int) {
        self.concurrency = max(1, concurrency)
        self.waiting = max(0, waiting)
    }

    /// `work`'s result (a check, or a new hash), computed off the request threads once a slot is free.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws(Overloaded) -> T {
        try await enter()
        defer { leave() }
        return await withCheckedContinuation { continuation in
            threads.async { continuation.resume(returning: work()) }
        }
    }

    /// Checks running and checks waiting for a slot, as of now.
    var load: (running: Int, queued: Int) {
        state.withLock { ($0.running, $0.queue.count) }
    }

    private func enter() async throws(Overloaded) {
        // Admitted, queued or refused under one lock, so a slot freed meanwhile is never missed.
        let admitted = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let decided: Bool? = state.withLock { state in
                if state.running < concurrency {
                    state.running += 1
                    return true
                }
                guard state.queue.count < waiting else { return false }
                state.queue.append(continuation)
                return nil
            }
            if let decided { continuation.resume(returning: decided) }
        }
        guard admitted else { throw Overloaded() }
    }

    private func leave() {
        let next: CheckedContinuation<Bool, Never>? = state.withLock { state in
            if state.queue.isEmpty {
                state.running -= 1
                return nil
            }
            return state.queue.removeFirst()
        }
        next?.resume(returning: true)
    }
}
