-- Multi-tenancy, second part: every row derived from an instance carries its definition's
-- tenant (nil: shared), and PostgreSQL itself keeps a tenant's users to their tenants' rows.
ALTER TABLE user_tasks ADD COLUMN tenant_id text;
ALTER TABLE jobs ADD COLUMN tenant_id text;
ALTER TABLE message_subscriptions ADD COLUMN tenant_id text;
ALTER TABLE variables ADD COLUMN tenant_id text;
ALTER TABLE history_activity_instances ADD COLUMN tenant_id text;
ALTER TABLE history_task_instances ADD COLUMN tenant_id text;
ALTER TABLE history_variables ADD COLUMN tenant_id text;
ALTER TABLE history_incidents ADD COLUMN tenant_id text;
ALTER TABLE history_comments ADD COLUMN tenant_id text;

-- Each tenant, and the shared definitions, number the versions of a key on their own.
ALTER TABLE process_definitions DROP CONSTRAINT process_definitions_key_version_key;
CREATE UNIQUE INDEX process_definitions_key_tenant_version ON process_definitions (key, coalesce(tenant_id, ''), version);

-- The role a tenant-checked caller's queries run under (SET LOCAL ROLE, in a read-only
-- transaction). Roles belong to the cluster, so several Baton databases share it; the migration
-- of another one may create it at the same moment. The engine's own role must be a member to
-- switch to it: a superuser is one already; otherwise the role that runs this needs CREATEROLE,
-- or an administrator creates baton_tenant_reader and grants it to Baton's role beforehand.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'baton_tenant_reader') THEN
        BEGIN
            CREATE ROLE baton_tenant_reader NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT pg_has_role(current_user, 'baton_tenant_reader', 'MEMBER') THEN
        EXECUTE format('GRANT baton_tenant_reader TO %I', current_user);
    END IF;
END $$;

-- The tenants of the caller whose query runs now: a JSON array in the transaction-local
-- setting baton.tenant_ids (none when it is unset).
CREATE FUNCTION baton_caller_tenants() RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT ARRAY(SELECT jsonb_array_elements_text(coalesce(nullif(current_setting('baton.tenant_ids', true), ''), '[]')::jsonb))
$$;

-- Row-level security on every table whose rows belong to a tenant. Two permissive policies:
-- the tenant reader sees rows of no tenant and of the caller's tenants; every other role (the
-- engine's own work: commands, the job worker, cleanup, triggers) sees and changes every row,
-- also when it does not own the tables. Later migrations that add tables call this again: it
-- also gives the reader SELECT on each table but the partitions, which it can read only
-- through their parent, and so only under its policies.
CREATE FUNCTION baton_secure_tenant_rows() RETURNS void LANGUAGE plpgsql AS $$
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
            'CREATE POLICY tenant_rows ON %I FOR SELECT TO baton_tenant_reader USING (tenant_id IS NULL OR tenant_id = ANY (baton_caller_tenants()))',
            name);
        EXECUTE format('CREATE POLICY engine_rows ON %I USING (current_user <> ''baton_tenant_reader'')', name);
    END LOOP;
    FOR name IN
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition
    LOOP
        EXECUTE format('GRANT SELECT ON %I TO baton_tenant_reader', name);
    END LOOP;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO baton_tenant_reader', current_schema());
END $$;

SELECT baton_secure_tenant_rows();
