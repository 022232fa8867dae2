import BatonModel
import Hummingbird
import Testing

/// fetchAndLock honours every topic filter Camunda 7 defines: a worker that names a process,
/// a definition, a version tag, a business key or process variable values locks only such
/// tasks, never another process's (issue #15: they were accepted and ignored).
@Suite struct ExternalTaskTopicFilterTests {
    static func process(_ key: String, tag: String) -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="\(key)" isExecutable="true" camunda:versionTag="\(tag)"><startEvent id="s" />
          <serviceTask id="archive" camunda:type="external" camunda:topic="archive" /><endEvent id="e" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="archive" /><sequenceFlow id="f2" sourceRef="archive" targetRef="e" /></process></definitions>
        """
    }

    @Test func eachTopicFilterNarrowsWhatIsLocked() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("alpha.bpmn", Self.process("alpha", tag: "v1")), ("beta.bpmn", Self.process("beta", tag: "v2"))]).status == .ok)
            func start(_ key: String, _ businessKey: String, region: String) async throws -> String {
                let body = #"{"businessKey": "\#(businessKey)", "variables": {"region": {"value": "\#(region)"}}}"#
                return try #require(try await rest.call(.post, "/engine-rest/process-definition/key/\(key)/start", json: body)["id"]?.stringValue)
            }
            let alpha = try await start("alpha", "a-1", region: "north"), beta = try await start("beta", "b-1", region: "south")
            let betaDefinition = try #require(try await rest.call(.get, "/engine-rest/process-definition/key/beta")["id"]?.stringValue)

            /// The instances whose tasks a fetch with `filter` locks; every lock is released after.
            func locked(_ filter: String) async throws -> Set<String> {
                let body = #"{"workerId": "w", "maxTasks": 10, "topics": [{"topicName": "archive", "lockDuration": 60000\#(filter)}]}"#
                let reply = try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: body)
                #expect(reply.status == .ok, "\(reply.text)")
                let tasks = reply.json?.arrayValue ?? []
                for task in tasks { _ = try await rest.call(.post, "/engine-rest/external-task/\(task["id"]!.stringValue!)/unlock") }
                return Set(tasks.compactMap { $0["processInstanceId"]?.stringValue })
            }
            #expect(try await locked("") == [alpha, beta])
            #expect(try await locked(#", "processDefinitionKey": "beta""#) == [beta])
            #expect(try await locked(#", "processDefinitionKeyIn": ["alpha", "gamma"]"#) == [alpha])
            #expect(try await locked(#", "processDefinitionId": "\#(betaDefinition)""#) == [beta])
            #expect(try await locked(#", "processDefinitionIdIn": ["nothing:1:x"]"#) == [])
            #expect(try await locked(#", "processDefinitionVersionTag": "v1""#) == [alpha])
            #expect(try await locked(#", "businessKey": "b-1""#) == [beta])
            #expect(try await locked(#", "processVariables": {"region": "north"}"#) == [alpha])
            #expect(try await locked(#", "processVariables": {"region": "west"}"#) == [])
            #expect(try await locked(#", "tenantIdIn": ["acme"]"#) == [], "Baton has no tenants: no task belongs to one")
            #expect(try await locked(#", "withoutTenantId": true"#) == [alpha, beta])
            #expect(try await locked(#", "processDefinitionKey": "alpha", "businessKey": "b-1""#) == [], "filters combine")
        }
    }

    /// ExternalTaskServiceTest's fields of a locked task: its activity instance and execution, the
    /// version tag, the error details of its last failure; `localVariables` and
    /// `includeExtensionProperties` as Camunda defines them (they were accepted and ignored).
    @Test func aLockedTaskCarriesCamundasFields() async throws {
        let model = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
            <process id="gamma" isExecutable="true" camunda:versionTag="1.2"><startEvent id="s" />
              <serviceTask id="archive" camunda:type="external" camunda:topic="archive"><extensionElements>
                <camunda:properties><camunda:property name="retention" value="P7Y" /></camunda:properties>
                <camunda:inputOutput><camunda:inputParameter name="localVar">here</camunda:inputParameter></camunda:inputOutput></extensionElements></serviceTask>
              <endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="archive" /><sequenceFlow id="f2" sourceRef="archive" targetRef="e" /></process></definitions>
            """
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("gamma.bpmn", model)]).status == .ok)
            let instance = try #require(try await rest.call(
                .post, "/engine-rest/process-definition/key/gamma/start", json: #"{"variables": {"globalVar": {"value": 1}}}"#)["id"]?.stringValue)
            func fetch(_ options: String = "") async throws -> JSONValue {
                let body = #"{"workerId": "w", "maxTasks": 1, "topics": [{"topicName": "archive", "lockDuration": 60000\#(options)}]}"#
                return try #require(try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: body).json?.arrayValue.first)
            }
            let task = try await fetch(#", "localVariables": true, "includeExtensionProperties": true"#)
            let tree = try await rest.call(.get, "/engine-rest/process-instance/\(instance)/activity-instances")
            let activityInstance = try #require(tree["childActivityInstances"]?.arrayValue.first?["id"])
            #expect(task["activityInstanceId"] == activityInstance)
            #expect(task["executionId"] == activityInstance)
            #expect(task["processDefinitionVersionTag"] == .string("1.2"))
            #expect(task["extensionProperties"] == .object([.init("retention", .string("P7Y"))]))
            #expect(task["variables"]?["localVar"]?["value"] == .string("here"))
            #expect(task["variables"]?["globalVar"] == nil, "only the task's own variables")
            #expect(task["retries"] == .null && task["errorDetails"] == .null)

            let id = try #require(task["id"]?.stringValue)
            let failure = #"{"workerId": "w", "errorMessage": "archive down", "errorDetails": "trace line 1\ntrace line 2", "retries": 2, "retryTimeout": 0}"#
            #expect(try await rest.call(.post, "/engine-rest/external-task/\(id)/failure", json: failure).status == .noContent)
            let again = try await fetch()
            #expect(again["errorMessage"] == .string("archive down") && again["retries"] == .integer(2))
            #expect(again["errorDetails"] == .string("trace line 1\ntrace line 2"))
            #expect(again["extensionProperties"] == .object([]), "only when asked for")
            #expect(again["variables"]?["globalVar"]?["value"] == .integer(1))
        }
    }
}
