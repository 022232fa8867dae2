-- The query side. Every list and count the API offers is one statement over these tables,
-- served by an index; nothing reads instance states to answer a query. The rows are written in
-- the same transaction as the command that changes them (BatonEngine's ReadModelProjection says
-- which event touches which row). Rows hold element ids, never positions in a compiled
-- definition, and every row names its process instance, so the tables can be distributed by it.
-- (001 and 002 are released and never edited.)
--
-- History tables are partitioned by removal time, one partition per UTC month, so cleanup drops
-- whole partitions instead of deleting row by row. Rows of running instances have the removal
-- time 'infinity' (partition *_running) until their instance ends and the command that ends it
-- sets the real one; rows whose month has no partition yet wait in *_later (the default), from
-- which Baton moves them when it creates the month's partition (BatonPostgres.HistoryPartitions).
-- Unique keys include the removal time, as PostgreSQL requires of partitioned tables, and the
-- instance id, as a database distributed by instance (Citus) requires; they lead with the row's
-- id, so a lookup by id (`/history/task?taskId=`, `/history/activity-instance/{id}`) uses them.
-- Lookups by instance have their own indexes.

-- Running instances, listed newest or oldest first, by definition.
CREATE INDEX process_instances_started ON process_instances (started_at, id);
CREATE INDEX process_instances_definition ON process_instances (definition_id, started_at, id);

-- Ended instances.
ALTER TABLE history_process_instances RENAME TO history_process_instances_002;
CREATE TABLE history_process_instances (
    id text NOT NULL,
    definition_id text NOT NULL,
    process_key text NOT NULL,
    business_key text,
    status text NOT NULL CHECK (status IN ('completed', 'terminated')),
    parent_instance_id text,
    parent_element_key bigint,
    tenant_id text,
    started_at timestamptz NOT NULL,
    ended_at timestamptz NOT NULL,
    removal_time timestamptz NOT NULL,
    state jsonb NOT NULL
) PARTITION BY RANGE (removal_time);
CREATE TABLE history_process_instances_later PARTITION OF history_process_instances DEFAULT;
INSERT INTO history_process_instances
SELECT id, definition_id, process_key, business_key, status, parent_instance_id, parent_element_key, tenant_id, started_at, ended_at,
       coalesce(removal_time, ended_at + interval '180 days'), state
FROM history_process_instances_002;
DROP TABLE history_process_instances_002;
ALTER TABLE history_process_instances ADD PRIMARY KEY (id, removal_time);
CREATE INDEX history_process_instances_started ON history_process_instances (started_at, id);
CREATE INDEX history_process_instances_ended ON history_process_instances (ended_at, id);
CREATE INDEX history_process_instances_definition ON history_process_instances (definition_id, ended_at, id);
CREATE INDEX history_process_instances_process_key ON history_process_instances (process_key, started_at, id);
CREATE INDEX history_process_instances_business_key ON history_process_instances (business_key) WHERE business_key IS NOT NULL;
CREATE INDEX history_process_instances_parent ON history_process_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;
-- For cleanup's sweep of the default partition (removal times beyond the prepared months).
CREATE INDEX history_process_instances_removal ON history_process_instances (removal_time);

-- Each instance's event log, its replay log.
ALTER TABLE history_events RENAME TO history_events_002;
CREATE TABLE history_events (
    instance_id text NOT NULL,
    sequence integer NOT NULL,
    at timestamptz NOT NULL,
    event jsonb NOT NULL,
    removal_time timestamptz NOT NULL DEFAULT 'infinity'
) PARTITION BY RANGE (removal_time);
CREATE TABLE history_events_running PARTITION OF history_events FOR VALUES FROM ('infinity') TO (MAXVALUE);
CREATE TABLE history_events_later PARTITION OF history_events DEFAULT;
INSERT INTO history_events
SELECT e.instance_id, e.sequence, e.at, e.event, coalesce(h.removal_time, 'infinity')
FROM history_events_002 e LEFT JOIN history_process_instances h ON h.id = e.instance_id;
DROP TABLE history_events_002;
ALTER TABLE history_events ADD PRIMARY KEY (instance_id, sequence, removal_time);

