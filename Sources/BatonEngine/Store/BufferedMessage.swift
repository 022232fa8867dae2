import BatonModel

/// A message that matched nothing when it was correlated with a time to live (Baton's `ttl`
/// extension of `POST /message`): it waits for a subscription that matches it to open.
public struct BufferedMessage: Hashable, Sendable {
    public var id: String
    public var name: String
    public var businessKey: String?
    public var processInstanceID: String?
    /// Process-level variables the receiving instance must hold, as correlation keys say.
    public var correlationKeys: [String: VariableValue]
    public var variables: [String: VariableValue]
    public var expiresAt: Timestamp

    public init(
        id: String, name: String, businessKey: String?, processInstanceID: String?, correlationKeys: [String: VariableValue],
        variables: [String: VariableValue], expiresAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.businessKey = businessKey
        self.processInstanceID = processInstanceID
        self.correlationKeys = correlationKeys
        self.variables = variables
        self.expiresAt = expiresAt
    }
}
