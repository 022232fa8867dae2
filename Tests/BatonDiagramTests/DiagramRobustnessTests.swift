import BatonDiagram
import BatonModel
import Foundation
import Testing

/// Hostile names, references to nothing, and collapsed contents: what uploaded files can contain.
@Suite struct DiagramRobustnessTests {
    private static func file(name: String, diagram: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
            xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="D" targetNamespace="t">
          <bpmn:process id="p" isExecutable="false" name="\(name)">
            <bpmn:startEvent id="s" name="\(name)" />
            <bpmn:task id="t" name="\(name)" />
            <bpmn:subProcess id="sub" name="Collapsed">
              <bpmn:startEvent id="inner" />
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f" name="\(name)" sourceRef="s" targetRef="t" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="p">
        \(diagram)
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """
    }

    private static let basicShapes = """
        <bpmndi:BPMNShape id="s_di" bpmnElement="s"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
        <bpmndi:BPMNShape id="t_di" bpmnElement="t"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
        <bpmndi:BPMNEdge id="f_di" bpmnElement="f"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
        """

    @Test func hostileTextIsEscaped() throws {
        // As written in XML: the parser unescapes these into the raw characters the renderer must escape again.
        let hostile = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;'&amp;"
        let definitions = try DiagramFixtures.definitions(xml: Self.file(name: hostile, diagram: Self.basicShapes))
        #expect(definitions.processes.first?.node("t")?.name == "<script>alert(1)</script> \"'&")
        let raw = "<script>alert(1)</script> \"'&"
        let overlay = DiagramOverlay(
            states: ["t": [.active]], badges: ["t": [DiagramBadge(kind: .incidents, count: 2, title: raw)]], heat: ["t": DiagramHeat(level: 0.5, label: raw)])
        let svg = try #require(DiagramRenderer.svg(definitions, overlay: overlay, title: raw))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("</script"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#39;&amp;"))
        #expect(svg.contains("aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#39;&amp;\""))
        // Every quote inside the document is markup: attribute values never contain a raw one.
        for line in svg.split(separator: "\n") {
            #expect(SVGInspection.occurrences(of: "\"", in: String(line)) % 2 == 0, "\(line)")
            #expect(!line.contains("'"), "\(line)")
        }
    }

    @Test func referencesToUnknownElementsDoNotCrash() throws {
        let diagram = Self.basicShapes + """
            <bpmndi:BPMNShape id="note_di" bpmnElement="TextAnnotation_1"><dc:Bounds x="400" y="20" width="120" height="40" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="nobounds_di" bpmnElement="t2" />
            <bpmndi:BPMNEdge id="assoc_di" bpmnElement="Association_1"><di:waypoint x="400" y="40" /><di:waypoint x="300" y="100" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="short_di" bpmnElement="Association_2"><di:waypoint x="1" y="1" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNShape id="t_dup" bpmnElement="t"><dc:Bounds x="900" y="900" width="100" height="80" /></bpmndi:BPMNShape>
            """
        let svg = try #require(DiagramRenderer.svg(try DiagramFixtures.definitions(xml: Self.file(name: "Plain", diagram: diagram))))
        let note = try #require(SVGInspection.group("TextAnnotation_1", in: svg))
        #expect(note.contains("class=\"bpmn-element bpmn-unknown\""))
        #expect(note.contains("bpmn-unknown-shape"))
        #expect(try #require(SVGInspection.group("Association_1", in: svg)).contains("bpmn-unknown-connection"))
        #expect(!svg.contains("Association_2"), "an edge with one waypoint has nothing to draw")
        #expect(SVGInspection.occurrences(of: "data-element-id=\"t\"", in: svg) == 1, "a second shape for one element is not drawn")
        #expect(!svg.contains("900"))
    }

    @Test func contentsOfACollapsedSubprocessAreNotDrawn() throws {
        let diagram = Self.basicShapes + """
            <bpmndi:BPMNShape id="sub_di" bpmnElement="sub"><dc:Bounds x="350" y="78" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="inner_di" bpmnElement="inner"><dc:Bounds x="2000" y="2000" width="36" height="36" /></bpmndi:BPMNShape>
            """
        let svg = try #require(DiagramRenderer.svg(try DiagramFixtures.definitions(xml: Self.file(name: "Plain", diagram: diagram))))
        #expect(!svg.contains("data-element-id=\"inner\""))
        let box = try #require(SVGInspection.viewBox(svg))
        #expect(box[0] + box[2] < 2000, "the hidden shape does not stretch the view")
        // Collapsed: drawn with the [+] marker, i.e. a square with a cross at the bottom centre.
        #expect(try #require(SVGInspection.group("sub", in: svg)).contains("M 393 140 L 407 140 L 407 154 L 393 154 Z"))
    }

    @Test func aSubprocessWithItsChildrenInsideIsExpanded() throws {
        let diagram = Self.basicShapes + """
            <bpmndi:BPMNShape id="sub_di" bpmnElement="sub"><dc:Bounds x="350" y="40" width="300" height="200" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="inner_di" bpmnElement="inner"><dc:Bounds x="380" y="100" width="36" height="36" /></bpmndi:BPMNShape>
            """
        let svg = try #require(DiagramRenderer.svg(try DiagramFixtures.definitions(xml: Self.file(name: "Plain", diagram: diagram))))
        #expect(svg.contains("data-element-id=\"inner\""))
        let sub = try #require(SVGInspection.group("sub", in: svg))
        #expect(sub.contains("text-anchor=\"start\""), "the name sits at the top left")
        // The container is drawn before what it contains.
        let subIndex = try #require(svg.range(of: "data-element-id=\"sub\""))
        let innerIndex = try #require(svg.range(of: "data-element-id=\"inner\""))
        #expect(subIndex.lowerBound < innerIndex.lowerBound)
    }
}
