import BatonModel
import Hummingbird
import Testing

/// Camunda's REST tenant parameters (its MultiTenancy REST tests): `tenant-id` on a deployment,
/// `tenantId` on every row, `tenantIdIn`, `withoutTenantId` and `include…WithoutTenantId` on the
/// lists, the `key/{key}/tenant-id/{tenantId}` paths; and the tenant check: a signed-in user who
/// is not an administrator reaches only their tenants' rows and the shared ones.
@Suite struct TenantIsolationAPITests {
    static let intake = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="intake" name="Intake" isExecutable="true">
          <startEvent id="start" /><userTask id="review" /><endEvent id="end" />
          <sequenceFlow id="f1" sourceRef="start" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="end" />
        </process>
        </definitions>
        """

    /// Something for every list: a task, an external task (failed into an incident), a timer
    /// job, a message subscription and a variable.
    static let wide = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
        <process id="wide" isExecutable="true">
          <startEvent id="start" /><parallelGateway id="fork" />
          <userTask id="review" /><serviceTask id="ship" camunda:type="external" camunda:topic="ship" />
          <intermediateCatchEvent id="later"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
          <intermediateCatchEvent id="answer"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
          <endEvent id="e1" /><endEvent id="e2" /><endEvent id="e3" /><endEvent id="e4" />
          <sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
          <sequenceFlow id="f1" sourceRef="fork" targetRef="review" /><sequenceFlow id="f2" sourceRef="review" targetRef="e1" />
          <sequenceFlow id="f3" sourceRef="fork" targetRef="ship" /><sequenceFlow id="f4" sourceRef="ship" targetRef="e2" />
          <sequenceFlow id="f5" sourceRef="fork" targetRef="later" /><sequenceFlow id="f6" sourceRef="later" targetRef="e3" />
          <sequenceFlow id="f7" sourceRef="fork" targetRef="answer" /><sequenceFlow id="f8" sourceRef="answer" targetRef="e4" />
        </process>
        <message id="m" name="answer" />
        </definitions>
        """

    func ids(_ reply: RestClient.Reply) -> [String] { reply.json?.arrayValue.compactMap { $0["id"]?.stringValue } ?? [] }
    func tenants(_ reply: RestClient.Reply) -> [String] {
        (reply.json?.arrayValue ?? []).map { $0["tenantId"]?.stringValue ?? "-" }.sorted()
    }

