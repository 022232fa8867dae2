/// Finds the column of an element's start tag, which libxml2 does not record for nodes.
///
/// libxml2 gives the line on which a start tag *ends*; for a tag spread over several lines the
/// locator walks back to the line holding `<prefix:name`. Only ASCII-compatible encodings are
/// searched; for UTF-16 files diagnostics keep libxml2's line and omit the column.
final class SourceLocator {
    private let bytes: [UInt8]
    private lazy var lineStarts: [Int] = {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        return starts
    }()
    private let searchable: Bool

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-16 or UTF-32 file has NUL bytes or a 0xFE/0xFF byte-order mark near the start.
        let head = bytes.prefix(4)
        searchable = !head.contains(0) && !(head.first == 0xFE || head.first == 0xFF)
    }

    /// The line and column of `<tag` at or up to 16 lines above `line`; the line alone if not found.
    func locate(line: Int, tag: String?) -> (line: Int, column: Int?) {
        guard searchable, let tag, line >= 1, line <= lineStarts.count else { return (line, nil) }
        let needle = Array(("<" + tag).utf8)
        var candidate = line
        while candidate >= max(1, line - 16) {
            let start = lineStarts[candidate - 1]
            let end = candidate < lineStarts.count ? lineStarts[candidate] : bytes.count
            if let offset = find(needle, from: start, to: end) {
                // Columns count characters, not bytes: skip UTF-8 continuation bytes.
                let column = bytes[start..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                return (candidate, column)
            }
            candidate -= 1
        }
        return (line, nil)
    }

    private func find(_ needle: [UInt8], from start: Int, to end: Int) -> Int? {
        guard end - start >= needle.count else { return nil }
        var i = start
        while i + needle.count <= end {
            if bytes[i] == needle[0] {
                var matched = true
                for j in 1..<needle.count where bytes[i + j] != needle[j] {
                    matched = false
                    break
                }
                // Require the tag name to end here, so `<bpmn:task` does not match `<bpmn:taskX`.
                let after = i + needle.count
                if matched, after >= end || !isNameByte(bytes[after]) { return i }
            }
            i += 1
        }
        return nil
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte == 0x3A || byte >= 0x80
    }
}
