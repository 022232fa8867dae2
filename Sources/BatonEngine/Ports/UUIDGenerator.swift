import BatonCore
import Foundation

/// Random UUIDs (lowercase, as Camunda prints its ids) for production use.
public struct UUIDGenerator: IDGenerator {
    public init() {}
    public func next() -> String { UUID().uuidString.lowercased() }
}
