import BatonModel
import Foundation
import Hummingbird
import Synchronization

/// A stand-in for Aidbox in tests: FHIR R4 over HTTP on a loopback port, for InsurancePlan only.
/// Read, create, update with `If-Match` (412 on a stale version), `_history`, `ETag`s and
/// OperationOutcome errors, as a FHIR server answers them. Tests can make it answer 503 for a
/// while (``failNext(_:)``) or for good (``isDown``), and see every request it received.
public final class FHIRStandIn: Sendable {
    public struct Received: Sendable, Hashable {
        public var method: String
        public var path: String
        public var authorization: String?
        public var ifMatch: String?
    }

    fileprivate struct State {
        var versions: [String: [JSONValue]] = [:]
        var failures = 0
        var down = false
        var received: [Received] = []
        var nextID = 1
    }

    private let storage: Storage
    private let server: Task<Void, any Error>
    /// The FHIR base URL, e.g. `http://127.0.0.1:54321/fhir`.
    public let baseURL: String

    private init(storage: Storage, server: Task<Void, any Error>, baseURL: String) {
        self.storage = storage
        self.server = server
        self.baseURL = baseURL
    }

    /// Starts a stand-in on a free loopback port.
    public static func start() async throws -> FHIRStandIn {
        let storage = Storage()
        let router = Router()
        router.get("fhir/InsurancePlan/:id") { request, context in
            try Self.answer(storage, request, context) { state in
                let id = try context.parameters.require("id")
                guard let latest = state.versions[id]?.last else { return Self.outcome(.notFound, "InsurancePlan/\(id) is not known") }
                return Self.resource(latest, status: .ok)
            }
        }
        router.get("fhir/InsurancePlan/:id/_history") { request, context in
            try Self.answer(storage, request, context) { state in
                let id = try context.parameters.require("id")
                let versions = state.versions[id] ?? []
                return Self.json(.object([
                    .init("resourceType", .string("Bundle")), .init("type", .string("history")), .init("total", .integer(Int64(versions.count))),
                    .init("entry", .array(versions.reversed().map { .object([.init("resource", $0)]) })),
                ]), status: .ok)
            }
        }
        router.post("fhir/InsurancePlan") { request, context in
            let body = try await request.body.collect(upTo: 1 << 20)
            return try Self.answer(storage, request, context) { state in
                guard let plan = JSONText.parse(String(buffer: body)), case .object = plan else { return Self.outcome(.badRequest, "the body is not JSON") }
                let id: String
                if case .string(let given)? = plan["id"], state.versions[given] == nil { id = given } else {
                    id = "plan-\(state.nextID)"
                    state.nextID += 1
                }
                let stored = Self.stamp(plan, id: id, version: 1)
                state.versions[id] = [stored]
                return Self.resource(stored, status: .created)
            }
        }
        router.put("fhir/InsurancePlan/:id") { request, context in
            let body = try await request.body.collect(upTo: 1 << 20)
            return try Self.answer(storage, request, context) { state in
                let id = try context.parameters.require("id")
                guard let plan = JSONText.parse(String(buffer: body)), case .object = plan else { return Self.outcome(.badRequest, "the body is not JSON") }
                let current = state.versions[id]?.count ?? 0
                if let ifMatch = request.headers[.ifMatch], ifMatch != "W/\"\(current)\"" {
                    return Self.outcome(.preconditionFailed, "version mismatch: If-Match \(ifMatch), current W/\"\(current)\"")
                }
                let stored = Self.stamp(plan, id: id, version: current + 1)
                state.versions[id, default: []].append(stored)
                return Self.resource(stored, status: current == 0 ? .created : .ok)
            }
        }
        let (server, port) = try await serveOnLoopback(router, label: "fhir-stand-in")
        return FHIRStandIn(storage: storage, server: server, baseURL: "http://127.0.0.1:\(port)/fhir")
    }

    deinit { server.cancel() }

    public func stop() { server.cancel() }

    /// The next `count` requests answer 503.
    public func failNext(_ count: Int) { storage.state.withLock { $0.failures = count } }

    /// While true, every request answers 503.
    public var isDown: Bool {
        get { storage.state.withLock { $0.down } }
        set { storage.state.withLock { $0.down = newValue } }
    }

    public var received: [Received] { storage.state.withLock { $0.received } }

    /// Puts a plan in place (as another system would have), returning its new version.
    @discardableResult
    public func store(_ plan: JSONValue, id: String) -> String {
        storage.state.withLock { state in
            let version = (state.versions[id]?.count ?? 0) + 1
            state.versions[id, default: []].append(Self.stamp(plan, id: id, version: version))
            return String(version)
        }
    }

    public func versions(of id: String) -> [JSONValue] { storage.state.withLock { $0.versions[id] ?? [] } }

    // MARK: Answers

    private static func answer(
        _ storage: Storage, _ request: Request, _ context: some RequestContext, _ body: (inout State) throws -> Response
    ) throws -> Response {
        try storage.state.withLock { state in
            state.received.append(Received(
                method: request.method.rawValue, path: request.uri.path, authorization: request.headers[.authorization], ifMatch: request.headers[.ifMatch]))
            if state.down { return outcome(.serviceUnavailable, "down for maintenance") }
            if state.failures > 0 {
                state.failures -= 1
                return outcome(.serviceUnavailable, "temporarily unavailable")
            }
            return try body(&state)
        }
    }

    private static func stamp(_ plan: JSONValue, id: String, version: Int) -> JSONValue {
        guard case .object(var members) = plan else { return plan }
        members.removeAll { $0.key == "id" || $0.key == "meta" }
        var meta: [JSONValue.Member] = [.init("versionId", .string(String(version))), .init("lastUpdated", .string(Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000)).iso8601))]
        if case .object(let old)? = plan["meta"] { meta += old.filter { $0.key != "versionId" && $0.key != "lastUpdated" } }
        return .object([.init("resourceType", .string("InsurancePlan")), .init("id", .string(id)), .init("meta", .object(meta))]
            + members.filter { $0.key != "resourceType" })
    }

    private static func resource(_ resource: JSONValue, status: HTTPResponse.Status) -> Response {
        var response = json(resource, status: status)
        if case .string(let version)? = resource["meta"]?["versionId"] { response.headers[.eTag] = "W/\"\(version)\"" }
        return response
    }

    private static func outcome(_ status: HTTPResponse.Status, _ text: String) -> Response {
        json(.object([
            .init("resourceType", .string("OperationOutcome")),
            .init("issue", .array([.object([.init("severity", .string("error")), .init("code", .string("processing")), .init("diagnostics", .string(text))])])),
        ]), status: status)
    }

    private static func json(_ value: JSONValue, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/fhir+json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: JSONText.render(value))))
    }
}

/// The stand-in's data, shared by its routes and the test.
fileprivate final class Storage: Sendable {
    let state = Mutex(FHIRStandIn.State())
}
