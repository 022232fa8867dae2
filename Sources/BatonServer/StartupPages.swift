#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Gives back the code pages only start-up ran. Once `baton serve` is ready, much of what is
/// resident of its own binary was run once and never again (argument parsing, migrations, the
/// BPMN reader's first deployments, the server's set-up), and the kernel maps code in 64 KB
/// neighbourhoods or whole page-cache folios, so the resident set after start-up is larger than
/// what serving needs. `MADV_PAGEOUT` unmaps those pages from this process (and drops them from
/// the page cache when no other process maps them); what the server runs again comes back on its
/// first use. Only mappings of the binary's file that hold no private copies are advised: a
/// page written since mapping (relocated data) would otherwise go to swap.
public enum StartupPages {
    /// An address range of the binary whose pages are all the file's own.
    public struct Mapping: Equatable, Sendable {
        public var start: UInt
        public var end: UInt

        public init(start: UInt, end: UInt) {
            self.start = start
            self.end = end
        }
    }

    /// The mappings of `executable` in a `/proc/PID/smaps` text that are not writable and hold
    /// no anonymous (copied-on-write) pages.
    public static func releasable(smaps: String, executable: String) -> [Mapping] {
        var found: [Mapping] = []
        var current: (mapping: Mapping, candidate: Bool)?
        func finish() {
            if let current, current.candidate { found.append(current.mapping) }
            current = nil
        }
        for line in smaps.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, let dash = range.firstIndex(of: "-"),
                let start = UInt(range[..<dash], radix: 16), let end = UInt(range[range.index(after: dash)...], radix: 16)
            {
                finish()
                // address perms offset device inode [path]; the path may hold spaces.
                let path = fields.count > 5 ? fields[5...].joined(separator: " ") : ""
                let permissions = fields.count > 1 ? fields[1] : ""
                current = (Mapping(start: start, end: end), path == executable && !permissions.contains("w"))
            } else if fields.first == "Anonymous:", fields.count > 1, fields[1] != "0" {
                current?.candidate = false
            }
        }
        finish()
        return found
    }

    /// Advises the kernel to page out ``releasable(smaps:executable:)`` of this process, and
    /// returns the bytes advised. Does nothing where `/proc` or `MADV_PAGEOUT` (Linux 5.4) is
    /// missing: the pages then simply stay.
    @discardableResult
    public static func release() -> Int {
        #if os(Linux)
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            let smaps = readFile("/proc/self/smaps")
        else { return 0 }
        var advised = 0
        for mapping in releasable(smaps: smaps, executable: executable) {
            let length = Int(mapping.end - mapping.start)
            if madvise(UnsafeMutableRawPointer(bitPattern: mapping.start), length, pageOut) == 0 { advised += length }
        }
        return advised
        #else
        return 0
        #endif
    }

    #if os(Linux)
    /// `MADV_PAGEOUT` from <linux/mman.h>; Glibc's Swift module does not export it everywhere.
    private static let pageOut: Int32 = 21

    /// A `/proc` file's text, read to its end. Foundation's `String(contentsOfFile:)` returns
    /// only the first read of such a file (its size is 0 until read): 4 KB of `smaps`, a few
    /// mappings.
    private static func readFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return count == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
    #endif
}
