import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Messages with a time to live (Baton's `ttl`, beyond Camunda 7): kept when nothing matches,
/// received by the first matching subscription to open within the TTL, oldest first, once; on
/// both stores.
@Suite struct MessageBufferingTests {
    static let model = ProcessTest.definitions("""
        <message id="paid" name="payment-received" />
        <process id="order" isExecutable="true">
          <startEvent id="s" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="prepare" />
          <userTask id="prepare" />
          <sequenceFlow id="f2" sourceRef="prepare" targetRef="waitForPayment" />
          <intermediateCatchEvent id="waitForPayment"><messageEventDefinition messageRef="paid" /></intermediateCatchEvent>
          <sequenceFlow id="f3" sourceRef="waitForPayment" targetRef="ship" />
          <userTask id="ship" />
        </process>
        """)

    @Test(arguments: TestBackend.allCases) func aMessageThatCameEarlyWaitsForItsSubscription(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.model)
        let first = try await test.start("order", ["orderId": .string("o-1")], businessKey: "o-1")
        let second = try await test.start("order", ["orderId": .string("o-2")], businessKey: "o-2")
        // Paid before anyone waits: without a TTL this is refused, as in Camunda.
        await #expect(throws: EngineError.self) { try await test.runtime.correlate(MessageCorrelation(messageName: "payment-received")) }
        let ttl = ISODuration("PT10M")
        let buffered = try await test.runtime.correlate(MessageCorrelation(
            messageName: "payment-received", correlationKeys: ["orderId": .string("o-2")], variables: ["amount": .integer(40)], timeToLive: ttl))
        #expect(buffered.isEmpty)
        try await test.runtime.correlate(MessageCorrelation(
            messageName: "payment-received", businessKey: "o-1", variables: ["amount": .integer(10)], timeToLive: ttl))
        try await test.runtime.correlate(MessageCorrelation(
            messageName: "payment-received", businessKey: "o-1", variables: ["amount": .integer(11)], timeToLive: ttl))

        // o-2's subscription opens: its message (by correlation key) is received at once.
        try await test.complete("prepare", in: second)
        #expect(try await test.active(in: second) == ["ship"])
        #expect(try await test.variables(of: second)["amount"] == .integer(40))
        // o-1's: the older of its two messages; the other stays for the next subscription.
        try await test.complete("prepare", in: first)
        #expect(try await test.active(in: first) == ["ship"])
        #expect(try await test.variables(of: first)["amount"] == .integer(10), "first in, first out")

        let third = try await test.start("order", ["orderId": .string("o-3")], businessKey: "o-1")
        try await test.complete("prepare", in: third)
        #expect(try await test.variables(of: third)["amount"] == .integer(11), "the remaining one, once")
        let fourth = try await test.start("order", ["orderId": .string("o-4")], businessKey: "o-1")
        try await test.complete("prepare", in: fourth)
        #expect(try await test.active(in: fourth) == ["waitForPayment"], "nothing left for it")
    }

    @Test(arguments: TestBackend.allCases) func anExpiredMessageIsNoLongerReceived(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.model)
        let instance = try await test.start("order", businessKey: "o-9")
        try await test.runtime.correlate(MessageCorrelation(messageName: "payment-received", businessKey: "o-9", timeToLive: ISODuration("PT1M")))
        test.clock.advance(by: "PT2M")
        try await test.complete("prepare", in: instance)
        #expect(try await test.active(in: instance) == ["waitForPayment"])
        _ = try await test.runtime.cleanUpHistory()
    }

    @Test func aTimeToLiveBeyondTheMaximumOrNotPositiveIsRefused() async throws {
        let test = ProcessTest()
        try await test.deploy(Self.model)
        for ttl in ["P30D", "PT0S"] {
            let refusal = await #expect(throws: EngineError.self) {
                try await test.runtime.correlate(MessageCorrelation(messageName: "payment-received", timeToLive: ISODuration(ttl)))
            }
            #expect(refusal?.kind == .invalidArgument, "\(ttl)")
        }
    }
}
