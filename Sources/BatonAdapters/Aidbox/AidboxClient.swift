import AsyncHTTPClient
import BatonModel
import Foundation
import NIOCore
import NIOHTTP1

/// A FHIR resource as Aidbox returned it, with its version.
public struct FHIRResource: Hashable, Sendable {
    public var json: JSONValue
    public var id: String? { if case .string(let id)? = json["id"] { id } else { nil } }
    public var versionID: String? { if case .string(let version)? = json["meta"]?["versionId"] { version } else { nil } }

    public init(json: JSONValue) { self.json = json }
}

/// Aidbox's FHIR R4 API for InsurancePlan: read, create, and update guarded by `If-Match`.
/// Network errors and 5xx answers are retried with exponential backoff; a 412 is a version
/// conflict, never retried.
public struct AidboxClient: Sendable {
    public let configuration: AidboxConfiguration
    private let http: HTTPClient

    public init(configuration: AidboxConfiguration, http: HTTPClient = .shared) {
        self.configuration = configuration
        self.http = http
    }

    /// The plan, or nil when Aidbox has none with that id.
    public func readPlan(_ id: String) async throws(AidboxError) -> FHIRResource? {
        let (status, body) = try await send(.GET, "InsurancePlan/\(Self.escape(id))")
        if status == 404 || status == 410 { return nil }
        return try resource(status, body)
    }

    public func createPlan(_ plan: JSONValue) async throws(AidboxError) -> FHIRResource {
        let (status, body) = try await send(.POST, "InsurancePlan", body: plan)
        return try resource(status, body)
    }

    /// PUT with `If-Match: W/"<versionId>"`: applied only if the plan is still at that version.
    /// Without a version, FHIR's update-as-create: the plan is written under `id` whatever is there.
    public func updatePlan(_ id: String, _ plan: JSONValue, ifMatch versionID: String?) async throws(AidboxError) -> FHIRResource {
        let (status, body) = try await send(.PUT, "InsurancePlan/\(Self.escape(id))", body: plan, ifMatch: versionID)
        if status == 412 { throw AidboxError.versionConflict(id: id, expectedVersion: versionID ?? "none") }
        return try resource(status, body)
    }

    private func resource(_ status: Int, _ body: JSONValue?) throws(AidboxError) -> FHIRResource {
        guard (200..<300).contains(status) else { throw AidboxError.rejected(status: status, message: Self.outcomeText(body)) }
        guard let body, case .object = body else { throw AidboxError.rejected(status: status, message: "the answer is not a FHIR resource") }
        return FHIRResource(json: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, ifMatch: String? = nil) async throws(AidboxError) -> (Int, JSONValue?) {
        var request = HTTPClientRequest(url: "\(configuration.baseURL)/\(path)")
        request.method = method
        request.headers.add(name: "Accept", value: "application/fhir+json")
        switch configuration.credentials {
        case .none: break
        case .basic(let id, let secret): request.headers.add(name: "Authorization", value: "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString())
        case .bearer(let token): request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let ifMatch { request.headers.add(name: "If-Match", value: "W/\"\(ifMatch)\"") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/fhir+json")
            request.body = .bytes(ByteBuffer(string: JSONText.render(body)))
        }
        var lastProblem = ""
        var wait = configuration.backoff
        for attempt in 0...configuration.retries {
            if attempt > 0 {
                try? await Task.sleep(for: wait)
                wait = wait * 2
            }
            do {
                let response = try await http.execute(request, timeout: .nanoseconds(Int64(configuration.timeout.components.seconds) * 1_000_000_000 + configuration.timeout.components.attoseconds / 1_000_000_000))
                let bytes = try await response.body.collect(upTo: 16 << 20)
                let json = JSONText.parse(String(buffer: bytes))
                if response.status.code >= 500 {
                    lastProblem = "\(response.status.code) \(Self.outcomeText(json))"
                    continue
                }
                return (Int(response.status.code), json)
            } catch {
                lastProblem = "\(error)"
            }
        }
        let attempts = configuration.retries + 1
        throw AidboxError.unavailable("\(method) \(path) failed \(attempts == 1 ? "once" : "\(attempts) times"); last: \(lastProblem)")
    }

    /// The diagnostics of a FHIR OperationOutcome, or a placeholder.
    private static func outcomeText(_ body: JSONValue?) -> String {
        guard case .array(let issues)? = body?["issue"] else { return "no OperationOutcome" }
        let texts = issues.compactMap { issue -> String? in
            if case .string(let text)? = issue["diagnostics"] { return text }
            if case .string(let text)? = issue["details"]?["text"] { return text }
            return nil
        }
        return texts.isEmpty ? "no diagnostics" : texts.joined(separator: "; ")
    }

    private static func escape(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
    }
}
