-- Suspending a batch (PUT /batch/{id}/suspended) holds back its items. The flag is kept on
-- each item too, so the worker's index of pending items leaves a suspended batch's out rather
-- than stepping over them on every pass.
ALTER TABLE batches ADD COLUMN suspended boolean NOT NULL DEFAULT false;
ALTER TABLE batch_items ADD COLUMN suspended boolean NOT NULL DEFAULT false;
DROP INDEX batch_items_pending;
CREATE INDEX batch_items_pending ON batch_items (sequence) WHERE failure IS NULL AND NOT suspended;
