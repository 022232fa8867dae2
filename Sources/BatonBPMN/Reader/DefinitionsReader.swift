import BatonModel

/// Walks a BPMN `definitions` element and builds the model, reporting what it cannot read.
///
/// Checks that need the whole file (references, reachability, gateway rules) are left to
/// ``ProcessValidator``; this type reports what is visible on one element at a time.
struct DefinitionsReader {
    var sink: DiagnosticSink
    let options: BPMNReadOptions
    /// Every id seen, with the line and tag (`bpmn:userTask`) of its first element, so duplicates
    /// can point at the original and later diagnostics can name and locate the element.
    private(set) var registry: [ElementID: ElementOrigin] = [:]
    /// Whether the process being read is executable: only then are unsupported features errors.
    var executable = false
    /// The process's `camunda:taskPriority`: its external tasks' priority unless they name one.
    var processTaskPriority: Template?
    /// What was reported as unreadable, so the validator does not report its consequences again.
    private(set) var failures = ReadFailures()
    /// Every `id` attribute in the file, so an id made up for a flow never takes one an element
    /// read later has.
    private var documentIDs: Set<String> = []

    init(sink: DiagnosticSink, options: BPMNReadOptions) {
        self.sink = sink
        self.options = options
    }

    /// Elements of the BPMN namespace that carry no runtime meaning for Baton and are skipped quietly.
    static let ignoredRootElements: Set<String> = [
        "import", "extension", "documentation", "extensionElements", "itemDefinition", "dataStore", "interface",
        "endPoint", "partnerEntity", "partnerRole", "resource", "category", "correlationProperty", "eventDefinition",
        "globalTask", "globalUserTask", "globalScriptTask", "globalManualTask", "globalBusinessRuleTask",
        "choreography", "conversation", "relationship", "operation",
    ]

    mutating func readDefinitions(_ root: XMLElement) -> Definitions {
        registry.reserveCapacity(root.tree.nodes.count / 2)
        documentIDs = Set(root.tree.attributes.filter { $0.localName == "id" && $0.namespace == .none }.map { root.tree.string($0.value) })
        var definitions = Definitions()
        definitions.id = root.attribute("id")
        definitions.targetNamespace = root.attribute("targetNamespace")
        definitions.exporter = root.attribute("exporter")
        definitions.exporterVersion = root.attribute("exporterVersion")

        for child in root.children {
            if child.isElement("BPMNDiagram", in: Namespace.bpmnDI) {
                readDiagram(child, into: &definitions.diagram)
                continue
            }
            guard child.inNamespace(Namespace.bpmn) else { continue }
            switch child.localName {
            case "process":
                if let process = readProcess(child) { definitions.processes.append(process) }
            case "collaboration":
                if let collaboration = readCollaboration(child) { definitions.collaborations.append(collaboration) }
            case "message", "signal", "escalation":
                guard let id = register(child) else { continue }
                let element = RootElement(
                    id: id, name: child.attribute("name"), code: child.attribute("escalationCode"), line: child.line)
                switch child.localName {
                case "message":
                    // A name may hold `${…}`, resolved when a subscription opens: checked here.
                    if let name = element.name, name.contains("{") {
                        _ = parseTemplate(name, owner: id, tag: child.qualifiedName, attribute: "name", line: child.line)
                    }
                    definitions.messages.append(element)
                case "signal": definitions.signals.append(element)
                default: definitions.escalations.append(element)
                }
            case "error":
                guard let id = register(child) else { continue }
                if let message = child.attribute("errorMessage", namespace: Namespace.camunda), message.contains("{") {
                    _ = parseTemplate(message, owner: id, tag: child.qualifiedName, attribute: "camunda:errorMessage", line: child.line)
                }
                definitions.errors.append(
                    BPMNErrorDefinition(
                        id: id, name: child.attribute("name"), errorCode: child.attribute("errorCode"),
                        errorMessage: child.attribute("errorMessage", namespace: Namespace.camunda), line: child.line))
            case let name where Self.ignoredRootElements.contains(name):
                continue
            default:
                reportUnknown(child)
            }
        }
        return definitions
    }

    // MARK: - Processes and scopes

