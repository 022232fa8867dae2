import BatonModel

/// What an element's `extensionElements` hold in the Camunda namespace.
struct Extensions {
    struct Connector { var id: String? }

    var inputOutput = InputOutputMapping()
    var properties: [Property] = []
    var listeners: [Listener] = []
    var formFields: [FormField] = []
    var retryCycle: RetryPolicy?
    var inputs: [VariableMapping] = []
    var outputs: [VariableMapping] = []
    var businessKey: Template?
    var connector: Connector?
}

extension DefinitionsReader {
    /// Reads the Camunda extensions of `element` (inputOutput, properties, listeners, formData,
    /// in/out, failedJobRetryTimeCycle, connector). Elements of other vendors are skipped.
    mutating func readExtensions(_ element: XMLElement, owner: ElementID) -> Extensions {
        var extensions = Extensions()
        for container in element.children where container.isElement("extensionElements", in: Namespace.bpmn) {
            for child in container.children where child.inNamespace(Namespace.camunda) {
                switch child.localName {
                case "inputOutput":
                    for parameter in child.children where parameter.inNamespace(Namespace.camunda) {
                        guard parameter.localName == "inputParameter" || parameter.localName == "outputParameter" else { continue }
                        guard let name = parameter.attribute("name"), !name.isEmpty else {
                            sink.report(
                                .error, .missingAttribute, "Expected camunda:\(parameter.localName) of '\(owner)' to have a name, but it has none.",
                                line: parameter.line, tag: element.qualifiedName, element: owner, attribute: "camunda:\(parameter.localName)")
                            continue
                        }
                        let value = readParameterValue(parameter, owner: owner, ownerTag: element.qualifiedName)
                        if parameter.localName == "inputParameter" {
                            extensions.inputOutput.inputs.append(Parameter(name: name, value: value))
                        } else {
                            extensions.inputOutput.outputs.append(Parameter(name: name, value: value))
                        }
                    }
                case "properties":
                    extensions.properties += readProperties(child)
                case "executionListener", "taskListener":
                    if let listener = readListener(child, of: element, owner: owner) { extensions.listeners.append(listener) }
                case "failedJobRetryTimeCycle":
                    let text = child.text.trimmingASCIIWhitespace()
                    if let policy = RetryPolicy(text) {
                        extensions.retryCycle = policy
                    } else {
                        sink.report(
                            .error, .invalidTimer,
                            "Expected camunda:failedJobRetryTimeCycle to be a repeating interval such as R5/PT5M or a list of durations such as PT1M,PT10M, but it is '\(text)'.",
                            line: child.line, tag: element.qualifiedName, element: owner, attribute: "camunda:failedJobRetryTimeCycle")
                    }
                case "formData":
                    extensions.formFields += readFormFields(child, owner: owner, ownerTag: element.qualifiedName)
                case "in", "out":
                    if child.localName == "in", let key = child.attribute("businessKey") {
                        extensions.businessKey = parseTemplate(key, owner: owner, tag: element.qualifiedName, attribute: "camunda:in businessKey", line: child.line)
                        continue
                    }
                    let mapping = VariableMapping(
                        source: child.attribute("source"),
                        sourceExpression: child.attribute("sourceExpression").flatMap {
                            parseTemplate($0, owner: owner, tag: element.qualifiedName, attribute: "camunda:\(child.localName) sourceExpression", line: child.line)
                        },
                        target: child.attribute("target"), allVariables: child.attribute("variables") == "all",
                        local: child.attribute("local") == "true")
                    if child.localName == "in" { extensions.inputs.append(mapping) } else { extensions.outputs.append(mapping) }
                case "connector":
                    let id = child.children.first { $0.isElement("connectorId", in: Namespace.camunda) }?.text.trimmingASCIIWhitespace()
                    extensions.connector = Extensions.Connector(id: id)
                default:
                    continue  // camunda:field and other delegate configuration: no runtime meaning in Baton
                }
            }
        }
        return extensions
    }

