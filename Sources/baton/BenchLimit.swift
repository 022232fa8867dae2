import ArgumentParser

/// How long `baton bench` runs: a number of instances, or a time (`--duration 30s`).
enum BenchLimit: Sendable {
    case instances(Int)
    case duration(Duration)
}

/// A number and a unit, `ms`, `s` or `m` (`30s`, `2m`, `500ms`), from 1 ms to 24 h: `baton
/// bench --duration`, `BATON_SHUTDOWN_TIMEOUT`.
struct ShortDuration: ExpressibleByArgument {
    let duration: Duration

    init?(argument: String) {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        guard let unit = units.first(where: { argument.hasSuffix($0.suffix) }),
            let amount = Double(argument.dropLast(unit.suffix.count))
        else { return nil }
        let milliseconds = (amount * unit.seconds * 1000).rounded()
        // Also keeps the conversion to Int64 from trapping on a huge number.
        guard (1...86_400_000).contains(milliseconds) else { return nil }
        duration = .milliseconds(Int64(milliseconds))
    }
}
