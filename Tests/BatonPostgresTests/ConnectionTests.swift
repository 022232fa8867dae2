import BatonPostgres
import BatonTesting
import Foundation
import Testing

@Suite struct ConnectionTests {
    @Test func runsParameterizedQueries() async throws {
        let connection = try await TestDatabase.fresh()
        let rows = try await connection.query("SELECT $1::int + 1 AS n, $2::text AS t, NULL::text AS missing", ["41", "tea & \"biscuits\""])
        #expect(rows.columns == ["n", "t", "missing"])
        #expect(rows[0, "n"] == "42")
        #expect(rows[0, "t"] == "tea & \"biscuits\"")
        #expect(rows[0, "missing"] == nil)
        try await connection.query("CREATE TABLE notes (id int PRIMARY KEY, body jsonb)")
        let inserted = try await connection.query("INSERT INTO notes VALUES ($1::int, $2::jsonb), ($3::int, NULL)", ["1", #"{"a": [1, 2]}"#, "2"])
        #expect(inserted.affected == 2)
        #expect(try await connection.query("SELECT body->'a'->>1 FROM notes WHERE id = $1::int", ["1"]).rows == [["2"]])
    }

    @Test func serverErrorsCarryTheirSQLStateButNeverTheParameters() async throws {
        let connection = try await TestDatabase.fresh()
        try await connection.query("CREATE TABLE people (name text PRIMARY KEY)")
        try await connection.query("INSERT INTO people VALUES ($1)", ["secret-patient-name"])
        do {
            try await connection.query("INSERT INTO people VALUES ($1)", ["secret-patient-name"])
            Issue.record("a duplicate key must fail")
        } catch let error as PostgresError {
            #expect(error.kind == .server)
            #expect(error.sqlState == "23505")
            #expect(error.description.hasPrefix("PostgreSQL error 23505: duplicate key value violates unique constraint"))
            #expect(!error.description.contains("secret-patient-name"))
            #expect(error.detail?.contains("secret-patient-name") == true, "kept apart, for debugging")
        }
        // The connection stays usable after a failed statement.
        #expect(try await connection.query("SELECT 1").rows == [["1"]])
    }

    /// A session (a transaction's life) runs on the connection's own thread, so its statements
    /// run inline there instead of hopping threads for each round trip; outside it they still work.
    @Test func aSessionRunsOnTheConnectionsThread() async throws {
        let connection = try await TestDatabase.fresh()
        #expect(!connection.isCurrentThread)
        let inside = try await connection.withSession {
            let before = connection.isCurrentThread
            let rows = try await connection.query("SELECT $1::int + 1", ["41"]).rows
            return (before, rows, connection.isCurrentThread)
        }
        #expect(inside.0 && inside.2, "the whole session runs on the connection's thread")
        #expect(inside.1 == [["42"]])
        #expect(try await connection.query("SELECT 1").rows == [["1"]])
        #expect(!connection.isCurrentThread)
        // Sessions on many connections at once, as a loaded pool has them.
        let connections = try await (0..<8).asyncMap { _ in try await TestDatabase.fresh() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, connection) in connections.enumerated() {
                group.addTask {
                    try await connection.withSession {
                        for round in 0..<20 {
                            let value = String(index * 100 + round)
                            let rows = try await connection.query("SELECT $1::int", [value]).rows
                            #expect(rows == [[value]] && connection.isCurrentThread)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func anUnreachableServerIsReportedAsUnavailable() async throws {
        do {
            _ = try await PostgresConnection.connect("host=/tmp/baton-no-server-here port=5432 user=postgres dbname=postgres connect_timeout=2")
            Issue.record("connecting to nothing must fail")
        } catch let error as PostgresError {
            #expect(error.kind == .unavailable)
            #expect(error.description.hasPrefix("database unavailable:"))
        }
    }
}

/// A caller never waits forever for a connection (#19: a pool lease used to): when every
/// connection stays busy it gets "database unavailable" (503 over HTTP), and the pool serves the
/// next caller once a connection comes back.
@Suite struct PoolLeaseTests {
    @Test func aLeaseThatFindsEveryConnectionBusyGivesUp() async throws {
        let pool = PostgresPool(connectionString: try await TestPostgres.freshDatabase(), maximum: 1, leaseTimeout: .milliseconds(200))
        let held = try await pool.lease()
        do {
            _ = try await pool.lease()
            Issue.record("a lease with every connection busy must give up")
        } catch let error as PostgresError {
            #expect(error.kind == .unavailable)
            #expect(error.description.contains("busy"))
        }
        await pool.giveBack(held)
        let again = try await pool.lease()
        #expect(try await again.query("SELECT 1").rows == [["1"]])
        await pool.giveBack(again)
    }
}

@Suite struct EmbeddedPostgresTests {
    /// Stops and restarts a server of its own: queries fail as "unavailable" meanwhile, the
    /// connection recovers with a reset, and committed data survives.
    @Test func survivesARestartAndTheConnectionRecovers() async throws {
        let directory = URL(fileURLWithPath: "/tmp/baton-test-pg-restart-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try EmbeddedPostgres(directory: directory)
        defer { try? server.stop() }
        _ = try await blockingWork { try server.start() }
        #expect(try server.isRunning())
        let connection = try await PostgresConnection.connect(server.connectionString)
        try await connection.query("CREATE TABLE kept (value text)")
        try await connection.query("INSERT INTO kept VALUES ($1)", ["committed"])

        try await blockingWork { try server.stop() }
        #expect(try !server.isRunning())
        await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        #expect(await !connection.isOpen)

        _ = try await blockingWork { try server.start() }
        try await connection.reset()
        #expect(try await connection.query("SELECT value FROM kept").rows == [["committed"]])
    }

    @Test func startingTwiceIsHarmless() throws {
        let server = try TestDatabase.server.get()
        #expect(try server.start() == server.connectionString)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
