import BatonCore
import BatonModel

extension Runtime {
    /// Camunda's `createConditionEvaluation().evaluateStartConditions()` (`POST /condition`):
    /// evaluates the conditional start events of the latest version of every process (or of
    /// definition `definitionID`, any version) against `variables` alone, and starts an instance
    /// at each start event whose condition holds, in one transaction: all or none.
    ///
    /// Only definitions in `definitions` and `tenants` are considered (those the caller may start
    /// and asked for); a suspended
    /// one is passed by. A condition that names a variable not given is false, and a start event
    /// with `camunda:variableName` is evaluated only when that variable is given. No condition
    /// holding starts nothing; no conditional start event to evaluate at all is an error, as in
    /// Camunda.
    public func evaluateStartConditions(
        variables: [String: VariableValue], businessKey: String? = nil, definitionID: String? = nil, definitions scope: ResourceScope = .all,
        tenants: TenantFilter = .any
    ) async throws -> [ProcessInstanceInfo] {
        let tenants = tenants.intersection(TenantCheck.filter)
        return try await commandTransaction { transaction in
            var candidates: [DefinitionReference] = []
            if let definitionID {
                guard let record = try await transaction.definition(id: definitionID) else {
                    throw EngineError(.notFound, "no deployed process definition found with id '\(definitionID)'")
                }
                candidates = [DefinitionReference(record)]
            } else {
                candidates = try await latestDefinitions(in: transaction)
            }
            candidates.removeAll { !tenants.admits($0.tenantID) }
            var subscriptions: [(definition: DefinitionReference, start: ExecutableNode, condition: Condition)] = []
            for definition in candidates where scope.contains(definition.id) {
                let process = try await executable(definition.id, in: transaction)
                for start in process.root.startEvents {
                    let node = process.nodes[start]
                    guard case .conditional(let condition?)? = node.kind.eventDefinitions.first else { continue }
                    subscriptions.append((definition, node, condition))
                }
            }
            if let definitionID, subscriptions.isEmpty {
                throw EngineError(.invalidArgument, "Process definition with id '\(definitionID)' does not declare conditional start event")
            }
            guard !subscriptions.isEmpty else {
                throw EngineError(.notFound, "No subscriptions were found during evaluation of the conditional start events.")
            }
            let given = VariableDictionary(variables)
            var started: [ProcessInstanceInfo] = []
            for subscription in subscriptions where !subscription.definition.suspended {
                if let name = subscription.start.details.conditionVariableName, variables[name] == nil { continue }
                let holds: Bool
                do {
                    holds = try ExpressionEvaluator.evaluateEventCondition(subscription.condition.expression, in: given)
                } catch let error as ExpressionEvaluationError {
                    throw EngineError(
                        .executionFailed, "Expected the condition of start event '\(subscription.start.id)' to evaluate, but it failed: \(error.message).")
                }
                guard holds else { continue }
                started.append(try await start(
                    subscription.definition, startEvent: subscription.start.id, businessKey: businessKey, variables: variables, in: transaction))
            }
            return started
        }
    }
}
