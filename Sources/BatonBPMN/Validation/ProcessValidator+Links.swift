import BatonModel

extension ProcessValidator {
    /// Link events, as Camunda parses them: a link throw continues at the catch event of the same
    /// link name; each name is caught once; and an event-based gateway cannot wait for a link
    /// (nothing else could trigger it). Baton also requires the catch to be in the throw's own
    /// scope and both to be named, where Camunda fails with an internal error instead.
    mutating func checkLinks(_ process: ProcessDefinition) {
        var caught: [ElementID?: Set<String>] = [:]
        for node in process.flowNodes {
            guard let name = node.linkName else { continue }
            guard !name.isEmpty else {
                error(.missingAttribute, "Expected the link event definition of '\(node.id)' to have a name, but it has none.", at: node, attribute: "name")
                continue
            }
            switch node.kind {
            case .intermediateCatchEvent:
                if !caught[node.parent, default: []].insert(name).inserted {
                    error(
                        .invalidLinkEvent,
                        "Multiple Intermediate Catch Events with the same link event name ('\(name)') are not allowed: '\(node.id)' is the second in \(scopeName(node.parent)).",
                        at: node)
                }
                if process.incoming(node.id).contains(where: { process.node($0.source)?.kind == .gateway(.eventBased) }) {
                    error(.invalidLinkEvent, "IntermediateCatchLinkEvent is not allowed after an EventBasedGateway: '\(node.id)' follows one.", at: node)
                }
            case .intermediateThrowEvent where process.linkCatch(of: node) == nil:
                let elsewhere = process.flowNodes.first { $0.linkName == name && $0.kind.isThrowing == false && $0.parent != node.parent }
                error(
                    .invalidLinkEvent,
                    "Expected a link catch event named '\(name)' in \(scopeName(node.parent)) for link throw event '\(node.id)', but there is none"
                        + (elsewhere.map { "; '\($0.id)' in \(scopeName($0.parent)) has that name, but a link never leaves its scope." } ?? "."),
                    at: node)
            default:
                break
            }
        }
    }
}
