import BatonModel

extension DefinitionsReader {
    /// Reads one flow node element (its kind-specific settings and what all nodes share).
    mutating func readFlowNode(_ element: XMLElement, parent: ElementID?) -> FlowNode? {
        guard let id = register(element) else { return nil }
        let extensions = readExtensions(element, owner: id)
        let kind: FlowNodeKind
        switch element.localName {
        case "startEvent":
            kind = .startEvent(
                StartEvent(
                    eventDefinitions: readEventDefinitions(element, owner: id),
                    isInterrupting: readBoolean(element, "isInterrupting", default: true),
                    initiator: element.attribute("initiator", namespace: Namespace.camunda),
                    formKey: element.attribute("formKey", namespace: Namespace.camunda),
                    formFields: extensions.formFields))
        case "endEvent": kind = .endEvent(readEventDefinitions(element, owner: id))
        case "intermediateCatchEvent": kind = .intermediateCatchEvent(readEventDefinitions(element, owner: id))
        case "intermediateThrowEvent": kind = .intermediateThrowEvent(readEventDefinitions(element, owner: id))
        case "boundaryEvent":
            let attachedTo = reference(element, "attachedToRef")
            if attachedTo == nil {
                sink.report(
                    .error, .missingAttribute, "Expected boundary event '\(id)' to have an attachedToRef, but it has none.",
                    line: element.line, tag: element.qualifiedName, element: id, attribute: "attachedToRef")
            }
            kind = .boundaryEvent(
                BoundaryEvent(
                    attachedTo: attachedTo ?? ElementID(""), cancelActivity: readBoolean(element, "cancelActivity", default: true),
                    eventDefinitions: readEventDefinitions(element, owner: id)))
        case "task": kind = .task
        case "manualTask": kind = .manualTask
        case "userTask": kind = .userTask(readUserTask(element, owner: id, formFields: extensions.formFields))
        case "serviceTask": kind = .serviceTask(readImplementation(element, owner: id, connector: extensions.connector))
        case "sendTask": kind = .sendTask(readImplementation(element, owner: id, connector: extensions.connector))
        case "businessRuleTask": kind = .businessRuleTask(readImplementation(element, owner: id, connector: extensions.connector))
        case "scriptTask": kind = .scriptTask(readScript(element, owner: id))
        case "receiveTask": kind = .receiveTask(messageRef: reference(element, "messageRef"))
        case "callActivity": kind = .callActivity(readCallActivity(element, owner: id, extensions: extensions))
        case "subProcess", "transaction", "adHocSubProcess":
            let variant: SubProcessDefinition.Variant = switch element.localName {
            case "transaction": .transaction
            case "adHocSubProcess": .adHoc
            default: .embedded
            }
            kind = .subProcess(SubProcessDefinition(variant: variant, triggeredByEvent: readBoolean(element, "triggeredByEvent", default: false)))
        case "exclusiveGateway": kind = .gateway(.exclusive)
        case "parallelGateway": kind = .gateway(.parallel)
        case "inclusiveGateway": kind = .gateway(.inclusive)
        case "eventBasedGateway": kind = .gateway(.eventBased)
        default: kind = .gateway(.complex)
        }

        var details = FlowNode.Details()
        details.continuation = readContinuation(element, retryCycle: extensions.retryCycle, owner: id)
        details.inputOutput = extensions.inputOutput
        details.listeners = extensions.listeners
        details.properties = extensions.properties
        details.documentation = element.children.first { $0.isElement("documentation", in: Namespace.bpmn) }?.text
        details.multiInstance = readLoopCharacteristics(element, owner: id)
        if let errorDefinition = element.children.first(where: { $0.isElement("errorEventDefinition", in: Namespace.bpmn) }) {
            details.errorCodeVariable = errorDefinition.attribute("errorCodeVariable", namespace: Namespace.camunda)
            details.errorMessageVariable = errorDefinition.attribute("errorMessageVariable", namespace: Namespace.camunda)
        }
        if let conditional = element.children.first(where: { $0.isElement("conditionalEventDefinition", in: Namespace.bpmn) }) {
            details.conditionVariableName = conditional.attribute("variableName", namespace: Namespace.camunda).flatMap { $0.isEmpty ? nil : $0 }
            details.conditionVariableEvents = (conditional.attribute("variableEvents", namespace: Namespace.camunda) ?? "")
                .split(separator: ",").map { String($0).trimmingASCIIWhitespace().lowercased() }.filter { !$0.isEmpty }
            for event in details.conditionVariableEvents where !["create", "update", "delete"].contains(event) {
                sink.report(
                    .warning, .unknownVariableEvent,
                    "Expected each camunda:variableEvents entry of '\(id)' to be create, update or delete, but '\(event)' is none of them; it never matches a change.",
                    line: conditional.line, tag: conditional.qualifiedName, element: id, attribute: "camunda:variableEvents")
            }
        }
        if let escalation = element.children.first(where: { $0.isElement("escalationEventDefinition", in: Namespace.bpmn) }) {
            details.escalationCodeVariable = escalation.attribute("escalationCodeVariable", namespace: Namespace.camunda)
        }
        details.isForCompensation = readBoolean(element, "isForCompensation", default: false)
        if let compensate = element.children.first(where: { $0.isElement("compensateEventDefinition", in: Namespace.bpmn) }) {
            details.compensateActivityRef = reference(compensate, "activityRef")
            if let wait = compensate.attribute("waitForCompletion"), wait != "true" {
                sink.report(
                    .warning, .unsupportedAttributeValue,
                    "Unsupported attribute value for 'waitForCompletion': 'waitForCompletion=\(wait)' is not supported. Compensation event will wait for compensation to join.",
                    line: compensate.line, tag: element.qualifiedName, element: id, attribute: "waitForCompletion")
            }
        }
        if ["intermediateThrowEvent", "endEvent"].contains(element.localName),
            let signal = element.children.first(where: { $0.isElement("signalEventDefinition", in: Namespace.bpmn) })
        {
            // `camunda:async` asks Camunda to deliver the signal in a job; Baton always delivers
            // after the throwing command commits, each receiver in a command of its own.
            let payload = readExtensions(signal, owner: id)
            details.signalPayload = payload.inputs
            details.signalBusinessKey = payload.businessKey
        }
        if ["intermediateThrowEvent", "endEvent"].contains(element.localName),
            let message = element.children.first(where: { $0.isElement("messageEventDefinition", in: Namespace.bpmn) })
        {
            let implementation = readImplementation(message, owner: id, connector: nil)
            if implementation != .none { details.messageImplementation = implementation }
        }
        var node = FlowNode(id: id, name: element.attribute("name"), parent: parent, kind: kind, line: element.line, details: details)
        node.defaultFlow = reference(element, "default")
        return node
    }

