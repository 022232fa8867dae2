import Foundation
import Synchronization

/// The thread one connection's libpq calls run on, usable as a task executor: a transaction
/// that prefers it (``PostgresConnection/withSession(_:)``) runs its Swift code here too, so each
/// round trip blocks this thread inline instead of hopping from Swift's cooperative pool to the
/// connection and back.
///
/// `@unchecked Sendable` is sound because `queued` and `stopped` are touched only under
/// `condition`, and `owner` is atomic.
final class ConnectionThread: TaskExecutor, @unchecked Sendable {
    private enum Work {
        case job(UnownedJob)
        case call(@Sendable () -> Void)
    }

    private let condition = NSCondition()
    private var queued: [Work] = []
    private var stopped = false
    /// The thread's id once it runs; 0 before.
    private let owner = Atomic<UInt>(0)

    /// `name` shows in `top -H` and profilers (at most 15 bytes on Linux; best effort, as
    /// Foundation may not apply it).
    init(name: String) {
        Thread { [self] in
            Thread.current.name = String(name.utf8.prefix(15))
            loop()
        }.start()
    }

    /// Whether the caller runs on this thread.
    var isCurrent: Bool { owner.load(ordering: .relaxed) == UInt(pthread_self()) }

    func enqueue(_ job: consuming ExecutorJob) {
        submit(.job(UnownedJob(job)))
    }

    /// Runs `body` on the thread; the caller's thread is not blocked meanwhile.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(PostgresError) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit(.call {
                do throws(PostgresError) { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            })
        }
    }

    /// Ends the thread once what is already queued has run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func submit(_ work: Work) {
        condition.lock()
        queued.append(work)
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        owner.store(UInt(pthread_self()), ordering: .relaxed)
        var batch: [Work] = []
        while true {
            condition.lock()
            while queued.isEmpty && !stopped { condition.wait() }
            if queued.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &queued)
            condition.unlock()
            for work in batch {
                switch work {
                case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                case .call(let call): call()
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
