import BatonModel

/// BPMN escalations: thrown by escalation intermediate throw and end events, caught by the
/// innermost matching escalation event subprocess or boundary event (on a subprocess or call
/// activity), interrupting or not.
///
/// Unlike an error, an escalation nobody catches changes nothing (BPMN 2.0, 10.5.1): the thrower
/// goes on as a none event would. A called instance hands an uncaught one to its call activity
/// and goes on; only an interrupting catch there ends it, by ending the call activity.
extension StepRun {
    /// Throws escalation `code`, searching from element instance `start` outwards: for each
    /// scope, its escalation event subprocesses, then the boundary events on it, up to the
    /// process's event subprocesses. A specific code wins over a catch-all at the same place.
    mutating func escalate(code: String, searchingFrom start: ElementKey?) throws(Rejection) {
        var cursor = start
        while let current = cursor, let element = state.element(current) {
            let node = process.nodes[element.node]
            if node.kind.isSubProcess, !element.isMultiInstanceBody, let (eventSubProcess, start) = catchingEventSubProcess(in: node.layout, .escalation, code: code) {
                recordEscalation(code, caughtBy: start, in: current)
                try eventSubProcessTriggered(scope: current, eventSubProcess: eventSubProcess, start: start, variables: [:])
                return
            }
            if element.loopCounter == nil, let boundary = catchingBoundary(on: node, .escalation, code: code) {
                recordEscalation(code, caughtBy: boundary, in: element.scope)
                try boundaryTriggered(host: current, boundary: boundary, variables: [:])
                return
            }
            cursor = element.scope
        }
        if let (eventSubProcess, start) = catchingEventSubProcess(in: process.root, .escalation, code: code) {
            recordEscalation(code, caughtBy: start, in: nil)
            try eventSubProcessTriggered(scope: nil, eventSubProcess: eventSubProcess, start: start, variables: [:])
            return
        }
        if state.parent != nil { emit(.escalationPropagated(code: code)) }
    }

    /// `camunda:escalationCodeVariable` of the catching event: the code, where its flow continues.
    private mutating func recordEscalation(_ code: String, caughtBy catcher: Int, in scope: ElementKey?) {
        guard let name = process.nodes[catcher].details.escalationCodeVariable else { return }
        setVariables([name: .string(code)], from: scope, local: false)
    }
}
