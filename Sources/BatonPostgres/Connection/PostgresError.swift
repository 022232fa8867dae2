/// A failure talking to PostgreSQL: which kind, the server's SQLSTATE when it sent one, and its
/// message. The description never includes query parameters (they may hold process variables);
/// the server's DETAIL, which can quote row values, is kept apart in ``detail``.
public struct PostgresError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The server cannot be reached (down, restarting, wrong address); retrying later may work.
        case unavailable
        /// The server rejected a statement; ``sqlState`` says why.
        case server
        /// Something libpq itself reported (out of memory, a protocol problem).
        case client
    }

    public var kind: Kind
    public var sqlState: String?
    public var message: String
    public var detail: String?

    public init(_ kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .unavailable: "database unavailable: \(message)"
        case .server: "PostgreSQL error \(sqlState ?? "?????"): \(message)"
        case .client: "libpq error: \(message)"
        }
    }
}
