import BatonModel

/// What a DI shape or edge's `bpmnElement` names, as far as the model knows it.
enum DiagramElement {
    case flowNode(FlowNode, in: ProcessDefinition)
    case sequenceFlow(SequenceFlow, in: ProcessDefinition)
    case messageFlow(Collaboration.MessageFlow)
    case participant(Collaboration.Participant)
    case lane(Lane)

    /// The BPMN local name, used as the `bpmn-<name>` class.
    var elementName: String {
        switch self {
        case .flowNode(let node, _): node.kind.elementName
        case .sequenceFlow: "sequenceFlow"
        case .messageFlow: "messageFlow"
        case .participant: "participant"
        case .lane: "lane"
        }
    }

    var name: String? {
        switch self {
        case .flowNode(let node, _): node.name
        case .sequenceFlow(let flow, _): flow.name
        case .messageFlow(let flow): flow.name
        case .participant(let participant): participant.name
        case .lane(let lane): lane.name
        }
    }
}

/// Looks up the element behind each DI reference in O(1). Dictionaries are used for lookup only;
/// drawing order always comes from the DI arrays, so output never depends on hash order.
struct DiagramElementIndex {
    private var elements: [ElementID: DiagramElement] = [:]

    init(_ definitions: Definitions) {
        // First occurrence wins, as in ProcessDefinition; the reader reports duplicates.
        for process in definitions.processes {
            for node in process.flowNodes where elements[node.id] == nil { elements[node.id] = .flowNode(node, in: process) }
            for flow in process.sequenceFlows where elements[flow.id] == nil { elements[flow.id] = .sequenceFlow(flow, in: process) }
            for lane in process.lanes where elements[lane.id] == nil { elements[lane.id] = .lane(lane) }
        }
        for collaboration in definitions.collaborations {
            for participant in collaboration.participants where elements[participant.id] == nil {
                elements[participant.id] = .participant(participant)
            }
            for flow in collaboration.messageFlows where elements[flow.id] == nil { elements[flow.id] = .messageFlow(flow) }
        }
    }

    subscript(id: ElementID) -> DiagramElement? { elements[id] }
}
