-- Camunda's identity service: users (passwords only as bcrypt hashes), groups, and which users
-- belong to which groups. BATON_USERS creates its users here at start-up when they are absent.
CREATE TABLE identity_users (
    id text PRIMARY KEY,
    first_name text,
    last_name text,
    email text,
    password_hash text NOT NULL
);

CREATE TABLE identity_groups (
    id text PRIMARY KEY,
    name text,
    type text
);

CREATE TABLE identity_memberships (
    group_id text NOT NULL REFERENCES identity_groups (id) ON DELETE CASCADE,
    user_id text NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
-- A user's groups are read on every sign-in and candidate-user query.
CREATE INDEX identity_memberships_user ON identity_memberships (user_id);
