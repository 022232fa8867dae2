-- Camunda's state of a historic variable: DELETED once it was removed from its scope (history
-- keeps its last value), CREATED otherwise. /history/variable-instance leaves deleted ones out
-- unless includeDeleted=true, as Camunda does. Adding a column with a constant default rewrites
-- no partition.
ALTER TABLE history_variables ADD COLUMN deleted boolean NOT NULL DEFAULT false;
