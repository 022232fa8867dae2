import BatonModel

/// What a BPMN error or escalation is caught by, at one place of the outward search: a boundary
/// event of an activity, or an event subprocess of a scope, whose trigger is of the thrown kind;
/// one naming the thrown code wins over a catch-all (no code) at the same place.
enum ThrownEvent {
    case error
    case escalation

    func caught(by node: ExecutableNode) -> Bool {
        switch (self, node.kind.eventDefinitions.first) {
        case (.error, .error?), (.escalation, .escalation?): true
        default: false
        }
    }

    /// The code the catching node names; nil catches every code.
    func code(of node: ExecutableNode) -> String? { self == .error ? node.errorCode : node.escalationCode }
}

extension StepRun {
    func catchingBoundary(on node: ExecutableNode, _ thrown: ThrownEvent, code: String) -> Int? {
        let catching = node.boundaryEvents.filter { thrown.caught(by: process.nodes[$0]) }
        return catching.first { thrown.code(of: process.nodes[$0]) == code } ?? catching.first { thrown.code(of: process.nodes[$0]) == nil }
    }

    func catchingEventSubProcess(in layout: ScopeLayout?, _ thrown: ThrownEvent, code: String) -> (eventSubProcess: Int, start: Int)? {
        let catching = (layout?.eventSubProcesses ?? []).compactMap { eventSubProcess -> (eventSubProcess: Int, start: Int)? in
            guard let start = process.nodes[eventSubProcess].layout?.startEvents.first, thrown.caught(by: process.nodes[start]) else { return nil }
            return (eventSubProcess, start)
        }
        return catching.first { thrown.code(of: process.nodes[$0.start]) == code } ?? catching.first { thrown.code(of: process.nodes[$0.start]) == nil }
    }
}
