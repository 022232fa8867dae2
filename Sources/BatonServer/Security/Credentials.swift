import HummingbirdBcrypt

/// Who may call Baton: HTTP Basic users with bcrypt password hashes and groups, and bearer API
/// tokens (bcrypt-hashed too) that act as a user. Read from configuration:
///
///     BATON_USERS=ann:$2b$12$…:plan-approvers,plan-approvers-leads;ops:$2b$12$…:camunda-admin
///     BATON_API_TOKENS=aidbox-worker:3f9a0c1d2e4b:$2b$12$…
///     BATON_ADMIN_GROUP=camunda-admin            (the default, as in Camunda)
///
/// `baton hash-password` prints a password's hash; `baton new-token --user U` makes a token
/// (`baton_<id>_<secret>`) and prints its entry. A token's id finds its one hash, so a wrong token
/// costs one check, never one per configured token. With no users and no tokens, nothing is
/// checked, and `baton serve` listens on loopback only.
public struct Credentials: Sendable {
    public struct User: Sendable {
        public var id: String
        var passwordHash: String
        public var groups: [String]
    }

    public struct Token: Sendable {
        /// The user the token acts as; its groups are that user's (or none).
        public var userID: String
        /// The token's public part, in the token itself: `baton_<id>_<secret>`.
        public var id: String
        var hash: String
    }

    public var users: [String: User]
    public var tokens: [String: Token]
    public var adminGroup: String

    public var isEmpty: Bool { users.isEmpty && tokens.isEmpty }

    public init(users: [User] = [], tokens: [Token] = [], adminGroup: String = "camunda-admin") {
        self.users = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.tokens = Dictionary(tokens.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.adminGroup = adminGroup
    }

    /// Parses the configuration values; a malformed entry is an error naming the variable.
    public static func parse(users: String?, tokens: String?, adminGroup: String?) throws(CredentialsError) -> Credentials {
        var parsedUsers: [User] = []
        for entry in (users ?? "").split(separator: ";") where !entry.allSatisfy(\.isWhitespace) {
            let fields = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2 || fields.count == 3, !fields[0].isEmpty, fields[1].hasPrefix("$2") else {
                throw CredentialsError(
                    "Expected each BATON_USERS entry to be user:bcrypt-hash[:group,group…] (hashes from `baton hash-password`), but '\(fields.first ?? "")…' is not.")
            }
            let groups = fields.count == 3 ? fields[2].split(separator: ",").map(String.init) : []
            parsedUsers.append(User(id: fields[0], passwordHash: fields[1], groups: groups))
        }
        var parsedTokens: [Token] = []
        for entry in (tokens ?? "").split(separator: ";") where !entry.allSatisfy(\.isWhitespace) {
            let fields = entry.split(separator: ":", maxSplits: 2).map(String.init)
            guard fields.count == 3, !fields[0].isEmpty, APIToken.isValidID(fields[1]), fields[2].hasPrefix("$2") else {
                throw CredentialsError(
                    "Expected each BATON_API_TOKENS entry to be user:token-id:bcrypt-hash-of-the-token (as `baton new-token --user NAME` prints), but '\(fields.first ?? "")…' is not.")
            }
            parsedTokens.append(Token(userID: fields[0], id: fields[1], hash: fields[2]))
        }
        let admin = adminGroup.flatMap { $0.isEmpty ? nil : $0 } ?? "camunda-admin"
        return Credentials(users: parsedUsers, tokens: parsedTokens, adminGroup: admin)
    }

    /// The identity of user `id`, once their password is proven.
    func identity(ofUser id: String) -> Identity? {
        users[id].map { Identity(userID: $0.id, groups: $0.groups, isAdmin: $0.groups.contains(adminGroup)) }
    }

    /// The identity a token acts as, once it is proven.
    func identity(of token: Token) -> Identity {
        let groups = users[token.userID]?.groups ?? []
        return Identity(userID: token.userID, groups: groups, isAdmin: groups.contains(adminGroup))
    }

    /// The bcrypt cost of the configured hashes (the first one's), so that checking a name nobody
    /// has takes as long as checking one somebody has.
    var hashCost: UInt8 {
        let hash = users.values.first?.passwordHash ?? tokens.values.first?.hash ?? ""
        let fields = hash.split(separator: "$")
        return fields.count > 1 ? UInt8(fields[1]) ?? 12 : 12
    }
}

public struct CredentialsError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Who is calling: a user and the groups they belong to.
public struct Identity: Sendable, Hashable {
    public var userID: String
    public var groups: [String]
    public var isAdmin: Bool
    /// The tenants the user belongs to, directly or through a group.
    public var tenants: [String] = []

    /// The tenants the user's requests are kept to (``TenantCheck``): theirs, unless they are
    /// an administrator, whom Camunda's tenant check passes by.
    var checkedTenants: Set<String>? { isAdmin ? nil : Set(tenants) }
}

/// Bearer tokens made by `baton new-token`: `baton_<id>_<secret>`, the id 12 hex digits.
public enum APIToken {
    static let prefix = "baton_"

    static func isValidID(_ id: String) -> Bool { id.count == 12 && id.allSatisfy(\.isHexDigit) && id == id.lowercased() }

    /// The id a presented token names, if it has the form of one.
    static func id(of token: String) -> String? {
        guard token.hasPrefix(prefix) else { return nil }
        let rest = token.dropFirst(prefix.count)
        guard let separator = rest.firstIndex(of: "_") else { return nil }
        let id = String(rest[..<separator])
        return isValidID(id) ? id : nil
    }

    /// A new token: a random id and 16 random bytes of secret (128 bits), both in hex; 51
    /// characters, within the 72 bytes bcrypt reads (a longer token's tail would not count).
    public static func make() -> (id: String, token: String) {
        var generator = SystemRandomNumberGenerator()
        func hex(_ count: Int) -> String {
            (0..<count).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        }
        let id = hex(6)
        return (id, prefix + id + "_" + hex(16))
    }
}
