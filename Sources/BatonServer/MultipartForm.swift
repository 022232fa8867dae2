/// A `multipart/form-data` body (RFC 7578) split into its parts, as `POST /deployment/create`
/// receives it.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
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
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var index = Self.find(delimiter, in: body, from: 0)
        while let found = index {
            positions.append(found)
            index = Self.find(delimiter, in: body, from: found + delimiter.count)
        }
        guard positions.count >= 2 else { throw RestError.invalid("Expected multipart parts separated by the boundary, but the body has none.") }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var from = start + delimiter.count
            // Skip the CRLF after the delimiter; the CRLF before the next one belongs to it.
            if body.count > from + 1, body[from] == 13, body[from + 1] == 10 { from += 2 }
            var to = end
            if to >= 2, body[to - 2] == 13, body[to - 1] == 10 { to -= 2 }
            guard from <= to, let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: Array(body[from..<to]), from: 0) else {
                throw RestError.invalid("Expected each multipart part to have headers, but one has none.")
            }
            let headers = String(decoding: body[from..<(from + headerEnd)], as: UTF8.self)
            let disposition = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") }.map(String.init) ?? ""
            guard let name = Self.parameter("name", in: disposition) else {
                throw RestError.invalid("Expected each multipart part to have a Content-Disposition name, but one has none.")
            }
            parts.append(Part(name: name, filename: Self.parameter("filename", in: disposition), bytes: Array(body[(from + headerEnd + 4)..<to])))
        }
        self.parts = parts
    }

    /// The text of the field `name`, if sent.
    func field(_ name: String) -> String? { parts.first { $0.name == name && $0.filename == nil }?.text }

    /// `key=value` or `key="value"` in a header's parameters.
    private static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.drop { $0 == " " || $0 == "\t" }
            guard trimmed.lowercased().hasPrefix(key + "=") else { continue }
            var value = trimmed.dropFirst(key.count + 1)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
