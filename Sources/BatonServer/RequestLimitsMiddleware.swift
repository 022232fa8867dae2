import Hummingbird

/// Refuses TRACE and CONNECT with 405, and a request URI (path and query) longer than the limit
/// with 414, before any route parses it. Header sizes are bounded by the HTTP decoder (``BatonHTTPServer/server()``), bodies
/// by the routes that read them, and the time a request spends in the database by PostgreSQL's
/// `statement_timeout` on every pooled connection.
struct RequestLimitsMiddleware: RouterMiddleware {
    let limits: RequestLimits

    func handle(_ request: Request, context: BatonRequestContext, next: (Request, BatonRequestContext) async throws -> Response) async throws -> Response {
        // TRACE echoes the request (cross-site tracing) and CONNECT opens a tunnel: Baton serves
        // neither, on any path, and says so with 405 rather than a 404 that hides the method.
        guard request.method != .trace, request.method != .connect else {
            throw RestError(.methodNotAllowed, type: "InvalidRequestException", "Baton does not serve HTTP \(request.method.rawValue) requests.")
        }
        guard request.uri.string.utf8.count <= limits.uriBytes else {
            throw RestError(.uriTooLong, type: "InvalidRequestException", "Expected a request URI of at most \(limits.uriBytes) bytes, but it is longer.")
        }
        return try await next(request, context)
    }
}
