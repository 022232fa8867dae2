-- A task's description (its user task's <documentation>, evaluated when the task is created), as
-- Camunda's Task REST returns it. Tasks created before have none, as their stored states have none.
ALTER TABLE user_tasks ADD COLUMN description text;