    private mutating func readUserTask(_ element: XMLElement, owner: ElementID, formFields: [FormField]) -> UserTaskDefinition {
        var task = UserTaskDefinition()
        task.assignee = templateAttribute(element, "assignee", owner: owner)
        task.candidateUsers = templateList(element, "candidateUsers", owner: owner)
        task.candidateGroups = templateList(element, "candidateGroups", owner: owner)
        task.dueDate = templateAttribute(element, "dueDate", owner: owner)
        task.followUpDate = templateAttribute(element, "followUpDate", owner: owner)
        task.priority = templateAttribute(element, "priority", owner: owner)
        task.formKey = templateAttribute(element, "formKey", owner: owner)
        // Camunda evaluates documentation as an expression; text that is not one stays as written.
        if let documentation = element.children.first(where: { $0.isElement("documentation", in: Namespace.bpmn) })?.text,
            !documentation.trimmingASCIIWhitespace().isEmpty
        {
            task.description = (try? Template(parsing: documentation)) ?? Template(literal: documentation)
        }
        task.formFields = formFields
        readResourceRoles(element, owner: owner, into: &task)
        return task
    }

    /// BPMN's own assignment, as Camunda reads it: `humanPerformer` names the assignee;
    /// `potentialOwner` the candidates, each `user(kermit)` or `group(management)` (a bare name is
    /// a group), comma-separated.
    private mutating func readResourceRoles(_ element: XMLElement, owner: ElementID, into task: inout UserTaskDefinition) {
        for role in element.children where role.isElement("humanPerformer", in: Namespace.bpmn) || role.isElement("potentialOwner", in: Namespace.bpmn) {
            let expression = role.children.first { $0.isElement("resourceAssignmentExpression", in: Namespace.bpmn) }?
                .children.first { $0.isElement("formalExpression", in: Namespace.bpmn) }
            let text = expression?.text.trimmingASCIIWhitespace() ?? ""
            guard !text.isEmpty else {
                sink.report(
                    .error, .missingAttribute, "Expected the \(role.localName) of '\(owner)' to hold a formalExpression, but it has none.",
                    line: role.line, tag: element.qualifiedName, element: owner, attribute: role.localName, locatedAt: role.qualifiedName)
                continue
            }
            func template(_ source: String) -> Template? {
                parseTemplate(source, owner: owner, tag: element.qualifiedName, attribute: role.localName, line: role.line, locatedAt: role.qualifiedName)
            }
            if role.localName == "humanPerformer" {
                guard task.assignee == nil else {
                    sink.report(
                        .error, .invalidAttributeValue,
                        "Expected '\(owner)' to name its assignee once, but it has both camunda:assignee and a humanPerformer (or two humanPerformers).",
                        line: role.line, tag: element.qualifiedName, element: owner, attribute: role.localName, locatedAt: role.qualifiedName)
                    continue
                }
                task.assignee = template(text)
                continue
            }
            for part in text.split(separator: ",").map({ String($0).trimmingASCIIWhitespace() }) where !part.isEmpty {
                if part.hasPrefix("user("), part.hasSuffix(")") {
                    template(String(part.dropFirst(5).dropLast())).map { task.candidateUsers.append($0) }
                } else if part.hasPrefix("group("), part.hasSuffix(")") {
                    template(String(part.dropFirst(6).dropLast())).map { task.candidateGroups.append($0) }
                } else {
                    template(part).map { task.candidateGroups.append($0) }
                }
            }
        }
    }

