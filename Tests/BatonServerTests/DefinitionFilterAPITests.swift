import BatonModel
import Hummingbird
import Testing

/// Camunda's further `/process-definition` filters (#15), as Tasklist's start dialogue and
/// Cockpit send them.
@Suite struct DefinitionFilterAPITests {
    static func model(_ key: String, namespace: String, extra: String = "") -> String {
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="\(namespace)">
          <process id="\(key)" name="\(key.prefix(1).uppercased() + key.dropFirst()) plan" isExecutable="true" \(extra)>
            <startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="e" /><endEvent id="e" />
          </process>
        </definitions>
        """
    }

    @Test func definitionsAreFoundByCategoryStartersPatternsAndIncidents() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { rest in
            let ops = rest.as("ops", "ops-pw"), ann = rest.as("ann", "ann-pw")
            #expect(try await ops.deploy([
                ("dental.bpmn", Self.model("dental", namespace: "https://plans.example/dental", extra: #"camunda:candidateStarterGroups="approvers""#)),
                ("vision.bpmn", Self.model("vision", namespace: "https://plans.example/vision", extra: #"camunda:isStartableInTasklist="false" camunda:versionTag="v2""#)),
                ("publish.bpmn", ExternalTaskRetriesAPITests.worker),
            ]).status == .ok)
            func keys(_ query: String, as client: RestClient? = nil) async throws -> [String] {
                let reply = try await (client ?? ops).call(.get, "/engine-rest/process-definition?\(query)&sortBy=key&sortOrder=asc")
                #expect(reply.status == .ok, "\(query): \(reply.text)")
                return reply.json?.arrayValue.compactMap { $0["key"]?.stringValue } ?? []
            }
            #expect(try await keys("categoryLike=https://plans.example/%25") == ["dental", "vision"])
            #expect(try await keys("category=https://plans.example/vision") == ["vision"])
            #expect(try await keys("startableInTasklist=true") == ["dental", "publish"])
            #expect(try await keys("notStartableInTasklist=true") == ["vision"])
            #expect(try await keys("keysIn=dental,publish") == ["dental", "publish"])
            #expect(try await keys("keyLike=%25al") == ["dental"])
            #expect(try await keys("nameLike=V%25") == ["vision"])
            #expect(try await keys("resourceNameLike=%25.bpmn&withoutVersionTag=true") == ["dental", "publish"])
            #expect(try await keys("versionTagLike=v%25") == ["vision"])
            #expect(try await keys("startableBy=ann") == ["dental"], "ann is in approvers, dental's starter group")
            #expect(try await keys("deployedAfter=2000-01-01T00:00:00.000%2B0000").count == 3)
            #expect(try await keys("tenantIdIn=t1") == [])
            let vision = try await ops.call(.get, "/engine-rest/process-definition/key/vision")
            #expect(vision["category"] == .string("https://plans.example/vision") && vision["startableInTasklist"] == .bool(false))

            // Definitions with an open incident of the external task's failure.
            let instance = try #require(try await ops.call(.post, "/engine-rest/process-definition/key/publish/start", json: "{}")["id"]?.stringValue)
            let locked = try await ops.call(
                .post, "/engine-rest/external-task/fetchAndLock", json: #"{"workerId": "w", "maxTasks": 1, "topics": [{"topicName": "aidbox", "lockDuration": 10000}]}"#)
            let task = try #require(locked.json?.arrayValue.first?["id"]?.stringValue)
            #expect(try await ops.call(.post, "/engine-rest/external-task/\(task)/failure", json: #"{"workerId": "w", "errorMessage": "down", "retries": 0, "retryTimeout": 0}"#).status == .noContent)
            #expect(try await keys("incidentType=failedExternalTask") == ["publish"], "instance \(instance)")
            #expect(try await keys("incidentType=failedJob") == [], "an external task's incident is of its own type")
            #expect(try await keys("incidentMessageLike=%25down") == ["publish"])

            // startablePermissionCheck: only what the caller may start.
            #expect(try await keys("startablePermissionCheck=true", as: ann) == [])
            let grant = #"{"type": 1, "permissions": ["READ", "CREATE_INSTANCE"], "userId": "ann", "resourceType": 6, "resourceId": "dental"}"#
            #expect(try await ops.call(.post, "/engine-rest/authorization/create", json: grant).status == .ok)
            #expect(try await keys("startablePermissionCheck=true", as: ann) == ["dental"])
        }
    }
}
