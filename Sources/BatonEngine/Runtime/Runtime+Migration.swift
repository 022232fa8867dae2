import BatonCore
import BatonModel

/// A migration plan, as Camunda's `/migration` API writes one: which definition to which, and
/// which activity of the source becomes which of the target.
public struct MigrationPlan: Hashable, Sendable, Codable {
    public struct Instruction: Hashable, Sendable, Codable {
        public var sourceActivityID: String
        public var targetActivityID: String
        /// The migrated event takes the target's trigger (message or signal name, timer) instead
        /// of keeping its own.
        public var updateEventTrigger: Bool

        public init(sourceActivityID: String, targetActivityID: String, updateEventTrigger: Bool = false) {
            self.sourceActivityID = sourceActivityID
            self.targetActivityID = targetActivityID
            self.updateEventTrigger = updateEventTrigger
        }

        // Batches stored before the flag existed read as not updating.
        private enum CodingKeys: String, CodingKey { case sourceActivityID, targetActivityID, updateEventTrigger }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sourceActivityID = try container.decode(String.self, forKey: .sourceActivityID)
            targetActivityID = try container.decode(String.self, forKey: .targetActivityID)
            updateEventTrigger = try container.decodeIfPresent(Bool.self, forKey: .updateEventTrigger) ?? false
        }
    }

    public var sourceDefinitionID: String
    public var targetDefinitionID: String
    public var instructions: [Instruction]

    public init(sourceDefinitionID: String, targetDefinitionID: String, instructions: [Instruction]) {
        self.sourceDefinitionID = sourceDefinitionID
        self.targetDefinitionID = targetDefinitionID
        self.instructions = instructions
    }
}

/// What stands in the way of one instruction, or of one instance.
public struct MigrationFailure: Hashable, Sendable {
    /// The instruction (for a plan's report) or nil (for an instance's).
    public var instruction: MigrationPlan.Instruction?
    public var processInstanceID: String?
    public var reasons: [String]
}

/// Migration between versions: instances move to another version of their process, each active
/// activity to the activity its instruction names (``InstanceMigration``), each instance in a
/// command of its own so that one that cannot move does not hold the others back.
extension Runtime {
    /// A plan mapping every activity of the source that the target has with the same id and kind.
    /// `updateEventTriggers`: each event that waits for a trigger takes the target's.
    public func generateMigrationPlan(source: String, target: String, updateEventTriggers: Bool = false) async throws -> MigrationPlan {
        let (from, to) = try await migrationDefinitions(source, target)
        let instructions = from.nodes.compactMap { node -> MigrationPlan.Instruction? in
            guard node.kind.isActivity || node.kind.isEvent, let position = to.node(node.id), to.nodes[position].kind.activityType == node.kind.activityType
            else { return nil }
            return MigrationPlan.Instruction(
                sourceActivityID: node.id.rawValue, targetActivityID: node.id.rawValue,
                updateEventTrigger: updateEventTriggers && Self.waitsForTrigger(to.nodes[position]))
        }
        return MigrationPlan(sourceDefinitionID: source, targetDefinitionID: target, instructions: instructions)
    }

    /// The plan's instructions that cannot apply, each with its reasons; empty when all can.
    public func validateMigrationPlan(_ plan: MigrationPlan) async throws -> [MigrationFailure] {
        let (from, to) = try await migrationDefinitions(plan.sourceDefinitionID, plan.targetDefinitionID)
        return plan.instructions.compactMap { instruction in
            var reasons: [String] = []
            if plan.instructions.count(where: { $0.sourceActivityID == instruction.sourceActivityID }) > 1 {
                reasons.append("There are multiple mappings for source activity id '\(instruction.sourceActivityID)'.")
            }
            let source = from.node(ElementID(instruction.sourceActivityID)), target = to.node(ElementID(instruction.targetActivityID))
            if source == nil { reasons.append("The source activity '\(instruction.sourceActivityID)' does not exist.") }
            if target == nil { reasons.append("The target activity '\(instruction.targetActivityID)' does not exist.") }
            if let source, let target, from.nodes[source].kind.activityType != to.nodes[target].kind.activityType {
                reasons.append(
                    "Activity '\(instruction.sourceActivityID)' is a \(from.nodes[source].kind.activityType) in the source but a \(to.nodes[target].kind.activityType) in the target.")
            }
            if instruction.updateEventTrigger, let target, !Self.waitsForTrigger(to.nodes[target]) {
                reasons.append("Cannot update the event trigger of '\(instruction.targetActivityID)': it waits for no message, signal or timer.")
            }
            return reasons.isEmpty ? nil : MigrationFailure(instruction: instruction, processInstanceID: nil, reasons: reasons)
        }
    }

