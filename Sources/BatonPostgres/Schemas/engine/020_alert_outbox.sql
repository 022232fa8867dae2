-- Alerts for BATON_ALERT_WEBHOOK. An incident's alert is written in the transaction that raises
-- it; a stuck instance's by the periodic scan. `key` makes each alert one row however often it is
-- found; a row is sent until the webhook accepts it, then kept (sent_at) so that it is not raised
-- again: incidents' for 30 days, stuck instances' while the instance runs.
CREATE TABLE alert_outbox (
    id bigserial PRIMARY KEY,
    key text NOT NULL UNIQUE,
    payload json NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    sent_at timestamptz
);
CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_at, id) WHERE sent_at IS NULL;
