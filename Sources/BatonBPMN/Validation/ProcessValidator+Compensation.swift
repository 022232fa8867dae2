import BatonModel

extension ProcessValidator {
    /// Compensation and transactions, as Camunda parses them (its messages where it has them): a
    /// compensation boundary event is associated with an `isForCompensation` handler, one per
    /// activity; a handler has no sequence flows; `activityRef` names an activity of the
    /// thrower's scope (or, inside an event subprocess, of the scope holding it); cancel end and
    /// boundary events belong to a transaction, one cancel boundary per transaction.
    mutating func checkCompensation(_ process: ProcessDefinition) {
        var compensatedActivities: Set<ElementID> = []
        var cancelledTransactions: Set<ElementID> = []
        var compensatedScopes: Set<ElementID> = []
        for node in process.flowNodes {
            let definition = node.kind.eventDefinitions.first
            switch (node.kind, definition) {
            case (.boundaryEvent(let boundary), .compensate?):
                let handler = node.details.compensationHandler.flatMap { process.node($0) }
                if handler?.details.isForCompensation != true {
                    error(
                        .invalidBoundaryEvent,
                        "compensation boundary catch must be connected to element with isForCompensation=true: '\(node.id)' is associated with \(handler.map { "'\($0.id)', which is not" } ?? "no activity").",
                        at: node, attribute: "association")
                }
                if !compensatedActivities.insert(boundary.attachedTo).inserted {
                    error(.invalidBoundaryEvent, "multiple boundary events with compensateEventDefinition not supported on same activity: '\(boundary.attachedTo)'.", at: node)
                }
            case (.boundaryEvent(let boundary), .cancel?):
                if case .subProcess(let sub)? = process.node(boundary.attachedTo)?.kind, sub.variant == .transaction {
                    if !cancelledTransactions.insert(boundary.attachedTo).inserted {
                        error(.invalidBoundaryEvent, "multiple boundary events with cancelEventDefinition not supported on same transaction subprocess: '\(boundary.attachedTo)'.", at: node)
                    }
                } else {
                    error(.invalidBoundaryEvent, "boundary event with cancelEventDefinition only supported on transaction subprocesses: '\(node.id)' is attached to '\(boundary.attachedTo)'.", at: node)
                }
            case (.endEvent, .cancel?):
                guard case .subProcess(let sub)? = node.parent.flatMap({ process.node($0) })?.kind, sub.variant == .transaction else {
                    error(.unsupportedElement, "end event with cancelEventDefinition only supported inside transaction subprocess: '\(node.id)' is not in one.", at: node)
                    break
                }
                let transaction = node.parent!
                if !process.boundaryEvents(attachedTo: transaction).contains(where: { $0.kind.eventDefinitions.first == .cancel }) {
                    error(
                        .missingAttribute,
                        "Expected transaction '\(transaction)' to have a cancel boundary event for cancel end event '\(node.id)' to leave by, but it has none.",
                        at: node)
                }
            case (.startEvent, .compensate?):
                // In an event subprocess (else refused as a start event that cannot be one) of a subprocess.
                guard let eventSubProcess = node.parent.flatMap({ process.node($0) }), case .subProcess(let sub) = eventSubProcess.kind, sub.triggeredByEvent
                else { break }
                guard let scope = eventSubProcess.parent else {
                    error(
                        .unsupportedElement,
                        "event subprocess with compensation start event is only supported for embedded subprocess (since throwing compensation through a call activity-induced process hierarchy is not supported): '\(eventSubProcess.id)' is in the process itself.",
                        at: node)
                    break
                }
                if !compensatedScopes.insert(scope).inserted {
                    error(.invalidEventSubProcess, "multiple event subprocesses with compensation start event are not supported on the same scope: '\(scope)'.", at: node)
                }
                if process.boundaryEvents(attachedTo: scope).contains(where: { $0.kind.eventDefinitions.first == .compensate }) {
                    error(
                        .invalidEventSubProcess,
                        "compensation boundary event and event subprocess with compensation start event are not supported on the same scope: '\(scope)'.",
                        at: node)
                }
            case (_, .compensate?) where node.kind.isThrowing:
                checkActivityRef(of: node, in: process)
            default:
                break
            }
            if node.details.isForCompensation {
                if let flow = process.outgoing(node.id).first {
                    error(
                        .invalidFlowDirection,
                        "Invalid outgoing sequence flow of compensation activity '\(node.id)'. A compensation activity should not have an incoming or outgoing sequence flow.",
                        at: flow)
                }
                if let flow = process.incoming(node.id).first {
                    error(
                        .invalidFlowDirection,
                        "Invalid incoming sequence flow of compensation activity '\(node.id)'. A compensation activity should not have an incoming or outgoing sequence flow.",
                        at: flow)
                }
            }
        }
    }

    /// `activityRef` must name an activity of the thrower's scope, or of a scope holding it
    /// through event subprocesses.
    private mutating func checkActivityRef(of node: FlowNode, in process: ProcessDefinition) {
        guard let ref = node.details.compensateActivityRef else { return }
        var scopes: [ElementID?] = [node.parent]
        var current = node.parent
        while let id = current, case .subProcess(let sub)? = process.node(id)?.kind, sub.triggeredByEvent {
            scopes.append(process.node(id)?.parent)
            current = process.node(id)?.parent
        }
        guard let target = process.node(ref), target.kind.isActivity, scopes.contains(target.parent) else {
            error(
                .unknownReference,
                "Invalid attribute value for 'activityRef': no activity with id '\(ref)' in scope '\(node.parent ?? process.id)'",
                at: node, attribute: "activityRef")
            return
        }
    }
}
