import BatonBPMN
import Foundation

/// Access to the BPMN files under `processes/`, read the way deployment reads them.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent(relativePath)))
    }

    static func read(_ relativePath: String, options: BPMNReadOptions = BPMNReadOptions()) throws -> BPMNDocument {
        BPMNReader.read(try bytes(relativePath), file: relativePath, options: options)
    }

    static func read(xml: String, file: String = "inline.bpmn") -> BPMNDocument {
        BPMNReader.read(Array(xml.utf8), file: file)
    }

    /// The `.bpmn` files of a folder under `processes/`, sorted.
    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".bpmn") }.sorted().map { "\(folder)/\($0)" }
    }
}