    /// Migrates `instanceIDs` by `plan`, each in a transaction of its own; returns the instances
    /// that could not move and why (the others moved). A plan whose instructions are wrong moves
    /// none.
    public func migrate(_ instanceIDs: [String], by plan: MigrationPlan) async throws -> [MigrationFailure] {
        try await requireValid(plan)
        var failures: [MigrationFailure] = []
        for id in instanceIDs {
            if let reason = try await commandTransaction({ try await migrate(id, by: plan, in: $0) }) {
                failures.append(MigrationFailure(instruction: nil, processInstanceID: id, reasons: [reason]))
            }
        }
        return failures
    }

    /// Refuses a plan with an instruction that cannot apply: it migrates nothing.
    func requireValid(_ plan: MigrationPlan) async throws {
        let wrong = try await validateMigrationPlan(plan)
        guard wrong.isEmpty else {
            throw EngineError(.invalidArgument, "Cannot migrate: the migration plan is not valid: " + wrong.flatMap(\.reasons).joined(separator: " "))
        }
    }

    /// Migrates instance `id` in `transaction`; returns why it cannot move (writing nothing), or
    /// nil once it has.
    func migrate(_ id: String, by plan: MigrationPlan, in transaction: any StoreTransaction) async throws -> String? {
        guard var record = try await transaction.lockInstance(id), record.state.status == .active else {
            return "Expected process instance '\(id)' to be running, but it is not."
        }
        guard record.definitionID == plan.sourceDefinitionID else {
            return "Process instance '\(id)' runs definition '\(record.definitionID)', not the plan's source '\(plan.sourceDefinitionID)'."
        }
        let source = try await executable(plan.sourceDefinitionID, in: transaction)
        let target = try await executable(plan.targetDefinitionID, in: transaction)
        let mapped = Set(plan.instructions.map(\.sourceActivityID))
        var reasons = record.state.elements.compactMap { element -> String? in
            let activity = source.nodes[element.node].id.rawValue
            return mapped.contains(activity) ? nil : "There is no migration instruction for the active activity '\(activity)'."
        }
        let activities = Dictionary(plan.instructions.map { ($0.sourceActivityID, $0.targetActivityID) }, uniquingKeysWith: { first, _ in first })
        reasons += InstanceMigration.problems(of: record.state, from: source, to: target, activities: activities)
        guard reasons.isEmpty, var state = InstanceMigration.migrate(record.state, from: source, to: target, activities: activities) else {
            return reasons.joined(separator: " ")
        }
        let event = InstanceEvent.instanceMovedToVersion(fromDefinition: plan.sourceDefinitionID, toDefinition: plan.targetDefinitionID, state: state)
        state.apply(event)
        let before = record.state
        record.state = state
        record.definitionID = target.definitionID
        record.processKey = target.processKey
        try await transaction.moveInstance(
            id, toDefinition: target.definitionID, processKey: target.processKey,
            renamed: InstanceMigration.renamed(before, from: source, to: target, activities: activities))
        let recorded = [RecordedEvent(at: clock.now(), event: event)]
        let readModel = ReadModelProjection(process: target, record: record, before: before).changes(for: recorded)
        try await transaction.updateInstance(record, appending: recorded, effects: [], readModel: readModel)
        // In the same transaction: a trigger that cannot be opened (an expression that fails)
        // undoes the move too.
        let updated = plan.instructions.filter(\.updateEventTrigger).map { ElementID($0.targetActivityID) }
        if !updated.isEmpty { try await run([Pending(instanceID: id, command: .updateEventTriggers(elements: updated))], in: transaction) }
        return nil
    }

    /// Whether `node` waits for a trigger a migration can update: a message, signal or timer
    /// catch, boundary or start event, or a receive task.
    static func waitsForTrigger(_ node: ExecutableNode) -> Bool {
        let waiting: Set<String> = [
            "startTimerEvent", "messageStartEvent", "signalStartEvent", "intermediateMessageCatch", "intermediateTimer", "intermediateSignalCatch",
            "boundaryTimer", "boundaryMessage", "boundarySignal", "receiveTask",
        ]
        return waiting.contains(node.kind.activityType)
    }

    private func migrationDefinitions(_ source: String, _ target: String) async throws -> (ExecutableProcess, ExecutableProcess) {
        for id in [source, target] where try await store.read({ try await $0.definition(id: id) }) == nil {
            throw EngineError(.notFound, "Expected process definition '\(id)' to exist, but it does not.")
        }
        return (try await executable(source), try await executable(target))
    }
}
