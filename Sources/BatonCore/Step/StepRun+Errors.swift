import BatonModel

/// BPMN errors: thrown by error end events, handlers, external workers or users, caught by the
/// innermost matching error boundary event or error event subprocess.
extension StepRun {
    /// Throws BPMN error `code` from element instance `key`.
    ///
    /// The search goes outwards: boundary events on the throwing activity, then for each enclosing
    /// scope its error event subprocesses and then the boundary events on it, up to the process.
    /// A specific `errorCode` wins over a catch-all at the same place. Uncaught, the error goes to
    /// the calling instance (for a called process); in a process nobody called, the token that
    /// threw it ends there, as Camunda 7 does ("in case no matching error boundary event is found,
    /// the execution semantics defaults to the none end event semantics").
    mutating func throwError(code: String, message: String?, from key: ElementKey) throws(Rejection) {
        var cursor: ElementKey? = key
        while let current = cursor, let element = state.element(current) {
            let node = process.nodes[element.node]
            if current != key, node.kind.isSubProcess, !element.isMultiInstanceBody,
                let eventSubProcess = catchingEventSubProcess(in: node.layout, .error, code: code)?.eventSubProcess
            {
                try caughtByEventSubProcess(scope: current, eventSubProcess: eventSubProcess, code: code, message: message)
                return
            }
            if element.loopCounter == nil, let boundary = catchingBoundary(on: node, .error, code: code) {
                try terminate(current)
                record(code: code, message: message, caughtBy: boundary, in: element.scope)
                schedule(.activate(node: boundary, scope: element.scope, loopCounter: nil, triggered: true))
                return
            }
            cursor = element.scope
        }
        if let eventSubProcess = catchingEventSubProcess(in: process.root, .error, code: code)?.eventSubProcess {
            try caughtByEventSubProcess(scope: nil, eventSubProcess: eventSubProcess, code: code, message: message)
            return
        }
        let thrower = state.element(key).map { describe($0.node) } ?? "element \(key)"
        if state.parent != nil {
            emit(.errorPropagated(code: code, message: message))
            for element in state.children(of: nil).reversed() { try terminate(element.key) }
            closeListeners(of: processScopeKey)
            try notifyExecutionListeners("end", of: nil, at: nil, activity: lastLeftNode)
            emit(.instanceTerminated(reason: "BPMN error '\(code)' thrown by \(thrower) was not caught; it was handed to the calling instance."))
            return
        }
        try leave(key, flows: [])
    }

    /// `camunda:errorCodeVariable` and `errorMessageVariable` of the catching event: the caught
    /// error's code and message, set where the catching flow continues.
    private mutating func record(code: String, message: String?, caughtBy catcher: Int, in scope: ElementKey?) {
        let details = process.nodes[catcher].details
        var values: [String: VariableValue] = [:]
        if let name = details.errorCodeVariable { values[name] = .string(code) }
        if let name = details.errorMessageVariable { values[name] = message.map(VariableValue.string) ?? .null }
        if !values.isEmpty { setVariables(values, from: scope, local: false) }
    }

    private mutating func caughtByEventSubProcess(scope: ElementKey?, eventSubProcess: Int, code: String, message: String?) throws(Rejection) {
        for child in state.children(of: scope).reversed() { try terminate(child.key) }
        closeListeners(of: scope ?? processScopeKey)
        if let start = process.nodes[eventSubProcess].layout?.startEvents.first { record(code: code, message: message, caughtBy: start, in: scope) }
        schedule(.activate(node: eventSubProcess, scope: scope, loopCounter: nil, triggered: true))
    }
}
