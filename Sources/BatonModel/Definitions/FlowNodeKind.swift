/// What a flow node is, with the settings only that kind has.
///
/// An enum rather than a class hierarchy: the executor switches over it exhaustively, so adding a
/// kind makes the compiler list every place that must learn about it. `indirect` keeps the enum
/// one pointer wide however large a kind's settings grow.
public indirect enum FlowNodeKind: Hashable, Sendable {
    case startEvent(StartEvent)
    case endEvent([EventDefinition])
    case intermediateCatchEvent([EventDefinition])
    case intermediateThrowEvent([EventDefinition])
    case boundaryEvent(BoundaryEvent)

    case task
    case manualTask
    case userTask(UserTaskDefinition)
    case serviceTask(ServiceImplementation)
    case sendTask(ServiceImplementation)
    case businessRuleTask(ServiceImplementation)
    case scriptTask(ScriptDefinition)
    case receiveTask(messageRef: ElementID?)

    case callActivity(CallActivityDefinition)
    case subProcess(SubProcessDefinition)

    case gateway(GatewayKind)

    /// The BPMN element's local name (`userTask`, `boundaryEvent`, `exclusiveGateway`…).
    public var elementName: String {
        switch self {
        case .startEvent: "startEvent"
        case .endEvent: "endEvent"
        case .intermediateCatchEvent: "intermediateCatchEvent"
        case .intermediateThrowEvent: "intermediateThrowEvent"
        case .boundaryEvent: "boundaryEvent"
        case .task: "task"
        case .manualTask: "manualTask"
        case .userTask: "userTask"
        case .serviceTask: "serviceTask"
        case .sendTask: "sendTask"
        case .businessRuleTask: "businessRuleTask"
        case .scriptTask: "scriptTask"
        case .receiveTask: "receiveTask"
        case .callActivity: "callActivity"
        case .subProcess(let sub): sub.variant.rawValue
        case .gateway(let gateway): gateway.rawValue
        }
    }

    /// The event definitions of an event; empty for a none event and for non-events.
    public var eventDefinitions: [EventDefinition] {
        switch self {
        case .startEvent(let start): start.eventDefinitions
        case .endEvent(let definitions), .intermediateCatchEvent(let definitions), .intermediateThrowEvent(let definitions):
            definitions
        case .boundaryEvent(let boundary): boundary.eventDefinitions
        default: []
        }
    }

    public var isEvent: Bool {
        switch self {
        case .startEvent, .endEvent, .intermediateCatchEvent, .intermediateThrowEvent, .boundaryEvent: true
        default: false
        }
    }

    /// Intermediate throw and end events: they send their event rather than wait for it.
    public var isThrowing: Bool {
        switch self {
        case .intermediateThrowEvent, .endEvent: true
        default: false
        }
    }

    public var isGateway: Bool {
        if case .gateway = self { return true }
        return false
    }

    /// Tasks, subprocesses and call activities: the nodes boundary events may attach to.
    public var isActivity: Bool { !isEvent && !isGateway }

    /// True for subprocess kinds that hold their own flow nodes.
    public var isSubProcess: Bool {
        if case .subProcess = self { return true }
        return false
    }
}

public enum GatewayKind: String, Hashable, Sendable {
    case exclusive = "exclusiveGateway"
    case parallel = "parallelGateway"
    case inclusive = "inclusiveGateway"
    case eventBased = "eventBasedGateway"
    case complex = "complexGateway"
}

public struct StartEvent: Hashable, Sendable {
    public var eventDefinitions: [EventDefinition]
    /// Only meaningful in event subprocesses.
    public var isInterrupting: Bool
    /// `camunda:initiator`: the variable that receives the starting user's id.
    public var initiator: String?
    public var formKey: String?
    public var formFields: [FormField]

    public init(eventDefinitions: [EventDefinition], isInterrupting: Bool = true, initiator: String? = nil, formKey: String? = nil, formFields: [FormField] = []) {
        self.eventDefinitions = eventDefinitions
        self.isInterrupting = isInterrupting
        self.initiator = initiator
        self.formKey = formKey
        self.formFields = formFields
    }
}

public struct BoundaryEvent: Hashable, Sendable {
    public var attachedTo: ElementID
    /// `cancelActivity`: true for interrupting boundary events (the BPMN default).
    public var cancelActivity: Bool
    public var eventDefinitions: [EventDefinition]

    public init(attachedTo: ElementID, cancelActivity: Bool, eventDefinitions: [EventDefinition]) {
        self.attachedTo = attachedTo
        self.cancelActivity = cancelActivity
        self.eventDefinitions = eventDefinitions
    }
}

public struct SubProcessDefinition: Hashable, Sendable {
    public enum Variant: String, Hashable, Sendable {
        case embedded = "subProcess"
        case transaction
        case adHoc = "adHocSubProcess"
    }

    public var variant: Variant
    /// `triggeredByEvent="true"`: an event subprocess, started by its start event.
    public var triggeredByEvent: Bool

    public init(variant: Variant, triggeredByEvent: Bool) {
        self.variant = variant
        self.triggeredByEvent = triggeredByEvent
    }
}
