import BatonModel

/// One step of an operator's repair of a running instance (Camunda's process instance
/// modification), carried out in order within one command.
public enum ModificationInstruction: Hashable, Sendable {
    /// Enter `activity`, creating its enclosing subprocess instances when none is active.
    /// `ancestor` picks the scope instance when several could hold it.
    case startBeforeActivity(ElementID, ancestor: ElementKey?, variables: ModificationVariables)
    /// Take the single outgoing flow of `activity`.
    case startAfterActivity(ElementID, ancestor: ElementKey?, variables: ModificationVariables)
    /// Take sequence flow `flow`.
    case startTransition(ElementID, ancestor: ElementKey?, variables: ModificationVariables)
    /// Cancel one element instance (an activity or transition instance) and everything in it.
    case cancelInstance(ElementKey)
    /// Cancel every instance of `activity`.
    case cancelActivity(ElementID)
}

/// The variables a starting instruction sets: on the scope it starts in (as `setVariable` places
/// them), and local to the element it enters.
public struct ModificationVariables: Hashable, Sendable {
    public var variables: [String: VariableValue]
    public var local: [String: VariableValue]

    public init(variables: [String: VariableValue] = [:], local: [String: VariableValue] = [:]) {
        self.variables = variables
        self.local = local
    }
}