-- Open user tasks with every field the task list filters or shows.
-- (element_key gives way to activity_instance_id, `<instance id>:<element key>`.)
ALTER TABLE user_tasks
    ADD COLUMN process_definition_id text,
    ADD COLUMN process_key text,
    ADD COLUMN business_key text,
    ADD COLUMN activity_instance_id text;
UPDATE user_tasks t SET process_definition_id = i.definition_id, process_key = i.process_key, business_key = i.business_key,
    activity_instance_id = t.instance_id || ':' || t.element_key
FROM process_instances i WHERE i.id = t.instance_id;
ALTER TABLE user_tasks DROP COLUMN element_key;
CREATE INDEX user_tasks_created ON user_tasks (created_at, id);
CREATE INDEX user_tasks_definition ON user_tasks (process_definition_id);
CREATE INDEX user_tasks_process_key ON user_tasks (process_key);

-- Jobs and subscriptions name their element by id (001 stored positions here).
ALTER TABLE jobs ADD COLUMN process_definition_id text;
ALTER TABLE message_subscriptions ADD COLUMN activity_id text;
CREATE INDEX message_subscriptions_instance ON message_subscriptions (instance_id);

-- Variables of running instances, one row per scope and name; `value` is the plain JSON value
-- (strings, numbers, booleans, dates as ISO 8601 text, Json variables as documents), which
-- queries compare; `serialized` keeps the exact text of Json and Object values (JSONB may
-- reorder members) and object_type the Java type of Object values.
-- activity_instance_id is the instance id for process-level variables.
ALTER TABLE variables RENAME TO variables_002;
CREATE TABLE variables (
    instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
    process_definition_id text NOT NULL,
    activity_instance_id text NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    value jsonb NOT NULL,
    serialized text,
    object_type text,
    PRIMARY KEY (instance_id, activity_instance_id, name)
);
INSERT INTO variables (instance_id, process_definition_id, activity_instance_id, name, type, value)
SELECT v.instance_id, i.definition_id, CASE v.scope_key WHEN 0 THEN v.instance_id ELSE v.instance_id || ':' || v.scope_key END, v.name, v.type, v.value
FROM variables_002 v JOIN process_instances i ON i.id = v.instance_id;
DROP TABLE variables_002;
CREATE INDEX variables_name ON variables (name);
CREATE INDEX variables_value ON variables USING gin (value jsonb_path_ops);

-- Incidents, open and resolved; open ones are the runtime's incident list.
CREATE TABLE history_incidents (
    id text NOT NULL,
    instance_id text NOT NULL,
    process_definition_id text NOT NULL,
    kind text NOT NULL,
    activity_id text NOT NULL,
    job_id text,
    message text NOT NULL,
    created_at timestamptz NOT NULL,
    resolved_at timestamptz,
    removal_time timestamptz NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (id, instance_id, removal_time)
) PARTITION BY RANGE (removal_time);
CREATE TABLE history_incidents_running PARTITION OF history_incidents FOR VALUES FROM ('infinity') TO (MAXVALUE);
CREATE TABLE history_incidents_later PARTITION OF history_incidents DEFAULT;
INSERT INTO history_incidents (id, instance_id, process_definition_id, kind, activity_id, job_id, message, created_at)
SELECT n.id, n.instance_id, i.definition_id, n.kind, n.element_id, n.job_id, n.message, n.created_at
FROM incidents n JOIN process_instances i ON i.id = n.instance_id;
DROP TABLE incidents;
CREATE INDEX history_incidents_open ON history_incidents (created_at, id) WHERE resolved_at IS NULL;
CREATE INDEX history_incidents_created ON history_incidents (created_at, id);
CREATE INDEX history_incidents_instance ON history_incidents (instance_id);
CREATE INDEX history_incidents_definition ON history_incidents (process_definition_id) WHERE resolved_at IS NULL;

