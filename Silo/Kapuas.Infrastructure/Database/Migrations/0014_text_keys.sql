-- The rules' texts kept in the read model, also as their text key and arguments (issue 17, part 3): a page shows them
-- in the reader's language (Kapuas.Domain.Common.DomainText). The Indonesian text stays in its column beside them;
-- rows written before this migration have only that, and are shown as they were kept.
ALTER TABLE app.continuity_assessments ADD COLUMN IF NOT EXISTS explanation_phrase jsonb NULL;
ALTER TABLE app.continuity_alerts ADD COLUMN IF NOT EXISTS message_phrase jsonb NULL;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS budget_problem_phrase jsonb NULL;
ALTER TABLE app.renewals ADD COLUMN IF NOT EXISTS bridge_budget_problem_phrase jsonb NULL;
ALTER TABLE app.renewal_items ADD COLUMN IF NOT EXISTS reason_phrase jsonb NULL;
