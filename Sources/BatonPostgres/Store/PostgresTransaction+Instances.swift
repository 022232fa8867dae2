import BatonCore
import BatonEngine
import BatonModel
import Foundation

/// Instances: locking and reading them, and writing a command's new state, events, effects and
/// read-model rows in one batch; rebuilding the read models of instances older than them.
extension PostgresTransaction {
    static let instanceColumns = """
        state::text, definition_id, process_key, (extract(epoch from started_at) * 1000)::bigint,
        (extract(epoch from ended_at) * 1000)::bigint, (extract(epoch from removal_time) * 1000)::bigint, id, tenant_id, coalesce(root_instance_id, id),
        xmin::text
        """
    /// What a running instance's row knows of its history (``InstanceHistoryFacts``), read after
    /// ``instanceColumns`` where it locks the instance; an ended one's row knows nothing of it.
    static let historyFactColumns = "event_rows, history_tables", noHistoryFacts = "NULL::integer, NULL::integer"

    /// The instance in `row` (``instanceColumns``). An ended instance stored without its state
    /// (since migration 007) gets it by replaying its event log.
    func instance(_ row: [String?]?) async throws -> InstanceRecord? {
        guard let row else { return nil }
        let state: InstanceState
        if let stored = row[0] {
            if let version = row[9], let known = decodedStates?.state(of: row[6]!, version: version) {
                state = known
            } else {
                state = try fromStoredJSON(InstanceState.self, stored, try await elementTable(row[1]!))
            }
        } else {
            state = InstanceState(replaying: try await history(of: row[6]!).map(\.event), instanceID: row[6]!)
        }
        return InstanceRecord(
            state: state, definitionID: row[1]!, processKey: row[2]!, startedAt: timestamp(row[3])!, endedAt: timestamp(row[4]),
            removalTime: timestamp(row[5]), tenantID: row[7], rootInstanceID: row[8])
    }

    /// A running instance is locked; an ended one (in history) is only read: nothing changes it
    /// but cleanup.
    func lockInstance(_ id: String) async throws -> InstanceRecord? {
        if let record = held[id] { return record }
        if readOnly {
            let record = try await instance(read(
                """
                SELECT \(Self.instanceColumns) FROM process_instances WHERE id = $1
                UNION ALL SELECT \(Self.instanceColumns) FROM history_process_instances WHERE id = $1
                """, [id]
            ).rows.first)
            held[id] = record
            return record
        }
        if let record = try await hold(read(
            """
            WITH running AS (SELECT \(Self.instanceColumns), \(Self.historyFactColumns) FROM process_instances WHERE id = $1 FOR UPDATE)
            SELECT * FROM running
            UNION ALL SELECT \(Self.instanceColumns), \(Self.noHistoryFacts) FROM history_process_instances WHERE id = $1 AND NOT EXISTS (SELECT FROM running)
            """, [id]
        ).rows.first) {
            return record
        }
        // It may have ended while we waited for its lock: the statement's snapshot predates the
        // move to history, so look there again with a fresh one.
        return try await hold(read("SELECT \(Self.instanceColumns) FROM history_process_instances WHERE id = $1", [id]).rows.first)
    }

    /// One statement where owner-then-lock would take two. If another transaction completes the
    /// task meanwhile, the instance is still returned (locked, without the task), and the caller
    /// finds the task gone.
    func lockInstance(ofTask taskID: String) async throws -> InstanceRecord? {
        try await hold(read(
            """
            SELECT \(Self.instanceColumns), \(Self.historyFactColumns) FROM process_instances WHERE id = (SELECT instance_id FROM user_tasks WHERE id = $1)
            \(readOnly ? "" : "FOR UPDATE")
            """, [taskID]
        ).rows.first)
    }

    /// The instance in `row` (``instanceColumns``, then ``historyFactColumns`` if the row has
    /// them), held from now on unless this transaction holds it already: then what it holds.
    private func hold(_ row: [String?]?) async throws -> InstanceRecord? {
        guard let row, let record = try await instance(row) else { return nil }
        if let known = held[record.id] { return known }
        held[record.id] = record
        historyFacts[record.id] = row.count > 11 ? InstanceHistoryFacts(columns: row[10], row[11]) : .unknown
        return record
    }

