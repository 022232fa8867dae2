import BatonCore
import BatonModel

/// Message buffering (beyond Camunda 7, as Zeebe does it): a message correlated with a time to
/// live that matches nothing waits; the first subscription to open within that time whose name,
/// business key, instance and correlation keys match receives it, in the command that opened it,
/// oldest message first, and each message once.
extension Runtime {
    /// Keeps `correlation` for `ttl`, refusing one longer than ``maximumMessageTimeToLive``.
    func buffer(_ correlation: MessageCorrelation, for ttl: ISODuration, in transaction: any StoreTransaction) async throws {
        let now = clock.now()
        let expiresAt = ttl.added(to: now)
        guard expiresAt > now else {
            throw EngineError(.invalidArgument, "Expected 'ttl' to be a positive ISO 8601 duration, but it is '\(ttl)'.")
        }
        guard expiresAt <= maximumMessageTimeToLive.added(to: now) else {
            throw EngineError(
                .invalidArgument, "Expected 'ttl' to be at most \(maximumMessageTimeToLive) (BATON_MESSAGE_TTL_MAX), but it is '\(ttl)'.")
        }
        try await transaction.insertBufferedMessage(BufferedMessage(
            id: ids.next(), name: correlation.messageName, businessKey: correlation.businessKey, processInstanceID: correlation.processInstanceID,
            correlationKeys: correlation.correlationKeys, variables: correlation.variables, expiresAt: expiresAt))
    }

    /// The delivery of the oldest buffered message that `subscription`, just opened by `record`,
    /// matches, taken out of the buffer; nil when none does.
    func bufferedDelivery(to subscription: SubscriptionRecord, of record: InstanceRecord, in transaction: any StoreTransaction) async throws -> Pending? {
        guard subscription.kind == .message else { return nil }
        let candidates = try await transaction.bufferedMessages(
            named: subscription.eventName, businessKey: record.state.businessKey, instanceID: record.id, at: clock.now(), limit: 100)
        guard !candidates.isEmpty else { return nil }
        let root = record.state.visibleVariables(from: nil)
        guard let message = candidates.first(where: { $0.correlationKeys.allSatisfy { root[$0.key] == $0.value } }) else { return nil }
        try await transaction.deleteBufferedMessage(message.id)
        return Pending(instanceID: record.id, command: .triggerSubscription(subscriptionID: subscription.id, variables: message.variables))
    }
}
