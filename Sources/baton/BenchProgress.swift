import Foundation
import Synchronization

/// Counts instances and commands as clients finish them, and on a terminal redraws one status line
/// on standard error twice a second, so a long run shows it is alive; piped output stays clean.
final class BenchProgress: Sendable {
    private let instances = Atomic<Int>(0)
    private let commands = Atomic<Int>(0)

    func instanceFinished() { instances.add(1, ordering: .relaxed) }
    func commandsRan(_ count: Int) { commands.add(count, ordering: .relaxed) }

    /// Draws the status line until the task is cancelled, then clears it.
    func display(limit: BenchLimit) async {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let clock = ContinuousClock()
        let began = clock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(500))
            let seconds = BenchWorkload.seconds(began.duration(to: clock.now))
            let done = instances.load(ordering: .relaxed)
            let goal: String
            switch limit {
            case .instances(let total): goal = "\(done)/\(total) instances"
            case .duration(let duration): goal = "\(done) instances, \(Int(seconds))/\(Int(BenchWorkload.seconds(duration))) s"
            }
            let rate = Double(commands.load(ordering: .relaxed)) / max(seconds, 0.001)
            FileOutput.standardError.write("\r\u{1B}[K" + "bench: \(goal), \(Int(rate)) commands/s")
        }
        FileOutput.standardError.write("\r\u{1B}[K")
    }
}
