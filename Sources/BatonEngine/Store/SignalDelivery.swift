import BatonCore
import BatonModel

/// A thrown signal on its way to one receiver. The throwing command's transaction records one
/// per receiver; each is delivered in a transaction of its own after that commits, and deleted in
/// it, so every receiver gets the signal once, also when the process stops between the two.
public struct SignalDelivery: Hashable, Sendable {
    public enum Receiver: Hashable, Sendable {
        /// A signal catch event, boundary event or event subprocess start waiting in an instance.
        case subscription(id: String, instanceID: String)
        /// A signal start event of a process's latest version.
        case startEvent(definitionID: String, elementID: String)
    }

    public var id: String
    public var signal: SignalThrow
    public var receiver: Receiver
    /// When it is delivered (next): when it was thrown, or later after a failed attempt.
    public var dueAt: Timestamp
    /// Failed attempts so far, and the last one's error.
    public var attempts: Int
    public var lastError: String?

    public init(id: String, signal: SignalThrow, receiver: Receiver, dueAt: Timestamp, attempts: Int = 0, lastError: String? = nil) {
        self.id = id
        self.signal = signal
        self.receiver = receiver
        self.dueAt = dueAt
        self.attempts = attempts
        self.lastError = lastError
    }
}

/// An open signal subscription of a running instance that is not suspended.
public struct SignalReceiver: Hashable, Sendable {
    public var subscriptionID: String
    public var instanceID: String
    /// The instance's process key, for the thrower's authorization.
    public var processKey: String
    /// The instance's tenant, for a signal thrown to some tenants only.
    public var tenantID: String?

    public init(subscriptionID: String, instanceID: String, processKey: String, tenantID: String? = nil) {
        self.subscriptionID = subscriptionID
        self.instanceID = instanceID
        self.processKey = processKey
        self.tenantID = tenantID
    }
}
