public import BatonModel

/// A state an element is drawn in; each becomes the CSS class `state-<rawValue>` on the element's group.
public enum ElementState: String, Hashable, Sendable, CaseIterable {
    case active, completed, incident, selected
}

/// A small counter drawn at a corner of an element (running tokens, open incidents, instances that passed).
public struct DiagramBadge: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case running, incidents, passed }

    public var kind: Kind
    public var count: Int
    /// Shown as the badge's tooltip (`<title>`).
    public var title: String

    public init(kind: Kind, count: Int, title: String) {
        self.kind = kind
        self.count = count
        self.title = title
    }
}

/// One element's place on a heat map.
public struct DiagramHeat: Hashable, Sendable {
    /// 0...1, bucketed into ten CSS classes heat-0 … heat-9
    public var level: Double
    /// Added to the element's tooltip, e.g. "41 instances, median 2 h".
    public var label: String

    public init(level: Double, label: String) {
        self.level = level
        self.label = label
    }

    /// The bucket 0…9 of `level`; out-of-range and non-finite levels are clamped so a bad metric
    /// can never produce a class the stylesheet does not define.
    var bucket: Int {
        guard level.isFinite else { return 0 }
        return min(9, max(0, Int((level * 10).rounded(.down))))
    }
}

/// What the console knows about live instances, laid over the model: states, badges and heat per element.
public struct DiagramOverlay: Sendable {
    public var states: [ElementID: Set<ElementState>]
    public var badges: [ElementID: [DiagramBadge]]
    /// Empty: no heat map.
    public var heat: [ElementID: DiagramHeat]

    public init(states: [ElementID: Set<ElementState>] = [:], badges: [ElementID: [DiagramBadge]] = [:], heat: [ElementID: DiagramHeat] = [:]) {
        self.states = states
        self.badges = badges
        self.heat = heat
    }
}