    /// The instance row's columns but its state and history facts, in the order of ``insertInstanceSQL``.
    func rowParameters(of instance: InstanceRecord) -> [String?] {
        [
            instance.id, instance.definitionID, instance.processKey, instance.state.businessKey, instance.state.status.rawValue,
            instance.state.parent?.instanceID, instance.state.parent.map { String($0.elementKey) }, time(instance.startedAt),
            time(instance.endedAt), time(instance.removalTime), instance.state.startUserID, instance.tenantID, instance.rootInstanceID,
        ]
    }

    static let insertInstanceSQL = """
        INSERT INTO process_instances (id, definition_id, process_key, business_key, status, parent_instance_id, parent_element_key, started_at, ended_at, removal_time,
            start_user_id, tenant_id, root_instance_id, root_key, state, event_rows, history_tables)
        VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8::timestamptz, $9::timestamptz, $10::timestamptz, $11, $12, nullif($13, $1), hashtext($13), $14::jsonb,
            $15::integer, $16::integer)
        RETURNING xmin::text
        """

    func insertInstance(_ instance: InstanceRecord) async throws {
        let table = try await elementTable(instance.definitionID)  // may read, and so send what is pending
        held[instance.id] = instance
        historyFacts[instance.id] = .new
        pendingInserts[instance.id] = (pending.count, table)
        // Its parameters are written when the batch is sent (``fillPendingInserts()``), from the
        // state the instance has then: a start inserts its instance, steps it and updates it, and
        // encoded the state at both.
        write(Self.insertInstanceSQL)
    }

    /// Writes each instance inserted by the pending batch with the state it has now. It reads
    /// nothing (a read would send the batch before it is written).
    func fillPendingInserts() throws {
        for (id, insert) in pendingInserts.sorted(by: { $0.value.index < $1.value.index }) {
            guard let instance = held[id] else { throw PostgresError(.client, message: "instance \(id) was inserted but is no longer held") }
            let state = try StoredStateJSON.json(instance.state, table: insert.table)
            let facts = historyFacts[id] ?? .unknown
            pending[insert.index] = PostgresStatement(Self.insertInstanceSQL, rowParameters(of: instance) + [state] + facts.parameters)
            versionStatements[insert.index] = (id, state.utf8.count)
        }
        pendingInserts.removeAll(keepingCapacity: true)
    }

    func updateInstance(_ instance: InstanceRecord, appending events: [RecordedEvent], effects: [Effect], readModel: ReadModelChanges) async throws {
        let id = instance.id
        let table = try await elementTable(instance.definitionID)
        let before = held[id]
        held[id] = instance
        let ending = instance.state.status != .active && before?.state.status == .active
        var facts = historyFacts[id] ?? .unknown
        let sequence = facts.eventRows.map { $0 + 1 }
        if !events.isEmpty { facts.eventRows = sequence }
        facts.tables?.formUnion(InstanceTables(historyAddedBy: readModel))
        historyFacts[id] = facts
        if pendingInserts[id] != nil {
            // Inserted earlier in this batch: the insert is sent with the newest state.
            pendingInserts[id]?.table = table
        } else if !ending {
            let running = before?.state.status == .active, state = try StoredStateJSON.json(instance.state, table: table)
            let parameters = [
                id, state, instance.state.businessKey, instance.state.parent?.instanceID, instance.state.parent.map { String($0.elementKey) },
                instance.state.startUserID,
            ]
            if running {
                versionStatements[pending.count] = (id, state.utf8.count)
                write(Self.updateRunningInstanceSQL, parameters + facts.parameters)
            } else {
                write(Self.updateEndedInstanceSQL, parameters)
            }
        }
        if let at = events.first?.at {
            // One row for the command's events (they share its time).
            let rows = ReadModelStatement.runningRows(of: "history_events", throughParent: tenantGuard != nil)
            let parameters = [id, time(at), try StoredEventJSON.array(events.map(\.event), table: table), instance.rootInstanceID]
            if let sequence {
                write(
                    "INSERT INTO \(rows) (instance_id, sequence, at, events, root_key) VALUES ($1, $5::integer, $2::timestamptz, $3::json, hashtext($4))",
                    parameters + [String(sequence)])
            } else {
                // A running instance's events are all in the running partition, so the last is found there alone.
                write(
                    """
                    INSERT INTO \(rows) (instance_id, sequence, at, events, root_key)
                    VALUES ($1, (SELECT coalesce(max(sequence), 0) + 1 FROM history_events WHERE instance_id = $1 AND removal_time = 'infinity'),
                        $2::timestamptz, $3::json, hashtext($4))
                    """, parameters)
            }
        }
        for effect in effects { try apply(effect, instance: instance, readModel: readModel) }
        if let statement = ReadModelStatement.make(readModel, throughParents: tenantGuard != nil) { pending.append(statement) }
        if recordsIncidentAlerts { for incident in readModel.incidentsRaised { recordAlert(of: incident) } }
        if ending, let before {
            // What finished leaves the runtime tables with its rows there, and so does the link
            // from its call activity, needed only while it runs. Its final state is not stored:
            // its event log replays to it (see ``instance(_:)``).
            // Started and ended in one command: its row is inserted, then moved to history.
            if pendingInserts[id] != nil { try fillPendingInserts() }
            let statement = EndInstanceStatement(ending: instance.state, before: before.state, history: facts.tables ?? .history)
            write(statement.text, rowParameters(of: instance))
            historyFacts[id] = nil
        }
    }

