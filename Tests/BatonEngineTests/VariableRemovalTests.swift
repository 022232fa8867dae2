import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// Removing variables through the runtime, on both stores: the runtime rows go, history keeps
/// the last value, and setting and removing in one call is one transaction (#15).
@Suite struct RuntimeVariableRemovalTests {
    @Test(arguments: TestBackend.allCases) func removedVariablesLeaveTheQuerySideButNotHistory(backend: TestBackend) async throws {
        let test = try await ProcessTest.on(backend)
        try await test.deploy("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
            <process id="p" isExecutable="true"><startEvent id="s" /><userTask id="t" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="t" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /></process></definitions>
            """)
        let instance = try await test.start("p", ["plan": .string("gold"), "salary": .long(98000), "draft": .string("D-1")])
        try await test.runtime.updateVariables(of: instance, set: ["plan": .string("silver"), "temp": .boolean(true)], remove: ["salary", "temp", "never"])
        let names = try await test.runtime.variableInstances(VariableInstanceQuery(processInstanceIDs: [instance])).map(\.name).sorted()
        #expect(names == ["draft", "plan"], "salary removed; temp set and removed in the same call")
        #expect(try await test.runtime.variables(of: instance).map(\.name) == ["draft", "plan"])
        var removed = HistoricVariableInstanceQuery(processInstanceIDs: [instance], variableName: "salary")
        #expect(try await test.runtime.variableHistory(removed).isEmpty, "a removed variable is left out by default, as in Camunda")
        removed.includeDeleted = true
        let history = try await test.runtime.variableHistory(removed)
        #expect(history.map(\.value) == [.long(98000)], "history keeps the value it had")
        #expect(history.map(\.deleted) == [true])
        var temp = HistoricVariableInstanceQuery(processInstanceIDs: [instance], variableName: "temp")
        temp.includeDeleted = true
        #expect(try await test.runtime.variableHistory(temp).map(\.deleted) == [true], "set and removed in one command")
        try await test.runtime.updateVariables(of: instance, set: ["salary": .long(99000)], remove: [])
        let back = try await test.runtime.variableHistory(HistoricVariableInstanceQuery(processInstanceIDs: [instance], variableName: "salary"))
        #expect(back.map(\.deleted) == [false] && back.map(\.value) == [.long(99000)], "set again, it is CREATED once more")

        await #expect(throws: EngineError.self) { try await test.runtime.updateVariables(of: "nope", set: [:], remove: ["plan"]) }
        try await test.complete("t", in: instance)
        await #expect(throws: EngineError.self, "an ended instance's variables are history") {
            try await test.runtime.updateVariables(of: instance, set: [:], remove: ["plan"])
        }
    }
}
