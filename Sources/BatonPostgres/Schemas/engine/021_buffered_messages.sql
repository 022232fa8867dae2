-- Messages correlated with a time to live (`POST /message` with "ttl") that matched nothing: the
-- first matching subscription to open within the TTL receives each, oldest first, once.
CREATE TABLE buffered_messages (
    id text PRIMARY KEY,
    name text NOT NULL,
    business_key text,
    process_instance_id text,
    correlation_keys json NOT NULL,
    variables json NOT NULL,
    expires_at timestamptz NOT NULL,
    sequence bigserial
);
CREATE INDEX buffered_messages_name ON buffered_messages (name, sequence);
CREATE INDEX buffered_messages_expiry ON buffered_messages (expires_at);
