-- Multi-tenancy, third part: a tenant-checked caller's commands run under row-level security
-- too, not only their queries. The role 030 made for reading gives way to baton_tenant_user,
-- which reads and writes: its policies keep both to the caller's tenants and the shared rows.
--
-- Roles belong to the cluster, so several Baton databases share it; the migration of another
-- one may create it at the same moment. The engine's own role must be a member to switch to it:
-- a superuser is one already; otherwise the role that runs this needs CREATEROLE, or an
-- administrator creates baton_tenant_user and grants it to Baton's role first.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'baton_tenant_user') THEN
        BEGIN
            CREATE ROLE baton_tenant_user NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'baton_tenant_user', 'MEMBER') THEN
        EXECUTE format('GRANT baton_tenant_user TO %I', current_user);
    END IF;
END $$;

-- Row-level security on every table whose rows belong to a tenant. Two permissive policies:
-- baton_tenant_user reads and writes rows of no tenant and of the caller's tenants only (a row
-- it writes must be one of those too); every other role (the engine's own work: the job worker,
-- cleanup, triggers, alerts, and callers nobody checks) reads and writes every row, also when it
-- does not own the tables. Later migrations that add tables call this again: it also grants the
-- role what commands do to each table (and sequence) but the partitions, which it reaches only
-- through their parent, and so only under its policies.
CREATE OR REPLACE FUNCTION baton_secure_tenant_rows() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY[
        'deployments', 'process_definitions', 'process_instances', 'history_process_instances', 'user_tasks', 'jobs', 'message_subscriptions',
        'variables', 'history_activity_instances', 'history_task_instances', 'history_variables', 'history_incidents', 'history_comments'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format('DROP POLICY IF EXISTS tenant_rows ON %I', name);
        EXECUTE format('DROP POLICY IF EXISTS engine_rows ON %I', name);
        EXECUTE format(
            'CREATE POLICY tenant_rows ON %I TO baton_tenant_user USING (tenant_id IS NULL OR tenant_id = ANY (baton_caller_tenants()))',
            name);
        EXECUTE format('CREATE POLICY engine_rows ON %I USING (current_user <> ''baton_tenant_user'')', name);
    END LOOP;
    FOR name IN
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition
    LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO baton_tenant_user', name);
    END LOOP;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO baton_tenant_user', current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO baton_tenant_user', current_schema());
END $$;

SELECT baton_secure_tenant_rows();

-- The reading role of 030 keeps nothing in this database (other databases of the cluster may
-- still use it, so it stays).
DO $$
BEGIN
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM baton_tenant_reader', current_schema());
    EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM baton_tenant_reader', current_schema());
END $$;
