import BatonCore
import Synchronization

/// Ids `prefix-1`, `prefix-2`, … in order, so runs and their histories are reproducible.
public final class SequentialIDGenerator: IDGenerator {
    private let counter = Mutex(0)
    private let prefix: String

    public init(prefix: String = "id") { self.prefix = prefix }

    public func next() -> String {
        let value = counter.withLock { count -> Int in
            count += 1
            return count
        }
        return "\(prefix)-\(value)"
    }
}
