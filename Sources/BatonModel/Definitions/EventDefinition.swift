/// What triggers or is triggered by an event: the `…EventDefinition` children of an event element.
public enum EventDefinition: Hashable, Sendable {
    case message(ElementID?)
    case timer(TimerDefinition)
    /// The referenced root `error`; nil on a catch-all error boundary or start event.
    case error(ElementID?)
    case signal(ElementID?)
    case escalation(ElementID?)
    case conditional(Condition?)
    case compensate
    case link(name: String?)
    case terminate
    case cancel

    /// The element's local name, e.g. `timerEventDefinition`.
    public var elementName: String {
        switch self {
        case .message: "messageEventDefinition"
        case .timer: "timerEventDefinition"
        case .error: "errorEventDefinition"
        case .signal: "signalEventDefinition"
        case .escalation: "escalationEventDefinition"
        case .conditional: "conditionalEventDefinition"
        case .compensate: "compensateEventDefinition"
        case .link: "linkEventDefinition"
        case .terminate: "terminateEventDefinition"
        case .cancel: "cancelEventDefinition"
        }
    }
}

/// A timer event definition: which of `timeDate` / `timeDuration` / `timeCycle` it uses and its value.
public struct TimerDefinition: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        /// An ISO 8601 value known at deploy time.
        case fixed(TimerSchedule)
        /// `${…}`: evaluated against the instance's variables when the timer is created.
        case expression(Template)
    }

    public var kind: TimerKind
    public var value: Value

    public init(kind: TimerKind, value: Value) {
        self.kind = kind
        self.value = value
    }
}
