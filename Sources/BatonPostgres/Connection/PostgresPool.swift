/// A bounded set of connections shared by transactions: at most `maximum` open at once; callers
/// beyond that wait their turn. A connection found broken (the server restarted) is reset before
/// it is handed out; if the server is still down the caller gets a "database unavailable" error.
/// Every connection gets a `statement_timeout`, so no request waits on the database forever (a
/// lock held elsewhere, a stuck query): the statement fails and its command rolls back. Nor does
/// a caller wait forever for a connection: past `leaseTimeout` it gets "database unavailable"
/// (503 over HTTP) instead of holding its request open.
public actor PostgresPool {
    public nonisolated let connectionString: String
    public nonisolated let maximum: Int
    private var idle: [PostgresConnection] = []
    private var open = 0
    /// Callers waiting for a connection, in arrival order; resumed with true when one is theirs
    /// to try for, false when their lease timed out.
    private var waiters: [(ticket: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var tickets = 0
    private var all: [PostgresConnection] = []

    /// Statements sent on every connection of the pool so far.
    public var statementsExecuted: Int { all.reduce(0) { $0 + $1.statementsExecuted } + retired.statements }
    /// Round trips on every connection of the pool so far (a pipeline of statements is one).
    public var roundTrips: Int { all.reduce(0) { $0 + $1.roundTrips } + retired.roundTrips }
    /// What connections dropped after a failed reconnect had counted.
    private var retired = (statements: 0, roundTrips: 0)

    /// How long one statement may run or wait for a lock; nil leaves the server's setting.
    public nonisolated let statementTimeout: Duration?

    /// How long a caller waits for a free connection before giving up.
    public nonisolated let leaseTimeout: Duration

    public init(connectionString: String, maximum: Int = 8, statementTimeout: Duration? = .seconds(30), leaseTimeout: Duration = .seconds(30)) {
        self.connectionString = connectionString
        self.maximum = max(1, maximum)
        self.statementTimeout = statementTimeout
        self.leaseTimeout = leaseTimeout
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
            tickets += 1
            let ticket = tickets
            let timeout = leaseTimeout
            let timer = Task { [weak self] in
                try await Task.sleep(for: timeout)
                await self?.expire(ticket)
            }
            let woken = await withCheckedContinuation { waiters.append((ticket, $0)) }
            timer.cancel()
            guard woken else {
                throw PostgresError(
                    .unavailable, message: "no database connection came free within \(timeout) (all \(maximum) of the pool are busy)")
            }
        }
        if let connection = idle.popLast() {
            if connection.isOpenWhileIdle { return connection }
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
        if !waiters.isEmpty { waiters.removeFirst().continuation.resume(returning: true) }
    }

    /// Gives up a caller's wait, if it is still waiting.
    private func expire(_ ticket: Int) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }
}
