import BatonCore
import BatonEngine
import BatonModel
import BatonPostgres
import Foundation

/// `baton bench --scenario broadcast`: `instances` instances wait at a signal catch; one throw
/// reaches them all. The first client throws (recording a delivery per receiver, then delivering
/// them in order); the others deliver what is left at the same time, as other Baton processes'
/// job workers would. Timed from the throw until no receiver waits.
enum BroadcastBench {
    static let signal = "bench-go"

    struct Result {
        var deliveries: Int
        var seconds: Double
        var statements: Int
        var roundTrips: Int

        var line: String {
            let per = Double(max(deliveries, 1))
            return "deliveries=\(deliveries) seconds=\(String(format: "%.3f", seconds)) deliveries_per_s=\(String(format: "%.0f", Double(deliveries) / max(seconds, 1e-9)))"
                + " statements_per_delivery=\(String(format: "%.2f", Double(statements) / per)) round_trips_per_delivery=\(String(format: "%.2f", Double(roundTrips) / per))"
        }
    }

    static func run(processKey: String, receivers: Int, clients: [BenchClient]) async throws -> Result {
        // The receivers, started by every client at once (untimed).
        let dispenser = TicketDispenser()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients {
                group.addTask {
                    while dispenser.take() < receivers { _ = try await client.runtime.start(processKey: processKey) }
                }
            }
            try await group.waitForAll()
        }
        let statementsBefore = await clients.asyncSum { await $0.pool?.statementsExecuted ?? 0 }
        let tripsBefore = await clients.asyncSum { await $0.pool?.roundTrips ?? 0 }
        let began = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await clients[0].runtime.throwSignal(SignalThrow(name: signal)) }
            for client in clients.dropFirst() {
                group.addTask {
                    // Until the throw is recorded and every delivery taken.
                    while try await client.runtime.count(EventSubscriptionQuery(eventType: "signal")) > 0 {
                        if try await client.runtime.deliverDueSignals(limit: 100) == 0 { try await Task.sleep(for: .milliseconds(5)) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = began.duration(to: .now).components
        let statements = await clients.asyncSum { await $0.pool?.statementsExecuted ?? 0 } - statementsBefore
        let trips = await clients.asyncSum { await $0.pool?.roundTrips ?? 0 } - tripsBefore
        return Result(
            deliveries: receivers, seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, statements: statements, roundTrips: trips)
    }
}

extension Array {
    fileprivate func asyncSum(_ value: (Element) async -> Int) async -> Int {
        var total = 0
        for element in self { total += await value(element) }
        return total
    }
}
