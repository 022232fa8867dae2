import BatonModel

extension ProcessValidator {
    /// Signals, as Camunda parses them: one scope may wait for a signal name once. The scope of a
    /// signal start event is its process, of an event subprocess start the scope holding the event
    /// subprocess, of a boundary event its activity, and of a catch after an event-based gateway
    /// that gateway; a lone intermediate catch is a scope of its own. Names are compared as
    /// written, before any `${…}` is resolved.
    mutating func checkSignalScopes(_ process: ProcessDefinition) {
        let gatewayTargets = Dictionary(
            process.sequenceFlows.compactMap { flow in process.node(flow.source)?.kind == .gateway(.eventBased) ? (flow.target, flow.source) : nil },
            uniquingKeysWith: { first, _ in first })
        var seen: [String: Set<String>] = [:]
        for node in process.flowNodes {
            guard case .signal(let ref?)? = node.kind.eventDefinitions.first, !node.kind.isThrowing,
                let name = definitions.signals.first(where: { $0.id == ref })?.name
            else { continue }
            // Process starts wait without an instance; the others inside one: they never meet.
            let scope: ElementID, kind: String
            switch node.kind {
            case .startEvent where node.parent == nil:
                (scope, kind) = (process.id, "start")
            case .startEvent:
                guard let eventSubProcess = node.parent.flatMap({ process.node($0) }) else { continue }
                (scope, kind) = (eventSubProcess.parent ?? process.id, "event")
            case .boundaryEvent(let boundary):
                (scope, kind) = (boundary.attachedTo, "event")
            case .intermediateCatchEvent:
                guard let gateway = gatewayTargets[node.id] else { continue }
                (scope, kind) = (gateway, "event")
            default:
                continue
            }
            if !seen["\(kind) \(scope)", default: []].insert(name).inserted {
                error(
                    .duplicateSignalSubscription,
                    "Cannot have more than one signal event subscription with name '\(name)' for scope '\(scope)': '\(node.id)' is the second.", at: node)
            }
        }
    }
}
