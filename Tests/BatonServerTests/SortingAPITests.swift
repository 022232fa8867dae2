import BatonModel
import Hummingbird
import Testing

/// Camunda's `sortBy`/`sortOrder` on the lists (#12): every key Camunda's REST API sorts a list
/// by, a key the list does not sort by answers 400 naming it and every key it does, so does an
/// order other than asc or desc, and a known key sorts the page before paging cuts it, on GET and
/// in a POST body's `sorting` array alike.
@Suite struct SortingAPITests {
    /// Each list with the keys Camunda 7's REST API sorts it by (its query DTOs' sort values).
    /// Left out, as README says: the case-management keys (Baton has no cases), task sorts by a
    /// variable's value, `processDefinitionKey` on jobs, external tasks and incident history,
    /// the historic instance's `definitionName`/`definitionVersion`, the activity history's
    /// `occurrence`, and the incident chain keys (`causeIncidentId`, `rootCauseIncidentId`,
    /// `configuration`, `historyConfiguration`, `incidentState`).
    static let lists: [(path: String, keys: [String])] = [
        ("task", ["instanceId", "dueDate", "followUpDate", "executionId", "assignee", "created", "lastUpdated", "description", "id", "name",
                  "nameCaseInsensitive", "priority", "tenantId"]),
        ("process-instance", ["instanceId", "definitionKey", "definitionId", "tenantId", "businessKey"]),
        ("execution", ["instanceId", "definitionKey", "definitionId", "tenantId"]),
        ("variable-instance", ["variableName", "variableType", "activityInstanceId", "tenantId"]),
        ("event-subscription", ["tenantId", "created"]),
        ("job", ["jobId", "executionId", "processInstanceId", "processDefinitionId", "jobRetries", "jobDueDate", "jobPriority", "tenantId"]),
        ("external-task", ["id", "lockExpirationTime", "processInstanceId", "processDefinitionId", "tenantId", "taskPriority", "createTime"]),
        ("incident", ["incidentId", "incidentMessage", "incidentTimestamp", "incidentType", "executionId", "activityId", "processInstanceId",
                      "processDefinitionId", "tenantId"]),
        ("process-definition", ["category", "key", "id", "name", "version", "deploymentId", "tenantId", "versionTag", "deployTime"]),
        ("deployment", ["id", "name", "deploymentTime", "tenantId"]),
        ("history/process-instance", ["instanceId", "definitionId", "businessKey", "startTime", "endTime", "duration", "definitionKey", "tenantId"]),
        ("history/activity-instance", ["activityInstanceId", "instanceId", "executionId", "activityId", "activityName", "activityType", "startTime",
                                       "endTime", "duration", "definitionId", "tenantId"]),
        ("history/task", ["taskId", "activityInstanceId", "processDefinitionId", "processInstanceId", "executionId", "duration", "endTime",
                          "startTime", "taskName", "taskDescription", "assignee", "owner", "dueDate", "followUpDate", "deleteReason",
                          "taskDefinitionKey", "priority", "tenantId"]),
        ("history/variable-instance", ["instanceId", "variableName", "tenantId"]),
        ("history/incident", ["incidentId", "incidentMessage", "createTime", "endTime", "incidentType", "executionId", "activityId",
                              "processInstanceId", "processDefinitionId", "tenantId"]),
        ("user", ["userId", "firstName", "lastName", "email"]), ("group", ["id", "name", "type"]), ("tenant", ["id", "name"]),
    ]

    @Test func everyKeyCamundaSortsAListByIsTaken() async throws {
        try await RestHarness.make().run { rest in
            for (path, keys) in Self.lists {
                for key in keys {
                    for order in ["asc", "desc"] {
                        let sorted = try await rest.call(.get, "/engine-rest/\(path)?sortBy=\(key)&sortOrder=\(order)")
                        #expect(sorted.status == .ok, "\(path) sorted by \(key) \(order): \(sorted.text)")
                    }
                }
            }
        }
    }

