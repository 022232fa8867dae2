-- Every row of an instance carries the key of its call hierarchy, so the tables can be spread
-- over several servers (Citus) with a hierarchy's rows on one of them: a call activity's command
-- then writes the caller's and the called instance's rows on one node, in one local transaction.
-- Citus requires the distribution column in every primary and unique key and in every foreign
-- key between distributed tables, so those get it too.
--
-- The key is `hashtext(root instance id)`: 4 bytes in each row and each key entry where the id's
-- text takes 37. Rows of different hierarchies may share a key; that only places them together.
-- The root's id itself is kept in the instance's row (`root_instance_id`, NULL for a root, as
-- nearly every instance is: the column then costs nothing), which is what a new called instance
-- inherits its key from.

ALTER TABLE process_instances ADD COLUMN root_instance_id text;
ALTER TABLE history_process_instances ADD COLUMN root_instance_id text;

-- The top of each instance's parent chain, running or ended. An instance whose parent row is
-- gone (deleted) is the root of what remains of its hierarchy.
CREATE TEMPORARY TABLE instance_roots ON COMMIT DROP AS
WITH RECURSIVE every AS (
    SELECT id, parent_instance_id FROM process_instances
    UNION ALL SELECT id, parent_instance_id FROM history_process_instances
), roots AS (
    SELECT id, id AS root FROM every
    WHERE parent_instance_id IS NULL OR NOT EXISTS (SELECT FROM every parent WHERE parent.id = every.parent_instance_id)
    UNION ALL
    SELECT child.id, roots.root FROM every child JOIN roots ON child.parent_instance_id = roots.id
)
SELECT id, root, hashtext(root) AS key FROM roots;
CREATE UNIQUE INDEX ON instance_roots (id);
ANALYZE instance_roots;

UPDATE process_instances t SET root_instance_id = r.root FROM instance_roots r WHERE r.id = t.id AND r.root <> r.id;
UPDATE history_process_instances t SET root_instance_id = r.root FROM instance_roots r WHERE r.id = t.id AND r.root <> r.id;

ALTER TABLE process_instances ADD COLUMN root_key integer;
ALTER TABLE history_process_instances ADD COLUMN root_key integer;
UPDATE process_instances SET root_key = hashtext(coalesce(root_instance_id, id));
UPDATE history_process_instances SET root_key = hashtext(coalesce(root_instance_id, id));

-- The rows each instance owns: most instances are their own root, so one pass gives every row
-- its instance's key and a second corrects the rows of called instances. A row whose instance
-- is gone altogether keeps its own key.
DO $$
DECLARE
    owned text[] := ARRAY['user_tasks', 'variables', 'jobs', 'message_subscriptions', 'read_model_rebuilds', 'history_activity_instances',
                          'history_events', 'history_task_instances', 'history_variables', 'history_incidents', 'history_comments'];
    t text;
BEGIN
    FOREACH t IN ARRAY owned LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN root_key integer', t);
        EXECUTE format('UPDATE %I SET root_key = hashtext(instance_id)', t);
        EXECUTE format('UPDATE %I t SET root_key = r.key FROM instance_roots r WHERE r.id = t.instance_id AND r.root <> r.id', t);
    END LOOP;
END $$;
ALTER TABLE called_instances ADD COLUMN root_key integer;
UPDATE called_instances t SET root_key = coalesce((SELECT key FROM instance_roots r WHERE r.id = t.parent_instance_id), hashtext(t.parent_instance_id));

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['process_instances', 'history_process_instances', 'user_tasks', 'variables', 'jobs', 'message_subscriptions',
                             'read_model_rebuilds', 'called_instances', 'history_activity_instances', 'history_events', 'history_task_instances',
                             'history_variables', 'history_incidents', 'history_comments'] LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN root_key SET NOT NULL', t);
    END LOOP;
END $$;

-- Keys with the key of the hierarchy in them, after the columns lookups lead with. In history
-- keys it comes before the removal time where a 4-byte column fills the padding that aligns the
-- time, so those keys grow by nothing.
ALTER TABLE user_tasks DROP CONSTRAINT user_tasks_instance_id_fkey;
ALTER TABLE jobs DROP CONSTRAINT jobs_instance_id_fkey;
ALTER TABLE message_subscriptions DROP CONSTRAINT message_subscriptions_instance_id_fkey;
ALTER TABLE variables DROP CONSTRAINT variables_instance_id_fkey1;

ALTER TABLE process_instances DROP CONSTRAINT process_instances_pkey, ADD PRIMARY KEY (id, root_key);
ALTER TABLE user_tasks DROP CONSTRAINT user_tasks_pkey, ADD PRIMARY KEY (id, root_key);
ALTER TABLE jobs DROP CONSTRAINT jobs_pkey, ADD PRIMARY KEY (id, root_key);
ALTER TABLE message_subscriptions DROP CONSTRAINT message_subscriptions_pkey, ADD PRIMARY KEY (id, root_key);
ALTER TABLE variables DROP CONSTRAINT variables_pkey1, ADD PRIMARY KEY (instance_id, activity_instance_id, name, root_key);
ALTER TABLE read_model_rebuilds DROP CONSTRAINT read_model_rebuilds_pkey, ADD PRIMARY KEY (instance_id, root_key);
ALTER TABLE called_instances DROP CONSTRAINT called_instances_pkey, ADD PRIMARY KEY (parent_instance_id, element_key, root_key);

-- No foreign key crosses a hierarchy: each names the instance and its hierarchy's key.
ALTER TABLE user_tasks ADD FOREIGN KEY (instance_id, root_key) REFERENCES process_instances (id, root_key) ON DELETE CASCADE;
ALTER TABLE jobs ADD FOREIGN KEY (instance_id, root_key) REFERENCES process_instances (id, root_key) ON DELETE CASCADE;
ALTER TABLE message_subscriptions ADD FOREIGN KEY (instance_id, root_key) REFERENCES process_instances (id, root_key) ON DELETE CASCADE;
ALTER TABLE variables ADD FOREIGN KEY (instance_id, root_key) REFERENCES process_instances (id, root_key) ON DELETE CASCADE;

ALTER TABLE history_process_instances DROP CONSTRAINT history_process_instances_pkey, ADD PRIMARY KEY (id, removal_time, root_key);
ALTER TABLE history_activity_instances DROP CONSTRAINT history_activity_instances_pkey, ADD PRIMARY KEY (instance_id, element_key, removal_time, root_key);
ALTER TABLE history_events DROP CONSTRAINT history_events_pkey, ADD PRIMARY KEY (instance_id, sequence, root_key, removal_time);
ALTER TABLE history_task_instances DROP CONSTRAINT history_task_instances_pkey, ADD PRIMARY KEY (id, instance_id, root_key, removal_time);
ALTER TABLE history_incidents DROP CONSTRAINT history_incidents_pkey, ADD PRIMARY KEY (id, instance_id, root_key, removal_time);
ALTER TABLE history_comments DROP CONSTRAINT history_comments_pkey, ADD PRIMARY KEY (instance_id, id, root_key, removal_time);
DROP INDEX history_variables_key;
CREATE UNIQUE INDEX history_variables_key ON history_variables (instance_id, activity_instance_id, name, root_key, removal_time) NULLS NOT DISTINCT;
