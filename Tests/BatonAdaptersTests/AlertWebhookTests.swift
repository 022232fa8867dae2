import BatonAdapters
import BatonEngine
import BatonModel
import BatonPostgres
import BatonTesting
import Testing

/// Alerts for `BATON_ALERT_WEBHOOK`, received by a loopback HTTP endpoint: one per raised
/// incident, written by the command that raised it; one per instance running past its process's
/// `baton.stuckAfter`; each retried until accepted and sent once.
@Suite struct AlertWebhookTests {
    static let model = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="charge" isExecutable="true">
            <extensionElements><camunda:properties><camunda:property name="baton.stuckAfter" value="PT1S" /></camunda:properties></extensionElements>
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="pay" />
            <serviceTask id="pay" camunda:type="external" camunda:topic="payments" />
          </process>
          <process id="quick" isExecutable="true">
            <startEvent id="qs" /><sequenceFlow id="q1" sourceRef="qs" targetRef="wait" /><userTask id="wait" />
          </process>
        </definitions>
        """

    @Test func anIncidentAndAStuckInstanceAreEachPostedOnceAfterAFailure() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let conninfo = try await TestPostgres.freshStore().pool.connectionString
        let pool = PostgresPool(connectionString: conninfo, maximum: 4)
        let runtime = Runtime(store: PostgresStore(pool: pool, recordsIncidentAlerts: true), ids: UUIDGenerator())
        _ = try await runtime.deploy(name: "charge.bpmn", resources: [DeploymentResource(name: "charge.bpmn", bytes: Array(Self.model.utf8))])
        let webhook = AlertWebhook(url: receiver.url, pool: pool, runtime: runtime, defaultStuckAfter: nil)

        // An external task fails with no retries left: an incident, and its alert in the same transaction.
        let instance = try await runtime.start(processKey: "charge", businessKey: "order-9").id
        _ = try await runtime.start(processKey: "quick")
        let task = try #require(try await runtime.fetchAndLock(workerID: "w", maxTasks: 1, topics: [FetchTopic(name: "payments", lockDuration: 60_000)]).first)
        try await runtime.handleExternalTaskFailure(task.id, workerID: "w", errorMessage: "card declined", retries: 0)

        receiver.failNext(1)
        #expect(try await webhook.sendDue() == 0, "the webhook refused it")
        #expect(receiver.refused == 1 && receiver.accepted.isEmpty)
        let connection = try await pool.lease()
        let waiting = try await connection.query("SELECT attempts, last_error, next_attempt_at >= created_at + interval '2 seconds' FROM alert_outbox").rows
        #expect(waiting == [["1", "the webhook answered 503", "t"]], "a pause before it is tried again")
        try await connection.query("UPDATE alert_outbox SET next_attempt_at = now()")  // the pause is over
        await pool.giveBack(connection)
        #expect(try await webhook.sendDue() == 1)
        let incident = try #require(receiver.accepted.first)
        #expect(incident["type"] == .string("incident") && incident["message"] == .string("card declined"), "the worker's message, as Camunda keeps it")
        #expect(incident["incidentType"] == .string("failedExternalTask"))
        #expect(incident["processInstanceId"] == .string(instance) && incident["activityId"] == .string("pay"))
        if case .string(let alertID)? = incident["alertId"] { #expect(alertID.hasPrefix("incident:")) } else { Issue.record("no alertId") }

        // Past its one second, the charge instance is stuck; `quick` has no threshold and no default.
        try await Task.sleep(for: .milliseconds(1_200))
        #expect(try await webhook.scanForStuckInstances() == 1)
        #expect(try await webhook.scanForStuckInstances() == 0, "found again, but alerted once")
        #expect(try await webhook.sendDue() == 1)
        let stuck = try #require(receiver.accepted.last)
        #expect(stuck["type"] == .string("stuck") && stuck["processInstanceId"] == .string(instance) && stuck["businessKey"] == .string("order-9"))
        #expect(stuck["stuckAfter"] == .string("PT1S"))
        #expect(try await webhook.sendDue() == 0)
        #expect(receiver.accepted.count == 2, "each alert once")
    }

    @Test func aDefaultThresholdCoversProcessesWithoutOne() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let store = try await TestPostgres.freshStore()
        let runtime = Runtime(store: store, ids: UUIDGenerator())
        _ = try await runtime.deploy(name: "charge.bpmn", resources: [DeploymentResource(name: "charge.bpmn", bytes: Array(Self.model.utf8))])
        _ = try await runtime.start(processKey: "quick")
        try await Task.sleep(for: .milliseconds(1_200))
        let webhook = AlertWebhook(url: receiver.url, pool: store.pool, runtime: runtime, defaultStuckAfter: ISODuration("PT1S"))
        #expect(try await webhook.scanForStuckInstances() == 1)
        #expect(try await webhook.sendDue() == 1)
        #expect(receiver.accepted.first?["processDefinitionKey"] == .string("quick"))
    }
}
