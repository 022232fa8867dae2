-- Camunda 7's authorizations: a grant, a revoke, or a global grant (user '*') of permissions on a
-- resource (type as Camunda numbers them; id, or '*' for all), to a user or a group.
CREATE TABLE authorizations (
    id text PRIMARY KEY,
    type integer NOT NULL CHECK (type IN (0, 1, 2)),
    user_id text,
    group_id text,
    resource_type integer NOT NULL,
    resource_id text NOT NULL,
    permissions text[] NOT NULL,
    CHECK ((user_id IS NULL) <> (group_id IS NULL)),
    CHECK (type <> 0 OR user_id = '*')
);
CREATE INDEX authorizations_user ON authorizations (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX authorizations_group ON authorizations (group_id) WHERE group_id IS NOT NULL;
