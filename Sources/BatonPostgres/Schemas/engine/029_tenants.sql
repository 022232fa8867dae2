-- Camunda's tenants and who belongs to them: users directly, or groups (each of whose members
-- then belongs). The first part of multi-tenancy: identities only; no row carries a tenant yet.
CREATE TABLE identity_tenants (
    id text PRIMARY KEY,
    name text
);

CREATE TABLE identity_tenant_users (
    tenant_id text NOT NULL REFERENCES identity_tenants (id) ON DELETE CASCADE,
    user_id text NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX identity_tenant_users_user ON identity_tenant_users (user_id);

CREATE TABLE identity_tenant_groups (
    tenant_id text NOT NULL REFERENCES identity_tenants (id) ON DELETE CASCADE,
    group_id text NOT NULL REFERENCES identity_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (tenant_id, group_id)
);
CREATE INDEX identity_tenant_groups_group ON identity_tenant_groups (group_id);
