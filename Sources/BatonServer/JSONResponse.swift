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

    /// Camunda's `{"count": n}`.
    static func count(_ count: Int) -> Response { make(.object([.init("count", .integer(Int64(count)))])) }
}

extension JSONValue {
    /// A string, or null when there is none (Camunda writes absent fields as null).
    static func orNull(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
}