    static let updateRunningInstanceSQL = """
        UPDATE process_instances SET state = $2::jsonb, business_key = $3, parent_instance_id = $4, parent_element_key = $5::bigint, start_user_id = $6,
            event_rows = $7::integer, history_tables = $8::integer
        WHERE id = $1 RETURNING xmin::text
        """
    static let updateEndedInstanceSQL = """
        UPDATE history_process_instances SET state = $2::jsonb, business_key = $3, parent_instance_id = $4, parent_element_key = $5::bigint, start_user_id = $6
        WHERE id = $1
        """

    /// The value as `variables.value` holds it; JSON has no NaN or infinity, so those are null.
    static func plainJSONValue(_ value: VariableValue) -> JSONValue {
        if case .double(let number) = value, !number.isFinite { return .null }
        return value.jsonValue
    }

    /// The rows the command side reads (jobs, subscriptions, calls); tasks, variables and
    /// incidents are the read model's alone.
    func apply(_ effect: Effect, instance: InstanceRecord, readModel: ReadModelChanges) throws {
        let id = instance.id
        switch effect {
        case .createTask, .deleteTask, .raiseIncident, .propagateErrorToParent, .propagateEscalationToParent, .broadcastSignal:
            break
        case .createJob(let job):
            let (kind, topic, handler) = Self.describe(job.kind)
            write(
                """
                INSERT INTO jobs (id, instance_id, element_key, element_id, kind, topic, handler, due_at, retries, synchronous, created_at, process_definition_id,
                    priority, tenant_id, root_key)
                VALUES ($1, $2, $3::bigint, $4, $5, $6, $7, $8::timestamptz, $9::integer, $10::boolean, coalesce($11::timestamptz, now()), $12, $13::bigint, $14,
                    hashtext($15))
                """,
                [
                    job.id, id, String(job.elementKey), readModel.job(job.id)?.activityID ?? "", kind, topic, handler, time(job.dueAt), String(job.retries),
                    job.synchronous ? "true" : "false", time(job.createdAt), instance.definitionID, String(job.priority ?? 0), instance.tenantID,
                    instance.rootInstanceID,
                ])
        case .updateJob(let jobID):
            guard let job = instance.state.job(jobID) else { return }
            write(
                "UPDATE jobs SET retries = $2::integer, due_at = $3::timestamptz, last_error = $4, synchronous = $5::boolean, priority = $6::bigint WHERE id = $1",
                [jobID, String(job.retries), time(job.dueAt), job.lastError, job.synchronous ? "true" : "false", String(job.priority ?? 0)])
        case .deleteJob(let jobID):
            write("DELETE FROM jobs WHERE id = $1", [jobID])
        case .openSubscription(let subscription):
            write(
                """
                INSERT INTO message_subscriptions (id, instance_id, element_key, message_name, created_at, activity_id, event_type, tenant_id, root_key)
                VALUES ($1, $2, $3::bigint, $4, coalesce($5::timestamptz, now()), $6, $7, $8, hashtext($9))
                """,
                [
                    subscription.id, id, String(subscription.elementKey), subscription.eventName, time(readModel.subscription(subscription.id)?.created),
                    readModel.subscription(subscription.id)?.activityID, subscription.kind.rawValue, instance.tenantID, instance.rootInstanceID,
                ])
        case .closeSubscription(let subscriptionID):
            write("DELETE FROM message_subscriptions WHERE id = $1", [subscriptionID])
        case .startChildInstance(let request):
            write(
                "INSERT INTO called_instances (parent_instance_id, element_key, child_instance_id, root_key) VALUES ($1, $2::bigint, $3, hashtext($4))",
                [id, String(request.elementKey), request.childInstanceID, instance.rootInstanceID])
        }
    }

