import BatonModel

extension StepRun {
    /// Throws the signal of the intermediate throw or end event `key`: its name (resolved if it
    /// holds `${…}`), its `camunda:in` payload and business key.
    ///
    /// What waits for it in this instance receives it at once, in subscription order, before the
    /// thrower goes on, as in Camunda (a signal end event in a subprocess reaches the boundary
    /// event on that subprocess); an interrupting receiver may end the thrower. Other instances
    /// and signal start events are the runtime's: the ``SignalThrow`` event asks it to deliver
    /// there once this command commits.
    mutating func throwSignal(from key: ElementKey) throws(Rejection) {
        let position = state.element(key)!.node
        let node = process.nodes[position]
        let what = describe(position)
        var name = node.signalName ?? node.id.rawValue
        if let expression = node.signalNameExpression {
            name = ExpressionEvaluator.text(try evaluate(expression, at: key, what: "the signal name of \(what)"))
        }
        let variables = try mappedVariables(node.details.signalPayload, from: key, what: what)
        let businessKey = try node.details.signalBusinessKey.map { template throws(Rejection) in
            ExpressionEvaluator.text(try evaluate(template, at: key, what: "the business key of the signal of \(what)"))
        }
        emit(.signalThrown(SignalThrow(name: name, variables: variables, businessKey: businessKey)))
        for subscription in state.subscriptions where subscription.kind == .signal && subscription.eventName == name {
            // An earlier receiver may have ended this one's element.
            guard state.subscription(subscription.id) != nil else { continue }
            try trigger(subscription: subscription, variables: variables)
        }
    }
}
