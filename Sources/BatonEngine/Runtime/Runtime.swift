import BatonBPMN
import BatonCore
import BatonModel
import Logging

/// The engine as a Swift API: deploy BPMN, start instances, work on tasks and external tasks,
/// correlate messages, run due jobs, and read history.
///
/// A `Runtime` is a `Sendable` value holder: it keeps no per-instance state in memory (that is
/// the store's), only its ports and a cache of compiled definitions. Every command is one store
/// transaction: load and lock the instance, run the pure executor, run what the step asks for
/// (handlers, called instances), write state, rows and history.
public final class Runtime: Sendable {
    public let store: any Store
    public let clock: any WallClock
    public let ids: any IDGenerator
    public let handlers: [String: any ServiceTaskHandler]
    /// Listener handlers by the name models bind them with; they run inside the command.
    public let listenerHandlers: [String: any ListenerHandler]
    public let limits: ExecutionLimits
    public let readOptions: BPMNReadOptions
    /// How long ended instances keep their history when their process declares no
    /// `camunda:historyTimeToLive`.
    public let defaultHistoryTimeToLiveDays: Int
    public let metrics: EngineMetrics
    /// Commands at debug level, rejections at info, incidents and job failures at warning, each
    /// with the instance id (and element id where there is one) as metadata.
    public let logger: Logger
    /// The longest a message may wait for its subscription (`ttl` of `POST /message`).
    public let maximumMessageTimeToLive: ISODuration

    public init(
        store: any Store = MemoryStore(), clock: any WallClock = SystemClock(), ids: any IDGenerator = UUIDGenerator(),
        handlers: [String: any ServiceTaskHandler] = [:], listenerHandlers: [String: any ListenerHandler] = [:],
        limits: ExecutionLimits = ExecutionLimits(),
        readOptions: BPMNReadOptions = BPMNReadOptions(), defaultHistoryTimeToLiveDays: Int = 180, metrics: EngineMetrics = EngineMetrics(),
        logger: Logger = Logger(label: "baton.engine"), maximumMessageTimeToLive: ISODuration = ISODuration("P7D")!
    ) {
        self.maximumMessageTimeToLive = maximumMessageTimeToLive
        self.metrics = metrics
        self.logger = logger
        self.defaultHistoryTimeToLiveDays = defaultHistoryTimeToLiveDays
        self.store = store
        self.clock = clock
        self.ids = ids
        self.handlers = handlers
        self.listenerHandlers = listenerHandlers
        self.limits = limits
        self.readOptions = readOptions
    }

    // MARK: - Compiled definitions

    /// The executable form of definition `id`, from the cache without a store transaction when
    /// it is there (as it is for every definition that ran since start-up).
    func executable(_ id: String) async throws -> ExecutableProcess {
        if let cached = store.compiledDefinitions.cached(id) { return cached.process }
        return try await store.read { try await self.executable(id, in: $0) }
    }

    /// The executable form of definition `id`, compiled once and cached by the store.
    func executable(_ id: String, in transaction: any StoreTransaction) async throws -> ExecutableProcess {
        try await store.compiledDefinitions.entry(id, in: transaction).process
    }

    /// How many days ended instances of definition `id` keep their history.
    func historyTimeToLiveDays(of id: String, in transaction: any StoreTransaction) async throws -> Int {
        try await store.compiledDefinitions.historyTimeToLiveDays(id, in: transaction) ?? defaultHistoryTimeToLiveDays
    }
}
