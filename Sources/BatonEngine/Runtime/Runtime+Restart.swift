import BatonCore
import BatonModel

/// How ended instances start again (Camunda's `POST /process-definition/{id}/restart`): a new
/// instance of the same version, started where the instructions say, with the variables the
/// ended one had last (or at its start), and its business key unless told otherwise.
public struct RestartPlan: Hashable, Sendable, Codable {
    /// Where the new instance starts: Camunda's restart instructions have no variables and no
    /// ancestor, so they are kept as their kind and the element they name.
    public struct Instruction: Hashable, Sendable, Codable {
        public enum Kind: String, Hashable, Sendable, Codable { case startBeforeActivity, startAfterActivity, startTransition }
        public var kind: Kind
        /// The activity (or, for a transition, the sequence flow).
        public var elementID: String

        public init(_ kind: Kind, _ elementID: String) {
            self.kind = kind
            self.elementID = elementID
        }

        var modification: ModificationInstruction {
            switch kind {
            case .startBeforeActivity: .startBeforeActivity(ElementID(elementID), ancestor: nil, variables: ModificationVariables())
            case .startAfterActivity: .startAfterActivity(ElementID(elementID), ancestor: nil, variables: ModificationVariables())
            case .startTransition: .startTransition(ElementID(elementID), ancestor: nil, variables: ModificationVariables())
            }
        }
    }

    public var definitionID: String
    public var instructions: [Instruction]
    /// The variables the ended instance started with, instead of those it ended with.
    public var initialVariables = false
    public var withoutBusinessKey = false
    public var skipCustomListeners = false
    public var skipIoMappings = false

    public init(definitionID: String, instructions: [Instruction]) {
        self.definitionID = definitionID
        self.instructions = instructions
    }
}

extension Runtime {
    /// Restarts every instance of `instanceIDs` in one transaction: all of them, or none (the
    /// error says which could not). Returns the new instances, in the order asked.
    @discardableResult
    public func restart(_ instanceIDs: [String], by plan: RestartPlan) async throws -> [ProcessInstanceInfo] {
        try requireInstructions(plan)
        return try await commandTransaction { transaction in
            var started: [ProcessInstanceInfo] = []
            for id in instanceIDs {
                switch try await restart(id, by: plan, in: transaction) {
                case .success(let instance): started.append(instance)
                case .failure(let error): throw error
                }
            }
            return started
        }
    }

    /// Records a batch restarting `instanceIDs` a transaction each (`/restart-async`).
    public func restartInBatch(_ instanceIDs: [String], by plan: RestartPlan, createdBy: String? = nil) async throws -> BatchRecord {
        try requireInstructions(plan)
        _ = try await processDefinition(plan.definitionID)
        return try await recordBatch(.restart(plan), items: instanceIDs, createdBy: createdBy)
    }

    private func requireInstructions(_ plan: RestartPlan) throws {
        guard !plan.instructions.isEmpty else {
            throw EngineError(.invalidArgument, "Restart instructions cannot be empty: say where the new instances start (startBeforeActivity, startAfterActivity or startTransition).")
        }
    }

    /// Restarts ended instance `id` in `transaction`: the new instance, or why it cannot be
    /// restarted (nothing written then).
    func restart(_ id: String, by plan: RestartPlan, in transaction: any StoreTransaction) async throws -> Result<ProcessInstanceInfo, EngineError> {
        guard let ended = try await transaction.lockInstance(id) else {
            return .failure(EngineError(.notFound, "Historic process instance '\(id)' does not exist."))
        }
        guard ended.definitionID == plan.definitionID else {
            return .failure(EngineError(
                .invalidArgument, "Historic process instance '\(id)' ran definition '\(ended.definitionID)', not '\(plan.definitionID)', the one restarting it."))
        }
        guard ended.state.status != .active else {
            return .failure(EngineError(.invalidArgument, "Historic process instance '\(id)' is still running; only an ended instance can be restarted."))
        }
        var variables = ended.state.variables[nil] ?? [:]
        if plan.initialVariables {
            // Those set on the instance itself as it started, before its first element began.
            variables = [:]
            for recorded in try await transaction.history(of: id) {
                if case .elementActivated = recorded.event { break }
                if case .variableSet(nil, let name, let value) = recorded.event { variables[name] = value }
            }
        }
        do {
            let definition = try await resolveDefinition(key: nil, id: plan.definitionID, tenantID: nil, in: transaction)
            return .success(try await start(
                definition, startEvent: nil, businessKey: plan.withoutBusinessKey ? nil : ended.state.businessKey, variables: variables,
                instructions: plan.instructions.map(\.modification), skipCustomListeners: plan.skipCustomListeners, skipIoMappings: plan.skipIoMappings,
                in: transaction))
        } catch let error as EngineError {
            return .failure(error)
        }
    }
}
