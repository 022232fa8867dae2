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
}
