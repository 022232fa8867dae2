-- Who started an instance (Camunda's startUserId, the `startedBy` filter of instance history):
-- the signed-in user of the start, or null. Kept on both instance tables, as the instance moves
-- from one to the other when it ends; indexed in history, where a user's instances are searched.
ALTER TABLE process_instances ADD COLUMN start_user_id text;
ALTER TABLE history_process_instances ADD COLUMN start_user_id text;
CREATE INDEX history_process_instances_start_user ON history_process_instances (start_user_id) WHERE start_user_id IS NOT NULL;

-- When an open task last changed after its creation (Camunda's lastUpdated and `updatedAfter`):
-- an assignment, delegation, resolution, update of its properties or candidates, or a variable
-- set in its scope. Null until the first change.
ALTER TABLE user_tasks ADD COLUMN last_updated timestamptz;

-- An incident that ended because its activity or instance was cancelled is deleted, not
-- resolved (Camunda's historic incident states). Rows written before read as resolved.
ALTER TABLE history_incidents ADD COLUMN deleted boolean NOT NULL DEFAULT false;
