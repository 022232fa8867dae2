import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SubprocessTests {
    /// `baton serve` as README's first command runs it: embedded PostgreSQL, processes/ deployed, the
    /// REST API on loopback, a clean stop on SIGTERM.
    @Suite struct ServeCommandTests {
        @Test func servesTheDeployedProcessesAndStopsCleanlyOnSIGTERM() async throws {
            let server = try await ServedBaton.start()
            let url = server.url
            #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/engine-rest"))

            let (data, response) = try await URLSession.shared.data(from: URL(string: url + "/process-definition?key=benefit-approval")!)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let definitions = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
            #expect(definitions?.first?["key"] as? String == "benefit-approval", "processes/ was deployed")
            let root = String(url.dropLast("/engine-rest".count))
            let (readyData, _) = try await URLSession.shared.data(from: URL(string: root + "/ready")!)
            #expect(String(decoding: readyData, as: UTF8.self).contains("UP"))

            #expect(try await server.stop() == 0)
            #expect(server.postgresStopped, "PostgreSQL was stopped")
        }

        /// A request that would hold the server past SIGTERM (a fetch-and-lock long poll of two
        /// minutes) is cut at the shutdown deadline (#19: a loaded server had not stopped after
        /// 160 s); PostgreSQL is still stopped cleanly.
        @Test func aLongPollDoesNotHoldTheServerPastItsShutdownDeadline() async throws {
            let server = try await ServedBaton.start(environment: ["BATON_SHUTDOWN_TIMEOUT": "2s"])
            var request = URLRequest(url: URL(string: server.url + "/external-task/fetchAndLock")!)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(#"{"workerId": "w", "maxTasks": 1, "asyncResponseTimeout": 120000, "topics": [{"topicName": "none", "lockDuration": 1000}]}"#.utf8)
            let poll = Task { try? await URLSession.shared.data(for: request) }
            try await Task.sleep(for: .milliseconds(500))  // the poll is waiting inside the server
            let exited = try await server.stop(waitingUpTo: .seconds(25))
            poll.cancel()
            #expect(exited, "baton serve was still running 25 s after SIGTERM")
            #expect(server.postgresStopped, "PostgreSQL was stopped")
        }

        @Test func refusesToServeBeyondLoopbackWithoutCredentials() async throws {
            let result = try await BatonProcess.run(["serve", "--host", "0.0.0.0"], environment: ["BATON_USERS": "", "BATON_API_TOKENS": ""])
            #expect(result.status == 1)
            #expect(result.standardError.contains("serves only on loopback"))
        }
    }
}
