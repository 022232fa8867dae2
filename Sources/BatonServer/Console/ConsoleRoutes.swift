import BatonBPMN
import Foundation
import Synchronization
import BatonEngine
import BatonModel
import Hummingbird

/// Baton Console: operators' and task workers' pages under `/console`, rendered on the server
/// from the same ``Runtime`` queries and commands as the REST API, with the same authorization
/// checks (``EngineRestAPI``'s), so the console can show or do nothing the API would refuse.
struct ConsoleRoutes: Sendable {
    let api: EngineRestAPI
    let users: UserDirectory
    let authentication: AuthenticationMiddleware
    let signer: ConsoleSessionSigner
    let diagrams = DiagramCache()

    var runtime: Runtime { api.runtime }

    /// Paths the console answers (and authenticates itself).
    static func serves(_ path: String) -> Bool { path == "/" || path == "/console" || path.hasPrefix("/console/") }

    /// Console paths open without a session: the sign-in form and the stylesheet it uses.
    static func isPublic(_ path: String) -> Bool { path == "/console/sign-in" || path.hasPrefix("/console/assets/") }

    func register(on router: Router<BatonRequestContext>) {
        router.get("/") { _, _ in ConsolePage.redirect(to: "/console") }
        let group = router.group("console").add(middleware: ConsoleSessionMiddleware(users: users, signer: signer))
        group.get("assets/console.css") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "max-age=3600"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: ConsoleStylesheet.css)))
        }
        group.get("sign-in") { request, context in
            try await users.prepare()
            return signInPage(request, context)
        }
        group.post("sign-in") { request, context in try await signIn(request, context) }
        group.post("sign-out") { request, context in
            _ = try await form(request, context)
            var response = ConsolePage.redirect(to: "/console/sign-in")
            response.setCookie(ConsoleSessionMiddleware.cookie("", maxAge: 0, request))
            return response
        }
        registerDashboard(on: group)
        registerDefinitions(on: group)
        registerInstances(on: group)
        registerIncidents(on: group)
        registerTasks(on: group)
    }

    /// The posted form, once its CSRF token is checked.
    func form(_ request: Request, _ context: BatonRequestContext, limit: Int? = nil) async throws -> ConsoleForm {
        try await ConsoleForm.read(request, context, limit: limit ?? api.limits.jsonBodyBytes)
    }

    func access(_ context: BatonRequestContext) async throws -> Access { try await api.access(context) }

    private func signInPage(_ request: Request, _ context: BatonRequestContext, failure: String? = nil, user: String = "") -> Response {
        let next = request.uri.queryParameters["next"].map(String.init) ?? ""
        let message: HTML = failure.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        let open: HTML = !users.isRequired ? "<p>No users are configured: the console is open to everyone who can reach it.</p>" : ""
        return ConsolePage.render(title: "Sign in", section: .none, context: context, status: failure == nil ? .ok : .unauthorized, """
            \(open)\(message)
            <form class="sign-in" method="post" action="/console/sign-in">\(ConsolePage.csrfField(context))
            <input type="hidden" name="next" value="\(next)">
            <label for="user">User</label><input id="user" name="user" autocomplete="username" required value="\(user)">
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            """)
    }

    private func signIn(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let form = try await form(request, context)
        let user = form.value("user") ?? ""
        try await users.prepare()
        guard users.isRequired else { return ConsolePage.redirect(to: "/console") }
        let identity: Identity?
        do {
            identity = try await authentication.signIn(user: user, password: form.value("password") ?? "", from: context.clientAddress)
        } catch let error as RestError {
            return signInPage(request, context, failure: error.message, user: user)
        }
        guard let identity else { return signInPage(request, context, failure: "The user name or the password is wrong.", user: user) }
        // A new session (and CSRF token) at sign-in, so a token planted before it is worthless.
        let session = signer.newSession(userID: identity.userID, now: Int64(Date().timeIntervalSince1970))
        var response = ConsolePage.redirect(to: Self.safeNext(form.value("next")))
        response.setCookie(ConsoleSessionMiddleware.cookie(signer.cookieValue(session), maxAge: signer.lifetimeSeconds, request))
        return response
    }

    /// Where to go after signing in: a console path only, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/console/sign-") else {
            return "/console"
        }
        return next
    }
}

/// Parsed BPMN of deployed definitions, by definition id: a version never changes, so its
/// diagram is read once, not on every page view. Bounded; the oldest entry goes first.
final class DiagramCache: Sendable {
    private let entries = Mutex<(order: [String], definitions: [String: Definitions])>(([], [:]))
    private let limit = 64

    func definitions(of id: String, runtime: Runtime) async throws -> Definitions? {
        if let cached = entries.withLock({ $0.definitions[id] }) { return cached }
        let (definition, bytes) = try await runtime.processDefinition(id)
        guard let parsed = BPMNReader.read(bytes, file: definition.resourceName).definitions else { return nil }
        entries.withLock { entries in
            if entries.definitions[id] == nil { entries.order.append(id) }
            entries.definitions[id] = parsed
            while entries.order.count > limit { entries.definitions[entries.order.removeFirst()] = nil }
        }
        return parsed
    }
}
