import BatonModel
import Foundation
import Hummingbird
import Testing

/// What pycamunda's `deployment`, `processdef` and `incident` modules call beyond the basics
/// (#15): a deployment's files, a version's diagram, deleting versions, and one incident.
@Suite struct DefinitionMaintenanceAPITests {
    @Test func aDeploymentsFilesAndAVersionsDiagramAreRead() async throws {
        try await RestHarness.make().run { rest in
            let deployed = try await rest.deploy([("review.bpmn", ConsoleFixtures.review), ("plain.bpmn", JobDetailAPITests.process)], fields: ["deployment-name": "files"])
            #expect(deployed.status == .ok, "\(deployed.text)")
            let deployment = try #require(deployed["id"]?.stringValue)
            let resources = try #require(try await rest.call(.get, "/engine-rest/deployment/\(deployment)/resources").json?.arrayValue)
            #expect(resources.compactMap { $0["name"]?.stringValue } == ["plain.bpmn", "review.bpmn"])
            #expect(resources.allSatisfy { $0["deploymentId"] == .string(deployment) })
            let review = try #require(resources.last?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/deployment/\(deployment)/resources/\(review)")["name"] == .string("review.bpmn"))
            let data = try await rest.call(.get, "/engine-rest/deployment/\(deployment)/resources/\(review)/data")
            #expect(data.status == .ok && data.text.contains("<process id=\"review\""), "the file as deployed")
            #expect(data.headers[.contentType] == "application/xml" && data.headers[.contentDisposition] == "attachment; filename=\"review.bpmn\"")
            #expect(try await rest.call(.get, "/engine-rest/deployment/\(deployment)/resources/nope").status == .notFound)
            #expect(try await rest.call(.get, "/engine-rest/deployment/nope/resources").status == .notFound)

            // The diagram, drawn with its styles inside; a file without one answers 204.
            let diagram = try await rest.call(.get, "/engine-rest/process-definition/key/review/diagram")
            #expect(diagram.status == .ok && diagram.headers[.contentType] == "image/svg+xml")
            #expect(diagram.text.hasPrefix("<svg") && diagram.text.contains("<style>") && diagram.text.contains("data-element-id=\"check\""))
            #expect(!diagram.text.contains("<script>"), "names are escaped")
            let plain = try #require(try await rest.call(.get, "/engine-rest/process-definition/key/work").json?["id"]?.stringValue)
            #expect(try await rest.call(.get, "/engine-rest/process-definition/\(plain)/diagram").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-definition/nope/diagram").status == .notFound)
        }
    }

    @Test func versionsAreDeletedWithTheirInstancesOnlyWhenAskedTo() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("review.bpmn", EngineRestTests.approval)]).status == .ok)
            let changed = EngineRestTests.approval.replacingOccurrences(of: "name=\"Approve\"", with: "name=\"Approve it\"")
            #expect(try await rest.deploy([("review.bpmn", changed)]).status == .ok)
            let versions = try #require(try await rest.call(.get, "/engine-rest/process-definition?key=review&sortBy=version&sortOrder=asc").json?.arrayValue)
                .compactMap { $0["id"]?.stringValue }
            #expect(versions.count == 2)
            let started = try await rest.call(.post, "/engine-rest/process-definition/\(versions[1])/start", json: "{}")
            let instance = try #require(started["id"]?.stringValue)

            let blocked = try await rest.call(.delete, "/engine-rest/process-definition/\(versions[1])")
            #expect(blocked.status == .conflict && blocked["message"]?.stringValue?.contains("cascade=true") == true, "\(blocked.text)")
            #expect(try await rest.call(.delete, "/engine-rest/process-definition/\(versions[1])?cascade=true&skipCustomListeners=true").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-instance/\(instance)").status == .notFound)
            #expect(try await rest.call(.get, "/engine-rest/history/process-instance/\(instance)").status == .notFound, "its history went too")
            #expect(try await rest.call(.get, "/engine-rest/process-definition/key/review")["id"] == .string(versions[0]), "the version before is the latest again")
            #expect(try await rest.call(.delete, "/engine-rest/process-definition/\(versions[1])").status == .notFound)
            #expect(try await rest.call(.delete, "/engine-rest/process-definition/\(versions[0])?cascade=maybe").status == .badRequest)

            let lifetime = try await rest.call(.put, "/engine-rest/process-definition/\(versions[0])/history-time-to-live", json: #"{"historyTimeToLive": 30}"#)
            #expect(lifetime.status == .noContent, "\(lifetime.text)")
            #expect(try await rest.call(.get, "/engine-rest/process-definition/\(versions[0])")["historyTimeToLive"] == .integer(30))
            #expect(try await rest.call(.put, "/engine-rest/process-definition/key/review/history-time-to-live", json: #"{"historyTimeToLive": null}"#).status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-definition/\(versions[0])")["historyTimeToLive"] == .null)
            #expect(try await rest.call(.put, "/engine-rest/process-definition/\(versions[0])/history-time-to-live", json: #"{"historyTimeToLive": -1}"#).status == .badRequest)
            #expect(try await rest.call(.put, "/engine-rest/process-definition/nope/history-time-to-live", json: #"{"historyTimeToLive": 1}"#).status == .notFound)
            #expect(try await rest.call(.delete, "/engine-rest/process-definition/key/review").status == .noContent)
            #expect(try await rest.call(.get, "/engine-rest/process-definition/count?key=review")["count"] == .integer(0))
            #expect(try await rest.call(.delete, "/engine-rest/process-definition/key/review").status == .notFound)
        }
    }

    @Test func anIncidentIsReadByIdAndItsResolutionSaysWhatResolvesIt() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("work.bpmn", JobDetailAPITests.process)]).status == .ok)
            let instance = try #require(try await rest.call(.post, "/engine-rest/process-definition/key/work/start", json: "{}")["id"]?.stringValue)
            let locked = try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: """
                {"workerId": "w1", "maxTasks": 1, "topics": [{"topicName": "payments", "lockDuration": 60000}]}
                """)
            let task = try #require(locked.json?.arrayValue.first?["id"]?.stringValue)
            let failed = try await rest.call(.post, "/engine-rest/external-task/\(task)/failure", json: #"{"workerId": "w1", "errorMessage": "card declined", "retries": 0}"#)
            #expect(failed.status == .noContent)
            let listed = try #require(try await rest.call(.get, "/engine-rest/incident?processInstanceId=\(instance)").json?.arrayValue.first)
            let id = try #require(listed["id"]?.stringValue)
            let incident = try await rest.call(.get, "/engine-rest/incident/\(id)")
            #expect(incident.json == listed, "one incident reads as the list shows it")
            let resolve = try await rest.call(.delete, "/engine-rest/incident/\(id)")
            #expect(resolve.status == .badRequest && resolve["message"]?.stringValue?.contains("retries") == true, "\(resolve.text)")
            #expect(try await rest.call(.get, "/engine-rest/incident/nope").status == .notFound)
            #expect(try await rest.call(.delete, "/engine-rest/incident/nope").status == .notFound)
        }
    }
}
