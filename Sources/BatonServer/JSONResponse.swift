import BatonModel
import Hummingbird

/// JSON responses rendered from ``JSONValue``, so member order is exactly what the route wrote.
enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: JSONText.render(value))))
    }

    static func noContent() -> Response { Response(status: .noContent) }

    /// Plain text, as Camunda serves error details and stack traces.
    static func text(_ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Camunda's `{"count": n}`.
    static func count(_ count: Int) -> Response { make(.object([.init("count", .integer(Int64(count)))])) }
}

extension JSONValue {
    /// A string, or null when there is none (Camunda writes absent fields as null).
    static func orNull(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
}
