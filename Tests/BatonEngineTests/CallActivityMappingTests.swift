import BatonEngine
import BatonModel
import BatonTesting
import Testing

/// `camunda:in` of a call activity, which signal throws share (`StepRun.mappedVariables`):
/// `variables="all"` with `local="true"` passes the call activity's own variables only, as
/// Camunda does, and without it every variable it sees.
@Suite struct CallActivityMappingTests {
    static func model(local: Bool) -> String {
        ProcessTest.definitions("""
            <process id="parent" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="call" />
              <callActivity id="call" calledElement="child">
                <extensionElements>
                  <camunda:in variables="all"\(local ? #" local="true""# : "") />
                  <camunda:inputOutput><camunda:inputParameter name="mine">local value</camunda:inputParameter></camunda:inputOutput>
                </extensionElements>
              </callActivity>
            </process>
            <process id="child" isExecutable="true">
              <startEvent id="cs" />
              <sequenceFlow id="c1" sourceRef="cs" targetRef="work" />
              <userTask id="work" />
            </process>
            """)
    }

    @Test(arguments: [true, false]) func allVariablesOrTheCallActivitysOwn(local: Bool) async throws {
        let test = ProcessTest()
        try await test.deploy(Self.model(local: local))
        _ = try await test.start("parent", ["global": .string("parent value")])
        let child = try #require(try await test.runtime.instances(ProcessInstanceQuery(processDefinitionKey: "child")).first)
        let variables = try await test.variables(of: child.id)
        #expect(variables["mine"] == .string("local value"))
        #expect(variables["global"] == (local ? nil : .string("parent value")))
    }
}
