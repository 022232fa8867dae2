import BatonEngine
import BatonModel

/// The first grants, from configuration, so a fresh installation is usable before anyone calls
/// `/authorization`:
///
///     BATON_AUTHORIZATIONS=grant:group=plan-approvers:ProcessDefinition:benefit-approval:READ_INSTANCE,READ_HISTORY;global:*:Deployment:*:READ
///
/// Each entry is `type:who:resource:resource-id:permissions`, with type `grant`, `revoke` or
/// `global`, who `user=NAME`, `group=NAME` or `*` (global), resource a name (`ProcessDefinition`,
/// `Deployment`, `Authorization`) or Camunda's number. `baton serve` creates those not already
/// present at start-up; it never deletes one.
public enum AuthorizationBootstrap {
    public static func parse(_ text: String?) throws(CredentialsError) -> [AuthorizationRecord] {
        var result: [AuthorizationRecord] = []
        for entry in (text ?? "").split(separator: ";") where !entry.allSatisfy(\.isWhitespace) {
            let fields = entry.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingASCIIWhitespace() }
            let kinds: [String: AuthorizationRecord.Kind] = ["grant": .grant, "revoke": .revoke, "global": .global]
            guard fields.count == 5, let kind = kinds[fields[0]],
                let resource = AuthorizationResource.allCases.first(where: { $0.name == fields[2] || String($0.rawValue) == fields[2] }),
                !fields[3].isEmpty, !fields[4].isEmpty
            else {
                throw CredentialsError(
                    "Expected each BATON_AUTHORIZATIONS entry to be type:who:resource:id:PERMISSION,… (e.g. grant:group=approvers:ProcessDefinition:review:READ_INSTANCE), but '\(entry)' is not.")
            }
            let who = fields[1]
            let user = who == "*" ? "*" : who.hasPrefix("user=") ? String(who.dropFirst(5)) : nil
            let group = who.hasPrefix("group=") ? String(who.dropFirst(6)) : nil
            guard user != nil || group != nil else {
                throw CredentialsError("Expected who in BATON_AUTHORIZATIONS entry '\(entry)' to be user=NAME, group=NAME or *, but it is '\(who)'.")
            }
            result.append(AuthorizationRecord(
                id: "", kind: kind, userID: user, groupID: group, resourceType: resource.rawValue, resourceID: fields[3],
                permissions: fields[4].split(separator: ",").map { String($0).trimmingASCIIWhitespace() }))
        }
        return result
    }

    /// Creates each of `authorizations` that no existing one equals (apart from its id); returns
    /// how many it created.
    public static func apply(_ authorizations: [AuthorizationRecord], to runtime: Runtime) async throws -> Int {
        let existing = try await runtime.authorizations().map { entry in var entry = entry; entry.id = ""; return entry }
        var created = 0
        for authorization in authorizations where !existing.contains(authorization) {
            _ = try await runtime.createAuthorization(authorization)
            created += 1
        }
        return created
    }
}
