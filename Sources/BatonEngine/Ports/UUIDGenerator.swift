import BatonCore

/// Random (version 4) UUIDs, lowercase as Camunda prints its ids, for production use.
///
/// The 122 random bits come from the system's generator (`getrandom` on Linux) in two calls.
/// Foundation's `UUID()` opened, read and closed `/dev/urandom` for each id there: three system
/// calls and a file descriptor per id, and a command makes an id per instance, task and job.
public struct UUIDGenerator: IDGenerator {
    public init() {}

    public func next() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000  // version 4
        let low = generator.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000  // RFC 4122 variant
        return Self.format(high: high, low: low)
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in lowercase hex, most significant digit first.
    static func format(high: UInt64, low: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            func put(_ value: UInt64, digits count: Int) {
                for shift in stride(from: (count - 1) * 4, through: 0, by: -4) {
                    buffer[at] = digits.utf8Start[Int(value >> UInt64(shift) & 0xF)]
                    at += 1
                }
            }
            func dash() {
                buffer[at] = UInt8(ascii: "-")
                at += 1
            }
            put(high >> 32, digits: 8)
            dash()
            put(high >> 16, digits: 4)
            dash()
            put(high, digits: 4)
            dash()
            put(low >> 48, digits: 4)
            dash()
            put(low, digits: 12)
            return at
        }
    }
}
