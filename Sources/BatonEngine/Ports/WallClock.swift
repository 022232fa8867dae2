import BatonModel
import Foundation

/// The runtime's source of the current time. The core never reads a clock; the runtime reads
/// this one and passes the time in, so tests can use a manual clock.
public protocol WallClock: Sendable {
    func now() -> Timestamp
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }
}
