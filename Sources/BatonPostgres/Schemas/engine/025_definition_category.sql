-- What Camunda lists of a definition and filters by: its category (the BPMN file's
-- targetNamespace) and whether Tasklist may start it (camunda:isStartableInTasklist). Versions
-- deployed before keep no category and count as startable, as a model without the attribute is.
ALTER TABLE process_definitions ADD COLUMN category text;
ALTER TABLE process_definitions ADD COLUMN startable_in_tasklist boolean NOT NULL DEFAULT true;
