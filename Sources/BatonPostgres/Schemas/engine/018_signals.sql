-- Signals. A signal waits in message_subscriptions beside messages, told apart by event_type, so
-- `/event-subscription` lists both and deleting an instance's rows stays one cascade.
ALTER TABLE message_subscriptions ADD COLUMN event_type text NOT NULL DEFAULT 'message' CHECK (event_type IN ('message', 'signal'));
DROP INDEX message_subscriptions_name;
CREATE INDEX message_subscriptions_name ON message_subscriptions (message_name, event_type, sequence);

-- A thrown signal's deliveries, one per receiver, written in the throwing command's transaction
-- and each deleted by the transaction that delivers it: a receiver gets it once, also when Baton
-- stops between the two. No foreign keys: a receiver that ended or went meanwhile is passed by.
CREATE TABLE signal_deliveries (
    id text PRIMARY KEY,
    signal_name text NOT NULL,
    -- A waiting catch, boundary event or event subprocess start…
    subscription_id text,
    instance_id text,
    -- …or a signal start event of a process's latest version.
    definition_id text,
    start_element_id text,
    variables json NOT NULL,
    business_key text,
    due_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    sequence bigserial,
    CHECK ((subscription_id IS NULL) <> (definition_id IS NULL))
);
CREATE INDEX signal_deliveries_due ON signal_deliveries (due_at, sequence);