    /// A comma-separated Camunda list attribute, split outside `${…}` so `${a, b}` stays whole.
    private mutating func templateList(_ element: XMLElement, _ name: String, owner: ElementID) -> [Template] {
        guard let raw = element.attribute(name, namespace: Namespace.camunda) else { return [] }
        var parts: [String] = []
        var current = ""
        var braceDepth = 0
        for character in raw {
            if character == "{" { braceDepth += 1 }
            if character == "}" { braceDepth = max(0, braceDepth - 1) }
            if character == ",", braceDepth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }.compactMap {
            parseTemplate($0, owner: owner, tag: element.qualifiedName, attribute: "camunda:\(name)", line: element.line)
        }
    }

    private mutating func readImplementation(_ element: XMLElement, owner: ElementID, connector: Extensions.Connector?) -> ServiceImplementation {
        if element.attribute("type", namespace: Namespace.camunda) == "external" {
            let topic = templateAttribute(element, "topic", owner: owner)
            if topic == nil, element.attribute("topic", namespace: Namespace.camunda) == nil {
                sink.report(
                    .error, .missingAttribute,
                    "Expected external task '\(owner)' to name its camunda:topic, but it has none; no worker could fetch it.",
                    line: element.line, tag: element.qualifiedName, element: owner, attribute: "camunda:topic")
            }
            return .external(topic: topic ?? Template(literal: ""), priority: priorityAttribute(element, "taskPriority", owner: owner) ?? processTaskPriority)
        }
        if let expression = templateAttribute(element, "expression", owner: owner) {
            return .expression(expression, resultVariable: element.attribute("resultVariable", namespace: Namespace.camunda))
        }
        if let delegate = templateAttribute(element, "delegateExpression", owner: owner) { return .delegateExpression(delegate) }
        if let className = element.attribute("class", namespace: Namespace.camunda), !className.isEmpty { return .className(className) }
        if let decision = element.attribute("decisionRef", namespace: Namespace.camunda) { return .decision(ref: decision) }
        if let connector { return .connector(id: connector.id) }
        return .none
    }

    private mutating func readScript(_ element: XMLElement, owner: ElementID) -> ScriptDefinition {
        let format = element.attribute("scriptFormat")
        let source = element.children.first { $0.isElement("script", in: Namespace.bpmn) }?.text
        var expression: Template?
        if let format, ["juel", "expression"].contains(format.lowercased()), let source {
            expression = parseTemplate(
                source.trimmingASCIIWhitespace(), owner: owner, tag: element.qualifiedName, attribute: "script", line: element.line)
        }
        return ScriptDefinition(
            format: format, source: source, resultVariable: element.attribute("resultVariable", namespace: Namespace.camunda),
            expression: expression)
    }

    private mutating func readCallActivity(_ element: XMLElement, owner: ElementID, extensions: Extensions) -> CallActivityDefinition {
        var call = CallActivityDefinition(
            calledElement: element.attribute("calledElement").flatMap {
                $0.isEmpty ? nil : parseTemplate($0, owner: owner, tag: element.qualifiedName, attribute: "calledElement", line: element.line)
            })
        if let raw = element.attribute("calledElementBinding", namespace: Namespace.camunda) {
            if let binding = CallActivityDefinition.Binding(rawValue: raw) {
                call.binding = binding
            } else {
                sink.report(
                    .error, .invalidAttributeValue,
                    "Expected camunda:calledElementBinding to be latest, deployment, version or versionTag, but it is '\(raw)'.",
                    line: element.line, tag: element.qualifiedName, element: owner, attribute: "camunda:calledElementBinding")
            }
        }
        call.version = element.attribute("calledElementVersion", namespace: Namespace.camunda)
        call.versionTag = element.attribute("calledElementVersionTag", namespace: Namespace.camunda)
        call.inputs = extensions.inputs
        call.outputs = extensions.outputs
        call.businessKey = extensions.businessKey
        return call
    }

