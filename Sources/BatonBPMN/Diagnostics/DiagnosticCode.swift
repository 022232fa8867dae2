/// A stable, greppable identifier for a kind of diagnostic: `BPMN-E012` plus a readable name.
///
/// Codes are never renumbered or reused; new kinds get new numbers. `E` codes are errors that
/// block deploying an executable process, `W` codes are warnings.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    public let identifier: String
    public let name: String

    private init(_ identifier: String, _ name: String) {
        self.identifier = identifier
        self.name = name
    }

    public var description: String { "\(identifier) \(name)" }

    // MARK: Reading the file
    /// The bytes are not well-formed XML.
    public static let malformedXML = Self("BPMN-E001", "malformedXML")
    /// The root element is not `definitions` in the BPMN 2.0 model namespace.
    public static let notBPMN = Self("BPMN-E002", "notBPMN")
    /// The file is larger than the configured limit (16 MiB by default).
    public static let fileTooLarge = Self("BPMN-E003", "fileTooLarge")
    /// The file has a `<!DOCTYPE`; refused to rule out entity attacks.
    public static let documentTypeForbidden = Self("BPMN-E004", "documentTypeForbidden")
    /// The file could not be opened or read.
    public static let unreadableFile = Self("BPMN-E006", "unreadableFile")
    /// Elements nest deeper than the configured limit.
    public static let nestingTooDeep = Self("BPMN-E005", "nestingTooDeep")

    // MARK: Identity and references
    /// An element that needs an `id` has none.
    public static let missingID = Self("BPMN-E010", "missingID")
    /// Two elements share an `id`.
    public static let duplicateID = Self("BPMN-E011", "duplicateID")
    /// A sequence flow's `sourceRef` or `targetRef` names no flow node.
    public static let unknownFlowEndpoint = Self("BPMN-E012", "unknownFlowEndpoint")
    /// A sequence flow connects nodes of different scopes (e.g. into a subprocess).
    public static let flowCrossesScope = Self("BPMN-E013", "flowCrossesScope")
    /// A required attribute (`sourceRef`, `attachedToRef`, `calledElement`…) is missing or empty.
    public static let missingAttribute = Self("BPMN-E014", "missingAttribute")
    /// A `messageRef`, `errorRef`, `signalRef` or `escalationRef` names no root element.
    public static let unknownReference = Self("BPMN-E015", "unknownReference")
    /// A boolean or numeric attribute has a value that is not one.
    public static let invalidAttributeValue = Self("BPMN-E016", "invalidAttributeValue")

    // MARK: Structure of executable processes
    /// A process or subprocess has no start event it can be started by.
    public static let noStartEvent = Self("BPMN-E020", "noStartEvent")
    /// A flow node can never be reached from a start event.
    public static let unreachableNode = Self("BPMN-E021", "unreachableNode")
    /// A node that must hand its token on has no outgoing sequence flow.
    public static let noOutgoingFlow = Self("BPMN-E022", "noOutgoingFlow")
    /// A flow goes into a start or boundary event, or out of an end event.
    public static let invalidFlowDirection = Self("BPMN-E023", "invalidFlowDirection")
    /// A subprocess has more than one none start event, or a process more than one none start.
    public static let ambiguousStart = Self("BPMN-E024", "ambiguousStart")

    // MARK: Gateways and conditions
    /// A sequence flow out of an event-based gateway has a condition (the first event decides).
    /// Out of a parallel gateway a condition is only a warning (``conditionIgnored``), as Camunda
    /// ignores it. (BPMN-E031, a gateway's flows without condition, is no longer an error:
    /// ``flowWithoutCondition``.)
    public static let conditionOnParallelFlow = Self("BPMN-E030", "conditionOnParallelFlow")
    /// `default` names a flow that does not leave this node.
    public static let invalidDefaultFlow = Self("BPMN-E032", "invalidDefaultFlow")
    /// An exclusive gateway's flows break Camunda's rules: a condition on its only flow or on its
    /// default flow, or a flow without condition beside a default flow or another such flow.
    public static let invalidExclusiveGateway = Self("BPMN-E034", "invalidExclusiveGateway")
    /// An event-based gateway leads to something other than a catch event or receive task.
    public static let invalidEventGatewayTarget = Self("BPMN-E033", "invalidEventGatewayTarget")

    // MARK: Events
    /// A timer value is not ISO 8601, or the timer has no value.
    public static let invalidTimer = Self("BPMN-E050", "invalidTimer")
    /// A boundary event is attached to nothing, to a non-activity, or has no usable trigger.
    public static let invalidBoundaryEvent = Self("BPMN-E051", "invalidBoundaryEvent")
    /// An event subprocess is wired with sequence flows or lacks a triggered start event.
    public static let invalidEventSubProcess = Self("BPMN-E052", "invalidEventSubProcess")
    /// Two message start events of one process wait for the same message.
    public static let duplicateMessageStart = Self("BPMN-E053", "duplicateMessageStart")
    /// Two events of one scope wait for the same signal (two signal starts of a process, two
    /// event subprocess starts of one scope, two boundary events of one activity, two catches
    /// after one event-based gateway).
    public static let duplicateSignalSubscription = Self("BPMN-E054", "duplicateSignalSubscription")

    // MARK: Expressions
    /// An expression does not parse.
    public static let expressionSyntax = Self("BPMN-E060", "expressionSyntax")
    /// An expression calls a function or method Baton does not evaluate.
    public static let unsupportedFunction = Self("BPMN-E061", "unsupportedFunction")
    /// An expression reads a property that `execution` or `task` does not have.
    public static let unknownContextProperty = Self("BPMN-E063", "unknownContextProperty")
    /// A condition is not a single `${…}` expression.
    public static let conditionNotExpression = Self("BPMN-E062", "conditionNotExpression")

    // MARK: Execution support
    /// An element kind or option that Baton does not execute.
    public static let unsupportedElement = Self("BPMN-E070", "unsupportedElement")
    /// A script in a language other than JUEL.
    public static let unsupportedScriptLanguage = Self("BPMN-E071", "unsupportedScriptLanguage")
    /// A service, send or business-rule task says nothing about how it is done.
    public static let missingImplementation = Self("BPMN-E072", "missingImplementation")
    /// Multi-instance without cardinality or collection, or an element variable without collection.
    public static let invalidMultiInstance = Self("BPMN-E073", "invalidMultiInstance")
    /// An execution or task listener names no event or one its kind does not have, or says
    /// nothing about what to run.
    public static let invalidListener = Self("BPMN-E074", "invalidListener")
    /// A link throw without its catch in the same scope, a link name caught twice, or a link
    /// catch after an event-based gateway.
    public static let invalidLinkEvent = Self("BPMN-E075", "invalidLinkEvent")
    /// The file holds no executable process.
    public static let noExecutableProcess = Self("BPMN-E080", "noExecutableProcess")

    // MARK: Warnings
    /// An element of the BPMN namespace that Baton does not know; it is ignored.
    public static let unknownElement = Self("BPMN-W100", "unknownElement")
    // BPMN-W101 (listeners read but not run) is retired: listeners run, and a listener Baton
    // cannot run is ``invalidListener``.
    /// An activity without outgoing flows ends its token there (implicit end).
    public static let implicitEnd = Self("BPMN-W102", "implicitEnd")
    /// A default flow carries a condition, which is never evaluated.
    public static let conditionOnDefaultFlow = Self("BPMN-W103", "conditionOnDefaultFlow")
    /// libxml2 warned about the XML (e.g. a relative namespace URI).
    public static let xmlWarning = Self("BPMN-W104", "xmlWarning")
    /// A process is not executable and will not be deployed.
    public static let notExecutable = Self("BPMN-W105", "notExecutable")
    /// A sequence flow without an id gets one made from its source and target (stable per file).
    public static let generatedID = Self("BPMN-W106", "generatedID")
    /// A condition on a flow out of a parallel gateway is never evaluated (as in Camunda).
    public static let conditionIgnored = Self("BPMN-W107", "conditionIgnored")
    /// A flow out of an exclusive or inclusive gateway has no condition, so it always holds: an
    /// exclusive gateway takes the first such flow, an inclusive one takes them all.
    public static let flowWithoutCondition = Self("BPMN-W108", "flowWithoutCondition")
    /// An expression outside a task listener reads `task`, which only task listeners offer.
    public static let taskOutsideTaskListener = Self("BPMN-W110", "taskOutsideTaskListener")
    /// An `errorRef` names no `<error>`: the reference itself is the error code.
    public static let errorCodeFromReference = Self("BPMN-W109", "errorCodeFromReference")
    /// A conditional event's `camunda:variableEvents` names something other than create, update
    /// or delete: that entry never matches a change (Camunda warns too).
    public static let unknownVariableEvent = Self("BPMN-W111", "unknownVariableEvent")
    /// An attribute value Baton reads but does not honour (`waitForCompletion="false"`: a
    /// compensation throw always waits, as in Camunda).
    public static let unsupportedAttributeValue = Self("BPMN-W112", "unsupportedAttributeValue")
}
