-- Suspension (Camunda's suspensionState): an operator suspends an instance; its tasks cannot be
-- completed and its jobs and external tasks are not acquired until it is activated. The flag is
-- kept on the instance, task and job rows so that lists filter by it and acquisition skips it
-- from the index it already uses.
ALTER TABLE process_instances ADD COLUMN suspended boolean NOT NULL DEFAULT false;
ALTER TABLE user_tasks ADD COLUMN suspended boolean NOT NULL DEFAULT false;
ALTER TABLE jobs ADD COLUMN suspended boolean NOT NULL DEFAULT false;
-- A suspended definition starts no instance (by API, message, timer or call activity).
ALTER TABLE process_definitions ADD COLUMN suspended boolean NOT NULL DEFAULT false;
-- `suspended=true` lists and counts come from these (few rows: most instances never are);
-- `active=true` is every other row, as an unfiltered list is.
CREATE INDEX process_instances_suspended ON process_instances (started_at, id) WHERE suspended;
CREATE INDEX user_tasks_suspended ON user_tasks (created_at, id) WHERE suspended;
