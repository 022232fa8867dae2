/// A user of Camunda's identity service, kept by the store. The password is kept only as its
/// bcrypt hash; the server hashes and checks it, the engine never sees the password.
public struct UserRecord: Hashable, Sendable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var passwordHash: String

    public init(id: String, firstName: String? = nil, lastName: String? = nil, email: String? = nil, passwordHash: String) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.passwordHash = passwordHash
    }
}

/// A group of users; tasks name groups as candidates, and authorizations grant to groups.
public struct GroupRecord: Hashable, Sendable {
    public var id: String
    public var name: String?
    /// Camunda's group type: free text, `SYSTEM` for the admin group and `WORKFLOW` otherwise by
    /// convention.
    public var type: String?

    public init(id: String, name: String? = nil, type: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
    }
}

/// Ids of users and groups: 1 to 64 characters (Camunda's column width) of letters, digits and
/// `-`, `_`, `.`, `@`. That keeps them apart from the separators of `BATON_USERS` and
/// authorization entries, and from path syntax in the REST API.
public enum IdentityID {
    public static func validate(_ id: String, of kind: String) throws(EngineError) {
        let allowed = id.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_.@".utf8.contains(byte)
        }
        guard (1...64).contains(id.count), allowed else {
            throw EngineError(.invalidArgument, "Expected a \(kind) id of 1 to 64 letters, digits, '-', '_', '.' or '@', but it is '\(id)'.")
        }
    }
}
