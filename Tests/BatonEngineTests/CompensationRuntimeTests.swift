import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Compensation and a cancelled transaction through the runtime, on both stores: what waits to
/// be compensated survives between commands in the stored state, handlers that wait are user
/// tasks like any other, and history records the handlers and Camunda's activity types.
@Suite struct CompensationRuntimeTests {
    static let booking = ProcessTest.definitions("""
        <process id="trip" isExecutable="true">
          <startEvent id="s" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="tx" />
          <transaction id="tx">
            <startEvent id="ts" />
            <sequenceFlow id="t1" sourceRef="ts" targetRef="bookHotel" />
            <userTask id="bookHotel" />
            <boundaryEvent id="hotelCompensation" attachedToRef="bookHotel"><compensateEventDefinition /></boundaryEvent>
            <userTask id="cancelHotel" isForCompensation="true" />
            <association id="a1" sourceRef="hotelCompensation" targetRef="cancelHotel" />
            <sequenceFlow id="t2" sourceRef="bookHotel" targetRef="pay" />
            <userTask id="pay" />
            <sequenceFlow id="t3" sourceRef="pay" targetRef="paid" />
            <exclusiveGateway id="paid" />
            <sequenceFlow id="t4" sourceRef="paid" targetRef="done"><conditionExpression>${ok}</conditionExpression></sequenceFlow>
            <sequenceFlow id="t5" sourceRef="paid" targetRef="cancelTrip"><conditionExpression>${!ok}</conditionExpression></sequenceFlow>
            <endEvent id="done" />
            <endEvent id="cancelTrip"><cancelEventDefinition /></endEvent>
          </transaction>
          <boundaryEvent id="cancelled" attachedToRef="tx"><cancelEventDefinition /></boundaryEvent>
          <sequenceFlow id="f2" sourceRef="tx" targetRef="enjoy" />
          <userTask id="enjoy" />
          <sequenceFlow id="f3" sourceRef="cancelled" targetRef="apologise" />
          <userTask id="apologise" />
        </process>
        """)

    @Test(arguments: TestBackend.allCases) func aCancelledTransactionWaitsForItsHandlerThenLeavesByItsBoundary(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.booking)
        let instance = try await test.start("trip")
        try await test.complete("bookHotel", in: instance)
        try await test.complete("pay", in: instance, ["ok": .boolean(false)])
        #expect(Set(try await test.active(in: instance)) == ["tx", "cancelTrip", "cancelHotel"], "the cancel end event waits for the handler")
        try await test.complete("cancelHotel", in: instance)
        #expect(try await test.active(in: instance) == ["apologise"])
        let types = Dictionary(try await test.runtime.activityHistory(of: instance).map { ($0.activityID, $0.activityType) }) { first, _ in first }
        #expect(types["tx"] == "transaction" && types["cancelTrip"] == "cancelEndEvent" && types["cancelled"] == "cancelBoundaryCatch")
        #expect(types["cancelHotel"] == "userTask" && types["hotelCompensation"] == nil, "the compensation boundary event itself is no activity instance, as in Camunda")
    }

    @Test(arguments: TestBackend.allCases) func aCompletedTransactionIsNotCompensated(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy(Self.booking)
        let instance = try await test.start("trip")
        try await test.complete("bookHotel", in: instance)
        try await test.complete("pay", in: instance, ["ok": .boolean(true)])
        #expect(try await test.active(in: instance) == ["enjoy"])
        try await test.complete("enjoy", in: instance)
        try await test.expectEnded(instance)
        #expect(!(try await test.history(of: instance)).contains("cancelHotel"))
    }
}
