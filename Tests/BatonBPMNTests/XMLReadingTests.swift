import BatonBPMN
import BatonModel
import Testing

/// What the SAX-built tree must preserve exactly: entities in attributes and text, and numbers.
@Suite struct XMLReadingTests {
    private let header = #"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC">"#

    @Test func decodesEntitiesInAttributeValues() throws {
        let xml = header + #"""
            <process id="p" isExecutable="true">
              <startEvent id="s" name="R&amp;D &#38; QA &lt;fast&gt; &quot;now&quot; &#233;t&#xE9;" />
              <userTask id="t" camunda:assignee="${a &amp;&amp; b ? 'x' : 'y'}" />
            </process></definitions>
            """#
        let process = try #require(Fixtures.read(xml: xml).definitions?.processes.first)
        #expect(process.node("s")?.name == #"R&D & QA <fast> "now" été"#)
        guard case .userTask(let task)? = process.node("t")?.kind else { throw Failure("user task") }
        #expect(task.assignee?.source == "${a && b ? 'x' : 'y'}")
    }

    @Test(arguments: [("120", 120.0), ("-35.5", -35.5), ("0.25", 0.25), ("1.5e2", 150.0), (" 12 ", 12.0)])
    func readsDiagramNumbersInEverySpelling(text: String, value: Double) throws {
        let xml = header + """
            <process id="p"><task id="a" /></process>
            <bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement="p"><bpmndi:BPMNShape bpmnElement="a">
            <dc:Bounds x="\(text)" y="1" width="2" height="3" /></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>
            """
        let bounds = try #require(Fixtures.read(xml: xml).definitions?.diagram.shape(for: "a")?.bounds)
        #expect(bounds.x == value)
    }

    @Test func keepsTextWhitespaceInsideContentButDropsIndentation() throws {
        let xml = header + """
            <process id="p" isExecutable="true">
              <scriptTask id="s" scriptFormat="juel">
                <script>  ${a
                  + b}  </script>
              </scriptTask>
            </process></definitions>
            """
        guard case .scriptTask(let script)? = try #require(Fixtures.read(xml: xml).definitions?.processes.first).node("s")?.kind else {
            throw Failure("script task")
        }
        #expect(script.source == "  ${a\n      + b}  ")
        #expect(script.expression?.source == "${a\n      + b}")
    }
}
