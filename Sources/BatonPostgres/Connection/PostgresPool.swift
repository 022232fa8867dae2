/// A bounded set of connections shared by transactions: at most `maximum` open at once; callers
/// beyond that wait their turn. A connection found broken (the server restarted) is reset before
/// it is handed out; if the server is still down the caller gets a "database unavailable" error.
/// Every connection gets a `statement_timeout`, so no request waits on the database forever (a
/// lock held elsewhere, a stuck query): the statement fails and its command rolls back.
public actor PostgresPool {
    public nonisolated let connectionString: String
    public nonisolated let maximum: Int
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var all: [PostgresConnection] = []

    /// Statements sent on every connection of the pool so far.
    public var statementsExecuted: Int { all.reduce(0) { $0 + $1.statementsExecuted } + retired.statements }
    /// Round trips on every connection of the pool so far (a pipeline of statements is one).
    public var roundTrips: Int { all.reduce(0) { $0 + $1.roundTrips } + retired.roundTrips }
    /// What connections dropped after a failed reconnect had counted.
    private var retired = (statements: 0, roundTrips: 0)

    /// How long one statement may run or wait for a lock; nil leaves the server's setting.
    public nonisolated let statementTimeout: Duration?

    public init(connectionString: String, maximum: Int = 8, statementTimeout: Duration? = .seconds(30)) {
        self.connectionString = connectionString
        self.maximum = max(1, maximum)
        self.statementTimeout = statementTimeout
    }

    /// Applies the session settings every pooled connection has (again after a reset).
    private func prepare(_ connection: PostgresConnection) async throws {
        guard let statementTimeout else { return }
        let milliseconds = statementTimeout.components.seconds * 1000 + statementTimeout.components.attoseconds / 1_000_000_000_000_000
        try await connection.query("SELECT set_config('statement_timeout', $1, false)", [String(max(1, milliseconds))])
    }

    /// Takes a connection for exclusive use; hand it back with ``giveBack(_:)`` when done.
    public func lease() async throws -> PostgresConnection { try await acquire() }

    public func giveBack(_ connection: PostgresConnection) { release(connection) }

    private func acquire() async throws -> PostgresConnection {
        while idle.isEmpty && open >= maximum {
            await withCheckedContinuation { waiters.append($0) }
        }
        if let connection = idle.popLast() {
            if await connection.isOpen { return connection }
            do {
                try await connection.reset()
                try await prepare(connection)
                return connection
            } catch {
                retired.statements += connection.statementsExecuted
                retired.roundTrips += connection.roundTrips
                all.removeAll { $0 === connection }
                open -= 1
                wakeOne()
                throw error
            }
        }
        open += 1
        do {
            let connection = try await PostgresConnection.connect(connectionString)
            try await prepare(connection)
            all.append(connection)
            return connection
        } catch {
            open -= 1
            wakeOne()
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) {
        idle.append(connection)
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
