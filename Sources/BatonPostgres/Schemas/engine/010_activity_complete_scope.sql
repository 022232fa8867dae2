-- Camunda's completeScope: the activity instance ended its token with no flow to take (an end
-- event, or an activity without outgoing flows). Rows written before read as false.
ALTER TABLE history_activity_instances ADD COLUMN complete_scope boolean NOT NULL DEFAULT false;