    @Test func anUnknownKeyOrOrderIsRefusedNamingWhatIsAllowed() async throws {
        try await RestHarness.make().run { rest in
            for (path, keys) in Self.lists {
                let key = keys[0]
                let unknown = try await rest.call(.get, "/engine-rest/\(path)?sortBy=colour&sortOrder=asc")
                let message = unknown["message"]?.stringValue ?? ""
                #expect(unknown.status == .badRequest && unknown["type"] == .string("InvalidRequestException"), "\(path): \(unknown.text)")
                #expect(message.contains("'colour'") && keys.allSatisfy(message.contains), "\(path) names the key refused and the keys allowed: \(message)")

                let sideways = try await rest.call(.get, "/engine-rest/\(path)?sortBy=\(key)&sortOrder=sideways")
                #expect(sideways.status == .badRequest && (sideways["message"]?.stringValue ?? "").contains("'sideways'"), "\(path): \(sideways.text)")
                let unpaired = try await rest.call(.get, "/engine-rest/\(path)?sortBy=\(key)&sortBy=\(key)&sortOrder=asc")
                #expect(unpaired.status == .badRequest, "\(path): two keys and one order")
            }
            let posted = try await rest.call(.post, "/engine-rest/task", json: #"{"sorting": [{"sortBy": "colour", "sortOrder": "asc"}]}"#)
            #expect(posted.status == .badRequest && (posted["message"]?.stringValue ?? "").contains("'colour'"), "\(posted.text)")
        }
    }

    static func taskNames(_ rest: RestClient, _ query: String) async throws -> [String] {
        try await rest.call(.get, "/engine-rest/task?\(query)").json?.arrayValue.compactMap { $0["name"]?.stringValue } ?? []
    }

    static let fruit = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
        <process id="fruit" isExecutable="true">
          <startEvent id="s" /><parallelGateway id="fork" />
          <userTask id="a" name="apple" /><userTask id="b" name="Banana" /><userTask id="c" name="cherry" />
          <sequenceFlow id="f0" sourceRef="s" targetRef="fork" />
          <sequenceFlow id="f1" sourceRef="fork" targetRef="a" /><sequenceFlow id="f2" sourceRef="fork" targetRef="b" /><sequenceFlow id="f3" sourceRef="fork" targetRef="c" />
        </process>
        </definitions>
        """

    @Test func taskNamesSortByCodePointOrIgnoringCase() async throws {
        try await RestHarness.make().run { rest in
            let deployed = try await rest.deploy([("fruit.bpmn", Self.fruit)])
            #expect(deployed.status == .ok, "\(deployed.text)")
            #expect(try await rest.call(.post, "/engine-rest/process-definition/key/fruit/start", json: "{}").status == .ok)
            #expect(try await Self.taskNames(rest, "sortBy=name&sortOrder=asc") == ["Banana", "apple", "cherry"], "capitals first, as Camunda's name")
            #expect(try await Self.taskNames(rest, "sortBy=nameCaseInsensitive&sortOrder=asc") == ["apple", "Banana", "cherry"])
            #expect(try await Self.taskNames(rest, "sortBy=nameCaseInsensitive&sortOrder=desc&maxResults=1") == ["cherry"])
            #expect(try await rest.call(.get, "/engine-rest/task?sortBy=instanceId&sortOrder=asc").status == .ok, "Camunda's key for the instance")
        }
    }

    @Test func aKnownKeySortsBeforeThePageIsCut() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            for key in ["bk-b", "bk-c", "bk-a", "bk-d"] {
                let started = try await rest.call(.post, "/engine-rest/process-definition/key/review/start", json: #"{"businessKey": "\#(key)"}"#)
                #expect(started.status == .ok, "\(started.text)")
            }
            func keys(_ reply: RestClient.Reply) -> [String] { reply.json?.arrayValue.compactMap { $0["businessKey"]?.stringValue } ?? [] }
            #expect(keys(try await rest.call(.get, "/engine-rest/process-instance?sortBy=businessKey&sortOrder=desc&firstResult=1&maxResults=2")) == ["bk-c", "bk-b"])
            #expect(keys(try await rest.call(.get, "/engine-rest/history/process-instance?sortBy=businessKey&sortOrder=asc&maxResults=3")) == ["bk-a", "bk-b", "bk-c"])
            let body = #"{"sorting": [{"sortBy": "businessKey", "sortOrder": "asc"}]}"#
            #expect(keys(try await rest.call(.post, "/engine-rest/process-instance?firstResult=2", json: body)) == ["bk-c", "bk-d"])

            // Definitions sort in the server rather than the database; they follow the same rules.
            #expect(try await rest.deploy([("intake.bpmn", TenantIsolationAPITests.intake)]).status == .ok)
            func definitionKeys(_ query: String) async throws -> [String] {
                try await rest.call(.get, "/engine-rest/process-definition?\(query)").json?.arrayValue.compactMap { $0["key"]?.stringValue } ?? []
            }
            #expect(try await definitionKeys("sortBy=key&sortOrder=desc") == ["review", "intake"])
            #expect(try await definitionKeys("sortBy=key&sortOrder=asc&maxResults=1") == ["intake"])
            #expect(try await definitionKeys("sortBy=deployTime&sortOrder=desc") == ["intake", "review"], "the newest deployment first")
        }
    }
}
