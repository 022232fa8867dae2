-- Runtime tables keep only what is still running: an instance that ends moves to
-- history_process_instances (with its final state, for history and replay), and its tasks, jobs,
-- subscriptions, incidents and variables leave with it.
-- (001 is released and never edited; this moves what it kept.)

CREATE TABLE history_process_instances (
    id text PRIMARY KEY,
    definition_id text NOT NULL,
    process_key text NOT NULL,
    business_key text,
    status text NOT NULL CHECK (status IN ('completed', 'terminated')),
    parent_instance_id text,
    parent_element_key bigint,
    tenant_id text,
    started_at timestamptz NOT NULL,
    ended_at timestamptz NOT NULL,
    -- When the instance and its history may be deleted (history time-to-live).
    removal_time timestamptz,
    state jsonb NOT NULL
);
CREATE INDEX history_process_instances_removal ON history_process_instances (removal_time) WHERE removal_time IS NOT NULL;
CREATE INDEX history_process_instances_process_key ON history_process_instances (process_key);
CREATE INDEX history_process_instances_business_key ON history_process_instances (business_key) WHERE business_key IS NOT NULL;

INSERT INTO history_process_instances
SELECT id, definition_id, process_key, business_key, status, parent_instance_id, parent_element_key, tenant_id,
       started_at, coalesce(ended_at, started_at), removal_time, state
FROM process_instances WHERE status <> 'active';
-- A call activity's link to its called instance is needed only while the called instance runs.
CREATE INDEX called_instances_child ON called_instances (child_instance_id);
DELETE FROM called_instances WHERE child_instance_id IN (SELECT id FROM process_instances WHERE status <> 'active');
DELETE FROM process_instances WHERE status <> 'active';
DROP INDEX process_instances_removal;

-- The current variables of running instances, one row per scope and name, mirrored from the
-- instance state so they can be queried by value: `value` is the plain JSON value (strings,
-- numbers, booleans, dates as ISO 8601 text, Json variables as documents).
-- scope_key 0 is the process instance; other keys are element instances with local variables.
CREATE TABLE variables (
    instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
    scope_key bigint NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    value jsonb NOT NULL,
    PRIMARY KEY (instance_id, scope_key, name)
);
CREATE INDEX variables_name ON variables (name);
CREATE INDEX variables_value ON variables USING gin (value jsonb_path_ops);

INSERT INTO variables (instance_id, scope_key, name, type, value)
SELECT i.id, coalesce(nullif(scope.value ->> 'scope', '')::bigint, 0), scope.value ->> 'name',
       scope.value -> 'value' ->> 'type',
       CASE scope.value -> 'value' ->> 'type'
           WHEN 'Json' THEN (scope.value -> 'value' ->> 'value')::jsonb
           WHEN 'Object' THEN (scope.value -> 'value' ->> 'value')::jsonb
           WHEN 'Null' THEN 'null'::jsonb
           ELSE coalesce(scope.value -> 'value' -> 'value', 'null'::jsonb)
       END
FROM process_instances i, jsonb_array_elements(i.state -> 'variables') AS scope
ON CONFLICT DO NOTHING;
