-- Batches (`/migration/executeAsync`): a migration plan and one item per instance. The job
-- worker takes items with SKIP LOCKED and migrates each in a transaction that also deletes it
-- (or keeps it as failed, with its reason) and counts it.
CREATE TABLE batches (
    id text PRIMARY KEY,
    type text NOT NULL,
    plan json NOT NULL,
    total integer NOT NULL,
    completed integer NOT NULL DEFAULT 0,
    failed integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    created_by text
);

CREATE TABLE batch_items (
    batch_id text NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    instance_id text NOT NULL,
    failure text,
    sequence bigserial,
    PRIMARY KEY (batch_id, instance_id)
);
CREATE INDEX batch_items_pending ON batch_items (sequence) WHERE failure IS NULL;
