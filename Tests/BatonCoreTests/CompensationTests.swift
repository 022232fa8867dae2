import BatonCore
import BatonModel
import Testing

/// Compensation and transactions, as Camunda 7's CompensateEventTest, CompensateEventOrderTest
/// and TransactionSubProcessTest assert them (own models, the same scenarios), in the pure
/// executor: decided twice, replayed and round-tripped by ``CoreScenario``.
@Suite struct CompensationTests {
    /// A task `id` that appends `undo-<id>;` to `undone` when its handler runs.
    static func compensated(_ id: String, task: String = "scriptTask", handler: String? = nil) -> String {
        let body = task == "scriptTask" ? #" scriptFormat="juel" camunda:resultVariable="\#(id)Done"><script>${true}</script></scriptTask>"# : " />"
        let handlerElement = handler ?? #"""
            <scriptTask id="undo-\#(id)" isForCompensation="true" scriptFormat="juel" camunda:resultVariable="undone"><script>${undone.concat('\#(id);')}</script></scriptTask>
            """#
        return #"""
            <\#(task) id="\#(id)"\#(body)
            <boundaryEvent id="\#(id)-compensation" attachedToRef="\#(id)"><compensateEventDefinition /></boundaryEvent>
            \#(handlerElement)
            <association id="\#(id)-association" sourceRef="\#(id)-compensation" targetRef="undo-\#(id)" />
            """#
    }

    static let start = #"<startEvent id="s" />"#

    @Test func aThrowUndoesWhatCompletedMostRecentFirstAndEachOnce() throws {
        var scenario = try CoreScenario(bpmn(Self.start + Self.compensated("hotel") + Self.compensated("flight") + #"""
            <intermediateThrowEvent id="undoAll"><compensateEventDefinition /></intermediateThrowEvent>
            <userTask id="review" />
            <intermediateThrowEvent id="undoAgain"><compensateEventDefinition /></intermediateThrowEvent>
            <endEvent id="e" />
            """# + flows("s->hotel", "hotel->flight", "flight->undoAll", "undoAll->review", "review->undoAgain", "undoAgain->e")))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("flight;hotel;"), "reverse order of completion")
        #expect(scenario.waiting == ["review"])
        #expect(scenario.state.compensations.isEmpty)
        try scenario.completeTask("review")
        #expect(scenario.variable("undone") == .string("flight;hotel;"), "each activity is compensated once")
        #expect(scenario.state.status == .completed)
    }

    @Test func activityRefUndoesThatActivityOnly() throws {
        var scenario = try CoreScenario(bpmn(Self.start + Self.compensated("hotel") + Self.compensated("flight") + #"""
            <endEvent id="undoHotel"><compensateEventDefinition activityRef="hotel" /></endEvent>
            """# + flows("s->hotel", "hotel->flight", "flight->undoHotel")))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("hotel;"))
        #expect(scenario.state.status == .completed)
    }

    @Test func theThrowerWaitsForHandlersThatWaitAndTheyRunTogether() throws {
        var scenario = try CoreScenario(bpmn(Self.start
            + Self.compensated("hotel", handler: #"<userTask id="undo-hotel" isForCompensation="true" />"#)
            + Self.compensated("flight", handler: #"<userTask id="undo-flight" isForCompensation="true" />"#) + #"""
            <intermediateThrowEvent id="undoAll"><compensateEventDefinition waitForCompletion="true" /></intermediateThrowEvent>
            <userTask id="after" />
            """# + flows("s->hotel", "hotel->flight", "flight->undoAll", "undoAll->after")))
        try scenario.start()
        #expect(scenario.waiting.sorted() == ["undo-flight", "undo-hotel", "undoAll"])
        try scenario.completeTask("undo-flight")
        #expect(scenario.waiting.sorted() == ["undo-hotel", "undoAll"], "waits for every handler")
        try scenario.completeTask("undo-hotel")
        #expect(scenario.waiting == ["after"])
    }

    @Test func whatHasNotCompletedIsNotCompensated() throws {
        var scenario = try CoreScenario(bpmn(Self.start + #"<parallelGateway id="fork" />"#
            + Self.compensated("hotel") + Self.compensated("flight", task: "userTask") + #"""
            <intermediateThrowEvent id="undoAll"><compensateEventDefinition /></intermediateThrowEvent>
            <userTask id="after" />
            """# + flows("s->fork", "fork->hotel", "fork->flight", "hotel->undoAll", "undoAll->after")))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("hotel;"), "the flight is still being booked")
        #expect(scenario.waiting.sorted() == ["after", "flight"])
    }

    @Test func aCompletedSubprocessIsUndoneInsideWithItsVariablesAsTheyEnded() throws {
        var scenario = try CoreScenario(bpmn(Self.start + #"""
            <subProcess id="booking">
              <startEvent id="bs" />
              <scriptTask id="pick" scriptFormat="juel" camunda:resultVariable="room"><script>${'suite'}</script></scriptTask>
              \#(Self.compensated("hotel", handler: #"<scriptTask id="undo-hotel" isForCompensation="true" scriptFormat="juel" camunda:resultVariable="undone"><script>${undone.concat(room)}</script></scriptTask>"#))
              <endEvent id="be" />
              <sequenceFlow id="b1" sourceRef="bs" targetRef="pick" />
              <sequenceFlow id="b2" sourceRef="pick" targetRef="hotel" />
              <sequenceFlow id="b3" sourceRef="hotel" targetRef="be" />
              <extensionElements><camunda:inputOutput><camunda:inputParameter name="room">none</camunda:inputParameter></camunda:inputOutput></extensionElements>
            </subProcess>
            <intermediateThrowEvent id="undoBooking"><compensateEventDefinition activityRef="booking" /></intermediateThrowEvent>
            <userTask id="after" />
            """# + flows("s->booking", "booking->undoBooking", "undoBooking->after")))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("suite"), "the handler saw the subprocess's local variable as it ended")
        #expect(scenario.variable("room") == nil, "the snapshot is gone with the compensation")
        #expect(scenario.waiting == ["after"])
    }

    @Test func everyInstanceOfAMultiInstanceActivityIsCompensated() throws {
        var scenario = try CoreScenario(bpmn(Self.start + #"""
            <scriptTask id="hotel" scriptFormat="juel" camunda:resultVariable="booked"><script>${true}</script>
              <multiInstanceLoopCharacteristics isSequential="true"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
            </scriptTask>
            <boundaryEvent id="hotel-compensation" attachedToRef="hotel"><compensateEventDefinition /></boundaryEvent>
            <scriptTask id="undo-hotel" isForCompensation="true" scriptFormat="juel" camunda:resultVariable="undone"><script>${undone.concat('x')}</script></scriptTask>
            <association id="a" sourceRef="hotel-compensation" targetRef="undo-hotel" />
            <endEvent id="undoHotel"><compensateEventDefinition activityRef="hotel" /></endEvent>
            """# + flows("s->hotel", "hotel->undoHotel")))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("xxx"))
        #expect(scenario.state.status == .completed)
    }

    @Test func anInterruptedScopeTakesItsCompensationWithIt() throws {
        var scenario = try CoreScenario(bpmn(Self.start + #"""
            <subProcess id="booking">
              <startEvent id="bs" />
              \#(Self.compensated("hotel"))
              <userTask id="pay" />
              <sequenceFlow id="b1" sourceRef="bs" targetRef="hotel" />
              <sequenceFlow id="b2" sourceRef="hotel" targetRef="pay" />
            </subProcess>
            <boundaryEvent id="failed" attachedToRef="booking"><errorEventDefinition errorRef="declined" /></boundaryEvent>
            <intermediateThrowEvent id="undoAll"><compensateEventDefinition /></intermediateThrowEvent>
            <userTask id="after" />
            """# + flows("s->booking", "failed->undoAll", "undoAll->after"), errors: [("declined", "DECLINED")]))
        try scenario.start(["undone": .string("")])
        #expect(scenario.state.compensations.count == 1, "the hotel's, inside the running subprocess")
        let pay = try #require(scenario.task("pay"))
        try scenario.run(.throwError(target: .task(pay.id), code: "DECLINED", message: nil, variables: [:]))
        #expect(scenario.state.compensations.isEmpty)
        #expect(scenario.variable("undone") == .string(""), "an interrupted subprocess is not compensated")
        #expect(scenario.waiting == ["after"])
    }

    static func transaction(_ ending: String) -> String {
        bpmn(Self.start + #"""
            <transaction id="tx">
              <startEvent id="ts" />
              <parallelGateway id="fork" />
              \#(Self.compensated("hotel"))
              \#(Self.compensated("flight"))
              <userTask id="confirm" />
              <userTask id="waitForPayment" />
              <exclusiveGateway id="decide" />
              <endEvent id="success" />
              <endEvent id="failure"><cancelEventDefinition /></endEvent>
              <sequenceFlow id="t1" sourceRef="ts" targetRef="fork" />
              <sequenceFlow id="t2" sourceRef="fork" targetRef="hotel" />
              <sequenceFlow id="t3" sourceRef="fork" targetRef="waitForPayment" />
              <sequenceFlow id="t4" sourceRef="hotel" targetRef="flight" />
              <sequenceFlow id="t5" sourceRef="flight" targetRef="confirm" />
              <sequenceFlow id="t6" sourceRef="confirm" targetRef="decide" />
              <sequenceFlow id="t7" sourceRef="decide" targetRef="success"><conditionExpression>${confirmed}</conditionExpression></sequenceFlow>
              <sequenceFlow id="t8" sourceRef="decide" targetRef="failure"><conditionExpression>${!confirmed}</conditionExpression></sequenceFlow>
            </transaction>
            <boundaryEvent id="cancelled" attachedToRef="tx"><cancelEventDefinition /></boundaryEvent>
            <userTask id="afterSuccess" />
            <userTask id="afterCancellation" />
            \#(ending)
            """# + flows("s->tx", "tx->afterSuccess", "cancelled->afterCancellation"))
    }

    @Test func aCancelledTransactionEndsItsRestCompensatesItsWorkAndLeavesByItsCancelBoundary() throws {
        var scenario = try CoreScenario(Self.transaction(""))
        try scenario.start(["undone": .string("")])
        #expect(scenario.waiting.sorted() == ["confirm", "tx", "waitForPayment"])
        try scenario.completeTask("confirm", ["confirmed": .boolean(false)])
        #expect(scenario.variable("undone") == .string("flight;hotel;"))
        #expect(scenario.waiting == ["afterCancellation"], "waitForPayment ended, the transaction left by its cancel boundary")
        #expect(scenario.state.compensations.isEmpty)
    }

    @Test func aSuccessfulTransactionIsCompensatedLaterAsAWhole() throws {
        var scenario = try CoreScenario(Self.transaction(#"""
            <intermediateThrowEvent id="undoTx"><compensateEventDefinition activityRef="tx" /></intermediateThrowEvent>
            <endEvent id="e" />
            <sequenceFlow id="x1" sourceRef="afterSuccess" targetRef="undoTx" />
            <sequenceFlow id="x2" sourceRef="undoTx" targetRef="e" />
            """#))
        try scenario.start(["undone": .string("")])
        try scenario.completeTask("waitForPayment")
        try scenario.completeTask("confirm", ["confirmed": .boolean(true)])
        #expect(scenario.waiting == ["afterSuccess"])
        #expect(scenario.variable("undone") == .string(""))
        try scenario.completeTask("afterSuccess")
        #expect(scenario.variable("undone") == .string("flight;hotel;"))
        #expect(scenario.state.status == .completed)
    }

    /// A `booking` subprocess booking a hotel and a flight, whose compensation event subprocess
    /// does `compensation`; a process-level throw after it.
    static func bookingWithEventSubProcess(_ compensation: String) -> String {
        bpmn(Self.start + #"""
            <subProcess id="booking">
              <startEvent id="bs" />
              \#(Self.compensated("hotel"))
              \#(Self.compensated("flight"))
              <endEvent id="be" />
              <sequenceFlow id="b1" sourceRef="bs" targetRef="hotel" />
              <sequenceFlow id="b2" sourceRef="hotel" targetRef="flight" />
              <sequenceFlow id="b3" sourceRef="flight" targetRef="be" />
              <subProcess id="onCompensation" triggeredByEvent="true">
                <startEvent id="cs"><compensateEventDefinition /></startEvent>
                \#(compensation)
              </subProcess>
            </subProcess>
            <intermediateThrowEvent id="undoAll"><compensateEventDefinition /></intermediateThrowEvent>
            <userTask id="after" />
            """# + flows("s->booking", "booking->undoAll", "undoAll->after"))
    }

    @Test func aCompensationEventSubprocessDecidesWhatIsUndoneAndInWhichOrder() throws {
        var scenario = try CoreScenario(Self.bookingWithEventSubProcess(#"""
            <intermediateThrowEvent id="undoHotelFirst"><compensateEventDefinition activityRef="hotel" /></intermediateThrowEvent>
            <intermediateThrowEvent id="undoFlightThen"><compensateEventDefinition activityRef="flight" /></intermediateThrowEvent>
            <scriptTask id="updateRecord" scriptFormat="juel" camunda:resultVariable="undone"><script>${undone.concat('record;')}</script></scriptTask>
            <endEvent id="ce" />
            <sequenceFlow id="c1" sourceRef="cs" targetRef="undoHotelFirst" />
            <sequenceFlow id="c2" sourceRef="undoHotelFirst" targetRef="undoFlightThen" />
            <sequenceFlow id="c3" sourceRef="undoFlightThen" targetRef="updateRecord" />
            <sequenceFlow id="c4" sourceRef="updateRecord" targetRef="ce" />
            """#))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("hotel;flight;record;"), "its own order, not the reverse of completion")
        #expect(scenario.waiting == ["after"])
        #expect(scenario.state.compensations.isEmpty)
        #expect(scenario.events.contains { if case .elementActivated(let element) = $0 { scenario.process.nodes[element.node].id == "cs" } else { false } })
    }

    @Test func whatTheEventSubprocessDoesNotThrowForIsNotUndone() throws {
        var scenario = try CoreScenario(Self.bookingWithEventSubProcess(#"""
            <intermediateThrowEvent id="undoHotelOnly"><compensateEventDefinition activityRef="hotel" /></intermediateThrowEvent>
            <endEvent id="ce" />
            <sequenceFlow id="c1" sourceRef="cs" targetRef="undoHotelOnly" />
            <sequenceFlow id="c2" sourceRef="undoHotelOnly" targetRef="ce" />
            """#))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("hotel;"), "the flight's compensation was consumed, not run")
        #expect(scenario.state.compensations.isEmpty, "and forgotten with the scope")
        #expect(scenario.waiting == ["after"])
    }

    @Test func aSubprocessWithItsOwnHandlerNamedByActivityRefIsUndoneByThatHandlerAlone() throws {
        var scenario = try CoreScenario(bpmn(Self.start + #"""
            <subProcess id="booking">
              <startEvent id="bs" />
              \#(Self.compensated("hotel"))
              <sequenceFlow id="b1" sourceRef="bs" targetRef="hotel" />
            </subProcess>
            <boundaryEvent id="booking-compensation" attachedToRef="booking"><compensateEventDefinition /></boundaryEvent>
            <scriptTask id="undo-booking" isForCompensation="true" scriptFormat="juel" camunda:resultVariable="undone"><script>${undone.concat('booking;')}</script></scriptTask>
            <association id="ab" sourceRef="booking-compensation" targetRef="undo-booking" />
            <intermediateThrowEvent id="undoBooking"><compensateEventDefinition activityRef="booking" /></intermediateThrowEvent>
            <userTask id="after" />
            """# + flows("s->booking", "booking->undoBooking", "undoBooking->after")))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("booking;"), "Camunda's CAM-3628: the subprocess's handler, not its inner ones")
    }

    @Test func aThrowInsideAnErrorEventSubprocessUndoesTheScopeHoldingIt() throws {
        var scenario = try CoreScenario(bpmn(Self.start + Self.compensated("hotel") + #"""
            <userTask id="pay" />
            <subProcess id="onDeclined" triggeredByEvent="true">
              <startEvent id="declined"><errorEventDefinition errorRef="declinedError" /></startEvent>
              <intermediateThrowEvent id="undoHotel"><compensateEventDefinition activityRef="hotel" /></intermediateThrowEvent>
              <userTask id="apologise" />
              <sequenceFlow id="d1" sourceRef="declined" targetRef="undoHotel" />
              <sequenceFlow id="d2" sourceRef="undoHotel" targetRef="apologise" />
            </subProcess>
            """# + flows("s->hotel", "hotel->pay"), errors: [("declinedError", "DECLINED")]))
        try scenario.start(["undone": .string("")])
        let pay = try #require(scenario.task("pay"))
        try scenario.run(.throwError(target: .task(pay.id), code: "DECLINED", message: nil, variables: [:]))
        #expect(scenario.variable("undone") == .string("hotel;"), "an interrupting event subprocess keeps its scope's compensation")
        #expect(scenario.waiting.sorted() == ["apologise", "onDeclined"])
    }

    @Test func nestedCompletedSubprocessesAreUndoneInsideOut() throws {
        var scenario = try CoreScenario(bpmn(Self.start + #"""
            <subProcess id="trip">
              <startEvent id="ts" />
              \#(Self.compensated("hotel"))
              <subProcess id="travel">
                <startEvent id="vs" />
                \#(Self.compensated("flight"))
                <sequenceFlow id="v1" sourceRef="vs" targetRef="flight" />
              </subProcess>
              <sequenceFlow id="t1" sourceRef="ts" targetRef="hotel" />
              <sequenceFlow id="t2" sourceRef="hotel" targetRef="travel" />
            </subProcess>
            <endEvent id="undoAll"><compensateEventDefinition /></endEvent>
            """# + flows("s->trip", "trip->undoAll")))
        try scenario.start(["undone": .string("")])
        #expect(scenario.variable("undone") == .string("flight;hotel;"), "the later-completed inner subprocess first")
        #expect(scenario.state.status == .completed)
        #expect(scenario.state.compensations.isEmpty)
    }
}

