import Foundation

/// The console's session, carried in a signed cookie so any Baton process sharing the signing
/// key accepts it (no session table to keep or replicate): who signed in (nil in the open console
/// of a server without users), when the session ends, and the token every form must send back.
struct ConsoleSession: Codable, Equatable, Sendable {
    var userID: String?
    /// Seconds since 1970.
    var expires: Int64
    /// Sent back with every form: a page of another site cannot know it, so it cannot post a
    /// form in the user's name even where the browser would send the cookie.
    var csrfToken: String

    static let cookieName = "baton_session"

    static func random(bytes count: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func bytes(base64URL text: Substring) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }
}

/// Signs and checks session cookies with HMAC-SHA-256 under a key: `BATON_CONSOLE_SECRET` when
/// set (servers behind one load balancer need the same one), else a random key, so sessions end
/// when the process does.
struct ConsoleSessionSigner: Sendable {
    let key: [UInt8]
    /// How long a sign-in lasts.
    let lifetimeSeconds: Int64

    init(secret: String?, lifetimeSeconds: Int64 = 8 * 3600) {
        if let secret, !secret.isEmpty {
            key = Array(secret.utf8)
        } else {
            var generator = SystemRandomNumberGenerator()
            key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
        self.lifetimeSeconds = lifetimeSeconds
    }

    func cookieValue(_ session: ConsoleSession) -> String {
        let payload = (try? JSONEncoder().encode(session)).map(Array.init) ?? []
        return ConsoleSession.base64URL(payload) + "." + ConsoleSession.base64URL(SHA256.hmac(key: key, message: payload))
    }

    /// The session a cookie value holds, if its signature is ours and it has not expired.
    func session(from value: String, now: Int64) -> ConsoleSession? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = ConsoleSession.bytes(base64URL: parts[0]), let signature = ConsoleSession.bytes(base64URL: parts[1]),
            SHA256.constantTimeEquals(signature, SHA256.hmac(key: key, message: payload)),
            let session = try? JSONDecoder().decode(ConsoleSession.self, from: Data(payload)), session.expires > now
        else { return nil }
        return session
    }

    func newSession(userID: String?, now: Int64) -> ConsoleSession {
        ConsoleSession(userID: userID, expires: now + lifetimeSeconds, csrfToken: ConsoleSession.random())
    }
}
