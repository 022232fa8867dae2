import BatonPostgres
import Logging

extension EventTriggers {
    /// Processes captured events until cancelled: woken at once by the capture function's
    /// `pg_notify`, and every `pollInterval` besides, so that events written while Baton was down
    /// or whose notification was missed are processed too. Each watched database has a listening
    /// connection of its own; several Baton processes may run this on one database.
    public func run(pollInterval: Duration = .seconds(2)) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.listen(to: .engine, pollInterval: pollInterval) }
            if retool != nil { group.addTask { await self.listen(to: .retool, pollInterval: pollInterval) } }
        }
    }

    private func listen(to database: EventTrigger.Database, pollInterval: Duration) async {
        let clock = ContinuousClock()
        var nextCleanup = clock.now
        while !Task.isCancelled {
            do {
                // A connection of its own: it waits for notifications between passes.
                let connection = try await PostgresConnection.connect(try pool(database).connectionString)
                try await connection.query("LISTEN baton_trigger_events")
                while !Task.isCancelled {
                    let processed = try await processAll(in: database)
                    if processed > 0 { logger.debug("processed data events", metadata: ["database": "\(database.rawValue)", "events": "\(processed)"]) }
                    if database == .engine, clock.now >= nextCleanup {
                        try await removeOldLog()
                        nextCleanup = clock.now.advanced(by: .seconds(3600))
                    }
                    _ = try await connection.notifications(waitingUpTo: pollInterval)
                }
            } catch {
                logger.error("processing data events failed; trying again", metadata: ["database": "\(database.rawValue)", "error": "\(error)"])
                try? await Task.sleep(for: pollInterval)
            }
        }
    }

    /// The event log keeps 30 days.
    func removeOldLog() async throws {
        try await engine.withConnection { connection in
            _ = try await connection.query("DELETE FROM event_trigger_log WHERE processed_at < now() - interval '30 days'")
        }
    }
}