    private mutating func readContinuation(_ element: XMLElement, retryCycle: RetryPolicy?, owner: ElementID) -> AsyncContinuation {
        var continuation = AsyncContinuation()
        // `camunda:async` is the pre-7.3 spelling of asyncBefore.
        continuation.before = readBoolean(element, "asyncBefore", namespace: Namespace.camunda, default: false)
            || readBoolean(element, "async", namespace: Namespace.camunda, default: false)
        continuation.after = readBoolean(element, "asyncAfter", namespace: Namespace.camunda, default: false)
        continuation.exclusive = readBoolean(element, "exclusive", namespace: Namespace.camunda, default: true)
        continuation.retryPolicy = retryCycle
        return continuation
    }

    private mutating func readLoopCharacteristics(_ element: XMLElement, owner: ElementID) -> MultiInstanceLoop? {
        for child in element.children where child.inNamespace(Namespace.bpmn) {
            if child.localName == "standardLoopCharacteristics" { return readStandardLoop(child, of: element, owner: owner) }
            guard child.localName == "multiInstanceLoopCharacteristics" else { continue }
            var loop = MultiInstanceLoop(isSequential: readBoolean(child, "isSequential", default: false), line: child.line)
            for part in child.children where part.inNamespace(Namespace.bpmn) {
                let text = part.text.trimmingASCIIWhitespace()
                switch part.localName {
                case "loopCardinality":
                    loop.loopCardinality = parseTemplate(
                        text, owner: owner, tag: element.qualifiedName, attribute: "loopCardinality", line: part.line, locatedAt: part.qualifiedName)
                case "completionCondition":
                    loop.completionCondition = parseTemplate(
                        text, owner: owner, tag: element.qualifiedName, attribute: "completionCondition", line: part.line, locatedAt: part.qualifiedName)
                case "loopDataInputRef", "inputDataItem", "loopDataOutputRef", "outputDataItem":
                    if executable {
                        sink.report(
                            .error, .unsupportedElement,
                            "Expected the multi-instance collection of '\(owner)' in camunda:collection, but it uses \(part.localName), which Baton does not execute.",
                            line: part.line, tag: element.qualifiedName, element: owner, attribute: part.localName)
                    }
                default: break
                }
            }
            if let raw = child.attribute("collection", namespace: Namespace.camunda)?.trimmingASCIIWhitespace(), !raw.isEmpty {
                loop.collection = parseTemplate(raw, owner: owner, tag: element.qualifiedName, attribute: "camunda:collection", line: child.line)
            }
            loop.elementVariable = child.attribute("elementVariable", namespace: Namespace.camunda)
            loop.continuation.before = readBoolean(child, "asyncBefore", namespace: Namespace.camunda, default: false)
            loop.continuation.after = readBoolean(child, "asyncAfter", namespace: Namespace.camunda, default: false)
            loop.continuation.exclusive = readBoolean(child, "exclusive", namespace: Namespace.camunda, default: true)
            loop.continuation.retryPolicy = readExtensions(child, owner: owner).retryCycle
            return loop
        }
        return nil
    }

    /// A standard loop, run as a sequential loop body whose iterations its condition decides.
    private mutating func readStandardLoop(_ child: XMLElement, of element: XMLElement, owner: ElementID) -> MultiInstanceLoop {
        var loop = MultiInstanceLoop(isSequential: true, line: child.line)
        let conditionElement = child.children.first { $0.isElement("loopCondition", in: Namespace.bpmn) }
        let condition = conditionElement.flatMap { part -> Template? in
            let text = part.text.trimmingASCIIWhitespace()
            return text.isEmpty ? nil : parseTemplate(text, owner: owner, tag: element.qualifiedName, attribute: "loopCondition", line: part.line, locatedAt: part.qualifiedName)
        }
        var maximum: Int?
        if let raw = child.attribute("loopMaximum") {
            if let value = Int(raw.trimmingASCIIWhitespace()), value >= 0 {
                maximum = value
            } else {
                sink.report(
                    .error, .invalidAttributeValue, "Expected the loopMaximum of '\(owner)' to be a whole number of zero or more, but it is '\(raw)'.",
                    line: child.line, tag: element.qualifiedName, element: owner, attribute: "loopMaximum")
            }
        }
        let hasCondition = !(conditionElement?.text.trimmingASCIIWhitespace().isEmpty ?? true)  // reported above if it does not parse
        if !hasCondition, maximum == nil, child.attribute("loopMaximum") == nil, executable {
            sink.report(
                .error, .invalidMultiInstance,
                "Expected the standard loop of '\(owner)' to have a loopCondition or a loopMaximum, but it has neither, so it would never end.",
                line: child.line, tag: element.qualifiedName, element: owner, attribute: "standardLoopCharacteristics")
        }
        loop.standard = StandardLoop(condition: condition, testBefore: readBoolean(child, "testBefore", default: false), maximum: maximum)
        return loop
    }

