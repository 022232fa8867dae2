/// Where a benefit-plan draft stands. It moves only forward:
/// draft → submitted → approved | rejected | conflict, and approved → published.
public enum DraftStatus: String, Hashable, Sendable, CaseIterable {
    case draft, submitted, approved, rejected, conflict, published

    /// The statuses this one may move to.
    public var next: [DraftStatus] {
        switch self {
        case .draft: [.submitted]
        case .submitted: [.approved, .rejected, .conflict]
        case .approved: [.published]
        case .rejected, .conflict, .published: []
        }
    }

    /// The statuses that may move to this one.
    public var previous: [DraftStatus] { Self.allCases.filter { $0.next.contains(self) } }
}
