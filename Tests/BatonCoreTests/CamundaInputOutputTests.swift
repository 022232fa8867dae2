import BatonBPMN
import BatonCore
import BatonModel
import Testing

/// Camunda's InputOutputTest, ported (its Groovy-script variants left out): input and output
/// parameters of every value kind, where the variables land, and what deploy refuses.
@Suite struct CamundaInputOutputTests {
    /// start → receive task `wait` carrying `mapping` as its extension → end.
    private func waiting(_ mapping: String) throws -> CoreScenario {
        try CoreScenario(bpmn(#"""
            <startEvent id="s" /><receiveTask id="wait"><extensionElements><camunda:inputOutput>\#(mapping)</camunda:inputOutput></extensionElements></receiveTask>
            <endEvent id="e" />
            """# + flows("s->wait", "wait->e")))
    }

    /// start → service task `${true}` carrying output `mapping` → receive task → end.
    private func mappingOut(_ mapping: String) throws -> CoreScenario {
        try CoreScenario(bpmn(#"""
            <startEvent id="s" /><serviceTask id="map" camunda:expression="${true}"><extensionElements><camunda:inputOutput>\#(mapping)</camunda:inputOutput></extensionElements></serviceTask>
            <receiveTask id="wait" /><endEvent id="e" />
            """# + flows("s->map", "map->wait", "wait->e")))
    }

    private func local(_ scenario: CoreScenario, _ name: String) -> VariableValue? {
        scenario.state.elements.last.flatMap { scenario.state.variables[$0.key]?[name] }
    }

    /// testInputNullValue, …StringConstantValue, …ElValue, …MultipleElValue, …MultipleMixedValue,
    /// testCompositeExpressionForInputValue: each lands on the activity, not the instance.
    @Test func inputParametersOfPlainKindsAreLocalToTheActivity() throws {
        var scenario = try waiting(#"""
            <camunda:inputParameter name="nothing" /><camunda:inputParameter name="text">stringValue</camunda:inputParameter>
            <camunda:inputParameter name="sum">${ 1 + 1 }</camunda:inputParameter><camunda:inputParameter name="other">#{ 1 + 2 }</camunda:inputParameter>
            <camunda:inputParameter name="greeting">Hello World${'!'}</camunda:inputParameter>
            """#)
        try scenario.start()
        #expect(local(scenario, "nothing") == .null)
        #expect(local(scenario, "text") == .string("stringValue"))
        #expect(local(scenario, "sum") == .long(2))
        #expect(local(scenario, "other") == .long(3))
        #expect(local(scenario, "greeting") == .string("Hello World!"))
        #expect(scenario.variable("sum") == nil, "not on the process instance")
    }

    /// testInputListElValues, testInputMapElValues, testInputNested, testInputNestedListValues,
    /// testInputMapElKey: lists and maps, nested, with expressions as values and as keys.
    @Test func listsAndMapsNestAndEvaluateTheirExpressions() throws {
        var scenario = try waiting(#"""
            <camunda:inputParameter name="list"><camunda:list><camunda:value>${1+1}</camunda:value><camunda:value>${1+2}</camunda:value><camunda:value>${1+3}</camunda:value></camunda:list></camunda:inputParameter>
            <camunda:inputParameter name="map"><camunda:map><camunda:entry key="a">${1+1}</camunda:entry><camunda:entry key="b">${1+2}</camunda:entry></camunda:map></camunda:inputParameter>
            <camunda:inputParameter name="nested"><camunda:list><camunda:value>constantStringValue</camunda:value><camunda:value>${'elValue'}</camunda:value>
              <camunda:value><camunda:list><camunda:value><camunda:list><camunda:value>a</camunda:value><camunda:value>b</camunda:value></camunda:list></camunda:value><camunda:value>d</camunda:value></camunda:list></camunda:value>
              <camunda:value><camunda:map><camunda:entry key="foo">bar</camunda:entry><camunda:entry key="${exprKey}">potato</camunda:entry></camunda:map></camunda:value></camunda:list></camunda:inputParameter>
            """#)
        try scenario.start(["exprKey": .string("vegie")])
        #expect(local(scenario, "list") == .json(.array([.integer(2), .integer(3), .integer(4)])))
        #expect(local(scenario, "map") == .json(.object([.init("a", .integer(2)), .init("b", .integer(3))])))
        #expect(local(scenario, "nested") == .json(.array([
            .string("constantStringValue"), .string("elValue"), .array([.array([.string("a"), .string("b")]), .string("d")]),
            .object([.init("foo", .string("bar")), .init("vegie", .string("potato"))]),
        ])))
    }

    /// testInputMapElMixedKey: keys are taken in the order of their text, so a literal key
    /// written after an expression key that resolves to it still wins, as in Camunda.
    @Test func mapKeysResolveInTheOrderOfTheirText() throws {
        var scenario = try waiting(#"""
            <camunda:inputParameter name="var1"><camunda:map><camunda:entry key="${varExpr1}">potato</camunda:entry>
              <camunda:entry key="b">tomato</camunda:entry><camunda:entry key="${varExpr2}">${varExprMapValue}</camunda:entry></camunda:map></camunda:inputParameter>
            """#)
        try scenario.start(["varExpr1": .string("a"), "varExpr2": .string("b"), "varExprMapValue": .string("avocado")])
        #expect(local(scenario, "var1") == .json(.object([.init("a", .string("potato")), .init("b", .string("tomato"))])))
    }

    /// testInputMapElUndefinedKey: a key expression that cannot be resolved fails the start.
    @Test func anUnresolvableMapKeyFailsTheStart() throws {
        var scenario = try waiting(#"<camunda:inputParameter name="var1"><camunda:map><camunda:entry key="${varExpr1}">potato</camunda:entry></camunda:map></camunda:inputParameter>"#)
        #expect(throws: Rejection.self) { try scenario.start() }
    }

    /// testOutputNullValue … testOutputMapElKey, testOutputMultipleElValue (`#{…}`): outputs land
    /// on the process instance and outlive the activity.
    @Test func outputParametersLandOnTheInstance() throws {
        var scenario = try mappingOut(#"""
            <camunda:outputParameter name="nothing" /><camunda:outputParameter name="text">stringValue</camunda:outputParameter>
            <camunda:outputParameter name="sum">#{ 1 + 1}</camunda:outputParameter>
            <camunda:outputParameter name="map"><camunda:map><camunda:entry key="${varExpr1}">potato</camunda:entry><camunda:entry key="b">tomato</camunda:entry></camunda:map></camunda:outputParameter>
            """#)
        try scenario.start(["varExpr1": .string("a")])
        #expect(scenario.waiting == ["wait"])
        #expect(scenario.variable("nothing") == .null)
        #expect(scenario.variable("text") == .string("stringValue"))
        #expect(scenario.variable("sum") == .long(2))
        #expect(scenario.variable("map") == .json(.object([.init("a", .string("potato")), .init("b", .string("tomato"))])))
    }

    /// testCompositeExpressionForOutputValue and testOutputPlainTask: an output reads the
    /// activity's inputs, which do not outlive it.
    @Test func outputsReadTheActivitysInputs() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><task id="t"><extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="var">${foo}</camunda:inputParameter><camunda:outputParameter name="var">${var}oque</camunda:outputParameter>
              <camunda:inputParameter name="var1">World!</camunda:inputParameter><camunda:outputParameter name="var2">Hello ${var1}</camunda:outputParameter>
            </camunda:inputOutput></extensionElements></task><userTask id="after" /><endEvent id="e" />
            """# + flows("s->t", "t->after", "after->e")))
        try scenario.start(["foo": .string("bar")])
        #expect(scenario.variable("var") == .string("baroque"))
        #expect(scenario.variable("var2") == .string("Hello World!"))
        #expect(scenario.variable("var1") == nil)
    }

    /// testSubprocessIoSupport: a subprocess's input is local to it; its output reaches the instance.
    @Test func aSubprocessMapsInAndOut() throws {
        var scenario = try CoreScenario(bpmn(#"""
            <startEvent id="s" /><subProcess id="sub"><extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="innerVar">${processVar}</camunda:inputParameter><camunda:outputParameter name="outerVar">${innerVar}</camunda:outputParameter>
            </camunda:inputOutput></extensionElements>
              <startEvent id="ss" /><userTask id="subprocessTask" /><endEvent id="se" />
              <sequenceFlow id="i1" sourceRef="ss" targetRef="subprocessTask" /><sequenceFlow id="i2" sourceRef="subprocessTask" targetRef="se" /></subProcess>
            <userTask id="after" /><endEvent id="e" />
            """# + flows("s->sub", "sub->after", "after->e")))
        try scenario.start(["processVar": .string("value")])
        let sub = try #require(scenario.state.elements.first)
        #expect(scenario.state.variables[sub.key] == ["innerVar": .string("value")])
        try scenario.completeTask("subprocessTask")
        #expect(scenario.variable("outerVar") == .string("value"))
        #expect(scenario.variable("innerVar") == nil)
    }

    /// testSequentialMIActivityIoSupport and testParallelMIActivityIoSupport: each inner instance
    /// gets its own input, and none is left once the activity ends.
    @Test func eachInnerInstanceOfAMultiInstanceActivityGetsItsOwnInput() throws {
        for sequential in [true, false] {
            var scenario = try CoreScenario(bpmn(#"""
                <startEvent id="s" /><userTask id="miTask"><extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="miCounterValue">${loopCounter + 1}</camunda:inputParameter></camunda:inputOutput></extensionElements>
                  <multiInstanceLoopCharacteristics isSequential="\#(sequential)"><loopCardinality>${nrOfLoops}</loopCardinality></multiInstanceLoopCharacteristics></userTask>
                <endEvent id="e" />
                """# + flows("s->miTask", "miTask->e")))
            try scenario.start(["nrOfLoops": .integer(2)])
            let values = scenario.state.elements.compactMap { scenario.state.variables[$0.key]?["miCounterValue"] }
            #expect(values == (sequential ? [.long(1)] : [.long(1), .long(2)]))
            while scenario.task("miTask") != nil { try scenario.completeTask("miTask") }
            #expect(scenario.state.status == .completed)
            #expect(!scenario.events.contains { if case .variableSet(nil, "miCounterValue", _) = $0 { true } else { false } })
        }
    }

    /// testMIOutputMappingDisallowed and testInterruptingEventSubprocessIoSupport: refused at deploy.
    @Test func deployRefusesOutputsOnMultiInstanceAndMappingsOnEventSubprocesses() throws {
        let multiInstance = bpmn(#"""
            <startEvent id="s" /><userTask id="miTask"><extensionElements><camunda:inputOutput>
              <camunda:outputParameter name="counterValue">${loopCounter}</camunda:outputParameter></camunda:inputOutput></extensionElements>
              <multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></userTask><endEvent id="e" />
            """# + flows("s->miTask", "miTask->e"))
        let refused = BPMNReader.read(Array(multiInstance.utf8), file: "mi.bpmn")
        #expect(!refused.isDeployable)
        #expect(refused.diagnostics.contains { $0.elementID == "miTask" && $0.message.contains("output") }, "\(refused.diagnostics)")

        let eventSubprocess = bpmn(#"""
            <startEvent id="s" /><userTask id="t" /><endEvent id="e" />
            <subProcess id="SubProcess_1" triggeredByEvent="true"><extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="x">1</camunda:inputParameter></camunda:inputOutput></extensionElements>
              <startEvent id="es"><messageEventDefinition messageRef="m" /></startEvent><endEvent id="ee" />
              <sequenceFlow id="i1" sourceRef="es" targetRef="ee" /></subProcess>
            """# + flows("s->t", "t->e"), messages: ["m"])
        let refusedToo = BPMNReader.read(Array(eventSubprocess.utf8), file: "esp.bpmn")
        #expect(!refusedToo.isDeployable)
        #expect(refusedToo.diagnostics.contains { $0.elementID == "SubProcess_1" }, "\(refusedToo.diagnostics)")
    }
}
