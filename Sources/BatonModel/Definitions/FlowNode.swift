/// A flow node of a process at any depth: event, activity or gateway, with what every kind shares.
///
/// Kept small (about 100 bytes) because the executor looks nodes up on every step: the kind's
/// payload is boxed by `indirect`, and the settings most nodes never use live in one boxed
/// ``Details`` value. Both are still value types; copies never share mutable state.
public struct FlowNode: Hashable, Sendable {
    public var id: ElementID
    public var name: String?
    /// The enclosing subprocess's id, or nil when the node sits directly in the process.
    public var parent: ElementID?
    public var kind: FlowNodeKind
    /// The `default` attribute: the flow taken when no condition holds (gateways and activities).
    public var defaultFlow: ElementID?
    /// 1-based line of the element's start tag in the BPMN file.
    public var line: Int
    private var storage: DetailsStorage

    /// Settings that only some nodes carry.
    public struct Details: Hashable, Sendable {
        public var continuation = AsyncContinuation()
        public var inputOutput = InputOutputMapping()
        public var multiInstance: MultiInstanceLoop?
        public var listeners: [Listener] = []
        public var properties: [Property] = []
        public var documentation: String?
        /// `camunda:errorCodeVariable` / `errorMessageVariable` of an error catch event: where the
        /// caught error's code and message are put.
        public var errorCodeVariable: String?
        public var errorMessageVariable: String?
        /// `camunda:escalationCodeVariable` of an escalation catch event: where the caught
        /// escalation's code is put.
        public var escalationCodeVariable: String?
        /// A conditional event's `camunda:variableName`: only changes of this variable make it
        /// evaluate its condition.
        public var conditionVariableName: String?
        /// A conditional event's `camunda:variableEvents` (`create`, `update`, `delete`): only these
        /// kinds of change make it evaluate its condition; empty means every kind.
        public var conditionVariableEvents: [String] = []
        /// What a message intermediate throw or end event does, from the Camunda attributes of its
        /// `messageEventDefinition` (`camunda:type="external"` with a topic, `camunda:expression`,
        /// `camunda:delegateExpression`, `camunda:class`): it runs like a service task. Nil when
        /// it has none: the event passes the token on, as in Camunda.
        public var messageImplementation: ServiceImplementation?
        /// The `camunda:in` mappings of a signal intermediate throw or end event's
        /// `signalEventDefinition`: the variables the signal carries to its receivers.
        public var signalPayload: [VariableMapping] = []
        /// Its `<camunda:in businessKey="…"/>`: the business key of instances a signal start
        /// event starts on receiving it.
        public var signalBusinessKey: Template?
        /// `isForCompensation="true"`: the activity is a compensation handler, run only when the
        /// activity whose compensation boundary event is associated with it is compensated.
        public var isForCompensation = false
        /// A compensation boundary event's handler: the target of its `association`.
        public var compensationHandler: ElementID?
        /// A compensation throw or end event's `activityRef`: compensate that activity only.
        public var compensateActivityRef: ElementID?

        public init() {}
    }

    private indirect enum DetailsStorage: Hashable, Sendable {
        case details(Details)
    }

    public init(id: ElementID, name: String?, parent: ElementID?, kind: FlowNodeKind, line: Int, details: Details = Details()) {
        self.id = id
        self.name = name
        self.parent = parent
        self.kind = kind
        self.line = line
        storage = .details(details)
    }

    public var details: Details {
        get {
            switch storage { case .details(let details): details }
        }
        set { storage = .details(newValue) }
    }

    public var continuation: AsyncContinuation { details.continuation }
    public var inputOutput: InputOutputMapping { details.inputOutput }
    public var multiInstance: MultiInstanceLoop? { details.multiInstance }
    public var listeners: [Listener] { details.listeners }
    public var properties: [Property] { details.properties }
    public var documentation: String? { details.documentation }

    /// The link name of a link throw or catch event.
    public var linkName: String? {
        for case .link(let name) in kind.eventDefinitions { return name ?? "" }
        return nil
    }
}

/// `camunda:asyncBefore` / `asyncAfter` / `exclusive` / `failedJobRetryTimeCycle`: where the token
/// stops as a job, and how a failing job is retried.
public struct AsyncContinuation: Hashable, Sendable {
    public var before = false
    public var after = false
    public var exclusive = true
    public var retryPolicy: RetryPolicy?

    public init() {}
}

/// `camunda:failedJobRetryTimeCycle`: either a repeating interval (`R5/PT5M`) or a list of waits
/// between attempts (`PT1M,PT5M,PT30M`).
public enum RetryPolicy: Hashable, Sendable {
    case cycle(TimerCycle)
    case intervals([ISODuration])

    public init?(_ text: String) {
        let trimmed = text.trimmingASCIIWhitespace()
        if let cycle = TimerCycle(trimmed) {
            self = .cycle(cycle)
            return
        }
        var waits: [ISODuration] = []
        for part in trimmed.split(separator: ",") {
            guard let wait = ISODuration(String(part).trimmingASCIIWhitespace()) else { return nil }
            waits.append(wait)
        }
        guard !waits.isEmpty else { return nil }
        self = .intervals(waits)
    }
}
