-- Stored states and events name flow nodes and sequence flows by element id from instance state
-- version 2 on. Before, they held positions in the compiled list of nodes, which any change in
-- how a reader orders elements would point at other elements.
--
-- SQL cannot compile BPMN to map positions to ids, so Baton rewrites these forms at start-up:
-- every instance whose state is older joins the rebuild list of migration 003, and its rebuild
-- (Runtime.rebuildReadModels) writes its state and events again with ids. Until then they still
-- read, by the positions of the reader that wrote them, which is this one.
INSERT INTO read_model_rebuilds (instance_id)
SELECT id FROM process_instances WHERE coalesce((state->>'schemaVersion')::integer, 1) < 2
UNION SELECT id FROM history_process_instances WHERE coalesce((state->>'schemaVersion')::integer, 1) < 2
ON CONFLICT DO NOTHING;