    private mutating func readProcess(_ element: XMLElement) -> ProcessDefinition? {
        guard let id = register(element) else { return nil }
        executable = readBoolean(element, "isExecutable", default: false)
        processTaskPriority = priorityAttribute(element, "taskPriority", owner: id)
        var scope = ScopeContent()
        readScope(element, parent: nil, depth: 2, into: &scope)
        linkCompensationHandlers(in: &scope)
        let extensions = readExtensions(element, owner: id)
        let process = ProcessDefinition(
            id: id, name: element.attribute("name"), isExecutable: executable,
            versionTag: element.attribute("versionTag", namespace: Namespace.camunda),
            historyTimeToLive: element.attribute("historyTimeToLive", namespace: Namespace.camunda),
            candidateStarterGroups: commaSeparated(element.attribute("candidateStarterGroups", namespace: Namespace.camunda)),
            candidateStarterUsers: commaSeparated(element.attribute("candidateStarterUsers", namespace: Namespace.camunda)),
            isStartableInTasklist: element.attribute("isStartableInTasklist", namespace: Namespace.camunda)?.lowercased() != "false",
            flowNodes: scope.nodes, sequenceFlows: scope.flows, lanes: scope.lanes, listeners: extensions.listeners,
            properties: extensions.properties, line: element.line)
        if let ttl = process.historyTimeToLive, Int(ttl) == nil, ISODuration(ttl) == nil {
            sink.report(
                .error, .invalidAttributeValue,
                "Expected camunda:historyTimeToLive to be a number of days or an ISO 8601 duration such as P180D, but it is '\(ttl)'.",
                line: element.line, tag: element.qualifiedName, element: id, attribute: "camunda:historyTimeToLive")
        }
        if let stuckAfter = process.properties.first(where: { $0.name == "baton.stuckAfter" }), ISODuration(stuckAfter.value ?? "") == nil {
            sink.report(
                .error, .invalidAttributeValue,
                "Expected the camunda:property baton.stuckAfter of process '\(id)' to be an ISO 8601 duration such as P1D or PT4H, but it is '\(stuckAfter.value ?? "")'.",
                line: element.line, tag: element.qualifiedName, element: id, attribute: "camunda:properties")
        }
        if !executable {
            sink.report(
                .note, .notExecutable,
                "Process '\(id)' is not executable (isExecutable is not \"true\"); it is read for inspection but will not be deployed.",
                line: element.line, tag: element.qualifiedName, element: id)
        }
        return process
    }

    /// Everything one process collects while its scopes are walked, in document order.
    struct ScopeContent {
        var nodes: [FlowNode] = []
        var flows: [SequenceFlow] = []
        var lanes: [Lane] = []
        /// `association`s by source and target: how compensation boundary events name their handler.
        var associations: [(source: ElementID, target: ElementID)] = []
    }

    /// Gives each compensation boundary event the handler it is associated with (either way round,
    /// as modelers draw the arrow from the event).
    private func linkCompensationHandlers(in scope: inout ScopeContent) {
        for index in scope.nodes.indices {
            guard case .boundaryEvent = scope.nodes[index].kind, case .compensate? = scope.nodes[index].kind.eventDefinitions.first else { continue }
            let id = scope.nodes[index].id
            let handler = scope.associations.first { $0.source == id }?.target ?? scope.associations.first { $0.target == id }?.source
            scope.nodes[index].details.compensationHandler = handler
        }
    }

    static let flowNodeNames: Set<String> = [
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "task",
        "userTask", "serviceTask", "sendTask", "receiveTask", "manualTask", "businessRuleTask", "scriptTask",
        "callActivity", "subProcess", "transaction", "adHocSubProcess", "exclusiveGateway", "parallelGateway",
        "inclusiveGateway", "eventBasedGateway", "complexGateway",
    ]

    /// Children of a process or subprocess that Baton reads elsewhere or that have no runtime meaning.
    static let ignoredScopeElements: Set<String> = [
        "documentation", "extensionElements", "dataObject", "dataObjectReference", "dataStoreReference",
        "textAnnotation", "group", "property", "ioSpecification", "incoming", "outgoing",
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics", "dataInputAssociation",
        "dataOutputAssociation", "auditing", "monitoring", "correlationSubscription", "completionCondition",
    ]

