-- Retool's benefit-plan drafts, as the approval workflow needs them. Retool's database may
-- already hold this table (Retool created it, with columns of its own): everything here is
-- idempotent and additive, so existing rows and columns stay as they are. Ids are compared as
-- text, so a table whose id is a uuid or a number works too.

CREATE TABLE IF NOT EXISTS benefit_plan_drafts (
    id text PRIMARY KEY
);

ALTER TABLE benefit_plan_drafts
    ADD COLUMN IF NOT EXISTS name text,
    -- The FHIR InsurancePlan being edited.
    ADD COLUMN IF NOT EXISTS plan_data jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'draft',
    ADD COLUMN IF NOT EXISTS created_by text,
    ADD COLUMN IF NOT EXISTS updated_by text,
    ADD COLUMN IF NOT EXISTS submission_id text,
    -- Kept under Camunda's name so existing Retool queries keep working; holds the Baton
    -- process instance id.
    ADD COLUMN IF NOT EXISTS camunda_process_id text,
    ADD COLUMN IF NOT EXISTS submission_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN IF NOT EXISTS aidbox_id text,
    ADD COLUMN IF NOT EXISTS aidbox_version text,
    -- The Aidbox versionId the draft was edited against (a conflict check at publication).
    ADD COLUMN IF NOT EXISTS base_version text,
    ADD COLUMN IF NOT EXISTS created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

-- Added as NOT VALID so rows written before this migration (with statuses of their own) stay
-- readable; new writes are held to the workflow's statuses.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'benefit_plan_drafts_status_check') THEN
        ALTER TABLE benefit_plan_drafts ADD CONSTRAINT benefit_plan_drafts_status_check
            CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'conflict', 'published')) NOT VALID;
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS benefit_plan_drafts_camunda_process_id
    ON benefit_plan_drafts (camunda_process_id) WHERE camunda_process_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS benefit_plan_drafts_submission_metadata
    ON benefit_plan_drafts USING gin (submission_metadata);

-- Submits a draft: only from 'draft'; returns the row, or nothing when the draft is missing or
-- not a draft (the caller says which).
CREATE OR REPLACE FUNCTION submit_draft_for_approval(
    p_draft_id text, p_submitted_by text, p_process_id text, p_metadata jsonb DEFAULT '{}'::jsonb
) RETURNS SETOF benefit_plan_drafts
LANGUAGE sql AS $$
    UPDATE benefit_plan_drafts
       SET status = 'submitted', camunda_process_id = p_process_id, submission_id = p_process_id,
           submission_metadata = submission_metadata || p_metadata
               || jsonb_build_object('submittedBy', p_submitted_by, 'submittedAt', now()),
           updated_by = p_submitted_by, updated_at = now()
     WHERE id::text = p_draft_id AND status = 'draft'
    RETURNING *;
$$;

-- Records the workflow's process instance for a draft (Retool's name for it is Camunda's).
CREATE OR REPLACE FUNCTION update_camunda_process_info(p_draft_id text, p_process_id text, p_metadata jsonb DEFAULT '{}'::jsonb)
RETURNS SETOF benefit_plan_drafts
LANGUAGE sql AS $$
    UPDATE benefit_plan_drafts
       SET camunda_process_id = p_process_id, submission_metadata = submission_metadata || p_metadata, updated_at = now()
     WHERE id::text = p_draft_id
    RETURNING *;
$$;

CREATE OR REPLACE FUNCTION get_draft_by_camunda_process(p_process_id text)
RETURNS SETOF benefit_plan_drafts
LANGUAGE sql STABLE AS $$
    SELECT * FROM benefit_plan_drafts WHERE camunda_process_id = p_process_id;
$$;

-- What Retool's list shows: each draft with where its workflow stands.
CREATE OR REPLACE VIEW draft_summary AS
SELECT id, name, status, created_by, updated_by, camunda_process_id, aidbox_id, aidbox_version, base_version,
       submission_metadata ->> 'submittedBy' AS submitted_by,
       CASE status
           WHEN 'draft' THEN 'not submitted'
           WHEN 'submitted' THEN 'in review'
           WHEN 'approved' THEN 'publishing'
           WHEN 'published' THEN 'published'
           WHEN 'rejected' THEN 'rejected'
           WHEN 'conflict' THEN 'conflict: the plan changed in Aidbox during review'
           ELSE status
       END AS workflow_status,
       camunda_process_id IS NOT NULL AND status IN ('submitted', 'approved') AS workflow_active,
       created_at, updated_at
FROM benefit_plan_drafts;
