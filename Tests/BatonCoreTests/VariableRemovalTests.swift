import BatonCore
import BatonModel
import Testing

/// Camunda's removeVariable: a variable goes from the nearest scope that holds it (only from
/// the given scope when local); a name no scope holds is passed by (#15).
@Suite struct VariableRemovalTests {
    @Test func aVariableIsRemovedFromTheScopeThatHoldsIt() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" />
            <subProcess id="stage">
              <extensionElements><camunda:inputOutput><camunda:inputParameter name="note">inner</camunda:inputParameter></camunda:inputOutput></extensionElements>
              <startEvent id="is" /><userTask id="t" /><endEvent id="ie" />
              <sequenceFlow id="i1" sourceRef="is" targetRef="t" /><sequenceFlow id="i2" sourceRef="t" targetRef="ie" />
            </subProcess>
            <endEvent id="e" />
            """# + flows("s->stage", "stage->e")))
        try scenario.start(["plan": .string("gold"), "note": .string("outer")])
        let stage = try #require(scenario.state.elements.first { scenario.process.nodes[$0.node].id.rawValue == "stage" }).key

        #expect(try scenario.run(.removeVariables(scope: stage, names: ["note", "plan", "unknown"], local: false))
            == [.variableRemoved(scope: stage, name: "note"), .variableRemoved(scope: nil, name: "plan")])
        #expect(scenario.state.variable("note", from: stage) == .string("outer"), "the inner one went; the outer one shows through")
        #expect(scenario.variable("plan") == nil)
        #expect(try scenario.run(.removeVariables(scope: stage, names: ["note"], local: true)) == [], "nothing local is left to remove")
        #expect(try scenario.run(.removeVariables(scope: nil, names: ["note"], local: false)) == [.variableRemoved(scope: nil, name: "note")])
        #expect(scenario.state.visibleVariables(from: stage).isEmpty)
    }
}
