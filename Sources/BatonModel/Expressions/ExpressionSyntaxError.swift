/// Why the text of an expression could not be parsed, and where in that text.
public struct ExpressionSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offset, in characters from the start of the attribute or element text, of the fault.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) (at character \(offset + 1))" }
}
