import BatonModel

extension StepRun {
    /// The variables `camunda:in` mappings pass on from element instance `key`: a call
    /// activity's to the instance it starts, a signal throw's to the signal's receivers.
    /// `variables="all"` copies every visible variable (with `local="true"`, only those of `key`
    /// itself); `source` copies one variable (missing ones are left out, as in Camunda);
    /// `sourceExpression` evaluates an expression.
    func mappedVariables(_ mappings: [VariableMapping], from key: ElementKey, what: String) throws(Rejection) -> [String: VariableValue] {
        var variables: [String: VariableValue] = [:]
        for mapping in mappings {
            if mapping.allVariables {
                let source = mapping.local ? state.variables[key] ?? [:] : state.visibleVariables(from: key)
                variables.merge(source) { _, new in new }
            } else if let target = mapping.target {
                if let expression = mapping.sourceExpression {
                    variables[target] = try evaluate(expression, at: key, what: "a camunda:in sourceExpression of \(what)")
                } else if let source = mapping.source {
                    let value = mapping.local ? state.variables[key]?[source] : state.variable(source, from: key)
                    if let value { variables[target] = value }
                }
            }
        }
        return variables
    }
}
