import BatonBPMN
import Foundation

/// Reads BPMN files from disk for the CLI: expands directories, refuses oversized files before
/// reading them, and turns unreadable files into diagnostics rather than crashes.
enum BPMNFileLoader {
    /// The files named on the command line, with each directory replaced by its `*.bpmn` files.
    static func expand(_ paths: [String]) -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let base = path.hasSuffix("/") ? path : path + "/"
                result += entries.filter { $0.hasSuffix(".bpmn") }.sorted().map { base + $0 }
            } else {
                result.append(path)
            }
        }
        return result
    }

    /// The bytes of a file the loader already accepted.
    static func bytes(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("Expected to read '\(path)', but it cannot be read.")
        }
        return [UInt8](data)
    }

    static func load(_ path: String, options: BPMNReadOptions) -> BPMNDocument {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be opened (check its permissions)" : "it does not exist"
            return BPMNReader.unreadable(file: path, reason: reason)
        }
        defer { try? handle.close() }
        do {
            // Read one byte past the limit: enough to know the file is too large without reading it all.
            let data = try handle.read(upToCount: options.maximumFileSize + 1) ?? Data()
            if data.count > options.maximumFileSize {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? data.count
                return BPMNReader.refuseOversized(file: path, size: size, options: options)
            }
            return BPMNReader.read([UInt8](data), file: path, options: options)
        } catch {
            return BPMNReader.unreadable(file: path, reason: "reading it failed (\(error.localizedDescription))")
        }
    }
}
