import BatonEngine
import BatonModel
import BatonTesting
import Foundation
import Hummingbird
import Testing

/// External task priority and creation time over REST: Camunda's filters, sort keys and
/// fetchAndLock's `usePriority` and `sorting`, and the 400s for what Camunda does not define.
@Suite struct ExternalTaskPriorityAPITests {
    @Test func prioritiesAreListedFilteredSortedAndFetchedFirst() async throws {
        try await RestHarness.make().run { rest in
            #expect(try await rest.deploy([("work.bpmn", ExternalTaskPriorityModel.bpmn)]).status == .ok)
            for priority in [1, 20, 10] {
                let started = try await rest.call(
                    .post, "/engine-rest/process-definition/key/work/start", json: #"{"variables": {"priority": {"value": \#(priority), "type": "Long"}}}"#)
                #expect(started.status == .ok, "\(started.text)")
            }
            func priorities(_ reply: RestClient.Reply) -> [Int64] { reply.json?.arrayValue.compactMap { if case .integer(let value)? = $0["priority"] { value } else { nil } } ?? [] }
            let sorted = try await rest.call(.get, "/engine-rest/external-task?topicName=jobs&sortBy=taskPriority&sortOrder=desc")
            #expect(priorities(sorted) == [20, 10, 5, 5, 5, 1], "\(sorted.text)")
            #expect(sorted.json?.arrayValue.allSatisfy { $0["createTime"]?.stringValue != nil } == true, "\(sorted.text)")
            #expect(try await rest.call(.get, "/engine-rest/external-task/count?priorityHigherThanOrEquals=10")["count"] == .integer(2))
            #expect(try await rest.call(.get, "/engine-rest/external-task/count?priorityLowerThanOrEquals=5")["count"] == .integer(4))
            #expect(try await rest.call(.get, "/engine-rest/external-task?sortBy=createTime&sortOrder=asc").status == .ok)
            let camundaJobKey = try await rest.call(.get, "/engine-rest/external-task?sortBy=jobId&sortOrder=asc")
            #expect(camundaJobKey.status == .badRequest && (camundaJobKey["message"]?.stringValue ?? "").contains("taskPriority"), "\(camundaJobKey.text)")
            #expect(try await rest.call(.get, "/engine-rest/job?sortBy=createTime&sortOrder=asc").status == .badRequest, "not a job sort key in Camunda")
            #expect(try await rest.call(.get, "/engine-rest/job?sortBy=jobPriority&sortOrder=asc").status == .ok)

            let fetch = #"{"workerId": "w", "maxTasks": 2, "usePriority": true, "topics": [{"topicName": "jobs", "lockDuration": 60000}]}"#
            let locked = try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: fetch)
            #expect(priorities(locked) == [20, 10], "\(locked.text)")
            let byTime = #"{"workerId": "w", "maxTasks": 1, "sorting": [{"sortBy": "createTime", "sortOrder": "desc"}], "topics": [{"topicName": "jobs", "lockDuration": 60000}]}"#
            #expect(try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: byTime).status == .ok)
            let unknown = #"{"workerId": "w", "sorting": [{"sortBy": "priority"}], "topics": [{"topicName": "jobs", "lockDuration": 60000}]}"#
            let refused = try await rest.call(.post, "/engine-rest/external-task/fetchAndLock", json: unknown)
            #expect(refused.status == .badRequest && (refused["message"]?.stringValue ?? "").contains("sorting[0].sortBy"), "\(refused.text)")

            // A priority that is no whole number: refused at deploy when written, and when evaluated.
            let bad = ExternalTaskPriorityModel.bpmn.replacingOccurrences(of: "${priority}", with: "urgent")
            let deploy = try await rest.deploy([("bad.bpmn", bad.replacingOccurrences(of: "id=\"work\"", with: "id=\"bad\""))])
            #expect(deploy.status == .badRequest && deploy.text.contains("camunda:taskPriority"), "\(deploy.text)")
            let before = try await rest.call(.get, "/engine-rest/process-instance/count")["count"]
            let words = try await rest.call(
                .post, "/engine-rest/process-definition/key/work/start", json: #"{"variables": {"priority": {"value": "high", "type": "String"}}}"#)
            // Camunda answers an engine failure while starting with 500 ProcessEngineException.
            #expect(words["type"] == .string("ProcessEngineException") && words.text.contains("to be a whole number, but it is 'high'"), "\(words.text)")
            #expect(try await rest.call(.get, "/engine-rest/process-instance/count")["count"] == before, "nothing half started")
        }
    }
}
