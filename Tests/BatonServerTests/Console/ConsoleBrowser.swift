import BatonModel
import Foundation
import Hummingbird
import HummingbirdTesting

/// A browser's part in a console test: it keeps the session cookie the server sets, sends it
/// back, and fills in the CSRF token of the last page it read, as a browser posting the page's
/// form would.
final class ConsoleBrowser: @unchecked Sendable {
    let client: LoopbackClient
    private(set) var cookie: String?
    private(set) var lastPage = ""

    init(_ rest: RestClient) { client = rest.client }

    struct Page {
        var status: HTTPResponse.Status
        var html: String
        var headers: HTTPFields
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.get, path, body: nil, contentType: nil)
    }

    /// Posts `fields` URL-encoded, with the CSRF token of the last page read unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: String? = nil) async throws -> Page {
        let token = csrf ?? csrfToken() ?? ""
        let body = ([("csrf", token)] + fields).map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.post, path, body: ByteBuffer(string: body), contentType: "application/x-www-form-urlencoded")
    }

    func postMultipart(_ path: String, file: (name: String, content: String)) async throws -> Page {
        let boundary = "----console-test"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrfToken() ?? "")\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n\(file.content)\r\n--\(boundary)--\r\n"
        return try await send(.post, path, body: ByteBuffer(string: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    func forgetCookie() { cookie = nil }
    func setCookie(_ value: String) { cookie = value }

    /// The token in the last page's forms.
    func csrfToken() -> String? {
        guard let range = lastPage.range(of: #"name="csrf" value=""#) else { return nil }
        let rest = lastPage[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    private func send(_ method: HTTPRequest.Method, _ path: String, body: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first {
            cookie = pair.hasSuffix("=") ? nil : String(pair)
        }
        let html = String(buffer: response.body ?? ByteBuffer())
        if response.headers[.contentType]?.hasPrefix("text/html") == true { lastPage = html }
        return Page(status: response.status, html: html, headers: response.headers)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