    private mutating func readScope(_ container: XMLElement, parent: ElementID?, depth: Int, into scope: inout ScopeContent) {
        guard depth <= options.maximumDepth else {
            sink.report(
                .error, .nestingTooDeep,
                "Expected elements to nest at most \(options.maximumDepth) levels deep, but '\(container.qualifiedName)' is nested deeper; its content is not read.",
                line: container.line, tag: container.qualifiedName, element: container.attribute("id").map { ElementID($0) })
            return
        }
        for child in container.children where child.inNamespace(Namespace.bpmn) {
            let name = child.localName
            if Self.flowNodeNames.contains(name) {
                guard let node = readFlowNode(child, parent: parent) else { continue }
                scope.nodes.append(node)
                if node.kind.isSubProcess { readScope(child, parent: node.id, depth: depth + 1, into: &scope) }
            } else if name == "sequenceFlow" {
                if let flow = readSequenceFlow(child, parent: parent) { scope.flows.append(flow) }
            } else if name == "association" {
                if let source = reference(child, "sourceRef"), let target = reference(child, "targetRef") { scope.associations.append((source, target)) }
            } else if name == "laneSet" {
                readLaneSet(child, parentLane: nil, into: &scope.lanes)
            } else if !Self.ignoredScopeElements.contains(name) {
                reportUnknown(child)
            }
        }
    }

    private mutating func readSequenceFlow(_ element: XMLElement, parent: ElementID?) -> SequenceFlow? {
        let source = reference(element, "sourceRef")
        let target = reference(element, "targetRef")
        let hasID = !(element.attribute("id")?.trimmingASCIIWhitespace().isEmpty ?? true)
        guard let id = hasID ? register(element) : generatedFlowID(element, source: source, target: target) else { return nil }
        for (attribute, value) in [("sourceRef", source), ("targetRef", target)] where value == nil {
            sink.report(
                .error, .missingAttribute, "Expected sequence flow '\(id)' to have a \(attribute), but it has none.",
                line: element.line, tag: element.qualifiedName, element: id, attribute: attribute)
        }
        guard let source, let target else { return nil }
        var condition: Condition?
        if let expressionElement = element.children.first(where: { $0.isElement("conditionExpression", in: Namespace.bpmn) }) {
            condition = readCondition(expressionElement, owner: id, ownerElement: element)
        }
        var flow = SequenceFlow(
            id: id, name: element.attribute("name"), source: source, target: target, parent: parent, condition: condition,
            line: element.line)
        flow.listeners = readExtensions(element, owner: id).listeners
        return flow
    }

