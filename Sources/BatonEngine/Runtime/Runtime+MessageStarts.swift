import BatonCore
import BatonModel

extension ExecutableProcess {
    /// The process's message start events: each one's message name and element id.
    var messageStarts: [(message: String, startEvent: ElementID)] {
        root.startEvents.compactMap { start in
            guard case .message? = nodes[start].kind.eventDefinitions.first, let name = nodes[start].messageName else { return nil }
            return (name, nodes[start].id)
        }
    }
}

/// Message start events: a message starts the latest version of the one process that waits for
/// it, and deployments keep it to one process.
extension Runtime {
    /// The latest version of each process key in each tenant, in key order (then tenant, the
    /// shared one first), without reading any XML.
    func latestDefinitions(in transaction: any StoreTransaction) async throws -> [DefinitionReference] {
        var latest: [DefinitionLineage: DefinitionReference] = [:]
        // Each key's versions come oldest first, so the last one seen is the latest.
        for definition in try await transaction.definitionReferences() { latest[DefinitionLineage(definition)] = definition }
        return latest.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The latest active definition of a tenant `tenants` admits with a message start event for
    /// `name`, and that event. Message names are unique within a tenant, not across tenants: a
    /// message two tenants wait for needs its tenant named, as in Camunda.
    func messageStart(named name: String, tenants: TenantFilter, in transaction: any StoreTransaction) async throws -> (DefinitionReference, ElementID)? {
        var found: [(DefinitionReference, ElementID)] = []
        for definition in try await latestDefinitions(in: transaction) where !definition.suspended && tenants.admits(definition.tenantID) {
            if let start = try await executable(definition.id, in: transaction).messageStarts.first(where: { $0.message == name }) {
                found.append((definition, start.startEvent))
            }
        }
        if found.count > 1 {
            throw EngineError(
                .correlationFailed,
                "Cannot correlate message '\(name)': the processes of several tenants (\(found.map { "'\($0.0.tenantID ?? "none")'" }.joined(separator: ", "))) start on it; name the tenant with 'tenantId' (or 'withoutTenantId').")
        }
        return found.first
    }

    /// A message starts one process only (Camunda's MessageStartEventTest.testSameMessageNameFails):
    /// a new version may keep its own message starts, but no other process's latest version, nor
    /// another process of the same deployment, may start on the same message name.
    func requireUniqueMessageStarts(
        _ deploying: [(key: String, process: ExecutableProcess)], tenantID: String?, in transaction: any StoreTransaction
    ) async throws {
        guard deploying.contains(where: { !$0.process.messageStarts.isEmpty }) else { return }
        let deployingKeys = Set(deploying.map(\.key))
        var holders: [(key: String, process: ExecutableProcess)] = []
        for definition in try await latestDefinitions(in: transaction) where definition.tenantID == tenantID && !deployingKeys.contains(definition.key) {
            holders.append((definition.key, try await executable(definition.id, in: transaction)))
        }
        var claimed: [String: (key: String, startEvent: ElementID)] = [:]
        for (key, process) in holders + deploying {
            for start in process.messageStarts {
                if let holder = claimed[start.message], holder.key != key {
                    throw EngineError(
                        .deploymentFailed,
                        "Cannot deploy process '\(key)': there already is a message event subscription for the message with name '\(start.message)' (message start event '\(holder.startEvent)' of process '\(holder.key)'); a message starts one process only, so rename one of the messages.")
                }
                claimed[start.message] = (key, start.startEvent)
            }
        }
    }
}
