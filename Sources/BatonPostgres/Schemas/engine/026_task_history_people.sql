-- What Camunda's task-history filters read besides the assignee: the owner, the description, the
-- follow-up date, and every user and group the task was offered to while it was open (kept as
-- they accumulate, for taskHadCandidateUser/Group). Rows written before stay empty there.
ALTER TABLE history_task_instances ADD COLUMN owner text;
ALTER TABLE history_task_instances ADD COLUMN description text;
ALTER TABLE history_task_instances ADD COLUMN follow_up_at timestamptz;
ALTER TABLE history_task_instances ADD COLUMN candidate_users text[] NOT NULL DEFAULT '{}';
ALTER TABLE history_task_instances ADD COLUMN candidate_groups text[] NOT NULL DEFAULT '{}';
