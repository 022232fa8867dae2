import BatonEngine
import BatonModel
import BatonServer
import Hummingbird
import HummingbirdBcrypt
import Testing

/// Users, groups and memberships kept in PostgreSQL and changed over REST (#15), as Camunda's
/// `/user/create`, `/group/create`, `/group/{id}/members/{userId}`, `/user/{id}/credentials`
/// and `/identity/verify` do: every user's groups are then known, to task queries and to
/// authorization alike.
@Suite struct IdentityWriteAPITests {
    static func ids(_ reply: RestClient.Reply) -> [String] { reply.json?.arrayValue.compactMap { $0["id"]?.stringValue } ?? [] }

    @Test func anAdministratorCreatesAUserWhoSignsInAndSeesTheTasksOfTheirGroups() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw")
            #expect(try await ops.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let instance = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/review/start", json: "{}")["id"]?.stringValue)
            let task = try #require(Self.ids(try await ops.call(.get, "/engine-rest/task?processInstanceId=\(instance)")).first)

            let carolJSON = #"{"profile": {"id": "carol", "firstName": "Carol", "lastName": "Reyes", "email": "carol@example.org"}, "credentials": {"password": "c4rol-pw"}}"#
            #expect(try await ops.call(.post, "/engine-rest/user/create", json: carolJSON).status == .noContent)
            let carol = rest.as("carol", "c4rol-pw")
            #expect(try await carol.call(.get, "/engine-rest/user/carol/profile").json == .object([
                .init("id", .string("carol")), .init("firstName", .string("Carol")), .init("lastName", .string("Reyes")), .init("email", .string("carol@example.org")),
            ]))
            #expect(try await rest.as("carol", "wrong").call(.get, "/engine-rest/task").status == .unauthorized)
            #expect(try await carol.call(.get, "/engine-rest/task").json == .array([]), "no group yet: no task")
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/task?candidateUser=carol")) == [])

            #expect(try await ops.call(.put, "/engine-rest/group/approvers/members/carol").status == .noContent)
            #expect(try await ops.call(.put, "/engine-rest/group/approvers/members/carol").status == .noContent, "a second time changes nothing")
            #expect(Self.ids(try await carol.call(.get, "/engine-rest/task")) == [task], "her group is known at once")
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/task?candidateUser=carol")) == [task], "an admin asks for another user's tasks")
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/user?memberOfGroup=approvers")) == ["ann", "carol"])
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/group?member=carol")) == ["approvers"])
            let fellows = try await carol.call(.get, "/engine-rest/identity/groups?userId=carol")
            #expect(fellows["groupUsers"]?.arrayValue.compactMap { $0["displayName"]?.stringValue } == [], "carol may read no other user")

            #expect(try await ops.call(.delete, "/engine-rest/group/approvers/members/carol").status == .noContent)
            #expect(try await carol.call(.get, "/engine-rest/task").json == .array([]), "the membership ended: the proven sign-in is checked again")
            #expect(try await carol.call(.post, "/engine-rest/task/\(task)/claim", json: #"{"userId": "carol"}"#).status == .forbidden)

            #expect(try await ops.call(.delete, "/engine-rest/user/carol").status == .noContent)
            #expect(try await carol.call(.get, "/engine-rest/task").status == .unauthorized, "a deleted user is signed out at once")
            #expect(try await ops.call(.delete, "/engine-rest/user/carol").status == .noContent, "deleting twice is no error, as in Camunda")
            #expect(try await ops.call(.get, "/engine-rest/user/carol/profile").status == .notFound)
        }
    }

    @Test func listsFilterSortAndPageUsersByTheirProfiles() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw")
            for (id, first, last) in [("dana", "Dana", "Smith"), ("eli", "Eli", "Adams"), ("fay", "Fay", "Smith")] {
                let body = #"{"profile": {"id": "\#(id)", "firstName": "\#(first)", "lastName": "\#(last)"}, "credentials": {"password": "pw-\#(id)"}}"#
                #expect(try await ops.call(.post, "/engine-rest/user/create", json: body).status == .noContent)
            }
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/user?lastName=Smith&sortBy=firstName&sortOrder=desc")) == ["fay", "dana"])
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/user?firstNameLike=%25a%25&sortBy=userId&sortOrder=asc")) == ["dana", "fay"])
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/user?sortBy=lastName&sortOrder=asc&firstResult=1&maxResults=2")) == ["dana", "fay"])
            #expect(try await ops.call(.get, "/engine-rest/user/count?lastNameLike=Sm%25")["count"] == .integer(2))
            #expect(try await ops.call(.put, "/engine-rest/user/eli/profile", json: #"{"id": "eli", "firstName": "Elias", "lastName": "Adams", "email": "e@x.org"}"#).status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/user/eli/profile")["firstName"] == .string("Elias"))
            let renamed = try await ops.call(.put, "/engine-rest/user/eli/profile", json: #"{"id": "elias"}"#)
            #expect(renamed.status == .badRequest)
            #expect(renamed["message"]?.stringValue?.contains("cannot change") == true)

            #expect(try await ops.call(.post, "/engine-rest/group/create", json: #"{"id": "auditors", "name": "Plan auditors", "type": "WORKFLOW"}"#).status == .noContent)
            #expect(try await ops.call(.put, "/engine-rest/group/auditors", json: #"{"id": "auditors", "name": "Auditors", "type": "WORKFLOW"}"#).status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/group/auditors")["name"] == .string("Auditors"))
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/group?nameLike=Aud%25")) == ["auditors"])
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/group?sortBy=name&sortOrder=asc")) == ["auditors", "approvers", "camunda-admin"])
            // Camunda's potentialStarter: the users a definition names as candidate starters,
            // by id or through a group.
            let starters = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                  <process id="audit" isExecutable="true" camunda:candidateStarterUsers="eli" camunda:candidateStarterGroups="auditors">
                    <startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="e" /><endEvent id="e" />
                  </process>
                </definitions>
                """
            let definition = try #require(try await ops.deploy([("audit.bpmn", starters)])["deployedProcessDefinitions"]?.objectValue?.first?.key)
            #expect(try await ops.call(.put, "/engine-rest/group/auditors/members/dana").status == .noContent)
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/user?potentialStarter=\(definition)")) == ["dana", "eli"])
            #expect(try await ops.call(.get, "/engine-rest/user/count?potentialStarter=\(definition)")["count"] == .integer(2))
            #expect(try await ops.call(.get, "/engine-rest/user?potentialStarter=nope").status == .notFound)
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/user?memberOfTenant=t1")) == [], "Baton has no tenants yet")
            let posted = try await ops.call(.post, "/engine-rest/group?maxResults=2", json: #"{"sorting": [{"sortBy": "id", "sortOrder": "desc"}]}"#)
            #expect(Self.ids(posted) == ["camunda-admin", "auditors"], "\(posted.text)")
            #expect(try await ops.call(.post, "/engine-rest/group/count", json: #"{"member": "dana"}"#)["count"] == .integer(1))
            #expect(try await ops.call(.delete, "/engine-rest/group/auditors").status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/group/auditors").status == .notFound)
        }
    }

    @Test func badRequestsAndCallersWithoutTheRightChangeNothing() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw")
            let cases: [(RestClient, HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
                (ops, .post, "/engine-rest/user/create", #"{"credentials": {"password": "x"}}"#, .badRequest, "request object must provide profile information with valid id."),
                (ops, .post, "/engine-rest/user/create", #"{"profile": {"id": "zed"}}"#, .badRequest, "Baton keeps no user without a password"),
                (ops, .post, "/engine-rest/user/create", #"{"profile": {"id": "z z"}, "credentials": {"password": "x"}}"#, .badRequest, "Expected a user id of 1 to 64"),
                (ops, .post, "/engine-rest/user/create", #"{"profile": {"id": "ann"}, "credentials": {"password": "x"}}"#, .conflict, "The user with id 'ann' already exists."),
                (ops, .post, "/engine-rest/user/create", #"{"profile": {"id": "zed"}, "credentials": {"password": "\#(String(repeating: "x", count: 73))"}}"#, .badRequest, "at most 72 bytes"),
                (ops, .post, "/engine-rest/user/create", #"{"profile": {"id": "zed", "nickname": "z"}, "credentials": {"password": "x"}}"#, .badRequest, "nickname"),
                (ann, .post, "/engine-rest/user/create", #"{"profile": {"id": "zed"}, "credentials": {"password": "x"}}"#, .forbidden, "The user with id 'ann' does not have 'CREATE' permission on resource '*' of type 'User'."),
                (ann, .put, "/engine-rest/user/bob/profile", #"{"firstName": "Robert"}"#, .forbidden, "'UPDATE' permission on resource 'bob' of type 'User'"),
                (ann, .delete, "/engine-rest/user/ann", nil, .forbidden, "'DELETE' permission on resource 'ann' of type 'User'"),
                (ann, .post, "/engine-rest/group/create", #"{"id": "mine"}"#, .forbidden, "'CREATE' permission on resource '*' of type 'Group'"),
                (ann, .put, "/engine-rest/group/approvers/members/bob", nil, .forbidden, "'CREATE' permission on resource 'approvers' of type 'GroupMembership'"),
                (ann, .post, "/engine-rest/user/bob/unlock", nil, .forbidden, "takes the admin group"),
                (ops, .put, "/engine-rest/group/approvers/members/nobody", nil, .notFound, "User with id nobody does not exist"),
                (ops, .put, "/engine-rest/group/nowhere/members/ann", nil, .notFound, "Group with id nowhere does not exist"),
                (ops, .post, "/engine-rest/group/create", #"{"id": "approvers"}"#, .conflict, "The group with id 'approvers' already exists."),
                (ops, .put, "/engine-rest/user/nobody/profile", #"{"firstName": "N"}"#, .notFound, "User with id nobody does not exist"),
                (ops, .post, "/engine-rest/identity/verify", #"{"username": "ann"}"#, .badRequest, "Username and password are required"),
            ]
            for (client, method, path, body, status, message) in cases {
                let reply = try await client.call(method, path, json: body)
                #expect(reply.status == status, "\(method) \(path) \(body ?? "")")
                #expect(reply["message"]?.stringValue?.contains(message) == true, "\(path): \(reply.text)")
                #expect(reply["type"]?.stringValue != nil)
            }
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/user")) == ["ann", "bob", "ops"], "nothing was created")
            #expect(Self.ids(try await ops.call(.get, "/engine-rest/user?memberOfGroup=approvers")) == ["ann"])

            // Ann may change her own profile, and with a grant, bob's.
            #expect(try await ann.call(.put, "/engine-rest/user/ann/profile", json: #"{"firstName": "Ann"}"#).status == .noContent)
            let grant = #"{"type": 1, "permissions": ["READ", "UPDATE"], "userId": "ann", "resourceType": 1, "resourceId": "bob"}"#
            #expect(try await ops.call(.post, "/engine-rest/authorization/create", json: grant).status == .ok)
            #expect(try await ann.call(.put, "/engine-rest/user/bob/profile", json: #"{"firstName": "Robert"}"#).status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/user/bob/profile")["firstName"] == .string("Robert"))

            // OPTIONS says what the caller may do.
            func rels(_ reply: RestClient.Reply) -> [String] { reply["links"]?.arrayValue.compactMap { $0["rel"]?.stringValue } ?? [] }
            #expect(rels(try await ops.call(.options, "/engine-rest/user")) == ["list", "count", "create"])
            #expect(rels(try await ann.call(.options, "/engine-rest/user")) == ["list", "count"])
            #expect(rels(try await ann.call(.options, "/engine-rest/user/ann")) == ["self", "update"])
            #expect(rels(try await ops.call(.options, "/engine-rest/group/approvers/members")) == ["delete", "create"])
            #expect(try await ops.call(.options, "/engine-rest/user")["links"]?.arrayValue.last?["href"] == .string("/engine-rest/user/create"))
        }
    }

    @Test func aPasswordChangeNeedsTheCallersOwnPasswordAndVerifyAnswersWithoutSigningIn() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ann = rest.as("ann", "ann-pw"), ops = rest.as("ops", "ops-pw")
            let wrong = try await ann.call(.put, "/engine-rest/user/ann/credentials", json: #"{"password": "new-ann-pw", "authenticatedUserPassword": "guess"}"#)
            #expect(wrong.status == .badRequest)
            #expect(wrong["message"] == .string("The given authenticated user password is not valid."))
            #expect(try await ann.call(.put, "/engine-rest/user/bob/credentials", json: #"{"password": "x", "authenticatedUserPassword": "ann-pw"}"#).status == .forbidden)
            #expect(try await ann.call(.put, "/engine-rest/user/ann/credentials", json: #"{"password": "new-ann-pw", "authenticatedUserPassword": "ann-pw"}"#).status == .noContent)
            #expect(try await ann.call(.get, "/engine-rest/task").status == .unauthorized, "the old password no longer counts")
            #expect(try await rest.as("ann", "new-ann-pw").call(.get, "/engine-rest/task").status == .ok)
            // An administrator resets a password, proving their own.
            #expect(try await ops.call(.put, "/engine-rest/user/bob/credentials", json: #"{"password": "reset", "authenticatedUserPassword": "ops-pw"}"#).status == .noContent)

            let verified = try await ops.call(.post, "/engine-rest/identity/verify", json: #"{"username": "bob", "password": "reset"}"#)
            #expect(verified.json == .object([.init("authenticatedUser", .string("bob")), .init("authenticated", .bool(true))]))
            #expect(try await ops.call(.post, "/engine-rest/identity/verify", json: #"{"username": "bob", "password": "bob-pw"}"#)["authenticated"] == .bool(false))
            #expect(try await ops.call(.post, "/engine-rest/identity/verify", json: #"{"username": "nobody", "password": "x"}"#)["authenticated"] == .bool(false))
        }
    }

    @Test func anAdministratorUnlocksAUserTheThrottleHoldsBack() async throws {
        let limits = SignInLimits(failuresPerUser: 2, failuresPerAddress: 100, windowSeconds: 600)
        try await RestHarness.make(credentials: SecurityTests.credentials, signInLimits: limits).run { (rest) async throws in
            let guess = rest.as("ann", "wrong"), ann = rest.as("ann", "ann-pw"), ops = rest.as("ops", "ops-pw")
            for _ in 0..<2 { #expect(try await guess.call(.get, "/engine-rest/task").status == .unauthorized) }
            #expect(try await ann.call(.get, "/engine-rest/task").status == .tooManyRequests)
            #expect(try await ops.call(.post, "/engine-rest/user/ann/unlock").status == .noContent)
            #expect(try await ann.call(.get, "/engine-rest/task").status == .ok)
            #expect(try await ops.call(.post, "/engine-rest/user/nobody/unlock").status == .notFound)
        }
    }

    @Test func batonUsersCreatesOnlyTheUsersTheDatabaseLacks() async throws {
        let harness = try await RestHarness.make(credentials: SecurityTests.credentials)
        let runtime = harness.runtime
        // An administrator changed ann's password through /user before this restart.
        try await runtime.createUser(UserRecord(id: "ann", passwordHash: Bcrypt.hash("changed-pw", cost: 4)))
        try await harness.run { (rest) async throws in
            let configured = rest.as("ann", "ann-pw"), changed = rest.as("ann", "changed-pw"), bob = rest.as("bob", "bob-pw")
            #expect(try await configured.call(.get, "/engine-rest/task").status == .unauthorized, "the configured hash was not applied")
            #expect(try await changed.call(.get, "/engine-rest/task").status == .ok)
            #expect(try await changed.call(.get, "/engine-rest/group").json == .array([]), "nor were her configured groups")
            #expect(try await bob.call(.get, "/engine-rest/task").status == .ok, "bob was created")
            #expect(try await runtime.groupIDs(ofUser: "ops") == ["camunda-admin"])
            #expect(try await runtime.group("camunda-admin")?.type == "SYSTEM")
        }
    }

    @Test func theFirstAdministratorTurnsAuthenticationOn() async throws {
        try await RestHarness.make().run { (rest) async throws in
            let first = rest.as("first", "first-pw")
            #expect(try await rest.call(.get, "/engine-rest/task").status == .ok, "no one can sign in: the API is open (on loopback)")
            #expect(try await rest.call(.post, "/engine-rest/user/create", json: #"{"profile": {"id": "first"}, "credentials": {"password": "first-pw"}}"#).status == .noContent)
            #expect(try await rest.call(.post, "/engine-rest/group/create", json: #"{"id": "camunda-admin", "type": "SYSTEM"}"#).status == .noContent, "still open: no administrator yet")
            #expect(try await rest.call(.put, "/engine-rest/group/camunda-admin/members/first").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/task").status == .unauthorized, "an administrator can sign in now: everyone must")
            #expect(try await first.call(.get, "/engine-rest/task").status == .ok)
            #expect(try await first.call(.delete, "/engine-rest/group/camunda-admin/members/first").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/task").status == .unauthorized, "it never switches off while Baton runs")
        }
    }
}
