/// The content of one BPMN file: its processes, the root elements they reference, collaborations
/// and the diagram, all in document order.
public struct Definitions: Hashable, Sendable {
    public var id: String?
    public var targetNamespace: String?
    public var exporter: String?
    public var exporterVersion: String?
    public var processes: [ProcessDefinition] = []
    public var messages: [RootElement] = []
    public var errors: [BPMNErrorDefinition] = []
    public var signals: [RootElement] = []
    public var escalations: [RootElement] = []
    public var collaborations: [Collaboration] = []
    public var diagram = Diagram()

    public init() {}

    public var executableProcesses: [ProcessDefinition] { processes.filter(\.isExecutable) }

    public func process(_ id: ElementID) -> ProcessDefinition? { processes.first { $0.id == id } }
    public func error(_ id: ElementID) -> BPMNErrorDefinition? { errors.first { $0.id == id } }
}

/// A root-level `message`, `signal` or `escalation`: an id and the name events match on.
public struct RootElement: Hashable, Sendable {
    public var id: ElementID
    public var name: String?
    /// For escalations, `escalationCode`; unused otherwise.
    public var code: String?
    public var line: Int

    public init(id: ElementID, name: String?, code: String? = nil, line: Int) {
        self.id = id
        self.name = name
        self.code = code
        self.line = line
    }
}

/// A root-level `error`: what error events throw and boundary events catch, by `errorCode`.
public struct BPMNErrorDefinition: Hashable, Sendable {
    public var id: ElementID
    public var name: String?
    public var errorCode: String?
    /// `camunda:errorMessage`
    public var errorMessage: String?
    public var line: Int

    public init(id: ElementID, name: String?, errorCode: String?, errorMessage: String?, line: Int) {
        self.id = id
        self.name = name
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.line = line
    }
}

/// A `collaboration`: pools (participants) and the message flows between them.
public struct Collaboration: Hashable, Sendable {
    public struct Participant: Hashable, Sendable {
        public var id: ElementID
        public var name: String?
        public var processRef: ElementID?
        public init(id: ElementID, name: String?, processRef: ElementID?) {
            self.id = id
            self.name = name
            self.processRef = processRef
        }
    }

    public struct MessageFlow: Hashable, Sendable {
        public var id: ElementID
        public var name: String?
        public var source: ElementID
        public var target: ElementID
        public var messageRef: ElementID?
        public init(id: ElementID, name: String?, source: ElementID, target: ElementID, messageRef: ElementID?) {
            self.id = id
            self.name = name
            self.source = source
            self.target = target
            self.messageRef = messageRef
        }
    }

    public var id: ElementID
    public var participants: [Participant] = []
    public var messageFlows: [MessageFlow] = []

    public init(id: ElementID) { self.id = id }
}
