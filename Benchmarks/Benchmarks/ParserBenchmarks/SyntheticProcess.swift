/// Generates a large, realistic Camunda Modeler file: a chain of user and service tasks with
/// exclusive gateways, conditions, Camunda attributes and a full BPMN DI section, so the parser is
/// measured on the kind of XML it reads in production, not on a toy.
enum SyntheticProcess {
    /// A file with `flowNodes` flow nodes and as many sequence flows, each with its diagram shape
    /// or edge (so `flowNodes: 5_000` gives 10,000 flow elements and 10,000 DI elements).
    static func bpmn(flowNodes: Int) -> [UInt8] {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_Bench" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.28.0">
              <bpmn:process id="bench" name="Benchmark chain" isExecutable="true">
                <bpmn:startEvent id="Node_0" name="Start" />

            """
        var diagram = ""
        var flows = ""
        for i in 1..<(flowNodes - 1) {
            let x = 150 + i * 150
            switch i % 4 {
            case 0:
                xml += """
                        <bpmn:exclusiveGateway id="Node_\(i)" name="Check \(i)" default="Flow_\(i)_default" />

                    """
            case 1:
                xml += """
                        <bpmn:userTask id="Node_\(i)" name="Review step \(i)" camunda:candidateGroups="reviewers,leads" camunda:assignee="${owner}" camunda:dueDate="${due}">
                          <bpmn:documentation>Step \(i) of the benchmark chain.</bpmn:documentation>
                        </bpmn:userTask>

                    """
            default:
                xml += """
                        <bpmn:serviceTask id="Node_\(i)" name="Automated step \(i)" camunda:type="external" camunda:topic="step-\(i % 10)" camunda:asyncBefore="true" />

                    """
            }
            diagram += """
                      <bpmndi:BPMNShape id="Node_\(i)_di" bpmnElement="Node_\(i)"><dc:Bounds x="\(x)" y="80" width="100" height="80" /></bpmndi:BPMNShape>

                """
        }
        let last = flowNodes - 1
        xml += """
                <bpmn:endEvent id="Node_\(last)" name="End" />

            """
        for i in 0..<last {
            let source = "Node_\(i)", target = "Node_\(i + 1)"
            if i % 4 == 0, i > 0 {
                flows += """
                        <bpmn:sequenceFlow id="Flow_\(i)" sourceRef="\(source)" targetRef="\(target)">
                          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${amount &gt; \(i) &amp;&amp; approved}</bpmn:conditionExpression>
                        </bpmn:sequenceFlow>
                        <bpmn:sequenceFlow id="Flow_\(i)_default" sourceRef="\(source)" targetRef="\(target)" />

                    """
            } else {
                flows += """
                        <bpmn:sequenceFlow id="Flow_\(i)" sourceRef="\(source)" targetRef="\(target)" />

                    """
            }
            diagram += """
                      <bpmndi:BPMNEdge id="Flow_\(i)_di" bpmnElement="Flow_\(i)"><di:waypoint x="\(150 + i * 150 + 100)" y="120" /><di:waypoint x="\(150 + (i + 1) * 150)" y="120" /></bpmndi:BPMNEdge>

                """
        }
        xml += flows
        xml += """
              </bpmn:process>
              <bpmndi:BPMNDiagram id="Diagram_Bench">
                <bpmndi:BPMNPlane id="Plane_Bench" bpmnElement="bench">

            """
        xml += diagram
        xml += """
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>

            """
        return Array(xml.utf8)
    }
}
