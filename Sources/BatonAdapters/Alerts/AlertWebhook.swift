import AsyncHTTPClient
import BatonEngine
import BatonModel
import BatonPostgres
import Logging
import NIOCore
import NIOHTTP1

/// Alerts posted to `BATON_ALERT_WEBHOOK`: one when an incident is raised (written to
/// `alert_outbox` by the raising command itself, see ``PostgresStore/recordsIncidentAlerts``) and
/// one when an instance has run longer than its process's `baton.stuckAfter` property (an ISO
/// 8601 duration; `BATON_STUCK_AFTER` for processes without one), found by a periodic scan.
///
/// Each alert is a row, sent until the webhook answers 2xx, with a pause that doubles after each
/// failure (at most an hour); several Baton processes share the sending (`SKIP LOCKED`). A crash
/// between a webhook's 2xx and the row's update sends that alert again, with the same `alertId`.
public final class AlertWebhook: Sendable {
    public let url: String
    let pool: PostgresPool
    let runtime: Runtime
    let defaultStuckAfter: ISODuration?
    let http: HTTPClient
    let logger: Logger

    public init(
        url: String, pool: PostgresPool, runtime: Runtime, defaultStuckAfter: ISODuration?, http: HTTPClient = .shared,
        logger: Logger = Logger(label: "baton.alerts")
    ) {
        self.url = url
        self.pool = pool
        self.runtime = runtime
        self.defaultStuckAfter = defaultStuckAfter
        self.http = http
        self.logger = logger
    }

    /// Scans for stuck instances every `scanInterval` and sends what is due every `sendInterval`,
    /// until cancelled.
    public func run(sendInterval: Duration = .seconds(2), scanInterval: Duration = .seconds(60)) async {
        let clock = ContinuousClock()
        var nextScan = clock.now
        while !Task.isCancelled {
            do {
                if clock.now >= nextScan {
                    try await scanForStuckInstances()
                    nextScan = clock.now.advanced(by: scanInterval)
                }
                try await sendDue()
            } catch {
                logger.error("alert pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: sendInterval)
        }
    }

    /// Writes an alert for every running instance past its process's threshold that has none;
    /// forgets the alerts of instances that no longer run, and incidents' after 30 days. Returns
    /// how many alerts it wrote.
    @discardableResult
    public func scanForStuckInstances() async throws -> Int {
        var written = 0
        // Only versions with running instances: not every version ever deployed is compiled.
        let running = try await pool.withConnection { connection in
            try await connection.query("SELECT DISTINCT definition_id FROM process_instances ORDER BY definition_id").rows.compactMap { $0[0] }
        }
        for definitionID in running {
            let configured = try await runtime.processProperties(of: definitionID)["baton.stuckAfter"]
            guard let threshold = configured.flatMap(ISODuration.init) ?? defaultStuckAfter else { continue }
            written += try await pool.withConnection { connection in
                try await connection.query(
                    """
                    INSERT INTO alert_outbox (key, payload)
                    SELECT 'stuck:' || i.id, json_build_object('alertId', 'stuck:' || i.id, 'type', 'stuck', 'processInstanceId', i.id,
                        'processDefinitionId', i.definition_id, 'processDefinitionKey', i.process_key, 'businessKey', i.business_key,
                        'startTime', to_char(i.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'stuckAfter', $2::text)
                    FROM process_instances i
                    WHERE i.definition_id = $1 AND i.status = 'active' AND i.started_at < now() - $2::interval
                    ON CONFLICT (key) DO NOTHING
                    """, [definitionID, threshold.description]
                ).affected
            }
        }
        try await pool.withConnection { connection in
            _ = try await connection.query(
                """
                DELETE FROM alert_outbox a WHERE a.sent_at IS NOT NULL AND (
                    (a.key LIKE 'incident:%' AND a.sent_at < now() - interval '30 days')
                    OR (a.key LIKE 'stuck:%' AND NOT EXISTS (SELECT 1 FROM process_instances i WHERE i.id = substr(a.key, 7) AND i.status = 'active')))
                """)
        }
        return written
    }

    /// Sends every alert that is due, one at a time, each at most once in this pass; returns how
    /// many the webhook accepted.
    @discardableResult
    public func sendDue() async throws -> Int {
        var accepted = 0
        var tried: [String] = []
        while let (id, sent) = try await sendNext(excluding: tried) {
            tried.append(id)
            if sent { accepted += 1 }
        }
        return accepted
    }

    /// Sends the oldest due alert not in `tried`: its id, and whether the webhook accepted it
    /// (if not, it waits); nil when none is due.
    private func sendNext(excluding tried: [String]) async throws -> (String, Bool)? {
        try await pool.withTransaction { connection in
            guard
                let row = try await connection.query(
                    """
                    SELECT id, payload::text, attempts FROM alert_outbox
                    WHERE sent_at IS NULL AND next_attempt_at <= now() AND NOT (id = ANY ($1::bigint[]))
                    ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
                    """, ["{" + tried.joined(separator: ",") + "}"]
                ).rows.first
            else { return nil }
            let id = row[0]!, attempts = Int(row[2] ?? "0") ?? 0
            do {
                try await self.post(row[1] ?? "{}")
                try await connection.query("UPDATE alert_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1::bigint", [id])
                return (id, true)
            } catch {
                let pause = RetryPause.seconds(afterAttempt: attempts + 1)
                try await connection.query(
                    "UPDATE alert_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3::integer) WHERE id = $1::bigint",
                    [id, "\(error)", String(pause)])
                self.logger.warning("alert not delivered; trying again later", metadata: ["alert": "\(id)", "error": "\(error)", "retryInSeconds": "\(pause)"])
                return (id, false)
            }
        }
    }

    private func post(_ payload: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Baton")
        request.body = .bytes(ByteBuffer(string: payload))
        let response = try await http.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(Int(response.status.code)) else { throw WebhookRefusal(status: Int(response.status.code)) }
    }
}

/// The webhook answered but did not accept the alert.
struct WebhookRefusal: Error, CustomStringConvertible {
    var status: Int
    var description: String { "the webhook answered \(status)" }
}
