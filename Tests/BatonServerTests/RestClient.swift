import BatonEngine
import BatonModel
import BatonServer
import BatonTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus

/// A live Baton HTTP server on a loopback port over a fresh PostgreSQL database, and a client
/// that speaks JSON to it.
struct RestHarness {
    let runtime: Runtime
    let credentials: Credentials
    let signInLimits: SignInLimits
    let metrics: PrometheusCollectorRegistry
    /// The console's session key (`BATON_CONSOLE_SECRET`); nil: random per server.
    var consoleSecret: String?
    /// `/api/event-triggers`, when a test serves it.
    var eventTriggers: EventTriggerAPI?
    /// Who may sign in; nil: a directory of `credentials` over `runtime`.
    var users: UserDirectory?

    static func make(credentials: Credentials = Credentials(), signInLimits: SignInLimits = SignInLimits()) async throws -> RestHarness {
        let metrics = PrometheusCollectorRegistry()
        let runtime = Runtime(store: try await TestPostgres.freshStore(), metrics: EngineMetrics(factory: PrometheusMetricsFactory(registry: metrics)))
        return RestHarness(runtime: runtime, credentials: credentials, signInLimits: signInLimits, metrics: metrics)
    }

    func run(_ test: @escaping @Sendable (RestClient) async throws -> Void) async throws {
        let router = BatonHTTPServer.router(
            api: EngineRestAPI(runtime: runtime), eventTriggers: eventTriggers, credentials: credentials, signInLimits: signInLimits, metrics: metrics,
            consoleSecret: consoleSecret, users: users) { nil }
        try await LoopbackServer.run(router) { client in try await test(RestClient(client: client)) }
    }
}

struct RestClient: Sendable {
    let client: LoopbackClient
    /// The `Authorization` header sent with every call.
    var authorization: String?

    /// The same client, calling as `user` with `password` (HTTP Basic).
    func `as`(_ user: String, _ password: String) -> RestClient {
        RestClient(client: client, authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }

    func bearer(_ token: String) -> RestClient { RestClient(client: client, authorization: "Bearer \(token)") }

    struct Reply {
        var status: HTTPResponse.Status
        var json: JSONValue?
        var text: String
        var headers: HTTPFields = [:]
        /// The body as sent, for answers that are no text.
        var bytes: [UInt8] = []

        subscript(key: String) -> JSONValue? { json?[key] }
    }

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, json body: String? = nil, headers: HTTPFields = [:], raw: ByteBuffer? = nil) async throws -> Reply {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        if let authorization { headers[.authorization] = authorization }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) } ?? raw)
        let body = response.body ?? ByteBuffer()
        let text = String(buffer: body)
        return Reply(status: response.status, json: JSONText.parse(text), text: text, headers: response.headers, bytes: Array(buffer: body))
    }

    /// `POST /engine-rest/deployment/create` with BPMN files, as Camunda Modeler sends it.
    func deploy(_ files: [(name: String, content: String)], fields: [String: String] = ["deployment-name": "test"]) async throws -> Reply {
        let boundary = "----baton-test-boundary"
        var body = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for file in files {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n\(file.content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await call(.post, "/engine-rest/deployment/create", headers: headers, raw: ByteBuffer(string: body))
    }
}

extension RestClient {
    /// `POST …/data` with a multipart `data` part (as a file when `filename` is given) and a
    /// `valueType` field, as Camunda's clients upload a binary variable.
    func upload(_ path: String, _ bytes: [UInt8], valueType: String?, filename: String? = nil, contentType: String? = nil) async throws -> Reply {
        let boundary = "----baton-binary-boundary"
        var body: [UInt8] = []
        if let valueType { body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"valueType\"\r\n\r\n\(valueType)\r\n".utf8) }
        var disposition = "form-data; name=\"data\""
        if let filename { disposition += "; filename=\"\(filename)\"" }
        body += Array("--\(boundary)\r\nContent-Disposition: \(disposition)\r\n".utf8)
        if let contentType { body += Array("Content-Type: \(contentType)\r\n".utf8) }
        body += Array("\r\n".utf8) + bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await call(.post, path, headers: headers, raw: ByteBuffer(bytes: body))
    }
}

extension JSONValue {
    var stringValue: String? { if case .string(let text) = self { text } else { nil } }
    var arrayValue: [JSONValue] { if case .array(let items) = self { items } else { [] } }
    var objectValue: [JSONValue.Member]? { if case .object(let members) = self { members } else { nil } }
}
