import Foundation

/// The results as Markdown: one row per query with p50/p99 at each size and the p50 growth from
/// the smallest size to the largest, then the storage and fill rows.
enum Report {
    static func markdown(_ results: [SizeResult], runs: LatencySampler, setting: String) -> String {
        guard let smallest = results.first, let largest = results.last else { return "No sizes were run.\n" }
        let sizes = results.map { size($0.endedInstances) }
        var lines = [
            "# Read scaling", "",
            setting,
            "N ended instances (start → user task → end, ended over the last 180 days, rows copied from real engine rows) plus \(BulkFill.openTasks.formatted()) running ones waiting at a user task "
                + "offered to one of \(BulkFill.candidateGroups) groups; \(runs.measuredRuns) timed runs per query after \(runs.warmUpRuns) warm-up runs, one client, "
                + "through `Runtime`'s query API; the Console rows are a GET of the whole page over loopback HTTP from the router `baton serve` runs. Times in milliseconds.", "",
            "| Query | " + sizes.map { "p50 \($0) | p99 \($0)" }.joined(separator: " | ") + " | p50 growth \(sizes.first!) → \(sizes.last!) |",
            "|---|" + String(repeating: "--:|--:|", count: results.count) + "--:|",
        ]
        for (index, query) in smallest.latencies.enumerated() {
            let cells = results.map { "\(milliseconds($0.latencies[index].latencies.p50)) | \(milliseconds($0.latencies[index].latencies.p99))" }
            let growth = ratio(secondsValue(largest.latencies[index].latencies.p50), secondsValue(query.latencies.p50))
            lines.append("| \(query.query) | " + cells.joined(separator: " | ") + " | \(growth) |")
        }
        let bytes = results.map { "\($0.footprint.bytesPerInstance.formatted()) | " }
        lines.append(
            "| Bytes per instance (all tables and indexes, after VACUUM ANALYZE) | " + bytes.joined(separator: " | ") + " | "
                + ratio(Double(largest.footprint.bytesPerInstance), Double(smallest.footprint.bytesPerInstance)) + " |")
        // The running instances and the schema's fixed overhead weigh on the small sizes' average;
        // what one more ended instance costs is the growth between two sizes.
        if results.count > 1 {
            let added = Double(largest.footprint.totalBytes - smallest.footprint.totalBytes)
                / Double(max(1, largest.footprint.instances - smallest.footprint.instances))
            lines.append(
                "| Bytes per added ended instance, \(sizes.first!) → \(sizes.last!) | " + String(repeating: " |  | ", count: results.count - 1)
                    + "\(Int(added).formatted()) |  | |")
        }
        lines.append("| Fill time, bulk INSERT … SELECT (s) | " + results.map { "\(seconds($0.fill)) | " }.joined(separator: " | ") + " | |")
        lines.append("| VACUUM ANALYZE after the fill (s) | " + results.map { "\(seconds($0.vacuum)) | " }.joined(separator: " | ") + " | |")
        lines += pagesTable(results, sizes: sizes)
        lines += ["", "Where the bytes go at N = \(sizes.last!) (\(megabytes(largest.footprint.totalBytes)) MB for \(largest.footprint.instances.formatted()) instances):", ""]
        lines += ["| Table | MB with indexes | Rows (estimate) | Bytes per instance |", "|---|--:|--:|--:|"]
        for table in largest.footprint.tables where table.bytes >= 64 * 1024 {
            lines.append(
                "| \(table.name) | \(megabytes(table.bytes)) | \(table.rows.formatted()) | \((table.bytes / max(1, largest.footprint.instances)).formatted()) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The pages each query's statement read (shared buffers hit or read, from the top node of
    /// its logged plan) at each size: unlike a time, the count does not move with the machine's
    /// load, so it shows whether a query's work grows with history.
    static func pagesTable(_ results: [SizeResult], sizes: [String]) -> [String] {
        guard let smallest = results.first else { return [] }
        var lines = [
            "", "Pages each query's statement read at each size (shared buffers hit + read, the top node's `Buffers:` line of the plan in read-scaling-plans.md):", "",
            "| Query | " + sizes.map { "pages \($0)" }.joined(separator: " | ") + " | growth \(sizes.first!) → \(sizes.last!) |",
            "|---|" + String(repeating: "--:|", count: results.count) + "--:|",
        ]
        for (index, entry) in smallest.plans.enumerated() {
            let counts = results.map { index < $0.plans.count ? pages(in: $0.plans[index].plan) : nil }
            let cells = counts.map { $0.map { $0.formatted() } ?? "–" }
            var growth = "–"
            if let first = counts.first ?? nil, let last = counts.last ?? nil { growth = ratio(Double(last), Double(first)) }
            lines.append("| \(entry.query) | " + cells.joined(separator: " | ") + " | \(growth) |")
        }
        return lines
    }

    /// Shared buffers hit plus read on the first `Buffers:` line of a plan (its top node's total).
    static func pages(in plan: String) -> Int? {
        guard let line = plan.split(separator: "\n").first(where: { $0.contains("Buffers: shared") }) else { return nil }
        var total = 0
        for part in line.split(whereSeparator: { $0 == " " || $0 == "," }) {
            for key in ["hit=", "read="] where part.hasPrefix(key) { total += Int(part.dropFirst(key.count)) ?? 0 }
        }
        return total
    }

    /// Every size's plans, as auto_explain logged them.
    static func plans(_ results: [SizeResult]) -> String {
        var lines = ["# Read scaling: query plans", "", "EXPLAIN ANALYZE of each measured query's statement as the store runs it (auto_explain), per size.", ""]
        for result in results {
            lines += ["## N = \(size(result.endedInstances))", ""]
            for (query, plan) in result.plans { lines += ["### \(query)", "", "```text", plan, "```", ""] }
        }
        return lines.joined(separator: "\n")
    }

    /// 10000 → 10k, 1000000 → 1M.
    static func size(_ count: Int) -> String {
        if count >= 1_000_000, count % 1_000_000 == 0 { return "\(count / 1_000_000)M" }
        if count >= 1_000, count % 1_000 == 0 { return "\(count / 1_000)k" }
        return String(count)
    }

    static func seconds(_ duration: Duration) -> String { String(format: "%.1f", secondsValue(duration)) }

    static func milliseconds(_ duration: Duration) -> String {
        let value = secondsValue(duration) * 1000
        return String(format: value >= 100 ? "%.0f" : "%.2f", value)
    }

    private static func secondsValue(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }

    private static func ratio(_ value: Double, _ base: Double) -> String { base > 0 ? String(format: "%.2f×", value / base) : "–" }
}
