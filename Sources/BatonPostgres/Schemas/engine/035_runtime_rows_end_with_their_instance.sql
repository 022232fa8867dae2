-- An instance's runtime rows (user tasks, jobs, message subscriptions, variables) are deleted by
-- the statement that ends the instance, from the tables that can hold rows of it (those its
-- state held records for before the end, which the rows mirror), instead of by foreign-key
-- cascades. A cascade ran a query of its own for each of the four tables at every end, and every
-- insert into them looked up and share-locked the instance's row: together about 6% of
-- PostgreSQL's instructions per command (callgrind, `baton bench usertask.bpmn`). These rows are
-- written only by commands that hold the instance's lock, and deleting a definition deletes them
-- with its instances.
DO $$
DECLARE
    constraint_row record;
BEGIN
    FOR constraint_row IN
        SELECT conrelid::regclass AS owner, conname FROM pg_constraint
        WHERE contype = 'f' AND confrelid = 'process_instances'::regclass
          AND conrelid IN ('user_tasks'::regclass, 'jobs'::regclass, 'message_subscriptions'::regclass, 'variables'::regclass)
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', constraint_row.owner, constraint_row.conname);
    END LOOP;
END $$;
