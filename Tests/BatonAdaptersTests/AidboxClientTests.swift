import BatonAdapters
import BatonModel
import BatonTesting
import Testing

/// The Aidbox client against a FHIR R4 stand-in on loopback.
@Suite struct AidboxClientTests {
    static let plan: JSONValue = .object([
        .init("resourceType", .string("InsurancePlan")), .init("id", .string("gold-ppo")), .init("name", .string("Gold PPO")),
        .init("status", .string("active")),
    ])

    private func client(_ fhir: FHIRStandIn, credentials: AidboxConfiguration.Credentials = .none) -> AidboxClient {
        AidboxClient(configuration: AidboxConfiguration(baseURL: fhir.baseURL, credentials: credentials, timeout: .seconds(5), retries: 2, backoff: .milliseconds(10)))
    }

    @Test func readsCreatesAndUpdatesOnlyWhenTheVersionStillMatches() async throws {
        let fhir = try await FHIRStandIn.start()
        defer { fhir.stop() }
        let aidbox = client(fhir, credentials: .bearer(token: "t-1"))
        #expect(try await aidbox.readPlan("gold-ppo") == nil)
        let created = try await aidbox.createPlan(Self.plan)
        #expect(created.id == "gold-ppo" && created.versionID == "1")
        let updated = try await aidbox.updatePlan("gold-ppo", Self.plan, ifMatch: "1")
        #expect(updated.versionID == "2")
        #expect(try await aidbox.readPlan("gold-ppo")?.versionID == "2")

        fhir.store(Self.plan, id: "gold-ppo")  // someone else changes it: version 3
        await #expect(throws: AidboxError.versionConflict(id: "gold-ppo", expectedVersion: "2")) {
            _ = try await aidbox.updatePlan("gold-ppo", Self.plan, ifMatch: "2")
        }
        #expect(fhir.received.allSatisfy { $0.authorization == "Bearer t-1" })
        #expect(fhir.received.last?.ifMatch == #"W/"2""#)
    }

    @Test func retriesFiveHundredsWithBackoffThenGivesUpAsUnavailable() async throws {
        let fhir = try await FHIRStandIn.start()
        defer { fhir.stop() }
        let aidbox = client(fhir, credentials: .basic(clientID: "baton", secret: "s3cret"))
        fhir.failNext(2)
        #expect(try await aidbox.createPlan(Self.plan).versionID == "1", "two 503s, then success on the third attempt")
        #expect(fhir.received.count == 3)
        #expect(fhir.received.first?.authorization == "Basic YmF0b246czNjcmV0")

        fhir.isDown = true
        let error = await #expect(throws: AidboxError.self) { _ = try await aidbox.readPlan("gold-ppo") }
        #expect(error?.isRetryable == true)
        #expect(error?.description.contains("503") == true)
    }

    /// A publish job retries an outage, a timeout or throttling, and raises an incident at once
    /// for what retrying cannot mend.
    @Test func saysWhichFailuresRetryingCanMend() async throws {
        #expect(AidboxError.unavailable("503").isRetryable)
        #expect(AidboxError.rejected(status: 408, message: "").isRetryable && AidboxError.rejected(status: 429, message: "").isRetryable)
        #expect(!AidboxError.rejected(status: 401, message: "").isRetryable && !AidboxError.rejected(status: 403, message: "").isRetryable)
        #expect(!AidboxError.misconfigured("x").isRetryable && !AidboxError.versionConflict(id: "p", expectedVersion: "1").isRetryable)
        let once = AidboxClient(configuration: AidboxConfiguration(baseURL: "http://127.0.0.1:9/fhir", timeout: .seconds(2), retries: 0))
        let error = await #expect(throws: AidboxError.self) { _ = try await once.readPlan("x") }
        #expect(error?.description.contains("GET InsurancePlan/x failed once") == true, "\(String(describing: error))")
    }

    @Test func anUnreachableServerIsUnavailableAndBadConfigurationIsNamed() async throws {
        let aidbox = AidboxClient(configuration: AidboxConfiguration(baseURL: "http://127.0.0.1:9/fhir", timeout: .seconds(2), retries: 1, backoff: .milliseconds(10)))
        let error = await #expect(throws: AidboxError.self) { _ = try await aidbox.readPlan("x") }
        #expect(error?.isRetryable == true)
        #expect(throws: AidboxError.misconfigured("AIDBOX_CLIENT_ID is set but AIDBOX_CLIENT_SECRET is not.")) {
            _ = try AidboxConfiguration.from { ["AIDBOX_URL": "https://aidbox.example/fhir", "AIDBOX_CLIENT_ID": "baton"][$0] }
        }
        #expect(try AidboxConfiguration.from { _ in nil } == nil, "no AIDBOX_URL: not configured")
        #expect(try AidboxConfiguration.from { ["AIDBOX_URL": "https://a/fhir", "AIDBOX_TOKEN": "t"][$0] }?.credentials == .bearer(token: "t"))
    }
}
