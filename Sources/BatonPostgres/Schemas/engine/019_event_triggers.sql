-- Data-event triggers (`/api/event-triggers`): what each watches and what it starts. The
-- database trigger and the table its events are captured in (`baton_trigger_events`) live in the
-- watched database, the engine's or Retool's, and are created when a trigger is saved.
CREATE TABLE event_triggers (
    name text PRIMARY KEY,
    database text NOT NULL CHECK (database IN ('engine', 'retool')),
    table_name text NOT NULL,
    definition json NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- What became of each captured event. (source_database, source_event_id) is the idempotency key:
-- it is written in the transaction that starts the instance, so an event taken again after a
-- crash (from Retool's database, which the engine's transaction cannot include) starts nothing
-- twice. Kept 30 days.
CREATE TABLE event_trigger_log (
    source_database text NOT NULL,
    source_event_id bigint NOT NULL,
    trigger_name text NOT NULL,
    table_name text NOT NULL,
    operation text NOT NULL,
    row_key text,
    received_at timestamptz NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    outcome text NOT NULL CHECK (outcome IN ('started', 'skipped', 'failed')),
    error text,
    process_instance_id text,
    PRIMARY KEY (source_database, source_event_id)
);
CREATE INDEX event_trigger_log_trigger ON event_trigger_log (trigger_name, source_event_id DESC);
CREATE INDEX event_trigger_log_processed ON event_trigger_log (processed_at);