    /// The webhook alert of a raised incident, written with it (see migration 020).
    func recordAlert(of incident: HistoricIncident) {
        let key = "incident:\(incident.id)"
        let payload: JSONValue = .object([
            .init("alertId", .string(key)), .init("type", .string("incident")), .init("incidentId", .string(incident.id)),
            .init("incidentType", .string(incident.kind)), .init("message", .string(incident.message)),
            .init("processInstanceId", .string(incident.processInstanceID)), .init("processDefinitionId", .string(incident.processDefinitionID)),
            .init("activityId", .string(incident.activityID)), .init("jobId", incident.jobID.map(JSONValue.string) ?? .null),
            .init("createdAt", .string(incident.createdAt.iso8601)),
        ])
        write("INSERT INTO alert_outbox (key, payload) VALUES ($1, $2::json) ON CONFLICT (key) DO NOTHING", [key, JSONText.render(payload)])
    }

    func array(_ values: [String]) -> String { SQLSelect.arrayLiteral(values) }

    static func describe(_ kind: JobRecord.Kind) -> (kind: String, topic: String?, handler: String?) {
        switch kind {
        case .activate: ("asyncBefore", nil, nil)
        case .leave: ("asyncAfter", nil, nil)
        case .handler(let name): ("handler", nil, name)
        case .external(let topic): ("external", topic, nil)
        case .timer: ("timer", nil, nil)
        }
    }

    func moveInstance(_ id: String, toDefinition definitionID: String, processKey: String, renamed: [ElementRename]) async throws {
        try fillPendingInserts()  // with the element table of the definition it was inserted with
        rewrittenElsewhere.insert(id)
        held[id]?.definitionID = definitionID
        held[id]?.processKey = processKey
        write("UPDATE process_instances SET definition_id = $2, process_key = $3 WHERE id = $1", [id, definitionID, processKey])
        write("UPDATE user_tasks SET process_definition_id = $2, process_key = $3 WHERE instance_id = $1", [id, definitionID, processKey])
        for table in ["jobs", "variables"] {
            write("UPDATE \(table) SET process_definition_id = $2 WHERE instance_id = $1", [id, definitionID])
        }
        // A running instance's history is in the running partition.
        for table in ["history_activity_instances", "history_task_instances", "history_incidents", "history_variables"] {
            write("UPDATE \(table) SET process_definition_id = $2 WHERE instance_id = $1 AND removal_time = 'infinity'", [id, definitionID])
        }
        guard !renamed.isEmpty else { return }
        // The open rows that name a renamed element, each table in one statement over the map.
        let map = JSONText.render(.array(renamed.map { rename in
            .object([.init("old", .string(rename.from)), .init("new", .string(rename.to)), .init("name", rename.name.map(JSONValue.string) ?? .null)])
        }))
        let renames = "jsonb_to_recordset($2::jsonb) AS r(old text, new text, name text)"
        for (table, column, open) in [
            ("user_tasks", "task_definition_key", "true"), ("jobs", "element_id", "true"), ("message_subscriptions", "activity_id", "true"),
            ("history_task_instances", "task_definition_key", "t.end_time IS NULL AND t.removal_time = 'infinity'"),
            ("history_incidents", "activity_id", "t.resolved_at IS NULL AND t.removal_time = 'infinity'"),
        ] {
            write("UPDATE \(table) t SET \(column) = r.new FROM \(renames) WHERE t.instance_id = $1 AND t.\(column) = r.old AND \(open)", [id, map])
        }
        write(
            """
            UPDATE history_activity_instances t SET activity_id = r.new, activity_name = r.name FROM \(renames)
            WHERE t.instance_id = $1 AND t.activity_id = r.old AND t.end_time IS NULL AND t.removal_time = 'infinity'
            """, [id, map])
    }

