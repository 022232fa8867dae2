import BatonModel

/// Which slice of a sorted result a list query returns (Camunda's `firstResult` and `maxResults`).
public struct Page: Hashable, Sendable {
    public var firstResult: Int
    public var maxResults: Int?

    /// Negative values from a client mean "from the start" and "nothing", never a trap.
    public init(firstResult: Int = 0, maxResults: Int? = nil) {
        self.firstResult = max(0, firstResult)
        self.maxResults = maxResults.map { max(0, $0) }
    }

    public static let all = Page()

    public func apply<T>(_ rows: [T]) -> [T] {
        let rest = rows.dropFirst(firstResult)
        return Array(maxResults.map { rest.prefix($0) } ?? rest)
    }
}

/// One ordering criterion of a list query: a sort key and its direction.
public struct Sorting<Key: Hashable & Sendable>: Hashable, Sendable {
    public var key: Key
    public var ascending: Bool

    public init(_ key: Key, ascending: Bool = true) {
        self.key = key
        self.ascending = ascending
    }
}

/// A value rows are ordered by. Missing values sort after every value when ascending and
/// before them when descending, as PostgreSQL orders NULLs, so both stores page alike.
public enum SortValue: Comparable, Sendable {
    case number(Int64)
    case text(String)
    case missing

    public static func < (a: SortValue, b: SortValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.text(let x), .text(let y)): Array(x.utf8).lexicographicallyPrecedes(y.utf8)
        case (.missing, _): false
        case (_, .missing): true
        case (.number, .text): true
        case (.text, .number): false
        }
    }

    public static func text(_ value: String?) -> SortValue { value.map(SortValue.text) ?? .missing }
    public static func time(_ value: Timestamp?) -> SortValue { value.map { .number($0.millisecondsSinceEpoch) } ?? .missing }
    public static func number(_ value: Int?) -> SortValue { value.map { .number(Int64($0)) } ?? .missing }
    public static func duration(_ start: Timestamp, _ end: Timestamp?) -> SortValue {
        end.map { .number($0.millisecondsSinceEpoch - start.millisecondsSinceEpoch) } ?? .missing
    }
}

/// A row a list query returns: a value for each of its query's sort keys, and a unique
/// tie-breaker ordered last so paging is stable. The memory store sorts with these; PostgreSQL
/// sorts by the columns its query builder maps the same keys to.
public protocol QueryRow: Sendable {
    associatedtype SortKey: Hashable & Sendable & RawRepresentable & CaseIterable where SortKey.RawValue == String
    /// Unique per row; the id, unless another order of ties reads better.
    var tieBreaker: [SortValue] { get }
    func sortValue(_ key: SortKey) -> SortValue
}

extension Array where Element: QueryRow {
    /// The rows in `sorting` order, ties broken by id ascending.
    public func sorted(by sorting: [Sorting<Element.SortKey>]) -> [Element] {
        sorted { a, b in
            for criterion in sorting {
                let x = a.sortValue(criterion.key), y = b.sortValue(criterion.key)
                if x == y { continue }
                return criterion.ascending ? x < y : y < x
            }
            return a.tieBreaker.lexicographicallyPrecedes(b.tieBreaker)
        }
    }
}

/// A list query: what to match, in which order. Both stores answer it with the same rows.
public protocol ListQuery: Sendable {
    associatedtype Row: QueryRow
    var sorting: [Sorting<Row.SortKey>] { get }
    func matches(_ row: Row) -> Bool
}

extension ListQuery {
    /// The in-memory answer: filter, sort, page. For stores that may scan.
    public func answer(_ rows: [Row], page: Page) -> [Row] {
        page.apply(rows.filter(matches).sorted(by: sorting))
    }
}

/// Whether `value` is one of `list`; true when there is no list (the filter is not given), false
/// for a missing value when there is.
func admitted(_ value: String?, by list: [String]?) -> Bool {
    guard let list else { return true }
    return value.map(list.contains) ?? false
}

/// Whether `value` matches `pattern` (``likeMatches(_:_:)``); true when there is no pattern,
/// false for a missing value when there is.
func admitted(_ value: String?, like pattern: String?) -> Bool {
    guard let pattern else { return true }
    return value.map { likeMatches($0, pattern) } ?? false
}

/// A definition id is `<key>:<version>:<uuid>`, and a key (an XML NCName) holds no colon.
public func processKey(ofDefinition id: String) -> String { String(id.split(separator: ":").first ?? "") }

/// SQL-style `LIKE` with `%` as the only wildcard, as Camunda's *Like parameters use it.
public func likeMatches(_ text: String, _ pattern: String) -> Bool {
    let text = Array(text), pattern = Array(pattern)
    // Greedy match with one backtrack point: the last `%` seen and where it started matching.
    var t = 0, p = 0
    var star: Int?, resume = 0
    while t < text.count {
        if p < pattern.count, pattern[p] == "%" {
            star = p
            resume = t
            p += 1
        } else if p < pattern.count, pattern[p] == text[t] {
            t += 1
            p += 1
        } else if let star {
            p = star + 1
            resume += 1
            t = resume
        } else {
            return false
        }
    }
    while p < pattern.count, pattern[p] == "%" { p += 1 }
    return p == pattern.count
}
