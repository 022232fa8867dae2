/// A `camunda:executionListener` or `camunda:taskListener`: code run inside the command when its
/// event happens, as in Camunda.
///
/// Execution listeners: `start` and `end` on the process and on every flow node, `take` on a
/// sequence flow. Task listeners: `create`, `assignment`, `update`, `complete`, `delete` and
/// `timeout` on a user task.
public struct Listener: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case execution = "executionListener"
        case task = "taskListener"
    }

    /// What the listener runs.
    public enum Implementation: Hashable, Sendable {
        /// `expression="${…}"`: evaluated for its effects (`execution.setVariable`, `task.setAssignee`).
        case expression(Template)
        /// `delegateExpression="${name}"`: the listener handler registered under `name`.
        case delegateExpression(Template)
        /// `class="…"`: the listener handler registered under the class name.
        case className(String)
        /// A nested `camunda:script`; Baton runs JUEL (`expression` is its parsed body) only.
        case script(format: String?, expression: Template?)
    }

    public var kind: Kind
    /// The event, lower case as Camunda spells it; a flow's listener without one listens to `take`.
    public var event: String
    public var implementation: Implementation
    /// The due time of a `timeout` task listener.
    public var timer: TimerDefinition?
    public var line: Int

    public init(kind: Kind, event: String, implementation: Implementation, timer: TimerDefinition? = nil, line: Int) {
        self.kind = kind
        self.event = event
        self.implementation = implementation
        self.timer = timer
        self.line = line
    }

    /// The events each kind of listener may name.
    public static let executionEvents: Set<String> = ["start", "end", "take"]
    public static let taskEvents: Set<String> = ["create", "assignment", "update", "complete", "delete", "timeout"]
}