    @Test func deploymentsRowsAndListsCarryTheirTenant() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { anonymous in
            let ops = anonymous.as("ops", "ops-pw")
            for tenant in ["", "north", "south"] {
                let deployed = try await ops.deploy([("intake.bpmn", Self.intake)], fields: ["deployment-name": "intake", "tenant-id": tenant])
                #expect(deployed.status == .ok, "\(deployed.text)")
                #expect(deployed["tenantId"] == (tenant.isEmpty ? .null : .string(tenant)))
            }
            #expect(try await tenants(ops.call(.get, "/engine-rest/deployment")) == ["-", "north", "south"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/deployment?tenantIdIn=north&includeDeploymentsWithoutTenantId=true")) == ["-", "north"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/process-definition?latestVersion=true")) == ["-", "north", "south"],
                    "the latest version per key and tenant")
            #expect(try await tenants(ops.call(.get, "/engine-rest/process-definition?tenantIdIn=south")) == ["south"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/process-definition?withoutTenantId=true")) == ["-"])
            #expect(try await ops.call(.get, "/engine-rest/process-definition?tenantIdIn=north,south&sortBy=tenantId&sortOrder=desc")
                .json?.arrayValue.map { $0["version"] } == [.integer(1), .integer(1)], "each tenant's first version")

            // A key resolves without a tenant, or within the one the path names.
            let southern = try await ops.call(.post, "/engine-rest/process-definition/key/intake/tenant-id/south/start", json: "{}")
            #expect(southern.status == .ok && southern["tenantId"] == .string("south"), "\(southern.text)")
            let shared = try await ops.call(.post, "/engine-rest/process-definition/key/intake/start", json: "{}")
            #expect(shared["tenantId"] == .null)
            let nowhere = try await ops.call(.get, "/engine-rest/process-definition/key/intake/tenant-id/east")
            #expect(nowhere.status == .notFound && nowhere["message"] == .string("No matching process definition with key: intake and tenant-id: east"))
            // Every read by key has its twin within a tenant.
            for path in ["", "/xml", "/diagram", "/statistics", "/startForm", "/form-variables"] {
                let read = try await ops.call(.get, "/engine-rest/process-definition/key/intake/tenant-id/north" + path)
                #expect([.ok, .noContent].contains(read.status), "\(path): \(read.status) \(read.text)")
                #expect(try await ops.call(.get, "/engine-rest/process-definition/key/intake/tenant-id/east" + path).status == .notFound, "\(path) in no tenant's")
            }
            let lifetime = try await ops.call(.put, "/engine-rest/process-definition/key/intake/tenant-id/north/history-time-to-live", json: #"{"historyTimeToLive": 5}"#)
            #expect(lifetime.status == .noContent)
            #expect(try await ops.call(.get, "/engine-rest/process-definition/key/intake/tenant-id/north")["historyTimeToLive"] == .integer(5))
            #expect(try await ops.call(.get, "/engine-rest/process-definition/key/intake")["historyTimeToLive"] == .null, "the shared version keeps its own")

            #expect(try await tenants(ops.call(.get, "/engine-rest/task")) == ["-", "south"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/task?tenantIdIn=south")) == ["south"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/task?withoutTenantId=true")) == ["-"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/process-instance?tenantIdIn=south")) == ["south"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/history/process-instance?withoutTenantId=true")) == ["-"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/history/activity-instance?tenantIdIn=south")) == ["south", "south"])
            #expect(try await tenants(ops.call(.get, "/engine-rest/history/task?tenantIdIn=north")) == [])
            #expect(try await ops.call(.get, "/engine-rest/process-instance/count?processDefinitionWithoutTenantId=true")["count"] == .integer(1))

            // Suspending by key and tenant leaves the other tenants' versions as they are.
            #expect(try await ops.call(.put, "/engine-rest/process-definition/key/intake/tenant-id/south/suspended", json: #"{"suspended": true}"#)
                .status == .noContent)
            #expect(try await tenants(ops.call(.get, "/engine-rest/process-definition?suspended=true")) == ["south"])
        }
    }

    @Test func aTenantsUserSeesAndChangesOnlyTheirTenantsAndTheSharedRows() async throws {
        try await RestHarness.make(credentials: SecurityTests.credentials).run { anonymous in
            let ops = anonymous.as("ops", "ops-pw"), ann = anonymous.as("ann", "ann-pw")
            for tenant in ["north", "south"] {
                #expect(try await ops.call(.post, "/engine-rest/tenant/create", json: #"{"id": "\#(tenant)"}"#).status == .noContent)
            }
            #expect(try await ops.call(.put, "/engine-rest/tenant/north/user-members/ann").status == .noContent)
            for (type, resource) in [(6, "*"), (7, "*"), (8, "*"), (9, "*")] {
                let grant = #"{"type": 1, "userId": "ann", "resourceType": \#(type), "resourceId": "\#(resource)", "permissions": ["ALL"]}"#
                #expect(try await ops.call(.post, "/engine-rest/authorization/create", json: grant).status == .ok)
            }
            var started: [String: String] = [:]
            for tenant in ["", "north", "south"] {
                _ = try await ops.deploy([("intake.bpmn", Self.intake)], fields: ["deployment-name": "intake", "tenant-id": tenant])
                let path = tenant.isEmpty ? "/engine-rest/process-definition/key/intake/start" : "/engine-rest/process-definition/key/intake/tenant-id/\(tenant)/start"
                started[tenant] = try #require(try await ops.call(.post, path, json: "{}")["id"]?.stringValue)
            }
            let south = try #require(started["south"])
            let southTask = try #require(ids(try await ops.call(.get, "/engine-rest/task?processInstanceId=\(south)")).first)

            // Every list, as ann: north's rows and the shared ones, never south's.
            for tenant in ["", "north", "south"] {
                _ = try await ops.deploy([("wide.bpmn", Self.wide)], fields: ["deployment-name": "wide", "tenant-id": tenant])
                let path = tenant.isEmpty ? "/engine-rest/process-definition/key/wide/start" : "/engine-rest/process-definition/key/wide/tenant-id/\(tenant)/start"
                let started = try await ops.call(.post, path, json: #"{"variables": {"region": {"value": "\#(tenant)", "type": "String"}}}"#)
                #expect(started.status == .ok, "\(started.text)")
            }
            let locked = try await ops.call(
                .post, "/engine-rest/external-task/fetchAndLock", json: #"{"workerId": "w", "maxTasks": 10, "topics": [{"topicName": "ship", "lockDuration": 60000}]}"#)
            for task in locked.json?.arrayValue ?? [] {
                let id = try #require(task["id"]?.stringValue)
                let failed = try await ops.call(.post, "/engine-rest/external-task/\(id)/failure", json: #"{"workerId": "w", "errorMessage": "down", "retries": 0, "retryTimeout": 0}"#)
                #expect(failed.status == .noContent)
            }
            #expect(tenants(locked) == ["-", "north", "south"])
            for list in [
                "task", "process-instance", "execution", "variable-instance", "event-subscription", "job", "external-task", "incident", "deployment",
                "process-definition", "history/process-instance", "history/activity-instance", "history/task", "history/variable-instance",
                "history/incident",
            ] {
                let rows = try await ann.call(.get, "/engine-rest/\(list)")
                #expect(rows.status == .ok, "\(list): \(rows.text)")
                #expect(Set(tenants(rows)) == ["-", "north"], "\(list) as ann")
                #expect(Set(try await tenants(ops.call(.get, "/engine-rest/\(list)"))) == ["-", "north", "south"], "\(list) as ops")
            }

            #expect(try await tenants(ann.call(.get, "/engine-rest/task?processDefinitionKey=intake")) == ["-", "north"])
            #expect(try await ann.call(.get, "/engine-rest/task/count?processDefinitionKey=intake")["count"] == .integer(2))
            #expect(try await tenants(ann.call(.get, "/engine-rest/task?tenantIdIn=south")) == [], "asking for south changes nothing")
            #expect(try await ann.call(.get, "/engine-rest/process-instance/\(south)").status == .notFound)
            #expect(try await ann.call(.get, "/engine-rest/task/\(southTask)").status == .notFound)
            #expect(try await ann.call(.post, "/engine-rest/task/\(southTask)/complete", json: "{}").status == .notFound)
            #expect(try await ann.call(.delete, "/engine-rest/process-instance/\(south)").status == .notFound)
            #expect(try await ann.call(.put, "/engine-rest/process-instance/\(south)/variables/x", json: #"{"value": 1, "type": "Integer"}"#).status == .notFound)
            #expect(try await ann.call(.post, "/engine-rest/process-definition/key/intake/tenant-id/south/start", json: "{}").status == .notFound)
            let foreign = try await ann.deploy([("intake.bpmn", Self.intake)], fields: ["deployment-name": "intake", "tenant-id": "south"])
            #expect(foreign.status == .forbidden, "\(foreign.text)")
            #expect(try await ann.deploy([("intake.bpmn", Self.intake)], fields: ["deployment-name": "intake", "tenant-id": "north"]).status == .ok)
            #expect(try await ops.call(.get, "/engine-rest/task/\(southTask)").status == .ok, "south's task is as it was")

            // Leaving the tenant takes effect on the next request.
            #expect(try await ops.call(.delete, "/engine-rest/tenant/north/user-members/ann").status == .noContent)
            #expect(Set(try await tenants(ann.call(.get, "/engine-rest/task"))) == ["-"])
        }
    }
}
