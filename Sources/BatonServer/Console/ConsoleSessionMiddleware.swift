import Foundation
import BatonEngine
import HTTPTypes
import Logging
import Hummingbird

/// Gives every console request its session and caller, and every console response the headers
/// that keep the pages to themselves.
///
/// Once the directory requires sign-in, a page needs a signed-in session (else a redirect to the
/// sign-in form), and the identity is read afresh from the store on each request, so a deleted
/// user is signed out at once and a changed membership counts on the next page. Without users the console is
/// open, as the API is, but still hands out an anonymous session for its forms' CSRF token.
/// Errors become an HTML page with the status and the message the API would give.
struct ConsoleSessionMiddleware: RouterMiddleware {
    let users: UserDirectory
    let signer: ConsoleSessionSigner

    func handle(
        _ request: Request, context: BatonRequestContext, next: (Request, BatonRequestContext) async throws -> Response
    ) async throws -> Response {
        let now = Int64(Date().timeIntervalSince1970)
        var context = context
        var issued: ConsoleSession?
        if let value = request.cookies[ConsoleSession.cookieName]?.value, let session = signer.session(from: value, now: now) {
            context.consoleSession = session
        } else {
            issued = signer.newSession(userID: nil, now: now)
            context.consoleSession = issued
        }
        let path = request.uri.path
        if !ConsoleRoutes.isPublic(path), try await requiresSignIn() {
            guard let user = context.consoleSession?.userID, let identity = try await users.identity(ofUser: user) else {
                var response = ConsolePage.redirect(to: "/console/sign-in" + consoleQuery([("next", request.method == .get ? request.uri.description : nil)]))
                if let issued { response.setCookie(cookie(issued, request)) }
                return ConsoleHeaders.secure(response)
            }
            context.identity = identity
        }
        var response: Response
        do {
            response = try await AuthenticatedUser.$id.withValue(context.identity?.userID) {
                try await TenantCheck.$tenantIDs.withValue(context.identity?.checkedTenants) { try await next(request, context) }
            }
        } catch {
            let failure = RestError.from(error)
            if failure.status == .internalServerError {
                context.logger.error("console request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            }
            response = ConsolePage.error(status: failure.status, message: failure.message, context: context)
        }
        if let issued, response.headers[.setCookie] == nil { response.setCookie(cookie(issued, request)) }
        return ConsoleHeaders.secure(response)
    }

    private func requiresSignIn() async throws -> Bool {
        try await users.prepare()
        return users.isRequired
    }

    func cookie(_ session: ConsoleSession, _ request: Request) -> Cookie {
        Self.cookie(signer.cookieValue(session), maxAge: signer.lifetimeSeconds, request)
    }

    /// `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's page sends it), and
    /// `Secure` when a proxy in front says the browser came over HTTPS. An empty value with no
    /// lifetime signs out.
    static func cookie(_ value: String, maxAge: Int64, _ request: Request) -> Cookie {
        Cookie(
            name: ConsoleSession.cookieName, value: value, maxAge: Int(maxAge), path: "/console",
            secure: request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https", httpOnly: true, sameSite: .strict)
    }
}

/// The headers of every console response: a Content-Security-Policy that allows nothing but the
/// console's own stylesheet and forms (no script at all, no inline style, no framing), and no
/// caching of pages that show a user's data.
enum ConsoleHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func secure(_ response: Response) -> Response {
        var response = response
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