    func history(of instanceID: String) async throws -> [RecordedEvent] {
        let rows = try await read(
            """
            SELECT \(millis("at")), events::text, (SELECT definition_id FROM process_instances WHERE id = $1
                UNION ALL SELECT definition_id FROM history_process_instances WHERE id = $1 LIMIT 1)
            FROM history_events WHERE instance_id = $1 ORDER BY sequence
            """, [instanceID]
        ).rows
        guard let definitionID = rows.first?[2] else { return [] }
        // Read newest first: the events before a move to another version name the elements of
        // the version they were written on, the move's `fromDefinition`.
        var table = try await elementTable(definitionID)
        var history: [[RecordedEvent]] = []
        for row in rows.reversed() {
            let at = timestamp(row[0])!
            // A command's events as an array; one event alone in rows written before migration 005.
            let events = row[1]!.hasPrefix("[")
                ? try fromStoredJSON([InstanceEvent].self, row[1]!, table) : [try fromStoredJSON(InstanceEvent.self, row[1]!, table)]
            history.append(events.map { RecordedEvent(at: at, event: $0) })
            for event in events {
                if case .instanceMovedToVersion(let from, _, _) = event { table = try await elementTable(from) }
            }
        }
        return history.reversed().flatMap { $0 }
    }

    // MARK: Read-model rebuilds

    func instancesAwaitingReadModelRebuild(limit: Int) async throws -> [String] {
        try await read("SELECT instance_id FROM read_model_rebuilds ORDER BY instance_id LIMIT $1::integer FOR UPDATE SKIP LOCKED", [String(limit)])
            .rows.compactMap { $0[0] }
    }

    func replaceReadModel(of instance: InstanceRecord, with readModel: ReadModelChanges, events: [RecordedEvent]) async throws {
        let table = try await elementTable(instance.definitionID)
        // The log's events in sequence order, matched by rank: a row holding n events (one, if
        // written before migration 005) gets the next n of them, as an array.
        write(
            """
            WITH stored AS (
                     SELECT sequence, held, sum(held) OVER (ORDER BY sequence) AS upto FROM (
                         SELECT sequence, CASE json_typeof(events) WHEN 'array' THEN json_array_length(events) ELSE 1 END AS held
                         FROM history_events WHERE instance_id = $1) counted),
                 current AS (SELECT event, rank FROM unnest($2::json[]) WITH ORDINALITY AS u (event, rank)),
                 rewritten AS (SELECT stored.sequence, json_agg(current.event ORDER BY current.rank) AS events
                               FROM stored JOIN current ON current.rank > stored.upto - stored.held AND current.rank <= stored.upto
                               GROUP BY stored.sequence)
            UPDATE history_events SET events = rewritten.events FROM rewritten
            WHERE history_events.instance_id = $1 AND history_events.sequence = rewritten.sequence
            """, [instance.id, array(try events.map { try StoredEventJSON.single($0.event, table: table) })])
        rewrittenElsewhere.insert(instance.id)
        if instance.state.status == .active {
            // Its history is written anew, without its comments' bit: from now on every table is moved.
            write(
                "UPDATE process_instances SET state = $2::jsonb, history_tables = NULL WHERE id = $1",
                [instance.id, try StoredStateJSON.json(instance.state, table: table)])
            historyFacts[instance.id]?.tables = nil
        } else {
            write("UPDATE history_process_instances SET state = NULL WHERE id = $1", [instance.id])  // its log replays to it
        }
        write(
            """
            WITH tasks AS (DELETE FROM user_tasks WHERE instance_id = $1),
                 variables AS (DELETE FROM variables WHERE instance_id = $1),
                 activities AS (DELETE FROM history_activity_instances WHERE instance_id = $1),
                 task_history AS (DELETE FROM history_task_instances WHERE instance_id = $1),
                 variable_history AS (DELETE FROM history_variables WHERE instance_id = $1),
                 incidents AS (DELETE FROM history_incidents WHERE instance_id = $1)
            DELETE FROM read_model_rebuilds WHERE instance_id = $1
            """, [instance.id])
        if let statement = ReadModelStatement.make(readModel, throughParents: tenantGuard != nil) { pending.append(statement) }
        if let statement = ReadModelStatement.elementIDs(readModel) { pending.append(statement) }
        if instance.state.status != .active, let removal = instance.removalTime {
            write("WITH \(HistoryPartitions.settingRemovalTime(instance: "$1", to: "$2::timestamptz", events: false)) SELECT 1", [instance.id, time(removal)])
        }
    }
}
