import BatonModel

/// A `multipart/form-data` body (RFC 7578) split into its parts, as `POST /deployment/create`
/// receives it.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        /// The part's own `Content-Type`, if it has one.
        var contentType: String?
        var bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    var parts: [Part]

    init(body: [UInt8], contentType: String) throws {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty
        else {
            throw RestError.invalid("Expected a multipart/form-data body with a boundary, but the Content-Type is '\(contentType)'.")
        }
        guard boundary.utf8.count <= Self.maximumBoundaryLength else {
            throw RestError.invalid(
                "Expected a multipart boundary of at most \(Self.maximumBoundaryLength) characters (RFC 2046), but it has \(boundary.utf8.count).")
        }
        let delimiter = Array("--\(boundary)".utf8)
        let positions = Self.occurrences(of: delimiter, in: body[...])
        guard positions.count >= 2 else { throw RestError.invalid("Expected multipart parts separated by the boundary, but the body has none.") }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var from = start + delimiter.count
            // Skip the CRLF after the delimiter; the CRLF before the next one belongs to it.
            if body.count > from + 1, body[from] == 13, body[from + 1] == 10 { from += 2 }
            var to = end
            if to >= 2, body[to - 2] == 13, body[to - 1] == 10 { to -= 2 }
            guard from <= to, let headerEnd = Self.occurrences(of: Array("\r\n\r\n".utf8), in: body[from..<to], first: true).first.map({ $0 - from }) else {
                throw RestError.invalid("Expected each multipart part to have headers, but one has none.")
            }
            let headers = String(decoding: body[from..<(from + headerEnd)], as: UTF8.self)
            let disposition = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") }.map(String.init) ?? ""
            guard let name = Self.parameter("name", in: disposition) else {
                throw RestError.invalid("Expected each multipart part to have a Content-Disposition name, but one has none.")
            }
            let type = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-type:") }
                .map { String($0.dropFirst("content-type:".count)).trimmingASCIIWhitespace() }
            parts.append(Part(
                name: name, filename: Self.parameter("filename", in: disposition), contentType: type, bytes: Array(body[(from + headerEnd + 4)..<to])))
        }
        self.parts = parts
    }

    /// The text of the field `name`, if sent.
    func field(_ name: String) -> String? { parts.first { $0.name == name && $0.filename == nil }?.text }

    /// `key=value` or `key="value"` in a header's parameters.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.drop { $0 == " " || $0 == "\t" }
            guard trimmed.lowercased().hasPrefix(key + "=") else { continue }
            var value = trimmed.dropFirst(key.count + 1)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }

    /// RFC 2046 limits a boundary to 70 characters.
    static let maximumBoundaryLength = 70

    /// Where `needle` starts in `haystack` (as indices of `haystack`), without overlaps, in one
    /// pass (Knuth–Morris–Pratt): linear in the body's size whatever the body and boundary hold,
    /// so a body of dashes under a boundary of dashes cannot make parsing quadratic.
    static func occurrences(of needle: [UInt8], in haystack: ArraySlice<UInt8>, first: Bool = false) -> [Int] {
        guard !needle.isEmpty else { return [] }
        // failure[i]: the length of the longest proper prefix of needle[0...i] that is also its suffix.
        var failure = [Int](repeating: 0, count: needle.count)
        var length = 0
        for i in needle.indices.dropFirst() {
            while length > 0, needle[i] != needle[length] { length = failure[length - 1] }
            if needle[i] == needle[length] { length += 1 }
            failure[i] = length
        }
        var found: [Int] = []
        var matched = 0
        for index in haystack.indices {
            let byte = haystack[index]
            while matched > 0, byte != needle[matched] { matched = failure[matched - 1] }
            if byte == needle[matched] { matched += 1 }
            if matched == needle.count {
                found.append(index - needle.count + 1)
                if first { break }
                matched = 0  // delimiters do not overlap
            }
        }
        return found
    }
}
