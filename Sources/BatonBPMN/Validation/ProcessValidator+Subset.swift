import BatonModel

extension ProcessValidator {
    /// Reports what an executable process uses that Baton does not execute, and settings an
    /// element needs to run (an implementation, a message, a called element…).
    mutating func checkExecutableSubset(_ process: ProcessDefinition) {
        for node in process.flowNodes {
            checkEventDefinitions(node, process: process)
            switch node.kind {
            case .gateway(.complex):
                unsupported(node, "complex gateways")
            case .subProcess(let sub) where sub.variant == .adHoc:
                unsupported(node, "ad-hoc subprocesses")
            case .serviceTask(let implementation), .sendTask(let implementation), .businessRuleTask(let implementation):
                checkImplementation(implementation, of: node)
            case .scriptTask(let script):
                let format = script.format ?? ""
                if !["juel", "expression"].contains(format.lowercased()) {
                    error(
                        .unsupportedScriptLanguage,
                        "Expected script task '\(node.id)' to use scriptFormat \"juel\", but it uses \(format.isEmpty ? "no scriptFormat" : "'\(format)'"), which Baton does not execute.",
                        at: node, attribute: "scriptFormat")
                } else if (script.source ?? "").trimmingASCIIWhitespace().isEmpty {
                    error(.missingAttribute, "Expected script task '\(node.id)' to have a script, but its script element is missing or empty.", at: node, attribute: "script")
                }
            case .startEvent(let start) where node.parent == nil:
                // A message start is found by its name before any instance exists: no variables to resolve it with.
                for case .message(let ref?) in start.eventDefinitions {
                    guard let name = definitions.messages.first(where: { $0.id == ref })?.name, name.contains("${") || name.contains("#{") else { continue }
                    error(
                        .invalidAttributeValue,
                        "Expected the message of start event '\(node.id)' to have a plain name, but '\(name)' holds an expression; a message start is correlated before any variable exists, so Camunda refuses it too.",
                        at: node)
                }
            case .callActivity(let call) where call.calledElement == nil:
                error(.missingAttribute, "Expected call activity '\(node.id)' to name the process it calls (calledElement), but it has none.", at: node, attribute: "calledElement")
            default:
                break
            }
            if case .subProcess(let sub) = node.kind, sub.triggeredByEvent, !node.inputOutput.isEmpty {
                error(
                    .unsupportedElement,
                    "Expected event subprocess '\(node.id)' to have no camunda:inputOutput, but it has one; Camunda does not map variables of a subprocess triggered by an event either.",
                    at: node, attribute: "camunda:inputOutput")
            }
            if node.multiInstance != nil, !node.inputOutput.outputs.isEmpty {
                error(
                    .invalidMultiInstance,
                    "Expected multi-instance activity '\(node.id)' to have no camunda:outputParameter, as Camunda refuses them on multi-instance constructs: every instance would write the same variable; collect results with a listener or the called process's camunda:out.",
                    at: node, attribute: "camunda:outputParameter")
            }
            if let loop = node.multiInstance, loop.standard == nil {
                if loop.loopCardinality == nil, loop.collection == nil {
                    error(
                        .invalidMultiInstance,
                        "Expected multi-instance activity '\(node.id)' to have a loopCardinality or a camunda:collection, but it has neither.",
                        at: node, attribute: "multiInstanceLoopCharacteristics")
                }
                if loop.elementVariable != nil, loop.collection == nil, loop.loopCardinality != nil {
                    error(
                        .invalidMultiInstance,
                        "Expected multi-instance activity '\(node.id)' to have a camunda:collection for its camunda:elementVariable, but it has none.",
                        at: node, attribute: "camunda:elementVariable")
                }
            }
        }
    }

    /// Two conditional start events of a process with the same condition would start two
    /// instances for one evaluation: Camunda refuses the second.
    mutating func checkConditionalStarts(_ process: ProcessDefinition) {
        var seen: Set<String> = []
        for node in process.children(of: nil) {
            guard case .startEvent = node.kind, case .conditional(let condition?)? = node.kind.eventDefinitions.first else { continue }
            let text = condition.source.trimmingASCIIWhitespace()
            if !seen.insert(text).inserted {
                error(.invalidAttributeValue, "Cannot have more than one conditional event subscription with the same condition '\(text)': '\(node.id)' repeats one.", at: node)
            }
        }
    }

    private mutating func unsupported(_ node: FlowNode, _ what: String, attribute: String? = nil) {
        error(
            .unsupportedElement,
            "Expected an element Baton executes, but \(describe(node)) uses \(what), which Baton does not execute.",
            at: node, attribute: attribute)
    }

    private mutating func checkImplementation(_ implementation: ServiceImplementation, of node: FlowNode) {
        switch implementation {
        case .none:
            error(
                .missingImplementation,
                "Expected \(describe(node)) to say how it is done (camunda:type=\"external\" with camunda:topic, camunda:expression, camunda:delegateExpression or camunda:class), but it has none of these.",
                at: node)
        case .decision:
            unsupported(node, "a DMN decision (camunda:decisionRef)", attribute: "camunda:decisionRef")
        case .connector:
            unsupported(node, "a Camunda connector", attribute: "camunda:connector")
        case .delegateExpression(let template) where template.singleExpression == nil:
            error(
                .conditionNotExpression,
                "Expected the camunda:delegateExpression of '\(node.id)' to be one expression such as ${publishPlan}, but it is '\(template.source)'.",
                at: node, attribute: "camunda:delegateExpression")
        default:
            break
        }
    }

