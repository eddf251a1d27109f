-- A renewal whose run fails again and again (issue 15): the reason it stopped, shown on the page and in the API, and
-- how many runs in a row ended in an error (the job marks it failed at RenewalStatuses.MaxAttempts; starting it again
-- resets both and resumes).
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS failure text NULL;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS failed_attempts integer NOT NULL DEFAULT 0;
