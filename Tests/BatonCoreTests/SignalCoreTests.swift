import BatonCore
import BatonModel
import Testing

/// Signals in the pure executor: what a throw records for the runtime, and what it delivers
/// inside its own instance, decided twice, replayed and round-tripped by ``CoreScenario``.
@Suite struct SignalCoreTests {
    static let signals = #"<signal id="alertSignal" name="alert-${region}" />"#

    @Test func aThrowRecordsItsNamePayloadAndBusinessKeyAndReachesItsOwnInstancesCatchFirst() throws {
        var scenario = try CoreScenario(ProcessTestModels.wrap(Self.signals + #"""
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <parallelGateway id="fork" />
              <intermediateCatchEvent id="listen"><signalEventDefinition signalRef="alertSignal" /></intermediateCatchEvent>
              <userTask id="heard" />
              <intermediateThrowEvent id="shout">
                <signalEventDefinition signalRef="alertSignal">
                  <extensionElements><camunda:in source="amount" target="paid" /><camunda:in businessKey="order-${amount}" /></extensionElements>
                </signalEventDefinition>
              </intermediateThrowEvent>
              <userTask id="after" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="fork" />
              <sequenceFlow id="f2" sourceRef="fork" targetRef="listen" />
              <sequenceFlow id="f3" sourceRef="fork" targetRef="shout" />
              <sequenceFlow id="f4" sourceRef="listen" targetRef="heard" />
              <sequenceFlow id="f5" sourceRef="shout" targetRef="after" />
            </process>
            """#))
        try scenario.start(["region": .string("north"), "amount": .integer(7)])
        let thrown = scenario.events.compactMap { if case .signalThrown(let signal) = $0 { signal } else { nil } }
        #expect(thrown == [SignalThrow(name: "alert-north", variables: ["paid": .integer(7)], businessKey: "order-7")])
        #expect(scenario.waiting.sorted() == ["after", "heard"], "the catch opened before the throw received it in the same command")
        #expect(scenario.state.subscriptions.isEmpty)
        #expect(scenario.variable("paid") == .integer(7), "the payload reached the receiver")
    }

    @Test func anInterruptingReceiverInTheThrowingInstanceEndsTheThrowersScope() throws {
        var scenario = try CoreScenario(ProcessTestModels.wrap(Self.signals + #"""
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <subProcess id="stage">
                <startEvent id="is" />
                <endEvent id="raise"><signalEventDefinition signalRef="alertSignal" /></endEvent>
                <sequenceFlow id="i1" sourceRef="is" targetRef="raise" />
              </subProcess>
              <boundaryEvent id="caught" attachedToRef="stage"><signalEventDefinition signalRef="alertSignal" /></boundaryEvent>
              <userTask id="normal" />
              <userTask id="handled" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="stage" />
              <sequenceFlow id="f2" sourceRef="stage" targetRef="normal" />
              <sequenceFlow id="f3" sourceRef="caught" targetRef="handled" />
            </process>
            """#))
        try scenario.start(["region": .string("south")])
        #expect(scenario.waiting == ["handled"])
        #expect(scenario.events.contains(.elementTerminated(key: 2)), "the subprocess was interrupted")
    }
}

/// Inline models for core tests that need root elements of their own.
enum ProcessTestModels {
    static func wrap(_ body: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        \(body)
        </definitions>
        """
    }
}
