import BatonModel

/// Process instance modification, as Camunda's user guide describes it: instructions run in
/// order, each to its wait states before the next; a started activity gets the subprocess
/// instances it needs; a cancelled element takes with it the scopes it leaves empty; an instance
/// with nothing left running ends as cancelled.
extension StepRun {
    mutating func modify(_ instructions: [ModificationInstruction]) throws(Rejection) {
        guard !instructions.isEmpty else {
            throw Rejection(.invalidArgument, "Expected at least one modification instruction, but there is none.")
        }
        for (index, instruction) in instructions.enumerated() {
            let position = "instruction \(index + 1) (\(instruction.kindName))"
            switch instruction {
            case .startBeforeActivity(let id, let ancestor, let variables):
                let node = try requireNode(id, position)
                let scope = try scopeInstance(for: process.nodes[node].parent, ancestor: ancestor, position)
                setVariables(variables.variables, from: scope, local: false)
                schedule(.activate(node: node, scope: scope, loopCounter: nil, triggered: false, locals: variables.local))
            case .startAfterActivity(let id, let ancestor, let variables):
                let node = try requireNode(id, position)
                guard process.nodes[node].outgoing.count == 1 else {
                    throw Rejection(
                        .invalidArgument,
                        "Expected \(describe(node)) in \(position) to have a single outgoing sequence flow to start after, but it has \(process.nodes[node].outgoing.count); start a transition instead.")
                }
                try startTransition(process.nodes[node].outgoing[0], ancestor: ancestor, variables: variables, position)
            case .startTransition(let id, let ancestor, let variables):
                guard let flow = process.flows.firstIndex(where: { $0.id == id }) else {
                    throw Rejection(
                        .invalidArgument, "Expected \(position) to name a sequence flow of process '\(process.processKey)', but '\(id)' is none.")
                }
                try startTransition(flow, ancestor: ancestor, variables: variables, position)
            case .cancelInstance(let key):
                guard state.element(key) != nil else {
                    throw Rejection(
                        .invalidArgument,
                        "Expected \(position) to name an active activity instance of '\(state.instanceID)', but '\(state.instanceID):\(key)' is not one.")
                }
                try cancelElement(key)
            case .cancelActivity(let id):
                let node = try requireNode(id, position)
                // Outermost first: cancelling a scope cancels what is inside it.
                for element in state.elements where element.node == node { if state.element(element.key) != nil { try cancelElement(element.key) } }
            }
            try drain()
        }
        guard state.status == .active, state.elements.isEmpty, state.joins.isEmpty else { return }
        closeListeners(of: processScopeKey)
        try notifyExecutionListeners("end", of: nil, at: nil, activity: lastLeftNode)
        emit(.instanceTerminated(reason: "Cancelled by a modification that left nothing running"))
    }

    private func requireNode(_ id: ElementID, _ position: String) throws(Rejection) -> Int {
        guard let node = process.node(id) else {
            throw Rejection(.invalidArgument, "Expected \(position) to name an activity of process '\(process.processKey)', but '\(id)' is none.")
        }
        return node
    }

    private mutating func startTransition(
        _ flow: Int, ancestor: ElementKey?, variables: ModificationVariables, _ position: String
    ) throws(Rejection) {
        let scope = try scopeInstance(for: process.nodes[process.flows[flow].source].parent, ancestor: ancestor, position)
        setVariables(variables.variables.merging(variables.local) { _, local in local }, from: scope, local: false)
        schedule(.takeFlow(flow: flow, scope: scope))
    }

    /// The active instance of subprocess `node` (nil: the process) to start something in: the
    /// ancestor named, else the only one; created, with its own enclosing scopes, when none is active.
    private mutating func scopeInstance(for node: Int?, ancestor: ElementKey?, _ position: String) throws(Rejection) -> ElementKey? {
        guard let node else { return nil }
        let candidates = state.elements.filter { $0.node == node && !$0.isMultiInstanceBody }
        if let ancestor {
            // The ancestor may be the scope itself or contain it.
            if let match = candidates.first(where: { isWithin($0.key, ancestor) }) { return match.key }
            guard state.element(ancestor) != nil else {
                throw Rejection(.invalidArgument, "Expected the ancestor activity instance of \(position) to be active, but '\(state.instanceID):\(ancestor)' is not.")
            }
        } else if candidates.count > 1 {
            throw Rejection(
                .invalidArgument,
                "Expected one active instance of \(describe(node)) to start \(position) in, but there are \(candidates.count); name one as ancestorActivityInstanceId.")
        } else if let only = candidates.first {
            return only.key
        }
        let parent = try scopeInstance(for: process.nodes[node].parent, ancestor: ancestor, position)
        return try enterScope(node, in: parent)
    }

    private func isWithin(_ key: ElementKey, _ ancestor: ElementKey) -> Bool {
        var current: ElementKey? = key
        while let candidate = current {
            if candidate == ancestor { return true }
            current = state.element(candidate)?.scope
        }
        return false
    }

    /// Creates an instance of subprocess `node` without starting it at its start event: its input
    /// mappings, boundary and event subprocess listeners and `start` listeners, as Camunda does
    /// for the scopes a modification needs.
    private mutating func enterScope(_ node: Int, in scope: ElementKey?) throws(Rejection) -> ElementKey {
        let key = nextKey
        emit(.elementActivated(ElementInstance(key: key, node: node, scope: scope, loopCounter: nil, isMultiInstanceBody: false)))
        for parameter in process.nodes[node].details.inputOutput.inputs where !context.skipIoMappings {
            let value = try evaluate(parameter.value, at: key, what: "input parameter '\(parameter.name)' of \(describe(node))")
            emit(.variableSet(scope: key, name: parameter.name, value: value))
        }
        try openBoundaryListeners(for: key, node: node)
        try openEventSubProcessListeners(in: key)
        try notifyExecutionListeners("start", of: node, at: key)
        return key
    }

    /// Cancels element `key`, then each enclosing subprocess instance it leaves with nothing to do.
    private mutating func cancelElement(_ key: ElementKey) throws(Rejection) {
        var scope = state.element(key)?.scope
        try terminate(key)
        while let current = scope, let element = state.element(current), state.children(of: current).isEmpty,
            !state.joins.contains(where: { $0.scope == current })
        {
            scope = element.scope
            try terminate(current)
        }
    }
}

extension ModificationInstruction {
    /// Camunda's name for the instruction's type.
    public var kindName: String {
        switch self {
        case .startBeforeActivity: "startBeforeActivity"
        case .startAfterActivity: "startAfterActivity"
        case .startTransition: "startTransition"
        case .cancelInstance, .cancelActivity: "cancel"
        }
    }
}
