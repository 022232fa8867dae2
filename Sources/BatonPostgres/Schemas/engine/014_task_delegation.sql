-- Camunda's task delegation: the owner who delegated a task and gets it back on resolve, and
-- whether the delegation is PENDING or RESOLVED. /task filters by both.
ALTER TABLE user_tasks ADD COLUMN owner text, ADD COLUMN delegation_state text;
CREATE INDEX user_tasks_owner ON user_tasks (owner) WHERE owner IS NOT NULL;
