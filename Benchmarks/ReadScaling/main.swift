// Read-side scaling: how Baton's list and count queries behave as history grows from 10k to 1M
// ended instances. A plain executable rather than an ordo-one benchmark: each size is filled
// once, which takes minutes at 1M, and then every query is timed against it.
//
//   swift run -c release ReadScaling --sizes 10000,100000 [--runs 200] [--warm-up 20]
//       [--output read-scaling-results.md] [--plans-output read-scaling-plans.md]
//
// Benchmarks/read-scaling.sh builds and runs it.
import BatonPostgres
import BatonTesting
import Foundation

/// The command line, with defaults.
struct Options {
    static let benchmarksDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    var sizes = [10_000, 100_000, 1_000_000]
    var runs = 200
    var warmUp = 20
    var output = benchmarksDirectory.appendingPathComponent("read-scaling-results.md")
    var plansOutput = benchmarksDirectory.appendingPathComponent("read-scaling-plans.md")

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let value = rest.popFirst() else { throw BenchmarkFailure("Expected a value after \(flag)") }
            return value
        }
        func count(_ flag: String) throws -> Int {
            let text = try value(flag)
            guard let number = Int(text), number > 0 else { throw BenchmarkFailure("Expected a positive whole number after \(flag), but got '\(text)'") }
            return number
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--sizes":
                let text = try value(flag)
                let sizes = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) }
                guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
                    throw BenchmarkFailure("Expected --sizes as positive numbers separated by commas (10000,100000), but got '\(text)'")
                }
                options.sizes = sizes.compactMap { $0 }.sorted()
            case "--runs": options.runs = try count(flag)
            case "--warm-up": options.warmUp = try count(flag)
            case "--output": options.output = URL(fileURLWithPath: try value(flag))
            case "--plans-output": options.plansOutput = URL(fileURLWithPath: try value(flag))
            default: throw BenchmarkFailure("Unknown argument '\(flag)'; expected --sizes, --runs, --warm-up, --output or --plans-output")
            }
        }
        return options
    }
}

func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

/// The 1-minute load average (Linux), for the report: other work on the machine skews the
/// sub-millisecond timings.
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
}

do {
    let options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    let sampler = LatencySampler(warmUpRuns: options.warmUp, measuredRuns: options.runs)
    let clock = ContinuousClock()
    let began = clock.now
    let loadAtStart = loadAverage()
    var results: [SizeResult] = []
    for size in options.sizes {
        results.append(try await SizeRun(endedInstances: size, sampler: sampler, progress: { log($0) }).run())
    }
    let server = try await PostgresConnection.connect(try TestPostgres.embedded().connectionString).query("SHOW server_version")
    let setting = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB, "
        + "PostgreSQL \(server.rows.first?[0] ?? "?") (embedded, default settings), \(Date().formatted(.iso8601.year().month().day())); "
        + "load average \(loadAtStart) at the start, \(loadAverage()) at the end."
    let report = Report.markdown(results, runs: sampler, setting: setting)
    print(report)
    try report.write(to: options.output, atomically: true, encoding: .utf8)
    try Report.plans(results).write(to: options.plansOutput, atomically: true, encoding: .utf8)
    log("Whole run: \(Report.seconds(began.duration(to: clock.now))) s; wrote \(options.output.path) and \(options.plansOutput.path)")
} catch {
    log("error: \(error)")
    exit(1)
}
