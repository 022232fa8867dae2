import Foundation

/// The process the console tests drive: a form task beside a service task whose handler does not
/// exist (one retry, so two executions make an incident), with names and a business key built to
/// break out of HTML if the console ever forgot to escape them.
enum ConsoleFixtures {
    static let hostileProcessName = "Review <script>alert(1)</script>"
    static let hostileTaskName = "Check <b onmouseover=alert(4)>it</b>"
    static let hostileBusinessKey = "<img src=x onerror=alert(2)>"
    static let hostileVariableName = "<script>x</script>"
    static let hostileVariableValue = "</td><script>alert(3)</script>"

    static let review = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
            xmlns:di="http://www.omg.org/spec/DD/20100524/DI" targetNamespace="console-tests">
          <process id="review" name="Review &lt;script&gt;alert(1)&lt;/script&gt;" isExecutable="true">
            <startEvent id="start" />
            <parallelGateway id="fork" />
            <userTask id="check" name="Check &lt;b onmouseover=alert(4)&gt;it&lt;/b&gt;" camunda:candidateGroups="reviewers">
              <extensionElements>
                <camunda:formData>
                  <camunda:formField id="amount" label="Amount" type="long">
                    <camunda:validation><camunda:constraint name="required" /><camunda:constraint name="min" config="1" /></camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="approved" label="Approved" type="boolean" />
                  <camunda:formField id="level" label="Level" type="enum">
                    <camunda:value id="gold" name="Gold" /><camunda:value id="silver" name="Silver" />
                  </camunda:formField>
                  <camunda:formField id="effective" label="Effective from" type="date" />
                  <camunda:formField id="note" label="Note" type="string">
                    <camunda:validation><camunda:constraint name="maxlength" config="10" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </extensionElements>
            </userTask>
            <serviceTask id="publish" name="Publish" camunda:asyncBefore="true" camunda:delegateExpression="${unregisteredHandler}">
              <extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle></extensionElements>
            </serviceTask>
            <parallelGateway id="join" />
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <sequenceFlow id="f2" sourceRef="fork" targetRef="check" />
            <sequenceFlow id="f3" sourceRef="fork" targetRef="publish" />
            <sequenceFlow id="f4" sourceRef="check" targetRef="join" />
            <sequenceFlow id="f5" sourceRef="publish" targetRef="join" />
            <sequenceFlow id="f6" sourceRef="join" targetRef="end" />
          </process>
          <bpmndi:BPMNDiagram id="diagram">
            <bpmndi:BPMNPlane id="plane" bpmnElement="review">
              <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="142" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="fork_di" bpmnElement="fork"><dc:Bounds x="190" y="135" width="50" height="50" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="check_di" bpmnElement="check"><dc:Bounds x="300" y="60" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="publish_di" bpmnElement="publish"><dc:Bounds x="300" y="190" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="join_di" bpmnElement="join"><dc:Bounds x="460" y="135" width="50" height="50" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="570" y="142" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="160" /><di:waypoint x="190" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="215" y="135" /><di:waypoint x="215" y="100" /><di:waypoint x="300" y="100" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="215" y="185" /><di:waypoint x="215" y="230" /><di:waypoint x="300" y="230" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="400" y="100" /><di:waypoint x="485" y="100" /><di:waypoint x="485" y="135" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f5_di" bpmnElement="f5"><di:waypoint x="400" y="230" /><di:waypoint x="485" y="230" /><di:waypoint x="485" y="185" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f6_di" bpmnElement="f6"><di:waypoint x="510" y="160" /><di:waypoint x="570" y="160" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </definitions>
        """

    /// A sequence flow to an element that does not exist: refused, naming line and element.
    static let broken = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="broken" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="dangling" sourceRef="start" targetRef="nowhere" />
          </process>
        </definitions>
        """

    /// The `<g …>` opening tag of element `id` in an SVG, to check its state classes.
    static func group(of id: String, in html: String) -> String? {
        guard let marker = html.range(of: "data-element-id=\"\(id)\"") else { return nil }
        guard let open = html[..<marker.lowerBound].range(of: "<g ", options: .backwards),
            let close = html[marker.upperBound...].firstIndex(of: ">")
        else { return nil }
        return String(html[open.lowerBound...close])
    }
}
