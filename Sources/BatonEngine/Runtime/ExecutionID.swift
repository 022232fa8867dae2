import BatonCore

/// An execution id as `/execution` lists them: a running instance's own id, or
/// `<instance id>:<element key>` for an element instance in it.
public struct ExecutionID: Hashable, Sendable {
    public let instanceID: String
    /// Whether the id names an element instance (it has a `:<…>` part).
    public let namesElement: Bool
    /// The element instance's key; nil for the instance itself, or when the part is no key.
    public let elementKey: ElementKey?

    public init(_ text: String) {
        let colon = text.lastIndex(of: ":")
        instanceID = colon.map { String(text[..<$0]) } ?? text
        namesElement = colon != nil
        elementKey = colon.flatMap { ElementKey(text[text.index(after: $0)...]) }
    }
}
