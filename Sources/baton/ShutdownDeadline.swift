import BatonModel
import Dispatch
import Foundation
import Logging

/// How long `baton serve` lets requests in flight finish after SIGTERM or SIGINT before it stops
/// anyway: a long poll (`fetchAndLock` with `asyncResponseTimeout`) or a client holding a slow
/// request must not keep a server an orchestrator asked to stop. Past the deadline the embedded
/// PostgreSQL is stopped (transactions in flight roll back; nothing committed is lost) and the
/// process exits.
final class ShutdownDeadline: @unchecked Sendable {
    /// `BATON_SHUTDOWN_TIMEOUT`: an ISO 8601 duration or `30s`, `2m`, `500ms`.
    static func parse(_ text: String?) throws -> Duration {
        guard let text, !text.isEmpty else { return .seconds(25) }
        if let duration = ISODuration(text), duration.years == 0, duration.months == 0 { return .milliseconds(duration.fixedMilliseconds) }
        if let short = ShortDuration(argument: text) { return short.duration }
        throw CommandFailure("error: Expected BATON_SHUTDOWN_TIMEOUT to be a duration such as 25s, 2m or PT30S, but it is '\(text)'.")
    }

    /// Kept so the signal sources live as long as the server; touched only on `queue`.
    private var sources: [any DispatchSourceSignal] = []
    /// Whether a signal has started the deadline; touched only on `queue`.
    private var started = false
    private let queue = DispatchQueue(label: "baton.shutdown-deadline")

    /// Arms the deadline: the first SIGTERM or SIGINT starts it; `stop` runs when it passes.
    init(_ deadline: Duration, logger: Logger, stop: @escaping @Sendable () -> Void) {
        for signal in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            source.setEventHandler { [self] in
                guard !started else { return }
                started = true
                let milliseconds = Int(deadline.components.seconds * 1000 + deadline.components.attoseconds / 1_000_000_000_000_000)
                queue.asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                    logger.warning("requests still in flight at the shutdown deadline; stopping anyway", metadata: ["deadline": "\(deadline)"])
                    stop()
                    exit(0)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
