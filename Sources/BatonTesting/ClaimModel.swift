/// A claim reviewed, then approved: two user tasks in a row (`review` over flow `f1` from the
/// start, then `approve`), for tests that start or restart instances at either.
public enum ClaimModel {
    public static let bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="claim" isExecutable="true">
            <startEvent id="start" /><userTask id="review" /><userTask id="approve" /><endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
            <sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
          </process>
        </definitions>
        """
}
