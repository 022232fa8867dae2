extension FlowNodeKind {
    /// The activity type Camunda 7 records for an instance of this node (its `ActivityTypes`):
    /// events are told apart by their trigger (`boundaryTimer`, `noneEndEvent`,
    /// `intermediateMessageCatch`…); every other node is its element name. History and the
    /// activity-instance tree report it, and clients filter on it (`activityType=boundaryTimer`).
    public var activityType: String {
        let trigger = eventDefinitions.first
        switch self {
        case .startEvent:
            switch trigger {
            case .timer: return "startTimerEvent"
            case .message: return "messageStartEvent"
            case .signal: return "signalStartEvent"
            case .escalation: return "escalationStartEvent"
            case .compensate: return "compensationStartEvent"
            case .error: return "errorStartEvent"
            case .conditional: return "conditionalStartEvent"
            default: return "startEvent"
            }
        case .endEvent:
            switch trigger {
            case .error: return "errorEndEvent"
            case .cancel: return "cancelEndEvent"
            case .terminate: return "terminateEndEvent"
            case .message: return "messageEndEvent"
            case .signal: return "signalEndEvent"
            case .compensate: return "compensationEndEvent"
            case .escalation: return "escalationEndEvent"
            default: return "noneEndEvent"
            }
        case .intermediateCatchEvent:
            switch trigger {
            case .message: return "intermediateMessageCatch"
            case .timer: return "intermediateTimer"
            case .link: return "intermediateLinkCatch"
            case .signal: return "intermediateSignalCatch"
            case .conditional: return "intermediateConditional"
            default: return "intermediateCatchEvent"
            }
        case .intermediateThrowEvent:
            switch trigger {
            case nil: return "intermediateNoneThrowEvent"
            case .signal: return "intermediateSignalThrow"
            case .compensate: return "intermediateCompensationThrowEvent"
            case .message: return "intermediateMessageThrowEvent"
            case .escalation: return "intermediateEscalationThrowEvent"
            default: return "intermediateThrowEvent"
            }
        case .boundaryEvent:
            switch trigger {
            case .timer: return "boundaryTimer"
            case .message: return "boundaryMessage"
            case .signal: return "boundarySignal"
            case .compensate: return "compensationBoundaryCatch"
            case .error: return "boundaryError"
            case .escalation: return "boundaryEscalation"
            case .cancel: return "cancelBoundaryCatch"
            case .conditional: return "boundaryConditional"
            default: return "boundaryEvent"
            }
        default:
            return elementName
        }
    }
}
