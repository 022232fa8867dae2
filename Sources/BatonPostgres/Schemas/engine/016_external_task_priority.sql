-- An external task's priority (camunda:taskPriority, evaluated when it is created; Camunda's
-- default 0): /external-task filters and sorts by it, and fetchAndLock with usePriority hands out
-- the highest first, from this index.
ALTER TABLE jobs ADD COLUMN priority bigint NOT NULL DEFAULT 0;
CREATE INDEX jobs_external_priority ON jobs (topic, priority DESC, sequence) WHERE kind = 'external' AND retries > 0;
