import BatonBPMN
import BatonCore
import BatonModel
import Synchronization

/// Stored definitions compiled for execution, each once per process and kept.
///
/// It lives with the store, not the runtime, because the store needs it too: stored states and
/// events name elements by id, and reading or writing them takes the definition's
/// ``ElementTable``. A definition version never changes once deployed, so entries never go stale.
public final class CompiledDefinitions: Sendable {
    public struct Entry: Sendable {
        public var process: ExecutableProcess
        /// The definition's `camunda:historyTimeToLive`, in days, if it declares one.
        public var historyTimeToLiveDays: Int?
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// Definition `id` if it is compiled already.
    public func cached(_ id: String) -> Entry? { entries.withLock { $0[id] } }

    /// Definition `id`, compiled from its stored BPMN the first time it is asked for.
    public func entry(_ id: String, in transaction: any StoreTransaction) async throws -> Entry {
        if let cached = cached(id) { return cached }
        guard let record = try await transaction.definition(id: id) else {
            throw EngineError(.notFound, "Expected process definition '\(id)' to exist, but it does not.")
        }
        // The file passed the deployment's limits when it was stored; reading it again must not
        // refuse it because a later start-up set them lower.
        let document = BPMNReader.read(record.bytes, file: record.resourceName, options: BPMNReadOptions(maximumFileSize: .max))
        guard let definitions = document.definitions, let process = definitions.process(ElementID(record.key)) else {
            throw EngineError(.deploymentFailed, "Expected the stored BPMN of '\(id)' to read again, but it does not.", diagnostics: document.diagnostics)
        }
        let entry = Entry(process: ExecutableProcess(process: process, in: definitions, definitionID: id), historyTimeToLiveDays: record.historyTimeToLiveDays)
        entries.withLock { $0[id] = entry }
        return entry
    }

    /// The element table of definition `id`: what a store reads and writes stored forms with.
    public func elementTable(_ id: String, in transaction: any StoreTransaction) async throws -> ElementTable {
        try await entry(id, in: transaction).process.elements
    }
}
