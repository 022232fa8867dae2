import BatonModel

/// What one kind of element does when its instance is activated.
///
/// Completing and terminating are the same for every kind (``StepRun/leave(_:flows:)`` maps
/// outputs, closes listeners and takes outgoing flows; ``StepRun/terminate(_:)`` ends children,
/// tasks, jobs and subscriptions first); each behaviour documents where it differs. Modeled on
/// Zeebe's `BpmnElementProcessor`, whose Javadoc lists "possible actions" and the "next step".
protocol ElementBehavior {
    /// Runs when the element instance `key` has been created (inputs mapped, boundary events open).
    /// - Parameter triggered: the element's event already happened (a message or timer delivered
    ///   it, or an event-based gateway chose it), so a catch event completes at once.
    static func activate(_ run: inout StepRun, _ key: ElementKey, _ node: ExecutableNode, triggered: Bool) throws(Rejection)
}
