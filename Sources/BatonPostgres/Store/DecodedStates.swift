import BatonCore
import Synchronization

/// The states of running instances as this process last committed them, each with the version
/// of the row that holds it (`xmin`: the transaction that wrote the row). A command that locks an
/// instance whose row still has that version takes the state from here instead of decoding the
/// row's JSON again, which was about a tenth of Baton's instructions per command: a job, an
/// external task or a task completed soon after the command before it finds its state in hand.
///
/// Nothing here can be stale in a way that matters: any write to the row, by this process, by
/// another Baton or by hand, gives it a new `xmin`, and a version that does not match is a miss.
/// Only committed writes are remembered, and only by the transaction that made them.
final class DecodedStates: Sendable {
    private struct Entry {
        var version: String
        var state: InstanceState
        var cost: Int
    }

    /// Two generations, so that the states used lately stay and the rest go, without keeping an
    /// order: a hit moves an entry to the young one, and when the young one is full the old one
    /// is dropped and the young one takes its place.
    private struct Generations {
        var young: [String: Entry] = [:]
        var old: [String: Entry] = [:]
        var youngCost = 0
    }

    private let generations = Mutex(Generations())
    /// The stored JSON's bytes one generation holds at most: a proxy for the decoded states' size.
    /// Small, as what it serves is a command that follows the one before it closely: a 256 KB
    /// generation holds some 700 states of `Benchmarks/processes/usertask.bpmn` (370 bytes each).
    let budget: Int
    private let hitCount = Atomic<Int>(0)

    init(budget: Int = 256 << 10) { self.budget = budget }

    /// How many locks took their state from here (for tests and diagnosis).
    var hits: Int { hitCount.load(ordering: .relaxed) }

    func state(of id: String, version: String) -> InstanceState? {
        let state: InstanceState? = generations.withLock { generations in
            if let entry = generations.young[id] { return entry.version == version ? entry.state : nil }
            guard let entry = generations.old.removeValue(forKey: id), entry.version == version else { return nil }
            Self.add(entry, for: id, to: &generations, budget: budget)
            return entry.state
        }
        if state != nil { hitCount.add(1, ordering: .relaxed) }
        return state
    }

    /// Remembers `state` as committed in the row version `version`; `cost` is its stored JSON's
    /// length.
    func remember(_ id: String, version: String, state: InstanceState, cost: Int) {
        generations.withLock { generations in
            generations.old[id] = nil
            if let replaced = generations.young.removeValue(forKey: id) { generations.youngCost -= replaced.cost }
            Self.add(Entry(version: version, state: state, cost: cost), for: id, to: &generations, budget: budget)
        }
    }

    func forget(_ id: String) {
        generations.withLock { generations in
            generations.old[id] = nil
            if let removed = generations.young.removeValue(forKey: id) { generations.youngCost -= removed.cost }
        }
    }

    private static func add(_ entry: Entry, for id: String, to generations: inout Generations, budget: Int) {
        guard entry.cost <= budget else { return }
        if generations.youngCost + entry.cost > budget {
            generations.old = generations.young
            generations.young = [:]
            generations.youngCost = 0
        }
        generations.young[id] = entry
        generations.youngCost += entry.cost
    }
}
