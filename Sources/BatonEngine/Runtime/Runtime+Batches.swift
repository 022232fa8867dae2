import BatonCore
import BatonModel

/// Batches: migrations and external-task retries run in the background by the job worker, an
/// item at a time, each in a transaction that does it and records the outcome together, so a
/// batch survives a restart and several Baton processes share its work.
extension Runtime {
    /// Records a batch migrating `instanceIDs` by `plan` (checked first: a wrong plan starts none).
    public func migrateInBatch(_ instanceIDs: [String], by plan: MigrationPlan, createdBy: String? = nil) async throws -> BatchRecord {
        try await requireValid(plan)
        return try await recordBatch(.migration(plan), items: instanceIDs, createdBy: createdBy)
    }

    /// Records a batch setting the retries of external tasks `taskIDs` (each checked when its
    /// turn comes: one that is gone by then fails alone).
    public func setExternalTaskRetriesInBatch(_ taskIDs: [String], retries: Int, createdBy: String? = nil) async throws -> BatchRecord {
        guard retries >= 0 else { throw EngineError(.invalidArgument, "Expected retries to be zero or more, but they are \(retries).") }
        return try await recordBatch(.externalTaskRetries(retries), items: taskIDs, createdBy: createdBy)
    }

    func recordBatch(_ work: BatchWork, items: [String], createdBy: String?) async throws -> BatchRecord {
        var unique: [String] = []
        for id in items where !unique.contains(id) { unique.append(id) }
        let batch = BatchRecord(id: ids.next(), work: work, total: unique.count, createdAt: clock.now(), createdBy: createdBy)
        try await store.transaction { try await $0.insertBatch(batch, instanceIDs: unique) }
        return batch
    }

    /// Does up to `limit` items of batches; returns how many it took.
    @discardableResult
    public func runBatchItems(limit: Int = 100) async throws -> Int {
        var taken = 0
        while taken < limit {
            let took = try await commandTransaction { transaction -> Bool in
                guard let item = try await transaction.nextBatchItem(), let batch = try await transaction.batch(id: item.batchID) else { return false }
                let failure: String?
                switch batch.work {
                case .migration(let plan): failure = try await migrate(item.instanceID, by: plan, in: transaction)
                case .externalTaskRetries(let retries): failure = try await setRetries(ofExternalTask: item.instanceID, to: retries, in: transaction)
                case .restart(let plan):
                    if case .failure(let error) = try await restart(item.instanceID, by: plan, in: transaction) { failure = error.message } else { failure = nil }
                }
                try await transaction.finishBatchItem(batchID: item.batchID, instanceID: item.instanceID, failure: failure)
                return true
            }
            guard took else { break }
            taken += 1
        }
        return taken
    }

    public func batches(_ query: BatchQuery = BatchQuery(), page: Page = .all) async throws -> [BatchRecord] {
        try await store.read { try await $0.batches(query, page: page) }
    }

    public func count(_ query: BatchQuery) async throws -> Int { try await store.read { try await $0.count(query) } }

    public func batch(_ id: String) async throws -> (batch: BatchRecord, failures: [BatchItemFailure]) {
        try await store.read { transaction in
            guard let batch = try await transaction.batch(id: id) else { throw EngineError(.notFound, "Expected batch '\(id)' to exist, but it does not.") }
            return (batch, try await transaction.batchFailures(id: id))
        }
    }

    /// Suspends (or activates) batch `id`: the job worker migrates none of its instances meanwhile.
    public func setBatchSuspended(_ id: String, _ suspended: Bool) async throws {
        guard try await store.transaction({ try await $0.setBatchSuspended(id: id, suspended) }) else {
            throw EngineError(.notFound, "Expected batch '\(id)' to exist, but it does not.")
        }
    }

    /// Deletes batch `id` with what is left of it (instances migrated stay migrated).
    public func deleteBatch(_ id: String) async throws {
        guard try await store.transaction({ try await $0.deleteBatch(id: id) }) else {
            throw EngineError(.notFound, "Expected batch '\(id)' to exist, but it does not.")
        }
    }
}