    // MARK: - Event definitions

    private static let eventDefinitionNames: Set<String> = [
        "messageEventDefinition", "timerEventDefinition", "errorEventDefinition", "signalEventDefinition",
        "escalationEventDefinition", "conditionalEventDefinition", "compensateEventDefinition", "linkEventDefinition",
        "terminateEventDefinition", "cancelEventDefinition", "eventDefinitionRef",
    ]

    private mutating func readEventDefinitions(_ element: XMLElement, owner: ElementID) -> [EventDefinition] {
        var definitions: [EventDefinition] = []
        for child in element.children where child.inNamespace(Namespace.bpmn) && Self.eventDefinitionNames.contains(child.localName) {
            switch child.localName {
            case "messageEventDefinition": definitions.append(.message(reference(child, "messageRef")))
            case "errorEventDefinition": definitions.append(.error(reference(child, "errorRef")))
            case "signalEventDefinition": definitions.append(.signal(reference(child, "signalRef")))
            case "escalationEventDefinition": definitions.append(.escalation(reference(child, "escalationRef")))
            case "compensateEventDefinition": definitions.append(.compensate)
            case "linkEventDefinition": definitions.append(.link(name: child.attribute("name")))
            case "terminateEventDefinition": definitions.append(.terminate)
            case "cancelEventDefinition": definitions.append(.cancel)
            case "conditionalEventDefinition":
                let conditionElement = child.children.first { $0.isElement("condition", in: Namespace.bpmn) }
                definitions.append(.conditional(conditionElement.flatMap { readCondition($0, owner: owner, ownerElement: element) }))
                if failures.conditions.contains(owner) { markEventDefinitionUnreadable(owner) }
            case "timerEventDefinition":
                if let timer = readTimer(child, owner: owner, ownerElement: element) { definitions.append(.timer(timer)) }
            default:
                if executable {
                    sink.report(
                        .error, .unsupportedElement,
                        "Expected event definitions inline on '\(owner)', but it references a global one (eventDefinitionRef), which Baton does not execute.",
                        line: child.line, tag: element.qualifiedName, element: owner, attribute: "eventDefinitionRef")
                }
            }
        }
        return definitions
    }

    mutating func readTimer(_ element: XMLElement, owner: ElementID, ownerElement: XMLElement) -> TimerDefinition? {
        let values = element.children.filter { $0.inNamespace(Namespace.bpmn) && TimerKind(rawValue: $0.localName) != nil }
        guard values.count == 1, let valueElement = values.first, let kind = TimerKind(rawValue: valueElement.localName) else {
            markEventDefinitionUnreadable(owner)
            sink.report(
                .error, .invalidTimer,
                values.isEmpty
                    ? "Expected the timer of '\(owner)' to have a timeDate, timeDuration or timeCycle, but it has none."
                    : "Expected the timer of '\(owner)' to have one of timeDate, timeDuration or timeCycle, but it has \(values.count).",
                line: element.line, tag: ownerElement.qualifiedName, element: owner, attribute: "timerEventDefinition",
                locatedAt: element.qualifiedName)
            return nil
        }
        let text = valueElement.text.trimmingASCIIWhitespace()
        if text.contains("${") || text.contains("#{") {
            guard let template = parseTemplate(
                text, owner: owner, tag: ownerElement.qualifiedName, attribute: kind.rawValue, line: valueElement.line,
                locatedAt: valueElement.qualifiedName)
            else {
                markEventDefinitionUnreadable(owner)
                return nil
            }
            return TimerDefinition(kind: kind, value: .expression(template))
        }
        switch TimerSchedule.parse(text, kind: kind) {
        case .success(let schedule):
            return TimerDefinition(kind: kind, value: .fixed(schedule))
        case .failure(let error):
            markEventDefinitionUnreadable(owner)
            sink.report(
                .error, .invalidTimer, error.message, line: valueElement.line, tag: ownerElement.qualifiedName, element: owner,
                attribute: kind.rawValue, locatedAt: valueElement.qualifiedName)
            return nil
        }
    }
}
