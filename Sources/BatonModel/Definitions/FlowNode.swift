/// A flow node of a process at any depth: event, activity or gateway, with what every kind shares.
public struct FlowNode: Hashable, Sendable {
    public var id: ElementID
    public var name: String?
    /// The enclosing subprocess's id, or nil when the node sits directly in the process.
    public var parent: ElementID?
    public var kind: FlowNodeKind
    /// The `default` attribute: the flow taken when no condition holds (gateways and activities).
    public var defaultFlow: ElementID?
    public var continuation = AsyncContinuation()
    public var inputOutput = InputOutputMapping()
    public var multiInstance: MultiInstanceLoop?
    public var listeners: [Listener] = []
    public var properties: [Property] = []
    public var documentation: String?
    /// 1-based line of the element's start tag in the BPMN file.
    public var line: Int

    public init(id: ElementID, name: String?, parent: ElementID?, kind: FlowNodeKind, line: Int) {
        self.id = id
        self.name = name
        self.parent = parent
        self.kind = kind
        self.line = line
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