    /// A `camunda:executionListener` or `camunda:taskListener`, or nil (reported) when it names no
    /// event Baton knows or nothing to run. On a sequence flow an execution listener listens to
    /// `take` unless it says otherwise.
    private mutating func readListener(_ child: XMLElement, of element: XMLElement, owner: ElementID) -> Listener? {
        let kind: Listener.Kind = child.localName == "taskListener" ? .task : .execution
        let isFlow = element.isElement("sequenceFlow", in: Namespace.bpmn)
        let allowed = kind == .task ? Listener.taskEvents : (isFlow ? ["take"] : Listener.executionEvents.subtracting(["take"]))
        let attribute = "camunda:\(kind.rawValue)"
        func report(_ message: String) {
            sink.report(
                .error, .invalidListener, message, line: child.line, tag: element.qualifiedName, element: owner, attribute: attribute,
                locatedAt: child.qualifiedName)
        }
        let event = child.attribute("event")?.trimmingASCIIWhitespace() ?? (isFlow && kind == .execution ? "take" : "")
        guard allowed.contains(event) else {
            report(
                event.isEmpty
                    ? "Expected the \(kind.rawValue) of '\(owner)' to name its event (\(allowed.sorted().joined(separator: ", "))), but it names none."
                    : "Expected the \(kind.rawValue) of '\(owner)' to listen to one of \(allowed.sorted().joined(separator: ", ")), but it listens to '\(event)'.")
            return nil
        }
        let implementation: Listener.Implementation
        let tag = element.qualifiedName
        if let expression = child.attribute("expression") {
            guard let template = parseTemplate(expression, owner: owner, tag: tag, attribute: "\(attribute) expression", line: child.line, locatedAt: child.qualifiedName,
                inTaskListener: kind == .task) else { return nil }
            implementation = .expression(template)
        } else if let delegate = child.attribute("delegateExpression") {
            guard let template = parseTemplate(
                delegate, owner: owner, tag: tag, attribute: "\(attribute) delegateExpression", line: child.line, locatedAt: child.qualifiedName,
                inTaskListener: kind == .task) else {
                return nil
            }
            implementation = .delegateExpression(template)
        } else if let className = child.attribute("class"), !className.isEmpty {
            implementation = .className(className)
        } else if let script = child.children.first(where: { $0.isElement("script", in: Namespace.camunda) }) {
            let format = script.attribute("scriptFormat")
            guard let format, ["juel", "expression"].contains(format.lowercased()) else {
                if executable {
                    sink.report(
                        .error, .unsupportedScriptLanguage,
                        "Expected the script of the \(kind.rawValue) of '\(owner)' to be JUEL, but it is written in '\(format ?? "no language")', which Baton does not execute.",
                        line: script.line, tag: tag, element: owner, attribute: attribute, locatedAt: script.qualifiedName)
                }
                return nil
            }
            let source = script.text.trimmingASCIIWhitespace()
            guard let template = parseTemplate(source, owner: owner, tag: tag, attribute: "\(attribute) script", line: script.line, locatedAt: script.qualifiedName,
                inTaskListener: kind == .task) else { return nil }
            implementation = .script(format: format, expression: template)
        } else {
            report("Expected the \(kind.rawValue) of '\(owner)' to have a class, expression, delegateExpression or camunda:script, but it has none.")
            return nil
        }
        var timer: TimerDefinition?
        if event == "timeout" {
            guard let definition = child.children.first(where: { $0.isElement("timerEventDefinition", in: Namespace.bpmn) }) else {
                report("Expected the timeout taskListener of '\(owner)' to hold a timerEventDefinition, but it has none.")
                return nil
            }
            guard let read = readTimer(definition, owner: owner, ownerElement: element) else { return nil }
            timer = read
        }
        return Listener(kind: kind, event: event, implementation: implementation, timer: timer, line: child.line)
    }

