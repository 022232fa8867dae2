-- Saved task filters (Camunda's /filter, what Tasklist lists on its left): a name, an owner, a
-- task query as Camunda's JSON and free properties (colour, priority, description…). Few rows:
-- read whole and filtered in Swift, like deployments.
CREATE TABLE filters (
    id text PRIMARY KEY,
    resource_type text NOT NULL CHECK (resource_type = 'Task'),
    name text NOT NULL,
    owner text,
    query json NOT NULL,
    properties json NOT NULL
);
