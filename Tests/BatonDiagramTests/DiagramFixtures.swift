import BatonBPMN
import BatonModel
import Foundation
import Testing

/// BPMN files from `processes/`, read the way deployment reads them, and the committed snapshots.
///
/// Paths are found from this file's real location (symlinks resolved), walking up to the folder
/// that holds `processes/`, so the tests run both in the repository and from a package that links
/// this folder in.
enum DiagramFixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()

    static let repositoryRoot: URL = {
        var folder = testsFolder
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("processes").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return testsFolder
    }()

    static func definitions(_ relativePath: String) throws -> Definitions {
        let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent(relativePath)))
        let document = BPMNReader.read(bytes, file: relativePath)
        return try #require(document.definitions, "\(relativePath): \(document.diagnostics)")
    }

    static func definitions(xml: String) throws -> Definitions {
        let document = BPMNReader.read(Array(xml.utf8), file: "inline.bpmn")
        return try #require(document.definitions, "\(document.diagnostics)")
    }

    /// Compares `svg` with `Snapshots/<name>.<fileExtension>`; with `BATON_RECORD_SNAPSHOTS=1` writes it instead.
    static func expectSnapshot(
        _ svg: String, named name: String, fileExtension: String = "svg", sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let file = testsFolder.appendingPathComponent("Snapshots").appendingPathComponent("\(name).\(fileExtension)")
        if ProcessInfo.processInfo.environment["BATON_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: file)
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("No snapshot \(file.path); record it with BATON_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != svg else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = svg.split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
        let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
        let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
        Issue.record(
            "\(name).\(fileExtension) differs at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)\n(re-record with BATON_RECORD_SNAPSHOTS=1 if the change is intended)",
            sourceLocation: sourceLocation)
    }
}

/// Small readers of the generated markup, so tests check structure rather than substrings anywhere.
enum SVGInspection {
    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The markup of the element group for `id`: from its `<g` line to the `</g>` at the same indentation.
    static func group(_ id: String, in svg: String) -> String? {
        let lines = svg.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.contains("data-element-id=\"\(id)\"") }) else { return nil }
        let indent = lines[start].prefix { $0 == " " }
        guard let end = lines[start...].firstIndex(where: { $0 == indent + "</g>" }) else { return nil }
        return lines[start...end].joined(separator: "\n")
    }

    /// The opening tag line of the element group for `id`.
    static func groupTag(_ id: String, in svg: String) -> String? {
        svg.split(separator: "\n").first { $0.contains("data-element-id=\"\(id)\"") }.map(String.init)
    }

    /// The four numbers of the root `viewBox`.
    static func viewBox(_ svg: String) -> [Double]? {
        guard let start = svg.range(of: "viewBox=\"") else { return nil }
        let rest = svg[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let numbers = rest[..<end].split(separator: " ").compactMap { Double($0) }
        return numbers.count == 4 ? numbers : nil
    }
}
