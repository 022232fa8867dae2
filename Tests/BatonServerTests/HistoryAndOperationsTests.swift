import BatonModel
import Hummingbird
import Testing

/// History, incidents, jobs, variables, subscriptions and the activity tree over HTTP.
@Suite struct HistoryAndOperationsTests {
    static let process = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <message id="m" name="go" />
          <process id="ops" isExecutable="true">
            <startEvent id="start" />
            <subProcess id="stage">
              <extensionElements><camunda:inputOutput><camunda:inputParameter name="stageNote">inner</camunda:inputParameter></camunda:inputOutput></extensionElements>
              <startEvent id="innerStart" /><receiveTask id="wait" messageRef="m" /><endEvent id="innerEnd" />
              <sequenceFlow id="i1" sourceRef="innerStart" targetRef="wait" /><sequenceFlow id="i2" sourceRef="wait" targetRef="innerEnd" />
            </subProcess>
            <serviceTask id="publish" camunda:asyncBefore="true" camunda:delegateExpression="${unregisteredHandler}">
              <extensionElements><camunda:failedJobRetryTimeCycle>R1/PT1M</camunda:failedJobRetryTimeCycle></extensionElements>
            </serviceTask>
            <endEvent id="end" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="stage" /><sequenceFlow id="f2" sourceRef="stage" targetRef="publish" />
            <sequenceFlow id="f3" sourceRef="publish" targetRef="end" />
          </process>
        </definitions>
        """

    @Test func operatorsSeeWhatRunsWhatFailedAndWhatHappened() async throws {
        try await RestHarness.make().run { rest in
            _ = try await rest.deploy([("ops.bpmn", Self.process)])
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/ops/start", json: #"{"variables": {"plan": {"value": "gold"}}}"#)["id"]?.stringValue)

            let tree = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/activity-instances")
            #expect(tree["activityType"] == .string("processDefinition"))
            #expect(tree["id"] == .string(instance), "Camunda's root is the process instance")
            let definitionID = try #require(tree["processDefinitionId"]?.stringValue)
            #expect(tree["activityId"] == .string(definitionID), "and its activity is the process definition")
            let stage = try #require(tree["childActivityInstances"]?.arrayValue.first)
            #expect(stage["activityId"] == .string("stage"))
            #expect(stage["childActivityInstances"]?.arrayValue.map { $0["activityId"] } == [.string("wait")])

            let variables = try await rest.call(.get, "/engine-rest/variable-instance?processInstanceIdIn=\(instance)")
            #expect(Set(variables.json?.arrayValue.compactMap { $0["name"]?.stringValue } ?? []) == ["plan", "stageNote"], "local variables too")
            let subscriptions = try await rest.call(.get, "/engine-rest/event-subscription?processInstanceId=\(instance)&eventType=message")
            #expect(subscriptions.json?.arrayValue.map { $0["eventName"] } == [.string("go")])
            let triggered = try await rest.call(.post, "/engine-rest/execution/\(instance)/messageSubscriptions/go/trigger", json: "{}")
            #expect(triggered.status == .noContent, "\(triggered.text)")

            let jobs = try await rest.call(.get, "/engine-rest/job?processInstanceId=\(instance)")
            let job = try #require(jobs.json?.arrayValue.first)
            let jobID = try #require(job["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/job?processInstanceId=\(instance)&timers=true").json == .array([]))
            _ = try await rest.call(.post, "/engine-rest/job/\(jobID)/execute")
            _ = try await rest.call(.post, "/engine-rest/job/\(jobID)/execute")
            let failed = try await rest.call(.get, "/engine-rest/job?jobId=\(jobID)")
            #expect(failed.json?.arrayValue.first?["retries"] == .integer(0))
            #expect(failed.json?.arrayValue.first?["exceptionMessage"]?.stringValue?.contains("unregisteredHandler") == true)
            let incidents = try await rest.call(.get, "/engine-rest/incident?processInstanceId=\(instance)")
            #expect(incidents.json?.arrayValue.first?["activityId"] == .string("publish"))
            // The failed asyncBefore job waits in a continuation: a transition instance, with its incident.
            let failedTree = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/activity-instances")
            #expect(failedTree["childActivityInstances"] == .array([]))
            let transition = try #require(failedTree["childTransitionInstances"]?.arrayValue.first)
            #expect(transition["activityId"] == .string("publish") && transition["parentActivityInstanceId"] == .string(instance))
            #expect(transition["incidentIds"] == .array([incidents.json?.arrayValue.first?["id"] ?? .null]))
            #expect(try await rest.call(.put, "/engine-rest/job/\(jobID)/retries", json: #"{"retries": 1}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/incident?processInstanceId=\(instance)").json == .array([]), "setting retries resolves it")
            let resolved = try await rest.call(.get, "/engine-rest/history/incident?processInstanceId=\(instance)&resolved=true")
            #expect(resolved.json?.arrayValue.count == 1, "\(resolved.text)")

            let activities = try await rest.call(.get, "/engine-rest/history/activity-instance?processInstanceId=\(instance)&finished=true")
            #expect(activities.json?.arrayValue.compactMap { $0["activityId"]?.stringValue } == ["start", "stage", "innerStart", "wait", "innerEnd"], "in start order")
            let scopeEnds = try await rest.call(.get, "/engine-rest/history/activity-instance?processInstanceId=\(instance)&completeScope=true")
            #expect(scopeEnds.json?.arrayValue.map { [$0["activityId"], $0["activityType"], $0["completeScope"]] } == [[.string("innerEnd"), .string("noneEndEvent"), .bool(true)]])
            let both = try await rest.call(.get, "/engine-rest/history/activity-instance?completeScope=true&canceled=true")
            #expect(both.status == .badRequest && both["type"] == .string("InvalidRequestException"), "\(both.text)")
            let history = try await rest.call(.get, "/engine-rest/history/process-instance/\(instance)")
            #expect(history["state"] == .string("ACTIVE"))
            let variableHistory = try await rest.call(.get, "/engine-rest/history/variable-instance?processInstanceId=\(instance)&variableName=plan")
            #expect(variableHistory.json?.arrayValue.first?["value"] == .string("gold"))
        }
    }
}
