-- What an external-task worker reports beyond the error message when the task fails (Camunda's
-- errorDetails, often a stack trace), served by GET /external-task/{id}/errorDetails. Kept on the
-- job's row rather than in the instance's state: it can be long, and it goes with the job.
ALTER TABLE jobs ADD COLUMN error_details text;
