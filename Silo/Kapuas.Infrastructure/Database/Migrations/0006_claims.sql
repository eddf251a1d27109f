-- Claims (issue 6): the caseworker queue's read model, scanned documents, and public holidays as data.

-- One row per claim, as the worker grain last published it. The grain is the truth; rebuilt with the roster.
CREATE TABLE IF NOT EXISTS app.claims (
    claim_id         uuid        PRIMARY KEY,
    worker_id        uuid        NOT NULL REFERENCES app.participants (worker_id) ON DELETE CASCADE,
    number           text        NOT NULL,
    claim_type       text        NOT NULL,
    state            text        NOT NULL,
    incident_at      timestamptz NOT NULL,
    opened_at        timestamptz NOT NULL,
    opened_by        text        NOT NULL,
    assigned_to      text        NOT NULL,
    covered          boolean     NOT NULL,
    missing_blocking integer     NOT NULL,
    next_due_at      timestamptz NULL,
    next_due_label   text        NULL,
    approved_amount  bigint      NULL,
    paid_amount      bigint      NULL,
    paid_on          date        NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_worker ON app.claims (worker_id);
CREATE INDEX IF NOT EXISTS claims_state ON app.claims (state, next_due_at);
CREATE INDEX IF NOT EXISTS claims_assigned ON app.claims (assigned_to, state);

-- Scanned claim documents (PDF/JPEG/PNG, type checked by content, size-limited by the application). A row is
-- written before the grain records it; rows the grain never recorded are orphans and can be swept.
CREATE TABLE IF NOT EXISTS app.claim_attachments (
    attachment_id uuid        PRIMARY KEY,
    worker_id     uuid        NOT NULL,
    claim_id      uuid        NOT NULL,
    document_kind text        NOT NULL,
    file_name     text        NOT NULL,
    content_type  text        NOT NULL,
    size_bytes    integer     NOT NULL CHECK (size_bytes > 0),
    sha256        bytea       NOT NULL,
    content       bytea       NOT NULL,
    uploaded_at   timestamptz NOT NULL,
    uploaded_by   text        NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_attachments_claim ON app.claim_attachments (worker_id, claim_id);

-- Public holidays besides the fixed-date ones the code knows (SKB 3 Menteri each year: Islamic, Chinese, Hindu,
-- Buddhist and Christian feasts, cuti bersama). Entered by administrators; the JKM payment clock skips them.
CREATE TABLE IF NOT EXISTS app.holidays (
    holiday_date date        PRIMARY KEY,
    name         text        NOT NULL,
    entered_by   text        NOT NULL,
    entered_at   timestamptz NOT NULL DEFAULT now()
);
