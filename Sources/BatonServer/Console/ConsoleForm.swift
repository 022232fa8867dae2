import Foundation
import Hummingbird

/// A console form as posted: `application/x-www-form-urlencoded` fields, or `multipart/form-data`
/// for a file upload. Reading one checks its CSRF token first, so no console action runs on a
/// post another site forged.
struct ConsoleForm {
    private(set) var fields: [(name: String, value: String)]
    /// Uploaded files (multipart only).
    private(set) var files: [MultipartForm.Part] = []

    static func read(_ request: Request, _ context: BatonRequestContext, limit: Int) async throws -> ConsoleForm {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw RestError(.contentTooLarge, type: "RequestTooLargeException", "Expected a form of at most \(limit) bytes, but it is larger.")
        }
        let bytes = Array(buffer.readableBytesView)
        let contentType = request.headers[.contentType] ?? ""
        var form: ConsoleForm
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            let multipart = try MultipartForm(body: bytes, contentType: contentType)
            form = ConsoleForm(fields: multipart.parts.filter { $0.filename == nil }.map { ($0.name, $0.text) })
            form.files = multipart.parts.filter { $0.filename != nil }
        } else {
            form = ConsoleForm(fields: try Self.urlEncoded(String(decoding: bytes, as: UTF8.self)))
        }
        guard let sent = form.value("csrf"), let expected = context.consoleSession?.csrfToken,
            SHA256.constantTimeEquals(Array(sent.utf8), Array(expected.utf8))
        else {
            throw RestError(.forbidden, type: "CSRFException", "The form's security token is missing or stale; reload the page and try again.")
        }
        return form
    }

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The non-empty value of `name`, trimmed; nil when missing or blank.
    func text(_ name: String) -> String? {
        value(name).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// What was typed, by field name (the first of a repeated name), to show again beside a problem.
    var entered: [String: String] { Dictionary(fields.map { ($0.name, $0.value) }) { first, _ in first } }

    static func urlEncoded(_ body: String) throws -> [(name: String, value: String)] {
        try body.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) throws -> String {
                guard let decoded = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw RestError.invalid("Expected the form to be URL-encoded UTF-8, but '\(text)' is not.")
                }
                return decoded
            }
            return (try decode(parts[0]), parts.count > 1 ? try decode(parts[1]) : "")
        }
    }
}
