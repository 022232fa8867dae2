/// A process whose two external tasks of topic `jobs` take their priority from the variable
/// `priority` (`urgent`) and from the process's `camunda:taskPriority` of 5 (`routine`).
public enum ExternalTaskPriorityModel {
    public static let bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="work" isExecutable="true" camunda:taskPriority="5">
            <startEvent id="s" /><parallelGateway id="fork" />
            <serviceTask id="urgent" camunda:type="external" camunda:topic="jobs" camunda:taskPriority="${priority}" />
            <serviceTask id="routine" camunda:type="external" camunda:topic="jobs" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="fork" /><sequenceFlow id="f2" sourceRef="fork" targetRef="urgent" />
            <sequenceFlow id="f3" sourceRef="fork" targetRef="routine" />
          </process>
        </definitions>
        """
}
