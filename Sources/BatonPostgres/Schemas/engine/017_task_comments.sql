-- Comments on user tasks (Camunda's task comments). They are history: they outlive the task, are
-- kept in the running partition while their instance runs, move with its other history rows when
-- it ends, and go with its month's partition.
CREATE TABLE history_comments (
    id text NOT NULL,
    task_id text NOT NULL,
    instance_id text NOT NULL,
    user_id text,
    time timestamptz NOT NULL,
    message text NOT NULL,
    removal_time timestamptz NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (instance_id, id, removal_time)
) PARTITION BY RANGE (removal_time);
CREATE TABLE history_comments_running PARTITION OF history_comments FOR VALUES FROM ('infinity') TO (MAXVALUE);
CREATE TABLE history_comments_later PARTITION OF history_comments DEFAULT;
CREATE INDEX history_comments_task ON history_comments (task_id, time);

-- Ended instances' comments would wait in `_later` for month partitions that cleanup creates for
-- every history table; the months that exist already for the others are created here.
DO $$
DECLARE month record;
BEGIN
    FOR month IN
        SELECT substring(c.relname FROM '_(y[0-9]{4}m[0-9]{2})$') AS suffix,
               pg_get_expr(c.relpartbound, c.oid) AS bound
        FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'history_events' AND c.relname ~ '_y[0-9]{4}m[0-9]{2}$'
    LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS history_comments_%s PARTITION OF history_comments %s', month.suffix, month.bound);
    END LOOP;
END $$;