    /// Which event triggers Baton executes where: the BPMN subset of DESIGN.md.
    private mutating func checkEventDefinitions(_ node: FlowNode, process: ProcessDefinition) {
        let definitions = node.kind.eventDefinitions
        if definitions.count > 1 {
            unsupported(node, "several event definitions on one event (multiple/parallel multiple events)")
            return
        }
        let inEventSubProcess = node.parent.flatMap { process.node($0) }.map {
            if case .subProcess(let sub) = $0.kind { return sub.triggeredByEvent }
            return false
        } ?? false
        guard let definition = definitions.first else {
            if failures.eventDefinitions.contains(node.id) { return }  // already reported as unreadable
            if case .intermediateCatchEvent = node.kind {
                error(.missingAttribute, "Expected intermediate catch event '\(node.id)' to wait for a message or timer, but it has no event definition.", at: node)
            }
            if case .boundaryEvent = node.kind {
                error(.invalidBoundaryEvent, "Expected boundary event '\(node.id)' to have an error, message or timer definition, but it has none.", at: node)
            }
            return
        }
        let supported: Bool
        switch (node.kind, definition) {
        case (.startEvent, .message), (.startEvent, .timer): supported = true
        case (.startEvent, .error): supported = inEventSubProcess
        case (.endEvent, .terminate), (.endEvent, .error): supported = true
        case (.intermediateCatchEvent, .message), (.intermediateCatchEvent, .timer): supported = true
        case (.boundaryEvent, .message), (.boundaryEvent, .timer), (.boundaryEvent, .error): supported = true
        case (.intermediateThrowEvent, .message), (.endEvent, .message), (.intermediateThrowEvent, .link), (.intermediateCatchEvent, .link): supported = true
        case (.intermediateThrowEvent, .escalation), (.endEvent, .escalation): supported = true
        case (.intermediateCatchEvent, .conditional), (.boundaryEvent, .conditional): supported = true
        // A signal start in an embedded subprocess is refused as every triggered start there is (E024).
        case (.startEvent, .signal), (.intermediateCatchEvent, .signal), (.boundaryEvent, .signal), (.intermediateThrowEvent, .signal), (.endEvent, .signal):
            supported = true
        case (.intermediateThrowEvent, .compensate), (.endEvent, .compensate), (.boundaryEvent, .compensate), (.endEvent, .cancel), (.boundaryEvent, .cancel):
            supported = true
        case (.startEvent, .compensate):
            supported = inEventSubProcess  // where, checkCompensation says
        // Process-level conditional starts are evaluated by POST /condition; in an event
        // subprocess, on variable changes. Camunda allows them nowhere else.
        case (.startEvent, .conditional): supported = inEventSubProcess || node.parent == nil
        case (.startEvent, .escalation): supported = inEventSubProcess
        case (.boundaryEvent(let boundary), .escalation):
            // BPMN 2.0 and Camunda: only a subprocess or a call activity can escalate.
            let host = process.node(boundary.attachedTo)?.kind
            supported = host?.isSubProcess == true || { if case .callActivity? = host { true } else { false } }()
        default: supported = false
        }
        guard supported else {
            unsupported(node, "a \(definition.elementName)", attribute: definition.elementName)
            return
        }
        if let implementation = node.details.messageImplementation { checkImplementation(implementation, of: node) }
        switch definition {
        case .message(nil) where !node.kind.isThrowing:
            error(.missingAttribute, "Expected the message event definition of '\(node.id)' to name a message (messageRef), but it has none.", at: node, attribute: "messageRef")
        case .signal(nil):
            error(
                .missingAttribute, "Expected the signal event definition of '\(node.id)' to name a signal (signalRef), but it has none.", at: node,
                attribute: "signalRef")
        case .signal(let ref?):
            if let signal = self.definitions.signals.first(where: { $0.id == ref }), (signal.name ?? "").trimmingASCIIWhitespace().isEmpty {
                error(
                    .missingAttribute, "Expected signal '\(ref)' (thrown or caught by '\(node.id)') to have a name, but it has none; signals are matched by name.",
                    at: node, attribute: "signalRef")
            }
        case .conditional(nil):
            error(.missingAttribute, "Conditional event must contain an expression for evaluation: '\(node.id)' has no condition.", at: node, attribute: "condition")
        case .escalation(let ref) where node.kind.isThrowing:
            if ref.flatMap({ ref in self.definitions.escalations.first { $0.id == ref } })?.code?.isEmpty ?? true {
                error(
                    .missingAttribute,
                    "Expected escalation event '\(node.id)' to throw an escalation with an escalationCode, but \(ref.map { "escalation '\($0)' has none" } ?? "it names no escalation (escalationRef)").",
                    at: node, attribute: "escalationRef")
            }
        case .error(nil):
            if case .endEvent = node.kind {
                error(.missingAttribute, "Expected error end event '\(node.id)' to name the error it throws (errorRef), but it has none.", at: node, attribute: "errorRef")
            }
        default:
            break
        }
        if case .boundaryEvent(let boundary) = node.kind, case .error = definition, !boundary.cancelActivity {
            error(
                .invalidBoundaryEvent,
                "Expected error boundary event '\(node.id)' to interrupt its activity, but cancelActivity is false; an error always ends the activity.",
                at: node, attribute: "cancelActivity")
        }
    }
}
