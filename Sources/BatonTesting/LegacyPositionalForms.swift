
/// What Baton stored before states and events named elements by id (state schema version 1):
/// one instance of ``bpmn``, started with `plan = "gold"`, written by the Baton of commit
/// 3f027f8 to PostgreSQL. It rests at the user task `review` (a non-interrupting timer and a
/// message boundary event open on it) while its other branch waits at the parallel join.
public enum LegacyPositionalForms {
    public static let bpmn = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="legacy" isExecutable="true">
          <startEvent id="start" />
          <parallelGateway id="fork" />
          <userTask id="review" name="Review" camunda:candidateGroups="reviewers" />
          <boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
          <boundaryEvent id="withdrawn" attachedToRef="review"><messageEventDefinition messageRef="withdraw" /></boundaryEvent>
          <parallelGateway id="join" />
          <endEvent id="end" /><endEvent id="reminded" /><endEvent id="gone" />
          <sequenceFlow id="toFork" sourceRef="start" targetRef="fork" />
          <sequenceFlow id="toReview" sourceRef="fork" targetRef="review" />
          <sequenceFlow id="direct" sourceRef="fork" targetRef="join" />
          <sequenceFlow id="reviewed" sourceRef="review" targetRef="join" />
          <sequenceFlow id="toEnd" sourceRef="join" targetRef="end" />
          <sequenceFlow id="toReminded" sourceRef="reminder" targetRef="reminded" />
          <sequenceFlow id="toGone" sourceRef="withdrawn" targetRef="gone" />
        </process>
        <message id="withdraw" name="withdraw" />
        </definitions>
        """

    /// `process_instances.state` as that Baton wrote it.
    public static let state = #"""
        {"jobs": [{"id": "id-4", "kind": {"timer": {"_0": {"target": {"boundary": {"_0": 3}}}}}, "node": 3, "dueAt": {"millisecondsSinceEpoch": 1767229200000}, "retries": 3, "elementKey": 3, "synchronous": false}], "joins": [{"gateway": 5, "arrivals": [2]}], "tasks": [{"id": "id-6", "name": "Review", "node": 2, "priority": 50, "createdAt": {"millisecondsSinceEpoch": 1767225600000}, "elementKey": 3, "candidateUsers": [], "candidateGroups": ["reviewers"]}], "status": "active", "nextKey": 4, "elements": [{"key": 3, "node": 2, "isMultiInstanceBody": false}], "incidents": [], "variables": [{"name": "plan", "value": {"type": "String", "value": "gold"}}], "instanceID": "id-3", "businessKey": "bk", "schemaVersion": 1, "subscriptions": [{"id": "id-5", "node": 4, "target": {"boundary": {"_0": 4}}, "elementKey": 3, "messageName": "withdraw"}]}
        """#

    /// `history_events.event`, one line per event in sequence order.
    public static let events = #"""
        {"instanceStarted": {"instanceID": "id-3", "businessKey": "bk"}}
        {"variableSet": {"name": "plan", "value": {"type": "String", "value": "gold"}}}
        {"elementActivated": {"_0": {"key": 1, "node": 0, "isMultiInstanceBody": false}}}
        {"elementCompleted": {"key": 1}}
        {"sequenceFlowTaken": {"flow": 0}}
        {"elementActivated": {"_0": {"key": 2, "node": 1, "isMultiInstanceBody": false}}}
        {"elementCompleted": {"key": 2}}
        {"sequenceFlowTaken": {"flow": 1}}
        {"sequenceFlowTaken": {"flow": 2}}
        {"joinTokenArrived": {"flow": 2, "gateway": 5}}
        {"elementActivated": {"_0": {"key": 3, "node": 2, "isMultiInstanceBody": false}}}
        {"jobCreated": {"_0": {"id": "id-4", "kind": {"timer": {"_0": {"target": {"boundary": {"_0": 3}}}}}, "node": 3, "dueAt": {"millisecondsSinceEpoch": 1767229200000}, "retries": 3, "elementKey": 3, "synchronous": false}}}
        {"subscriptionOpened": {"_0": {"id": "id-5", "node": 4, "target": {"boundary": {"_0": 4}}, "elementKey": 3, "messageName": "withdraw"}}}
        {"userTaskCreated": {"_0": {"id": "id-6", "name": "Review", "node": 2, "priority": 50, "createdAt": {"millisecondsSinceEpoch": 1767225600000}, "elementKey": 3, "candidateUsers": [], "candidateGroups": ["reviewers"]}}}
        """#.split(separator: "\n").map(String.init)
}
