import BatonModel
import Synchronization

/// A clock that moves only when told to, so timers and due dates in tests are exact.
public final class ManualClock: WallClock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp = Timestamp(iso8601: "2026-01-01T00:00:00Z")!) { current = Mutex(start) }

    public func now() -> Timestamp { current.withLock { $0 } }

    /// Moves the clock forward by an ISO 8601 duration (`PT1H`, `P3D`).
    public func advance(by duration: String) {
        guard let parsed = ISODuration(duration) else { preconditionFailure("not an ISO 8601 duration: \(duration)") }
        current.withLock { $0 = parsed.added(to: $0) }
    }

    public func set(_ timestamp: Timestamp) { current.withLock { $0 = timestamp } }
}
