-- Activity instances are keyed by their process instance and element key. The id Camunda shows
-- (`<process instance id>:<element key>`) and the parent's id are derived from those rather than
-- stored: the key then serves lookups by instance, by id and in an instance's order, where a
-- text primary key on the id and a second index on the instance did, two text columns and an
-- index less per row.
ALTER TABLE history_activity_instances ADD COLUMN parent_element_key bigint;
UPDATE history_activity_instances SET parent_element_key = substring(parent_activity_instance_id FROM ':([0-9]+)$')::bigint
WHERE parent_activity_instance_id <> instance_id;
ALTER TABLE history_activity_instances DROP CONSTRAINT history_activity_instances_pkey;
DROP INDEX history_activity_instances_instance;
ALTER TABLE history_activity_instances DROP COLUMN id, DROP COLUMN parent_activity_instance_id;
ALTER TABLE history_activity_instances ADD PRIMARY KEY (instance_id, element_key, removal_time);
