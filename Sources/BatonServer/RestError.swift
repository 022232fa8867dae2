import BatonBPMN
import BatonEngine
import BatonModel
import BatonPostgres
import Hummingbird
import Logging

/// An error answered the way Camunda 7's REST API answers: a status and a body
/// `{"type": "…Exception", "message": "…"}` (plus `details` for a BPMN that does not parse).
public struct RestError: HTTPResponseError {
    public var status: HTTPResponse.Status
    public var type: String
    public var message: String
    /// Members added after `type` and `message`.
    var extra: [JSONValue.Member] = []
    /// Whether to ask for HTTP Basic credentials (`WWW-Authenticate`), on a 401.
    var challenge = false
    /// When to try again (`Retry-After`), on a 429 or 503.
    var retryAfterSeconds: Int?

    public init(_ status: HTTPResponse.Status, type: String, _ message: String) {
        self.status = status
        self.type = type
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(.object([.init("type", .string(type)), .init("message", .string(message))] + extra), status: status)
        if challenge { response.headers[.wwwAuthenticate] = #"Basic realm="Baton", charset="UTF-8""# }
        if let retryAfterSeconds { response.headers[.retryAfter] = String(retryAfterSeconds) }
        return response
    }

    static func forbidden(_ message: String) -> RestError { RestError(.forbidden, type: "AuthorizationException", message) }

    static func invalid(_ message: String) -> RestError { RestError(.badRequest, type: "InvalidRequestException", message) }
    static func notFound(_ message: String) -> RestError { RestError(.notFound, type: "InvalidRequestException", message) }
    static func conflict(_ message: String) -> RestError { RestError(.conflict, type: "ConflictException", message) }

    /// The engine's refusal, with the status its kind calls for. Unknown ids answer 404 (Camunda
    /// sometimes answers 500); a request that conflicts with the current state answers 409.
    init(_ error: EngineError) {
        switch error.kind {
        case .notFound: self = .notFound(error.message)
        case .invalidArgument: self = .invalid(error.message)
        case .conflict: self = .conflict(error.message)
        case .suspended: self.init(.conflict, type: "SuspendedEntityInteractionException", error.message)
        case .correlationFailed: self.init(.badRequest, type: "RestException", error.message)
        case .deploymentFailed:
            self.init(.badRequest, type: "ParseException", error.message)
            extra = [.init("details", ParseDetails.json(error.diagnostics))]
        case .handlerFailed, .executionFailed: self.init(.internalServerError, type: "ProcessEngineException", error.message)
        }
    }

    /// Any error escaping a route: engine and database errors keep their meaning; anything else
    /// is a 500 that says nothing about internals.
    static func from(_ error: any Error) -> RestError {
        switch error {
        case let error as RestError: return error
        case let error as EngineError: return RestError(error)
        case let error as PostgresError where error.kind == .unavailable:
            return RestError(.serviceUnavailable, type: "DatabaseUnavailableException", "The database is unavailable; try again shortly.")
        case let error as PostgresError where error.sqlState == "57014" || error.sqlState == "55P03":
            // statement_timeout or lock_timeout: nothing was changed.
            return RestError(.serviceUnavailable, type: "RequestTimeoutException", "The database did not finish the request in time (another command may hold the instance); nothing was changed, try again.")
        case let error as HTTPError:
            return RestError(error.status, type: error.status == .contentTooLarge ? "RequestTooLargeException" : "InvalidRequestException",
                error.body ?? error.status.reasonPhrase)
        default:
            return RestError(.internalServerError, type: "ProcessEngineException", "The request failed inside Baton; the server log has the details.")
        }
    }
}

/// Camunda's `ParseException.details`: per resource, its errors and warnings with line, column
/// and element ids.
enum ParseDetails {
    static func json(_ diagnostics: [Diagnostic]) -> JSONValue {
        var resources: [String] = []
        var byResource: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics {
            let resource = diagnostic.location.file
            if byResource[resource] == nil { resources.append(resource) }
            byResource[resource, default: []].append(diagnostic)
        }
        return .object(resources.map { resource in
            let entries = byResource[resource] ?? []
            func list(_ severity: Diagnostic.Severity) -> JSONValue {
                .array(entries.filter { $0.severity == severity }.map { diagnostic in
                    .object([
                        .init("message", .string("[\(diagnostic.code.identifier)] \(diagnostic.message)")),
                        .init("line", .integer(Int64(diagnostic.location.line))),
                        .init("column", diagnostic.location.column.map { .integer(Int64($0)) } ?? .null),
                        .init("mainElementId", diagnostic.elementID.map { .string($0.rawValue) } ?? .null),
                        .init("elementIds", .array(diagnostic.elementID.map { [.string($0.rawValue)] } ?? [])),
                    ])
                })
            }
            return .init(resource, .object([.init("errors", list(.error)), .init("warnings", list(.warning))]))
        })
    }
}

/// Turns every error a route throws into a Camunda-style body, so no client ever sees an empty
/// 500 or a framework message.
struct RestErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let rest = RestError.from(error)
            if rest.status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            return try rest.response(from: request, context: context)
        }
    }
}
