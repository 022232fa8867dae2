import BatonCore
import BatonModel

/// Camunda's identity service: users, groups and memberships kept in the store, so every user's
/// groups are known (for candidate-group queries and authorizations), not only the caller's.
/// Passwords arrive here already hashed; the server hashes and checks them.
extension Runtime {
    public func users(_ query: UserQuery, page: Page = .all) async throws -> [UserRecord] {
        try await store.read { try await $0.users(query, page: page) }
    }

    public func count(_ query: UserQuery) async throws -> Int { try await store.read { try await $0.count(query) } }

    public func user(_ id: String) async throws -> UserRecord? { try await store.read { try await $0.user(id: id) } }

    /// A user and the ids of their groups, read together; nil if there is no such user.
    public func userWithGroups(_ id: String) async throws -> (user: UserRecord, groups: [String])? {
        try await store.read { transaction in
            guard let user = try await transaction.user(id: id) else { return nil }
            return (user, try await transaction.groupIDs(ofUser: id))
        }
    }

    public func createUser(_ user: UserRecord) async throws {
        try IdentityID.validate(user.id, of: "user")
        guard try await store.transaction({ try await $0.insertUser(user) }) else {
            throw EngineError(.conflict, "The user with id '\(user.id)' already exists.")
        }
    }

    public func updateUser(_ user: UserRecord) async throws {
        guard try await store.transaction({ try await $0.updateUser(user) }) else { throw Self.noUser(user.id) }
    }

    /// Deletes a user, their memberships and the authorizations on them (as Camunda does);
    /// nothing if there is no such user.
    public func deleteUser(_ id: String) async throws {
        try await store.transaction { transaction in
            guard try await transaction.deleteUser(id: id) else { return }
            try await Self.deleteAuthorizations(on: .user, id, in: transaction)
        }
    }

    public func groups(_ query: GroupQuery, page: Page = .all) async throws -> [GroupRecord] {
        try await store.read { try await $0.groups(query, page: page) }
    }

    public func count(_ query: GroupQuery) async throws -> Int { try await store.read { try await $0.count(query) } }

    public func group(_ id: String) async throws -> GroupRecord? {
        var query = GroupQuery()
        query.id = id
        return try await groups(query).first
    }

    public func createGroup(_ group: GroupRecord) async throws {
        try IdentityID.validate(group.id, of: "group")
        guard try await store.transaction({ try await $0.insertGroup(group) }) else {
            throw EngineError(.conflict, "The group with id '\(group.id)' already exists.")
        }
    }

    public func updateGroup(_ group: GroupRecord) async throws {
        guard try await store.transaction({ try await $0.updateGroup(group) }) else { throw Self.noGroup(group.id) }
    }

    /// Deletes a group, its memberships and the authorizations on it; nothing if there is none.
    public func deleteGroup(_ id: String) async throws {
        try await store.transaction { transaction in
            guard try await transaction.deleteGroup(id: id) else { return }
            try await Self.deleteAuthorizations(on: .group, id, in: transaction)
        }
    }

    /// Makes a user a member of a group; both must exist. Nothing if they are one already.
    public func addMember(groupID: String, userID: String) async throws {
        try await store.transaction { transaction in
            var query = GroupQuery()
            query.id = groupID
            guard try await transaction.count(query) == 1 else { throw Self.noGroup(groupID) }
            guard try await transaction.user(id: userID) != nil else { throw Self.noUser(userID) }
            try await transaction.insertMembership(groupID: groupID, userID: userID)
        }
    }

    /// Ends a membership; nothing if there is none (as in Camunda).
    public func removeMember(groupID: String, userID: String) async throws {
        _ = try await store.transaction { try await $0.deleteMembership(groupID: groupID, userID: userID) }
    }

    /// Who definition `id` names as candidate starters (`camunda:candidateStarterUsers` and
    /// `…Groups`).
    public func candidateStarters(of definitionID: String) async throws -> (users: [String], groups: [String]) {
        let definition = try await executable(definitionID).definition
        return (definition.candidateStarterUsers, definition.candidateStarterGroups)
    }

    public func groupIDs(ofUser id: String) async throws -> [String] { try await store.read { try await $0.groupIDs(ofUser: id) } }

    static func deleteAuthorizations(on resource: AuthorizationResource, _ id: String, in transaction: any StoreTransaction) async throws {
        for authorization in try await transaction.authorizations() where authorization.resourceType == resource.rawValue && authorization.resourceID == id {
            _ = try await transaction.deleteAuthorization(id: authorization.id)
        }
    }

    static func noUser(_ id: String) -> EngineError { EngineError(.notFound, "User with id \(id) does not exist") }
    static func noGroup(_ id: String) -> EngineError { EngineError(.notFound, "Group with id \(id) does not exist") }
}