    private func readProperties(_ element: XMLElement) -> [Property] {
        element.children.filter { $0.isElement("property", in: Namespace.camunda) }.compactMap { property in
            property.attribute("name").map { Property(name: $0, value: property.attribute("value")) }
        }
    }

    /// A parameter's value: a nested `camunda:list`, `camunda:map` or `camunda:script`, else its text.
    private mutating func readParameterValue(_ element: XMLElement, owner: ElementID, ownerTag: String) -> ParameterValue {
        let attribute = "camunda:\(element.localName) '\(element.attribute("name") ?? element.attribute("key") ?? "")'"
        if let nested = element.children.first(where: { $0.inNamespace(Namespace.camunda) }) {
            switch nested.localName {
            case "list":
                return .list(
                    nested.children.filter { $0.inNamespace(Namespace.camunda) }.map { readParameterValue($0, owner: owner, ownerTag: ownerTag) })
            case "map":
                return .map(
                    nested.children.filter { $0.isElement("entry", in: Namespace.camunda) }.map { entry in
                        let key = entry.attribute("key") ?? ""
                        let keyExpression = key.contains("{")
                            ? parseTemplate(key, owner: owner, tag: ownerTag, attribute: "\(attribute) entry key", line: entry.line).flatMap { $0.isLiteral ? nil : $0 }
                            : nil
                        return ParameterValue.Entry(
                            key: key, keyExpression: keyExpression, value: readParameterValue(entry, owner: owner, ownerTag: ownerTag))
                    })
            case "script":
                let format = nested.attribute("scriptFormat")
                let source = nested.text
                var expression: Template?
                if let format, ["juel", "expression"].contains(format.lowercased()) {
                    expression = parseTemplate(source.trimmingASCIIWhitespace(), owner: owner, tag: ownerTag, attribute: attribute, line: nested.line)
                } else if executable {
                    sink.report(
                        .error, .unsupportedScriptLanguage,
                        "Expected \(attribute) of '\(owner)' to be a JUEL script, but it is written in '\(format ?? "no language")', which Baton does not execute.",
                        line: nested.line, tag: ownerTag, element: owner, attribute: attribute)
                }
                return .script(format: format, source: source, expression: expression)
            default:
                break
            }
        }
        let text = element.text.trimmingASCIIWhitespace()
        guard !text.isEmpty else { return .null }
        guard let template = parseTemplate(text, owner: owner, tag: ownerTag, attribute: attribute, line: element.line) else { return .null }
        return .text(template)
    }

    private mutating func readFormFields(_ element: XMLElement, owner: ElementID, ownerTag: String) -> [FormField] {
        var fields: [FormField] = []
        for child in element.children where child.isElement("formField", in: Namespace.camunda) {
            guard let id = child.attribute("id"), !id.isEmpty else {
                sink.report(
                    .error, .missingAttribute, "Expected every camunda:formField of '\(owner)' to have an id, but one has none.",
                    line: child.line, tag: ownerTag, element: owner, attribute: "camunda:formField")
                continue
            }
            var field = FormField(id: id, label: child.attribute("label"), type: child.attribute("type"))
            field.datePattern = child.attribute("datePattern")
            field.defaultValue = child.attribute("defaultValue").flatMap {
                parseTemplate($0, owner: owner, tag: ownerTag, attribute: "camunda:formField '\(id)' defaultValue", line: child.line)
            }
            for part in child.children where part.inNamespace(Namespace.camunda) {
                switch part.localName {
                case "validation":
                    field.constraints = part.children.filter { $0.isElement("constraint", in: Namespace.camunda) }.compactMap { constraint in
                        constraint.attribute("name").map { FormField.Constraint(name: $0, config: constraint.attribute("config")) }
                    }
                case "value":
                    if let valueID = part.attribute("id") { field.enumValues.append(.init(id: valueID, name: part.attribute("name"))) }
                case "properties":
                    field.properties = readProperties(part)
                default:
                    continue
                }
            }
            fields.append(field)
        }
        return fields
    }
}
