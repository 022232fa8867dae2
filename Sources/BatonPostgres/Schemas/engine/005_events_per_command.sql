-- The event log keeps one row per command, its events as a JSON array, instead of one row per
-- event: a command's dozen events cost one row, one index entry and one row to move when the
-- instance ends, where they cost a dozen of each. Rows written before hold one event object and
-- still read as one event.
ALTER TABLE history_events RENAME COLUMN event TO events;