    /// An id for a sequence flow that has none (Camunda accepts such flows, and hand-written files
    /// have them): `<source>-<target>`, with `-2`, `-3`… when taken. The same file always gives
    /// the same ids, which stored instances rely on.
    private mutating func generatedFlowID(_ element: XMLElement, source: ElementID?, target: ElementID?) -> ElementID? {
        guard let source, let target else { return register(element) }  // reported as missing id and references
        let base = "\(source.rawValue)-\(target.rawValue)"
        var candidate = base
        var suffix = 1
        while registry[ElementID(candidate)] != nil || documentIDs.contains(candidate) {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        sink.report(
            .warning, .generatedID, "Expected sequence flow from '\(source)' to '\(target)' to have an id, but it has none; it is called '\(candidate)'.",
            line: element.line, tag: element.qualifiedName, element: ElementID(candidate))
        return register(element, id: candidate)
    }

    /// Reads a `conditionExpression` (or `condition`): it must be one `${…}` JUEL expression.
    mutating func readCondition(_ element: XMLElement, owner: ElementID, ownerElement: XMLElement) -> Condition? {
        if let language = element.attribute("language"), !["juel", "expression"].contains(language.lowercased()) {
            failures.conditions.insert(owner)
            if executable {
                sink.report(
                    .error, .unsupportedScriptLanguage,
                    "Expected the condition of '\(owner)' to be a JUEL expression, but it is written in '\(language)', which Baton does not execute.",
                    line: element.line, tag: ownerElement.qualifiedName, element: owner, attribute: "language")
            }
            return nil
        }
        if element.attribute("resource", namespace: Namespace.camunda) != nil {
            failures.conditions.insert(owner)
            if executable {
                sink.report(
                    .error, .unsupportedElement,
                    "Expected the condition of '\(owner)' inline, but it names an external camunda:resource, which Baton does not load.",
                    line: element.line, tag: ownerElement.qualifiedName, element: owner, attribute: "camunda:resource")
            }
            return nil
        }
        let source = element.text.trimmingASCIIWhitespace()
        guard let template = parseTemplate(
            source, owner: owner, tag: ownerElement.qualifiedName, attribute: element.localName, line: element.line,
            locatedAt: element.qualifiedName)
        else {
            failures.conditions.insert(owner)
            return nil
        }
        guard let expression = template.singleExpression else {
            failures.conditions.insert(owner)
            sink.report(
                .error, .conditionNotExpression,
                "Expected the condition of '\(owner)' to be one expression such as ${approved}, but it is '\(source)'.",
                line: element.line, tag: ownerElement.qualifiedName, element: owner, attribute: element.localName,
                locatedAt: element.qualifiedName)
            return nil
        }
        return Condition(expression: expression, source: source)
    }

    private mutating func readLaneSet(_ element: XMLElement, parentLane: ElementID?, into lanes: inout [Lane]) {
        for laneElement in element.children where laneElement.isElement("lane", in: Namespace.bpmn) {
            guard let id = register(laneElement) else { continue }
            let refs = laneElement.children
                .filter { $0.isElement("flowNodeRef", in: Namespace.bpmn) }
                .map { ElementID(stripPrefix($0.text.trimmingASCIIWhitespace())) }
            lanes.append(Lane(id: id, name: laneElement.attribute("name"), flowNodeRefs: refs, parentLane: parentLane))
            for nested in laneElement.children where nested.isElement("childLaneSet", in: Namespace.bpmn) {
                readLaneSet(nested, parentLane: id, into: &lanes)
            }
        }
    }

    private mutating func readCollaboration(_ element: XMLElement) -> Collaboration? {
        guard let id = register(element) else { return nil }
        var collaboration = Collaboration(id: id)
        for child in element.children where child.inNamespace(Namespace.bpmn) {
            switch child.localName {
            case "participant":
                guard let participantID = register(child) else { continue }
                collaboration.participants.append(
                    .init(id: participantID, name: child.attribute("name"), processRef: reference(child, "processRef")))
            case "messageFlow":
                guard let flowID = register(child) else { continue }
                guard let source = reference(child, "sourceRef"), let target = reference(child, "targetRef") else { continue }
                collaboration.messageFlows.append(
                    .init(id: flowID, name: child.attribute("name"), source: source, target: target, messageRef: reference(child, "messageRef")))
            default:
                _ = child.attribute("id").map { register(child, id: $0) }
            }
        }
        return collaboration
    }

    // MARK: - Shared helpers

    mutating func markEventDefinitionUnreadable(_ owner: ElementID) { failures.eventDefinitions.insert(owner) }

    /// Records an element's id (reporting it missing or duplicated) and its tag for later diagnostics.
    mutating func register(_ element: XMLElement) -> ElementID? {
        guard let raw = element.attribute("id")?.trimmingASCIIWhitespace(), !raw.isEmpty else {
            sink.report(
                .error, .missingID,
                "Expected '\(element.qualifiedName)'\(element.attribute("name").map { " named '\($0)'" } ?? "") to have an id, but it has none; it is ignored.",
                line: element.line, tag: element.qualifiedName)
            return nil
        }
        return register(element, id: raw)
    }

    @discardableResult
    mutating func register(_ element: XMLElement, id raw: String) -> ElementID? {
        let id = ElementID(raw)
        let origin = ElementOrigin(line: element.line, element: element.index)
        if let first = registry.updateValue(origin, forKey: id) {
            registry[id] = first
            sink.report(
                .error, .duplicateID, "Expected ids to be unique, but '\(raw)' is used again by this '\(element.qualifiedName)'.",
                line: element.line, tag: element.qualifiedName, element: id, notes: ["'\(raw)' is first defined on line \(first.line)"])
            return nil
        }
        return id
    }

    /// An attribute that refers to another element by id; a `prefix:` (QName form) is dropped.
    func reference(_ element: XMLElement, _ attribute: String) -> ElementID? {
        guard let value = element.attribute(attribute)?.trimmingASCIIWhitespace(), !value.isEmpty else { return nil }
        return ElementID(stripPrefix(value))
    }

    func stripPrefix(_ value: String) -> String {
        guard let colon = value.utf8.lastIndex(of: UInt8(ascii: ":")) else { return value }
        return String(value[value.utf8.index(after: colon)...])
    }

    mutating func readBoolean(_ element: XMLElement, _ name: String, namespace: Namespace = .none, default fallback: Bool) -> Bool {
        guard let raw = element.attribute(name, namespace: namespace) else { return fallback }
        switch raw.trimmingASCIIWhitespace().lowercased() {
        case "true": return true
        case "false": return false
        default:
            let attribute = namespace == .camunda ? "camunda:\(name)" : name
            sink.report(
                .error, .invalidAttributeValue, "Expected \(attribute) to be \"true\" or \"false\", but it is '\(raw)'.",
                line: element.line, tag: element.qualifiedName, element: element.attribute("id").map { ElementID($0) },
                attribute: attribute)
            return fallback
        }
    }

    func commaSeparated(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(separator: ",").map { String($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
    }

    mutating func reportUnknown(_ element: XMLElement) {
        sink.report(
            .warning, .unknownElement,
            "Expected a BPMN 2.0 element Baton knows, but '\(element.qualifiedName)' is not one; it is ignored.",
            line: element.line, tag: element.qualifiedName, element: element.attribute("id").map { ElementID($0) })
    }

    /// Parses a template, reporting a syntax error (or an unsupported function in an executable
    /// process) against the owning element and attribute. Returns nil when it cannot be used.
    mutating func parseTemplate(
        _ text: String, owner: ElementID?, tag: String, attribute: String, line: Int, locatedAt childTag: String? = nil,
        inTaskListener: Bool = false
    ) -> Template? {
        let template: Template
        do {
            template = try Template(parsing: text)
        } catch {
            sink.report(
                .error, .expressionSyntax,
                "Expected \(attribute) to hold a valid expression, but '\(text)' does not parse at character \(error.offset + 1): \(error.message.lowercasedFirst).",
                line: line, tag: tag, element: owner, attribute: attribute, locatedAt: childTag)
            return nil
        }
        if executable {
            var check = ExpressionCheck()
            for expression in template.expressions { check.visit(expression) }
            if check.readsTask, !inTaskListener {
                sink.report(
                    .warning, .taskOutsideTaskListener,
                    "Expected \(attribute) to read 'task' only in a task listener, where Baton offers it, but it reads it here; it resolves to a variable named 'task' or fails when it runs.",
                    line: line, tag: tag, element: owner, attribute: attribute, locatedAt: childTag)
            }
            if !check.unsupportedCalls.isEmpty {
                sink.report(
                    .error, .unsupportedFunction,
                    "Expected \(attribute) to call only functions Baton evaluates, but it calls \(check.unsupportedCalls.map { "'\($0)'" }.joined(separator: ", ")); Baton evaluates \(ExpressionEvaluator.supportedMethods.sorted().joined(separator: ", ")).",
                    line: line, tag: tag, element: owner, attribute: attribute,
                    notes: check.unsupportedCalls.flatMap { Suggestions.note(for: $0, among: ExpressionEvaluator.supportedMethods.sorted()) },
                    locatedAt: childTag)
            }
            for (object, property) in check.unknownProperties {
                let known = object == "task" ? ContextObjects.taskProperties : ContextObjects.executionProperties
                sink.report(
                    .error, .unknownContextProperty,
                    "Expected \(attribute) to read properties '\(object)' has (\(known.sorted().joined(separator: ", "))), but it reads '\(object).\(property)'.",
                    line: line, tag: tag, element: owner, attribute: attribute,
                    notes: Suggestions.note(for: property, among: known.sorted()), locatedAt: childTag)
            }
        }
        return template
    }

    /// An optional attribute parsed as a template.
    /// A priority attribute: a whole number, or an expression evaluated when the task is created.
    mutating func priorityAttribute(_ element: XMLElement, _ name: String, owner: ElementID) -> Template? {
        guard let template = templateAttribute(element, name, owner: owner) else { return nil }
        if template.isLiteral, Int64(template.source.trimmingASCIIWhitespace()) == nil {
            sink.report(
                .error, .invalidAttributeValue,
                "Expected camunda:\(name) to be a whole number or an expression such as ${priority}, but it is '\(template.source)'.",
                line: element.line, tag: element.qualifiedName, element: owner, attribute: "camunda:\(name)")
        }
        return template
    }

    mutating func templateAttribute(_ element: XMLElement, _ name: String, owner: ElementID) -> Template? {
        guard let raw = element.attribute(name, namespace: Namespace.camunda), !raw.trimmingASCIIWhitespace().isEmpty else { return nil }
        return parseTemplate(raw, owner: owner, tag: element.qualifiedName, attribute: "camunda:\(name)", line: element.line)
    }
}

/// Where an id was first defined: its line and its element in the ``XMLTree``.
struct ElementOrigin {
    var line: Int
    var element: Int
}

/// Ids whose conditions or event definitions were reported as unreadable while reading.
struct ReadFailures {
    var conditions: Set<ElementID> = []
    var eventDefinitions: Set<ElementID> = []
}

extension String {
    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
