-- An ended instance's final state is no longer stored beside its history: its event log replays
-- to it on the rare read that needs it (a command refused because the instance has ended, a
-- read-model rebuild), and the bytes and the encoding are saved on every instance that ends.
-- Rows stored before keep theirs until the start-up rebuild or cleanup touches them.
ALTER TABLE history_process_instances ALTER COLUMN state DROP NOT NULL;
