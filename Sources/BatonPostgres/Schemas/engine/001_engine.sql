-- Baton's engine schema. Runtime tables hold what is waiting now; history is append-only and
-- carries a removal time for cleanup.

CREATE TABLE deployments (
    id text PRIMARY KEY,
    name text NOT NULL,
    source text,
    tenant_id text,
    deployed_at timestamptz NOT NULL
);

CREATE TABLE process_definitions (
    id text PRIMARY KEY,
    key text NOT NULL,
    version integer NOT NULL,
    version_tag text,
    name text,
    tenant_id text,
    deployment_id text NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    resource_name text NOT NULL,
    checksum text NOT NULL,
    history_ttl_days integer,
    xml bytea NOT NULL,
    UNIQUE (key, version)
);

-- One row per running instance; `state` is the instance's runtime state (the executor's
-- InstanceState), written by each command under SELECT ... FOR UPDATE.
CREATE TABLE process_instances (
    id text PRIMARY KEY,
    definition_id text NOT NULL REFERENCES process_definitions (id),
    process_key text NOT NULL,
    business_key text,
    status text NOT NULL CHECK (status IN ('active', 'completed', 'terminated')),
    parent_instance_id text,
    parent_element_key bigint,
    tenant_id text,
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    -- When the ended instance and its history may be deleted (history time-to-live).
    removal_time timestamptz,
    state jsonb NOT NULL
);
CREATE INDEX process_instances_removal ON process_instances (removal_time) WHERE removal_time IS NOT NULL;
CREATE INDEX process_instances_business_key ON process_instances (business_key) WHERE business_key IS NOT NULL;
CREATE INDEX process_instances_process_key ON process_instances (process_key);
CREATE INDEX process_instances_parent ON process_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;

CREATE TABLE user_tasks (
    id text PRIMARY KEY,
    instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
    element_key bigint NOT NULL,
    task_definition_key text NOT NULL,
    name text,
    assignee text,
    candidate_users text[] NOT NULL DEFAULT '{}',
    candidate_groups text[] NOT NULL DEFAULT '{}',
    due_at timestamptz,
    follow_up_at timestamptz,
    priority integer NOT NULL DEFAULT 50,
    form_key text,
    created_at timestamptz NOT NULL
);
CREATE INDEX user_tasks_instance ON user_tasks (instance_id);
CREATE INDEX user_tasks_assignee ON user_tasks (assignee) WHERE assignee IS NOT NULL;
CREATE INDEX user_tasks_candidate_groups ON user_tasks USING gin (candidate_groups);
CREATE INDEX user_tasks_candidate_users ON user_tasks USING gin (candidate_users);

-- Async continuations, handler retries, external tasks and timers. Acquired with
-- FOR UPDATE SKIP LOCKED; an external worker's lock expires at lock_expires_at.
CREATE TABLE jobs (
    id text PRIMARY KEY,
    instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
    element_key bigint NOT NULL,
    element_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('asyncBefore', 'asyncAfter', 'handler', 'external', 'timer')),
    topic text,
    handler text,
    due_at timestamptz,
    retries integer NOT NULL,
    synchronous boolean NOT NULL DEFAULT false,
    lock_owner text,
    lock_expires_at timestamptz,
    last_error text,
    created_at timestamptz NOT NULL,
    sequence bigserial
);
CREATE INDEX jobs_due ON jobs (due_at, sequence) WHERE retries > 0 AND kind <> 'external' AND NOT synchronous;
CREATE INDEX jobs_external ON jobs (topic, sequence) WHERE kind = 'external' AND retries > 0;
CREATE INDEX jobs_instance ON jobs (instance_id);

CREATE TABLE message_subscriptions (
    id text PRIMARY KEY,
    instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
    element_key bigint NOT NULL,
    message_name text NOT NULL,
    created_at timestamptz NOT NULL,
    sequence bigserial
);
CREATE INDEX message_subscriptions_name ON message_subscriptions (message_name, sequence);

CREATE TABLE incidents (
    id text PRIMARY KEY,
    instance_id text NOT NULL REFERENCES process_instances (id) ON DELETE CASCADE,
    kind text NOT NULL,
    element_id text NOT NULL,
    job_id text,
    message text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX incidents_instance ON incidents (instance_id);

CREATE TABLE called_instances (
    parent_instance_id text NOT NULL,
    element_key bigint NOT NULL,
    child_instance_id text NOT NULL,
    PRIMARY KEY (parent_instance_id, element_key)
);

CREATE TABLE timer_starts (
    id text PRIMARY KEY,
    definition_id text NOT NULL REFERENCES process_definitions (id) ON DELETE CASCADE,
    start_event text NOT NULL,
    due_at timestamptz NOT NULL,
    remaining integer,
    interval text
);
CREATE INDEX timer_starts_due ON timer_starts (due_at);

-- History: append-only. Each instance's event log (the executor's InstanceEvent, in order) is
-- its history; the runtime reads activity, task, variable and incident history from it. It is
-- deleted with its instance once the instance's removal_time has passed.
CREATE TABLE history_events (
    instance_id text NOT NULL,
    sequence integer NOT NULL,
    at timestamptz NOT NULL,
    event jsonb NOT NULL,
    PRIMARY KEY (instance_id, sequence)
);