-- One row per activity instance.
CREATE TABLE history_activity_instances (
    id text NOT NULL,
    instance_id text NOT NULL,
    process_definition_id text NOT NULL,
    parent_activity_instance_id text NOT NULL,
    element_key bigint NOT NULL,
    activity_id text NOT NULL,
    activity_name text,
    activity_type text NOT NULL,
    task_id text,
    called_instance_id text,
    start_time timestamptz NOT NULL,
    end_time timestamptz,
    canceled boolean NOT NULL DEFAULT false,
    removal_time timestamptz NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (id, instance_id, removal_time)
) PARTITION BY RANGE (removal_time);
CREATE TABLE history_activity_instances_running PARTITION OF history_activity_instances FOR VALUES FROM ('infinity') TO (MAXVALUE);
CREATE TABLE history_activity_instances_later PARTITION OF history_activity_instances DEFAULT;
CREATE INDEX history_activity_instances_instance ON history_activity_instances (instance_id, start_time, element_key);
CREATE INDEX history_activity_instances_started ON history_activity_instances (start_time, instance_id, element_key);
CREATE INDEX history_activity_instances_activity ON history_activity_instances (process_definition_id, activity_id);

-- One row per user task, open or ended.
CREATE TABLE history_task_instances (
    id text NOT NULL,
    instance_id text NOT NULL,
    process_definition_id text NOT NULL,
    activity_instance_id text NOT NULL,
    task_definition_key text NOT NULL,
    name text,
    assignee text,
    priority integer NOT NULL,
    due_at timestamptz,
    start_time timestamptz NOT NULL,
    end_time timestamptz,
    delete_reason text,
    removal_time timestamptz NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (id, instance_id, removal_time)
) PARTITION BY RANGE (removal_time);
CREATE TABLE history_task_instances_running PARTITION OF history_task_instances FOR VALUES FROM ('infinity') TO (MAXVALUE);
CREATE TABLE history_task_instances_later PARTITION OF history_task_instances DEFAULT;
CREATE INDEX history_task_instances_instance ON history_task_instances (instance_id);
CREATE INDEX history_task_instances_started ON history_task_instances (start_time, id);
CREATE INDEX history_task_instances_assignee ON history_task_instances (assignee, start_time) WHERE assignee IS NOT NULL;

-- The latest value of each variable in each scope, running or ended; earlier values stay in
-- the event log.
CREATE TABLE history_variables (
    id text NOT NULL,
    instance_id text NOT NULL,
    process_definition_id text NOT NULL,
    activity_instance_id text,
    name text NOT NULL,
    type text NOT NULL,
    value jsonb NOT NULL,
    serialized text,
    object_type text,
    create_time timestamptz NOT NULL,
    removal_time timestamptz NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (id, instance_id, removal_time)
) PARTITION BY RANGE (removal_time);
CREATE TABLE history_variables_running PARTITION OF history_variables FOR VALUES FROM ('infinity') TO (MAXVALUE);
CREATE TABLE history_variables_later PARTITION OF history_variables DEFAULT;
CREATE INDEX history_variables_instance ON history_variables (instance_id, name);
CREATE INDEX history_variables_name ON history_variables (name, create_time, id);
CREATE INDEX history_variables_value ON history_variables USING gin (value jsonb_path_ops);

-- What SQL alone cannot carry over from 002: element ids where 001 stored positions in the
-- compiled definition (task_definition_key, jobs.element_id, incidents' element), and history
-- rows of instances that ran before this migration (their event logs hold them). Only Baton can
-- map positions to element ids, so it rebuilds these instances' rows from their event logs at
-- start-up (Runtime.rebuildReadModels), a batch per transaction, taking them off this list.
CREATE TABLE read_model_rebuilds (instance_id text PRIMARY KEY);
INSERT INTO read_model_rebuilds (instance_id)
SELECT id FROM process_instances UNION SELECT id FROM history_process_instances;
