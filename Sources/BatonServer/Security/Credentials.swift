import HummingbirdBcrypt

/// Who may call Baton: HTTP Basic users with bcrypt password hashes and groups, and bearer API
/// tokens (bcrypt-hashed too) that act as a user. Read from configuration:
///
///     BATON_USERS=ann:$2b$12$…:plan-approvers,plan-approvers-leads;ops:$2b$12$…:camunda-admin
///     BATON_API_TOKENS=aidbox-worker:$2b$12$…
///     BATON_ADMIN_GROUP=camunda-admin            (the default, as in Camunda)
///
/// `baton hash-password` prints a hash. With no users and no tokens, nothing is checked, and
/// `baton serve` listens on loopback only.
public struct Credentials: Sendable {
    public struct User: Sendable {
        public var id: String
        var passwordHash: String
        public var groups: [String]
    }

    public struct Token: Sendable {
        /// The user the token acts as; its groups are that user's (or none).
        public var userID: String
        var hash: String
    }

    public var users: [String: User]
    public var tokens: [Token]
    public var adminGroup: String

    public var isEmpty: Bool { users.isEmpty && tokens.isEmpty }

    public init(users: [User] = [], tokens: [Token] = [], adminGroup: String = "camunda-admin") {
        self.users = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.tokens = tokens
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
            let fields = entry.split(separator: ":", maxSplits: 1).map(String.init)
            guard fields.count == 2, !fields[0].isEmpty, fields[1].hasPrefix("$2") else {
                throw CredentialsError("Expected each BATON_API_TOKENS entry to be user:bcrypt-hash-of-the-token, but '\(fields.first ?? "")…' is not.")
            }
            parsedTokens.append(Token(userID: fields[0], hash: fields[1]))
        }
        let admin = adminGroup.flatMap { $0.isEmpty ? nil : $0 } ?? "camunda-admin"
        return Credentials(users: parsedUsers, tokens: parsedTokens, adminGroup: admin)
    }

    /// The identity a user name and password prove, if they do.
    func identity(user: String, password: String) -> Identity? {
        guard let entry = users[user], Bcrypt.verify(password, hash: entry.passwordHash) else { return nil }
        return Identity(userID: entry.id, groups: entry.groups, isAdmin: entry.groups.contains(adminGroup))
    }

    /// The identity a bearer token proves, if it does.
    func identity(token: String) -> Identity? {
        guard let match = tokens.first(where: { Bcrypt.verify(token, hash: $0.hash) }) else { return nil }
        let groups = users[match.userID]?.groups ?? []
        return Identity(userID: match.userID, groups: groups, isAdmin: groups.contains(adminGroup))
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
}
