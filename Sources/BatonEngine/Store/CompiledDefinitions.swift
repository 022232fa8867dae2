import BatonBPMN
import BatonCore
import BatonModel
import Synchronization

/// Stored definitions compiled for execution, each once per process and kept.
///
/// It lives with the store, not the runtime, because the store needs it too: stored states and
/// events name elements by id, and reading or writing them takes the definition's
/// ``ElementTable``. A definition version's process never changes once deployed, so those
/// entries never go stale. Its history time-to-live can (`PUT …/history-time-to-live`, on any
/// node): it is kept apart and read again from the store once it is a minute old.
public final class CompiledDefinitions: Sendable {
    public struct Entry: Sendable {
        public var process: ExecutableProcess
    }

    private struct Lifetime {
        var days: Int?
        var readAt: ContinuousClock.Instant
    }

    /// How long a history time-to-live read from the store is trusted: another node's change is
    /// seen within this long.
    static let lifetimeFreshness = Duration.seconds(60)

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetimes = Mutex<[String: Lifetime]>([:])

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
        let entry = Entry(process: ExecutableProcess(process: process, in: definitions, definitionID: id))
        entries.withLock { $0[id] = entry }
        remember(record.historyTimeToLiveDays, of: id)
        return entry
    }

    /// Definition `id`'s history time-to-live in days (nil: none declared), read again from the
    /// store when what is known is older than ``lifetimeFreshness``.
    public func historyTimeToLiveDays(_ id: String, in transaction: any StoreTransaction) async throws -> Int? {
        if let known = lifetimes.withLock({ $0[id] }), known.readAt.duration(to: .now) < Self.lifetimeFreshness { return known.days }
        let days = try await transaction.definition(id: id)?.historyTimeToLiveDays
        remember(days, of: id)
        return days
    }

    /// What this node now knows of definition `id`'s history time-to-live (it just changed it).
    public func remember(_ days: Int?, of id: String) {
        lifetimes.withLock { $0[id] = Lifetime(days: days, readAt: .now) }
    }

    /// The element table of definition `id`: what a store reads and writes stored forms with.
    public func elementTable(_ id: String, in transaction: any StoreTransaction) async throws -> ElementTable {
        try await entry(id, in: transaction).process.elements
    }
}
