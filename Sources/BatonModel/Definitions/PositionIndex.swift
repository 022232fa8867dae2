/// Groups array positions by an integer key in `0..<keyCount`, in document order: the positions
/// of all groups back to back, with each key's group found by offset. Two arrays in all, no
/// hashing, and the same input always gives the same layout. Used to index a process's flows by
/// source and target node and its nodes by scope.
struct PositionIndex: Hashable, Sendable {
    private let offsets: [Int]
    private let positions: [Int]

    init(keyCount: Int, keys: [Int?]) {
        var offsets = [Int](repeating: 0, count: keyCount + 1)
        for case let key? in keys { offsets[key + 1] += 1 }
        for key in 0..<keyCount { offsets[key + 1] += offsets[key] }
        var next = offsets
        var positions = [Int](repeating: 0, count: offsets[keyCount])
        for (position, key) in keys.enumerated() {
            guard let key else { continue }
            positions[next[key]] = position
            next[key] += 1
        }
        self.offsets = offsets
        self.positions = positions
    }

    /// Positions filed under `key`, ascending.
    subscript(key: Int) -> ArraySlice<Int> { positions[offsets[key]..<offsets[key + 1]] }

    static let empty: ArraySlice<Int> = []
}

/// Elements of an array picked out by position: a view, not a copy.
public struct Selection<Element>: RandomAccessCollection {
    let base: [Element]
    let positions: ArraySlice<Int>

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(index: Int) -> Element { base[positions[positions.startIndex + index]] }
}
