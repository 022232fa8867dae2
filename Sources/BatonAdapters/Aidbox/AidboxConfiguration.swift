/// How Baton reaches Aidbox: the FHIR base URL (`AIDBOX_URL`, e.g. `https://aidbox.example/fhir`)
/// and its credentials, basic (`AIDBOX_CLIENT_ID` / `AIDBOX_CLIENT_SECRET`) or bearer
/// (`AIDBOX_TOKEN`).
public struct AidboxConfiguration: Sendable {
    public enum Credentials: Sendable, Hashable {
        case none
        case basic(clientID: String, secret: String)
        case bearer(token: String)
    }

    public var baseURL: String
    public var credentials: Credentials
    /// Per attempt.
    public var timeout: Duration
    /// Further attempts after a network error or a 5xx, waiting `backoff`, then twice that, …
    public var retries: Int
    public var backoff: Duration

    public init(baseURL: String, credentials: Credentials = .none, timeout: Duration = .seconds(10), retries: Int = 3, backoff: Duration = .milliseconds(200)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
    }

    /// From environment-style settings; nil without `AIDBOX_URL`. A client id without its
    /// secret is an error naming the missing variable.
    public static func from(_ settings: (String) -> String?) throws(AidboxError) -> AidboxConfiguration? {
        guard let url = settings("AIDBOX_URL"), !url.isEmpty else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw AidboxError.misconfigured("Expected AIDBOX_URL to be an http(s) FHIR base URL, but it is '\(url)'.")
        }
        let id = settings("AIDBOX_CLIENT_ID").flatMap { $0.isEmpty ? nil : $0 }
        let secret = settings("AIDBOX_CLIENT_SECRET").flatMap { $0.isEmpty ? nil : $0 }
        let token = settings("AIDBOX_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
        switch (id, secret, token) {
        case (let id?, let secret?, _): return AidboxConfiguration(baseURL: url, credentials: .basic(clientID: id, secret: secret))
        case (_?, nil, _): throw AidboxError.misconfigured("AIDBOX_CLIENT_ID is set but AIDBOX_CLIENT_SECRET is not.")
        case (nil, _?, _): throw AidboxError.misconfigured("AIDBOX_CLIENT_SECRET is set but AIDBOX_CLIENT_ID is not.")
        case (nil, nil, let token?): return AidboxConfiguration(baseURL: url, credentials: .bearer(token: token))
        case (nil, nil, nil): return AidboxConfiguration(baseURL: url)
        }
    }
}
