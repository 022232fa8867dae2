import BatonModel
import Foundation
import Hummingbird

/// The frame every console page shares: the document head, the navigation, the signed-in user
/// with the sign-out form, and a notice after an action. Pages give their title and body.
enum ConsolePage {
    enum Section: String { case dashboard, incidents, tasks, none }

    static func render(
        title: String, section: Section, context: BatonRequestContext, notice: String? = nil, status: HTTPResponse.Status = .ok, _ body: HTML
    ) -> Response {
        let navigation: [(Section, String, String)] = [
            (.dashboard, "/console", "Processes"), (.incidents, "/console/incidents", "Incidents"), (.tasks, "/console/tasks", "Tasks"),
        ]
        let links = navigation.map { item -> HTML in
            let current: HTML = item.0 == section ? #" aria-current="page""# : ""
            return "<li><a href=\"\(item.1)\"\(current)>\(item.2)</a></li>"
        }
        let user: HTML
        if let userID = context.identity?.userID {
            user = """
                <form class="sign-out" method="post" action="/console/sign-out">\(csrfField(context))\
                <span class="user">\(userID)</span> <button type="submit">Sign out</button></form>
                """
        } else {
            user = ""
        }
        let noticeHTML: HTML = notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Baton Console</title>
            <link rel="stylesheet" href="/console/assets/console.css">
            </head>
            <body>
            <header class="top"><a class="brand" href="/console">Baton Console</a>
            <nav aria-label="Main"><ul>\(links)</ul></nav>\(user)</header>
            <main>
            <h1>\(title)</h1>
            \(noticeHTML)\(body)
            </main>
            </body>
            </html>

            """
        return html(page, status: status)
    }

    static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.description)))
    }

    /// After a form: back to a page (303, so reloading it does not post again).
    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    static func error(status: HTTPResponse.Status, message: String, context: BatonRequestContext) -> Response {
        render(
            title: status == .notFound ? "Not found" : status == .forbidden ? "Not allowed" : "Something went wrong", section: .none, context: context,
            status: status, "<p class=\"error\" role=\"alert\">\(message)</p><p><a href=\"/console\">Back to the processes</a></p>")
    }

    /// The hidden field every form sends back (see ``ConsoleSession/csrfToken``).
    static func csrfField(_ context: BatonRequestContext) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(context.consoleSession?.csrfToken ?? "")\">"
    }

    /// A small form with one button that posts to `action` (claim, retry, suspend…).
    static func button(_ label: String, action: String, context: BatonRequestContext, fields: [(String, String)] = [], style: String = "") -> HTML {
        let hidden = fields.map { field -> HTML in "<input type=\"hidden\" name=\"\(field.0)\" value=\"\(field.1)\">" }
        let buttonClass: HTML = style.isEmpty ? "" : " class=\"\(style)\""
        return "<form class=\"inline\" method=\"post\" action=\"\(action)\">\(csrfField(context))\(hidden)<button type=\"submit\"\(buttonClass)>\(label)</button></form>"
    }

    /// A timestamp as people read it, in UTC.
    static func time(_ timestamp: Timestamp?) -> HTML {
        guard let timestamp else { return "–" }
        let text = timestamp.iso8601
        let readable = String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
        return "<time datetime=\"\(text)\">\(readable)</time>"
    }

    /// A duration in milliseconds, in the largest unit that keeps it readable.
    static func duration(milliseconds: Int64?) -> String {
        guard let milliseconds else { return "–" }
        switch milliseconds {
        case ..<1000: return "\(milliseconds) ms"
        case ..<60_000: return String(format: "%.1f s", Double(milliseconds) / 1000)
        case ..<3_600_000: return String(format: "%.1f min", Double(milliseconds) / 60_000)
        case ..<86_400_000: return String(format: "%.1f h", Double(milliseconds) / 3_600_000)
        default: return String(format: "%.1f d", Double(milliseconds) / 86_400_000)
        }
    }

    /// Links to earlier and later pages of a list of `pageSize` rows. `total` is left out where
    /// counting would read every row (the ended instances of a process): then `more` says
    /// whether a row follows the page (read as one row more than the page).
    static func pager(path: String, query: [(String, String?)], first: Int, pageSize: Int, shown: Int, total: Int?, more: Bool = false) -> HTML {
        if let total, total <= pageSize, first == 0 { return "<p class=\"count\">\(total) in all</p>" }
        var links: [HTML] = []
        if first > 0 { links.append("<a rel=\"prev\" href=\"\(path + consoleQuery(query + [("first", String(max(0, first - pageSize)))]))\">Previous</a>") }
        if total.map({ first + shown < $0 }) ?? more {
            links.append("<a rel=\"next\" href=\"\(path + consoleQuery(query + [("first", String(first + pageSize))]))\">Next</a>")
        }
        let range: HTML = shown == 0 ? "none here" : "\(first + 1)–\(first + shown)"
        let of: HTML = total.map { " of \($0)" } ?? ""
        return "<nav class=\"pager\" aria-label=\"Pages\"><span>\(range)\(of)</span> \(HTML.join(links, separator: " "))</nav>"
    }
}
